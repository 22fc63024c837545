import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ApiFailure } from '../helpers/errors';
import { ADOBE_CREDENTIAL_TYPE } from '../helpers/types';
import type { ExecutionState } from '../helpers/types';
import { serviceUrl } from './basePaths';
import { withToken } from './tokens';
import type { FlowServiceContext, FlowServiceRequest } from './types';

/** How long one HTTP call may take before it counts as failed. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export type SendOutcome =
	| { response: RawResponse }
	| { error: ApiFailure; fromCredential: boolean };

/**
 * One HTTP call, signed by the credential. Answers of any status come back as a response; a
 * failure without an answer (token exchange, dropped socket, time-out) comes back described.
 */
export async function sendOnce(
	this: FlowServiceContext,
	state: ExecutionState,
	request: FlowServiceRequest,
): Promise<SendOutcome> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: serviceUrl(state.platformUrl ?? '', request.service ?? 'flowService', request.path),
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
	return await withToken(state, send, (outcome) =>
		'error' in outcome && outcome.fromCredential ? outcome.error : undefined,
	);
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

export type ParsedBody =
	| { kind: 'json'; value: IDataObject }
	| { kind: 'empty' }
	| { kind: 'text'; hint: string };

export function parseBody(body: unknown): ParsedBody {
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

export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

export function flatHeaders(headers: Record<string, unknown>): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value !== undefined && value !== null) flat[key.toLowerCase()] = String(value);
	}
	return flat;
}
