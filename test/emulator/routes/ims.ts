// Adobe IMS: POST /ims/token/v3, OAuth Server-to-Server (client_credentials) only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendImsError, sendJson } from '../http';
import type { EmulatorState } from '../state';
import { header } from './context';

export function handleTokenRequest(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	body: string,
	state: EmulatorState,
): void {
	if (req.method !== 'POST') {
		return sendImsError(res, 405, 'invalid_request', `method ${req.method} is not allowed`);
	}
	// Query strings end up in access logs, so IMS refuses secrets there outright.
	if (url.searchParams.has('client_secret')) {
		return sendImsError(
			res,
			400,
			'invalid_request',
			'client_secret must be sent in the request body',
		);
	}
	const contentType = header(req, 'content-type') ?? '';
	if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
		return sendImsError(
			res,
			400,
			'invalid_request',
			'Content-Type must be application/x-www-form-urlencoded',
		);
	}
	const form = new URLSearchParams(body);
	const { clientId, clientSecret, tokenLifetimeSeconds } = state.config;
	if (form.get('client_id') !== clientId) {
		return sendImsError(res, 400, 'invalid_client', 'invalid client_id parameter');
	}
	if (form.get('client_secret') !== clientSecret) {
		return sendImsError(res, 401, 'invalid_client', 'invalid client_secret parameter');
	}
	const grantType = form.get('grant_type');
	if (!grantType) return sendImsError(res, 400, 'invalid_request', 'missing grant_type parameter');
	if (grantType !== 'client_credentials') {
		return sendImsError(res, 400, 'unsupported_grant_type', `unsupported grant_type ${grantType}`);
	}
	sendJson(res, 200, {
		access_token: state.issueToken(),
		token_type: 'bearer',
		expires_in: tokenLifetimeSeconds,
	});
}
