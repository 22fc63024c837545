import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { invalidParameter, summarizeAdobeError, toNodeApiError } from '../helpers/errors';
import type { ApiFailure } from '../helpers/errors';
import { ADOBE_CREDENTIAL_TYPE, FLOW_SERVICE_BASE_PATH } from '../helpers/types';
import type { ExecutionState } from '../helpers/types';
import { describeBaseUrlProblem, normalizeBaseUrl } from '../helpers/urls';

/** How long one HTTP call may take before it counts as failed. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Tries per request, the first one included. */
const MAX_ATTEMPTS = 4;
/** Back-off before retry n (1-based) is about BASE * 2^(n-1), with jitter, capped. */
const BACKOFF_BASE_MS = 300;
const BACKOFF_CAP_MS = 8_000;
/** A Retry-After longer than this is not waited out: the request fails with a clear message. */
export const MAX_RETRY_AFTER_MS = 30_000;
/** All waiting for one request together stays below this. */
const MAX_TOTAL_WAIT_MS = 60_000;

const RETRYABLE_GET_STATUSES = new Set([500, 502, 503, 504]);
const SANDBOX_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Node executions and the editor's pickers (listSearch) both send through here. */
export type FlowServiceContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface FlowServiceRequest {
	method: IHttpRequestMethods;
	/** Path below the Flow Service base path, e.g. `/connections`, or a `_links.next.href`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	timeoutMs?: number;
	/**
	 * For a create: after a failure that leaves it unknown whether Adobe processed the request
	 * (5xx, time-out, dropped connection), look for what it would have created. Return it, and
	 * the request counts as done; return undefined to prove nothing was created, and it is sent
	 * again. Without this, such a request is never sent twice.
	 */
	findCreated?: () => Promise<IDataObject | undefined>;
}

