import type { IHttpRequestMethods } from 'n8n-workflow';

import { summarizeAdobeError } from '../helpers/errors';
import type { ApiFailure } from '../helpers/errors';
import { flatHeaders, headerValue, parseBody } from './send';
import type { SendOutcome } from './send';
import type { FlowServiceResponse } from './types';

/**
 * What is safe to send again, and when: reads (GET) are retried after 5xx, 429, dropped
 * connections and unreadable answers; writes only after 429 (Adobe processed nothing) or once a
 * create's `findCreated` proved it did not go through. Waits back off exponentially, honour
 * Retry-After, and stay within a budget.
 */

/** Tries per request, the first one included. */
export const MAX_ATTEMPTS = 4;
/** Back-off before retry n (1-based) is about BASE * 2^(n-1), with jitter, capped. */
const BACKOFF_BASE_MS = 300;
const BACKOFF_CAP_MS = 8_000;
/** A Retry-After longer than this is not waited out: the request fails with a clear message. */
export const MAX_RETRY_AFTER_MS = 30_000;
/** All waiting for one request together stays below this. */
const MAX_TOTAL_WAIT_MS = 60_000;

const RETRYABLE_GET_STATUSES = new Set([500, 502, 503, 504]);

/** One attempt's outcome, judged. */
export type Assessment =
	| { kind: 'done'; response: Omit<FlowServiceResponse, 'attempts'> }
	| {
			kind: 'failed';
			failure: ApiFailure;
			/** Worth sending again, as far as the answer tells. */
			retryable: boolean;
			retryAfterMs?: number;
			/** The credential itself failed (token exchange): final, never retried. */
			fromCredential: boolean;
			/** HTTP 401: a new token may help. */
			unauthorized: boolean;
	  };

export function assessOutcome(outcome: SendOutcome, method: IHttpRequestMethods): Assessment {
	const isIdempotent = method === 'GET';
	if ('error' in outcome) {
		const failure = outcome.error;
		if (!isIdempotent && !outcome.fromCredential) failure.advice = notReplayedAdvice(method);
		return {
			kind: 'failed',
			failure,
			retryable: isIdempotent && !outcome.fromCredential,
			fromCredential: outcome.fromCredential,
			unauthorized: false,
		};
	}
	const { statusCode, headers, body } = outcome.response;
	const parsed = parseBody(body);
	const requestId = headerValue(headers, 'x-request-id');
	const failed = (failure: ApiFailure, retryable: boolean, retryAfterMs?: number): Assessment => ({
		kind: 'failed',
		failure,
		retryable,
		retryAfterMs,
		fromCredential: false,
		unauthorized: statusCode === 401,
	});
	if (statusCode >= 200 && statusCode < 300) {
		if (parsed.kind === 'json') {
			return {
				kind: 'done',
				response: { status: statusCode, headers: flatHeaders(headers), body: parsed.value },
			};
		}
		// A 2xx to a DELETE means it was done, whatever its body says.
		if (method === 'DELETE' || (parsed.kind === 'empty' && statusCode === 204)) {
			return {
				kind: 'done',
				response: { status: statusCode, headers: flatHeaders(headers), body: {} },
			};
		}
		const failure: ApiFailure = {
			status: statusCode,
			summary: { requestId },
			problem:
				parsed.kind === 'empty'
					? `Adobe answered HTTP ${statusCode} with an empty body where JSON was expected`
					: `Adobe answered HTTP ${statusCode} with a body that is not valid JSON${parsed.hint}`,
		};
		// A truncated or empty answer to a read is worth another try.
		if (!isIdempotent) failure.advice = notReplayedAdvice(method);
		return failed(failure, isIdempotent);
	}
	const failure: ApiFailure = {
		status: statusCode,
		summary: summarizeAdobeError(parsed.kind === 'json' ? parsed.value : undefined, requestId),
		problem:
			parsed.kind === 'text'
				? `Adobe answered HTTP ${statusCode} with a non-JSON page${parsed.hint}`
				: undefined,
	};
	const retryAfter = () => parseRetryAfter(headerValue(headers, 'retry-after'));
	if (statusCode === 429) return failed(failure, true, retryAfter());
	if (RETRYABLE_GET_STATUSES.has(statusCode)) {
		if (!isIdempotent) failure.advice = notReplayedAdvice(method);
		return failed(failure, isIdempotent, retryAfter());
	}
	return failed(failure, false);
}

/** A create that failed without saying whether Adobe processed it. */
export function isAmbiguousCreateFailure(
	method: IHttpRequestMethods,
	outcome: SendOutcome,
): boolean {
	if (method === 'GET') return false;
	if ('error' in outcome) return !outcome.fromCredential;
	return outcome.response.statusCode >= 500 || outcome.response.statusCode < 300;
}

/**
 * How long to wait before the next try, or why not to try again (the advice to show). `waitedMs`
 * is what this request has waited so far.
 */
export function nextRetry(
	retryAfterMs: number | undefined,
	attempt: number,
	waitedMs: number,
): { delayMs: number } | { giveUp: string } {
	if (attempt >= MAX_ATTEMPTS) return { giveUp: `Gave up after ${attempt} tries.` };
	if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
		return {
			giveUp: `Adobe asked to wait ${Math.round(retryAfterMs / 1000)} s before retrying (Retry-After), longer than the ${MAX_RETRY_AFTER_MS / 1000} s this node waits. Run it again later.`,
		};
	}
	const delayMs = retryAfterMs ?? backoffDelay(attempt);
	if (waitedMs + delayMs > MAX_TOTAL_WAIT_MS) {
		return {
			giveUp: `Gave up after ${attempt} tries and ${Math.round(waitedMs / 1000)} s of waiting.`,
		};
	}
	return { delayMs };
}

/** Why a request that may have reached Adobe was not sent again. */
function notReplayedAdvice(method: IHttpRequestMethods): string {
	if (method === 'DELETE') {
		return 'The delete may have reached Adobe, so it was not sent again. Check with Get whether the connection still exists.';
	}
	return 'The request may have reached Adobe, so it was not sent again: a second create could leave a duplicate connection. Check with Get Many before running it again.';
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential back-off with "equal jitter": half the step fixed, half random. */
function backoffDelay(attempt: number): number {
	const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
	return Math.round(step / 2 + Math.random() * (step / 2));
}
