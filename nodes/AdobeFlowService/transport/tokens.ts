import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { invalidParameter } from '../helpers/errors';
import type { ApiFailure } from '../helpers/errors';
import { ADOBE_CREDENTIAL_TYPE } from '../helpers/types';
import type { ExecutionState } from '../helpers/types';
import { describeBaseUrlProblem, normalizeBaseUrl } from '../helpers/urls';
import type { FlowServiceContext } from './types';

/**
 * The Adobe credential and its token, shared by every request of one execution: read and
 * checked once, a token fetched once for all items in flight, and refreshed once after a 401.
 */

const SANDBOX_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Reads the Adobe credential once per execution and checks it before anything is sent. */
export async function loadCredentials(
	this: FlowServiceContext,
	state: ExecutionState,
	itemIndex: number,
): Promise<void> {
	if (state.credentials) return;
	if (!state.memo.has('credentials')) {
		state.memo.set('credentials', this.getCredentials(ADOBE_CREDENTIAL_TYPE, itemIndex));
	}
	const data = (await state.memo.get('credentials')) as ICredentialDataDecryptedObject;
	if (state.credentials) return;
	checkCredentialValues.call(this, data, itemIndex);

	for (const key of ['clientSecret', 'accessToken', 'sessionToken']) {
		if (typeof data[key] === 'string' && data[key]) state.secrets.add(data[key] as string);
	}
	// n8n only runs preAuthentication when the token field is exactly '' (not missing).
	if (typeof data.sessionToken !== 'string') data.sessionToken = '';
	const reference = this.getNode().credentials?.[ADOBE_CREDENTIAL_TYPE];
	state.platformUrl = normalizeBaseUrl(String(data.platformUrl));
	state.credentials = {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: ADOBE_CREDENTIAL_TYPE,
		data,
	};
}

function checkCredentialValues(
	this: FlowServiceContext,
	data: ICredentialDataDecryptedObject,
	itemIndex: number,
): void {
	const fail = (field: string, problem: string) =>
		invalidParameter(this.getNode(), itemIndex, `Credential field "${field}"`, problem);
	const urlProblem = describeBaseUrlProblem('Platform URL', data.platformUrl);
	if (urlProblem) throw fail('Platform URL', `is not usable: ${urlProblem}`);
	if (data.authentication !== 'accessToken') {
		const imsProblem = describeBaseUrlProblem('IMS URL', data.imsUrl);
		if (imsProblem) throw fail('IMS URL', `is not usable: ${imsProblem}`);
	}
	for (const [key, label] of [
		['clientId', 'Client ID'],
		['imsOrgId', 'IMS Organization ID'],
	] as const) {
		if (typeof data[key] !== 'string' || !(data[key] as string).trim()) {
			throw fail(label, 'is empty');
		}
	}
	const sandbox = data.sandboxName;
	if (typeof sandbox !== 'string' || !SANDBOX_NAME.test(sandbox)) {
		throw fail(
			'Sandbox Name',
			`must be a lower-case sandbox name such as "prod", without spaces (got "${String(sandbox)}")`,
		);
	}
}

/** What a send came to: an answer of any status, or a failure without one. */
export type Sent<R> = R | { error: ApiFailure; fromCredential: true };

/**
 * Runs `send` so that, while no token is at hand, one request fetches it (the credential's
 * preAuthentication runs inside it) and holds the others back: an execution asks IMS once, not
 * once per item in flight. After a failed exchange, later requests fail at once with its reason.
 */
export async function withToken<R>(
	state: ExecutionState,
	send: () => Promise<R>,
	credentialFailureOf: (outcome: R) => ApiFailure | undefined,
): Promise<Sent<R>> {
	while (needsToken(state)) {
		if (state.credentialFailure) return { error: state.credentialFailure, fromCredential: true };
		if (state.tokenRefresh) {
			// Another item is fetching the token: wait, then look again (it may have failed).
			await state.tokenRefresh;
			continue;
		}
		let release = () => {};
		state.tokenRefresh = new Promise<void>((resolve) => (release = resolve));
		try {
			const outcome = await send();
			const failure = credentialFailureOf(outcome);
			if (failure) state.credentialFailure = failure;
			return outcome;
		} finally {
			state.tokenRefresh = undefined;
			release();
		}
	}
	return await send();
}

function needsToken(state: ExecutionState): boolean {
	const data = state.credentials?.data;
	return !!data && data.authentication !== 'accessToken' && !data.sessionToken;
}

/** Only a token n8n fetched itself can be renewed; a pasted one cannot. */
export function canRefreshToken(state: ExecutionState): boolean {
	return state.credentials?.data?.authentication !== 'accessToken';
}

export function currentSessionToken(state: ExecutionState): unknown {
	return state.credentials?.data?.sessionToken;
}

/** A token fetched during a request is scrubbed from every later message too. */
export function rememberSessionToken(state: ExecutionState): void {
	const token = state.credentials?.data?.sessionToken;
	if (typeof token === 'string' && token) state.secrets.add(token);
}

/**
 * Empties the stored token so that the next request runs the credential's preAuthentication,
 * which fetches a new one and has n8n store it. Items that saw the same stale token share it.
 */
export async function refreshSessionToken(
	state: ExecutionState,
	usedToken: unknown,
): Promise<void> {
	if (state.tokenRefresh) await state.tokenRefresh;
	const data = state.credentials?.data;
	if (data && data.sessionToken === usedToken) data.sessionToken = '';
}