export interface FlowServiceResponse {
	status: number;
	headers: Record<string, string>;
	/** The parsed JSON body; an empty object for 204 and other empty answers that are allowed. */
	body: IDataObject;
	/** How many HTTP calls this request took, retries included. */
	attempts: number;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * The one place that sends HTTP to Flow Service. It signs requests through the credential
 * (`httpRequestWithAuthentication`), retries what is safe to retry, refreshes an expired token
 * once for all items in flight, and turns every failure into a NodeApiError that names
 * Adobe's code and says how to fix it.
 */
export async function flowServiceRequest(
	this: FlowServiceContext,
	state: ExecutionState,
	request: FlowServiceRequest,
	itemIndex: number,
): Promise<FlowServiceResponse> {
	await loadCredentials.call(this, state, itemIndex);
	const isIdempotent = request.method === 'GET';
	// A live view of the set: a token fetched during this request is scrubbed too.
	const secrets = state.secrets;
	let waitedMs = 0;
	let refreshedToken = false;
	let createdChecked = false;

	for (let attempt = 1; ; attempt++) {
		const usedToken = currentSessionToken(state);
		const outcome = await sendOnce.call(this, state, request);
		rememberSessionToken(state);

		let failure: ApiFailure;
		let retryAfterMs: number | undefined;
		let retryable = false;
		if ('error' in outcome) {
			failure = outcome.error;
			retryable = isIdempotent && !outcome.fromCredential;
			if (!isIdempotent && !outcome.fromCredential) {
				failure.advice = notReplayedAdvice(request.method);
			}
			if (outcome.fromCredential) {
				throw toNodeApiError(this.getNode(), failure, itemIndex, secrets);
			}
		} else {
			const { statusCode, headers, body } = outcome.response;
			const parsed = parseBody(body);
			const requestId = headerValue(headers, 'x-request-id');
			if (statusCode >= 200 && statusCode < 300) {
				if (parsed.kind === 'json') {
					return {
						status: statusCode,
						headers: flatHeaders(headers),
						body: parsed.value,
						attempts: attempt,
					};
				}
				// A 2xx to a DELETE means it was done, whatever its body says.
				if (request.method === 'DELETE' || (parsed.kind === 'empty' && statusCode === 204)) {
					return { status: statusCode, headers: flatHeaders(headers), body: {}, attempts: attempt };
				}
				failure = {
					status: statusCode,
					summary: { requestId },
					problem:
						parsed.kind === 'empty'
							? `Adobe answered HTTP ${statusCode} with an empty body where JSON was expected`
							: `Adobe answered HTTP ${statusCode} with a body that is not valid JSON${parsed.hint}`,
				};
				// A truncated or empty answer to a read is worth another try.
				retryable = isIdempotent;
				if (!isIdempotent) failure.advice = notReplayedAdvice(request.method);
			} else {
				failure = {
					status: statusCode,
					summary: summarizeAdobeError(
						parsed.kind === 'json' ? parsed.value : undefined,
						requestId,
					),
					problem:
						parsed.kind === 'text'
							? `Adobe answered HTTP ${statusCode} with a non-JSON page${parsed.hint}`
							: undefined,
				};
				if (statusCode === 401 && !refreshedToken && canRefreshToken(state)) {
					// The token expired or was revoked: get a new one (once) and send again. Nothing
					// was processed, so this is safe for a create too.
					refreshedToken = true;
					await refreshSessionToken(state, usedToken);
					attempt--;
					continue;
				}
				if (statusCode === 429) {
					retryable = true;
					retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'));
				} else if (RETRYABLE_GET_STATUSES.has(statusCode)) {
					retryable = isIdempotent;
					retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'));
					if (!isIdempotent) failure.advice = notReplayedAdvice(request.method);
				}
			}
		}

		if (isAmbiguousCreateFailure(isIdempotent, outcome) && request.findCreated && !createdChecked) {
			// Look before sending again: a create is replayed only once it is proven not to exist.
			createdChecked = true;
			const created = await request.findCreated().catch(() => null);
			if (created) return { status: 200, headers: {}, body: created, attempts: attempt };
			if (created === undefined && attempt < MAX_ATTEMPTS) {
				retryable = true;
				failure.advice = undefined;
			}
		}
		if (!retryable || attempt >= MAX_ATTEMPTS) {
			if (retryable) failure.advice = `Gave up after ${attempt} tries.`;
			throw toNodeApiError(this.getNode(), failure, itemIndex, secrets);
		}
		if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
			failure.advice = `Adobe asked to wait ${Math.round(retryAfterMs / 1000)} s before retrying (Retry-After), longer than the ${MAX_RETRY_AFTER_MS / 1000} s this node waits. Run it again later.`;
			throw toNodeApiError(this.getNode(), failure, itemIndex, secrets);
		}
		const delayMs = retryAfterMs ?? backoffDelay(attempt);
		if (waitedMs + delayMs > MAX_TOTAL_WAIT_MS) {
			failure.advice = `Gave up after ${attempt} tries and ${Math.round(waitedMs / 1000)} s of waiting.`;
			throw toNodeApiError(this.getNode(), failure, itemIndex, secrets);
		}
		waitedMs += delayMs;
		await sleep(delayMs);
	}
}

/** A create that failed without saying whether Adobe processed it. */
function isAmbiguousCreateFailure(isIdempotent: boolean, outcome: SendOutcome): boolean {
	if (isIdempotent) return false;
	if ('error' in outcome) return !outcome.fromCredential;
	return outcome.response.statusCode >= 500 || outcome.response.statusCode < 300;
}

/** Why a request that may have reached Adobe was not sent again. */
function notReplayedAdvice(method: IHttpRequestMethods): string {
	if (method === 'DELETE') {
		return 'The delete may have reached Adobe, so it was not sent again. Check with Get whether the connection still exists.';
	}
	return 'The request may have reached Adobe, so it was not sent again: a second create could leave a duplicate connection. Check with Get Many before running it again.';
}
type SendOutcome = { response: RawResponse } | { error: ApiFailure; fromCredential: boolean };

