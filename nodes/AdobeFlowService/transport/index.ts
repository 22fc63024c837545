import { sleep } from 'n8n-workflow';

import { toNodeApiError } from '../helpers/errors';
import { cancelSignalOf } from '../helpers/hostFeatures';
import type { CancellableContext } from '../helpers/hostFeatures';
import type { ApiFailure } from '../helpers/errors';
import type { ExecutionState } from '../helpers/types';
import { assessOutcome, isAmbiguousCreateFailure, MAX_ATTEMPTS, nextRetry } from './retry';
import { sendOnce } from './send';
import {
	canRefreshToken,
	currentSessionToken,
	loadCredentials,
	refreshSessionToken,
	rememberSessionToken,
} from './tokens';
import type { FlowServiceContext, FlowServiceRequest, FlowServiceResponse } from './types';

export { FLOW_SERVICE_BASE_PATH, SERVICE_BASE_PATHS } from './basePaths';
export type { PlatformService } from './basePaths';
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry';
export { DEFAULT_TIMEOUT_MS } from './send';
export type { FlowServiceContext, FlowServiceRequest, FlowServiceResponse } from './types';

/**
 * The one place that sends HTTP to Experience Platform (Flow Service, and Data Prep or Catalog
 * when `request.service` says so). It signs requests through the credential
 * (`httpRequestWithAuthentication`), retries what is safe to retry (retry.ts), refreshes an
 * expired token once for all items in flight (tokens.ts), and turns every failure into a
 * NodeApiError that names Adobe's code and says how to fix it.
 */
export async function flowServiceRequest(
	this: FlowServiceContext,
	state: ExecutionState,
	request: FlowServiceRequest,
	itemIndex: number,
): Promise<FlowServiceResponse> {
	await loadCredentials.call(this, state, itemIndex);
	// The execution's scrubber reads the live set: a token fetched during this request is scrubbed too.
	const fail = (failure: ApiFailure) =>
		toNodeApiError(this.getNode(), failure, itemIndex, state.scrub);
	let waitedMs = 0;
	let refreshedToken = false;
	let createdChecked = false;

	for (let attempt = 1; ; attempt++) {
		const usedToken = currentSessionToken(state);
		const outcome = await sendOnce.call(this, state, request);
		rememberSessionToken(state);

		const assessment = assessOutcome(outcome, request.method);
		if (assessment.kind === 'done') return { ...assessment.response, attempts: attempt };
		const { failure, fromCredential, retryAfterMs } = assessment;
		let retryable = assessment.retryable;
		if (fromCredential) throw fail(failure);
		if (assessment.unauthorized && !refreshedToken && canRefreshToken(state)) {
			// The token expired or was revoked: get a new one (once) and send again. Nothing was
			// processed, so this is safe for a create too.
			refreshedToken = true;
			await refreshSessionToken(state, usedToken);
			attempt--;
			continue;
		}
		if (
			isAmbiguousCreateFailure(request.method, outcome) &&
			request.findCreated &&
			!createdChecked
		) {
			// Look before sending again: a create is replayed only once it is proven not to exist.
			createdChecked = true;
			const created = await request.findCreated().catch(() => null);
			if (created) return { status: 200, headers: {}, body: created, attempts: attempt };
			if (created === undefined && attempt < MAX_ATTEMPTS) {
				retryable = true;
				failure.advice = undefined;
			}
		}
		// A cancelled execution sends nothing more.
		if (!retryable || cancelSignalOf(this as CancellableContext)?.aborted) throw fail(failure);
		const next = nextRetry(retryAfterMs, attempt, waitedMs);
		if ('giveUp' in next) {
			failure.advice = next.giveUp;
			throw fail(failure);
		}
		waitedMs += next.delayMs;
		await sleep(next.delayMs);
	}
}
