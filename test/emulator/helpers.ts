// Small fetch helpers for the emulator's own tests.
import { FLOW_BASE_PATH } from './paths';
import type { FlowServiceEmulator } from './server';

export const SCOPES =
	'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext';

export interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

export async function requestToken(
	emulator: FlowServiceEmulator,
	overrides: Record<string, string | undefined> = {},
): Promise<CallResult> {
	const form: Record<string, string> = {};
	const fields = {
		client_id: emulator.credentials.clientId,
		client_secret: emulator.credentials.clientSecret,
		grant_type: 'client_credentials',
		scope: SCOPES,
		...overrides,
	};
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) form[key] = value;
	const response = await fetch(emulator.tokenUrl, {
		method: 'POST',
		body: new URLSearchParams(form),
	});
	return toResult(response);
}

export async function getToken(emulator: FlowServiceEmulator): Promise<string> {
	const result = await requestToken(emulator);
	if (result.status !== 200) throw new Error(`token request failed: ${result.text}`);
	return result.body.access_token as string;
}

export async function toResult(response: Response): Promise<CallResult> {
	const text = await response.text();
	let body: unknown;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, text, body };
}

export interface CallOptions {
	method?: string;
	body?: unknown;
	/** Header overrides; undefined removes a default header. */
	headers?: Record<string, string | undefined>;
	token: string;
	signal?: AbortSignal;
}

/** Calls Flow Service with the four headers Adobe requires (and JSON content type for bodies). */
export function callFlow(
	emulator: FlowServiceEmulator,
	path: string,
	options: CallOptions,
): Promise<CallResult> {
	return callPlatform(emulator, `${FLOW_BASE_PATH}${path}`, options);
}

/** The same for any platform path, e.g. /data/foundation/catalog/dataSets. */
export async function callPlatform(
	emulator: FlowServiceEmulator,
	path: string,
	options: CallOptions,
): Promise<CallResult> {
	const { clientId, imsOrgId, sandboxName } = emulator.credentials;
	const merged: Record<string, string | undefined> = {
		authorization: `Bearer ${options.token}`,
		'x-api-key': clientId,
		'x-gw-ims-org-id': imsOrgId,
		'x-sandbox-name': sandboxName,
		...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
		...options.headers,
	};
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(merged)) if (value !== undefined) headers[key] = value;
	const body =
		options.body === undefined
			? undefined
			: typeof options.body === 'string'
				? options.body
				: JSON.stringify(options.body);
	const response = await fetch(`${emulator.url}${path}`, {
		method: options.method ?? 'GET',
		headers,
		body,
		signal: options.signal,
	});
	return toResult(response);
}

export function redshiftConnectionBody(name = 'Redshift', params: Record<string, unknown> = {}) {
	return {
		name,
		description: 'created by the emulator tests',
		auth: {
			specName: 'Basic Authentication',
			params: {
				server: 'examplecluster.abc123.us-west-2.redshift.amazonaws.com',
				database: 'dev',
				username: 'awsuser',
				password: 'hunter2',
				...params,
			},
		},
		connectionSpec: { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' },
	};
}