/** One HTTP call. Answers of any status come back as a response; only transport failures throw. */
async function sendOnce(
	this: FlowServiceContext,
	state: ExecutionState,
	request: FlowServiceRequest,
): Promise<SendOutcome> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${state.baseUrl}${request.path}`,
		qs: request.qs,
		headers: {
			Accept: 'application/json',
			...(request.body && { 'Content-Type': 'application/json' }),
			...request.headers,
		},
		body: request.body,
		json: true,
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const send = async (): Promise<SendOutcome> => {
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				ADOBE_CREDENTIAL_TYPE,
				options,
				{ credentialsDecrypted: state.credentials },
			)) as RawResponse;
			return { response };
		} catch (error) {
			return describeTransportFailure(error);
		}
	};

	// While no token is at hand, let one request fetch it and hold the others back, so that
	// an execution asks IMS once, not once per item in flight.
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
			if ('error' in outcome && outcome.fromCredential) state.credentialFailure = outcome.error;
			return outcome;
		} finally {
			state.tokenRefresh = undefined;
			release();
		}
	}
	return await send();
}

/** A failure without an HTTP answer: the token exchange failed, the socket dropped, or time ran out. */
function describeTransportFailure(error: unknown): SendOutcome {
	const failure = error as { message?: string; messages?: string[]; description?: string };
	const texts = [failure.message ?? '', ...(failure.messages ?? [])].join(' | ');
	// Our credential's own messages (token exchange, URL checks) are already clean and final.
	const credentialMessage = [failure.message, ...(failure.messages ?? [])].find(
		(text) =>
			typeof text === 'string' &&
			/^(Adobe IMS|Could not reach Adobe IMS|Platform URL|IMS URL)/.test(text),
	);
	if (credentialMessage) {
		return { error: { summary: {}, problem: credentialMessage }, fromCredential: true };
	}
	const timedOut = /timeout|timed out|ETIMEDOUT|ECONNABORTED/i.test(texts);
	return {
		error: {
			summary: {},
			problem: timedOut
				? 'Adobe did not answer in time (the request timed out)'
				: 'The connection to Adobe failed before an answer came (it was refused or dropped)',
		},
		fromCredential: false,
	};
}

/** Reads the Adobe credential once per execution and checks it before anything is sent. */
async function loadCredentials(
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
	state.baseUrl = `${normalizeBaseUrl(String(data.platformUrl))}${FLOW_SERVICE_BASE_PATH}`;
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

function needsToken(state: ExecutionState): boolean {
	const data = state.credentials?.data;
	return !!data && data.authentication !== 'accessToken' && !data.sessionToken;
}

function canRefreshToken(state: ExecutionState): boolean {
	return state.credentials?.data?.authentication !== 'accessToken';
}

function currentSessionToken(state: ExecutionState): unknown {
	return state.credentials?.data?.sessionToken;
}

function rememberSessionToken(state: ExecutionState): void {
	const token = state.credentials?.data?.sessionToken;
	if (typeof token === 'string' && token) state.secrets.add(token);
}

/**
 * Empties the stored token so that the next request runs the credential's preAuthentication,
 * which fetches a new one and has n8n store it. Items that saw the same stale token share it.
 */
async function refreshSessionToken(state: ExecutionState, usedToken: unknown): Promise<void> {
	if (state.tokenRefresh) await state.tokenRefresh;
	const data = state.credentials?.data;
	if (data && data.sessionToken === usedToken) data.sessionToken = '';
}

type ParsedBody =
	| { kind: 'json'; value: IDataObject }
	| { kind: 'empty' }
	| { kind: 'text'; hint: string };

function parseBody(body: unknown): ParsedBody {
	if (body === undefined || body === null || body === '') return { kind: 'empty' };
	if (typeof body === 'object') {
		return { kind: 'json', value: body as IDataObject };
	}
	const text = String(body);
	if (!text.trim()) return { kind: 'empty' };
	try {
		const value = JSON.parse(text) as unknown;
		if (value && typeof value === 'object') return { kind: 'json', value: value as IDataObject };
	} catch {
		// fall through: not JSON
	}
	const title = text.match(/<title>([^<]{1,120})<\/title>/i)?.[1]?.trim();
	const looksHtml = /^\s*</.test(text);
	return {
		kind: 'text',
		hint: title ? ` ("${title}")` : looksHtml ? ' (an HTML page, perhaps from a proxy)' : '',
	};
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

function flatHeaders(headers: Record<string, unknown>): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value !== undefined && value !== null) flat[key.toLowerCase()] = String(value);
	}
	return flat;
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
