// The checks Adobe's API gateway (then Flow Service) runs before any route, in Adobe's order.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { flowErrors, sendFlowError, sendGatewayError } from './http';
import { header } from './routes/context';
import type { EmulatorState } from './state';

function bearerToken(req: IncomingMessage): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
	return match?.[1];
}

/** Returns the sandbox name when every check passes; otherwise answers and returns undefined. */
export function checkGateway(
	req: IncomingMessage,
	res: ServerResponse,
	state: EmulatorState,
	requestId: string,
): string | undefined {
	const { clientId, imsOrgId, sandboxes } = state.config;
	const token = bearerToken(req);
	if (!token) return void sendGatewayError(res, 403, '403010', 'Oauth token is missing.');
	if (!state.isTokenValid(token)) {
		return void sendGatewayError(res, 401, '401013', 'Oauth token is not valid');
	}
	const apiKey = header(req, 'x-api-key');
	if (!apiKey) return void sendGatewayError(res, 403, '403000', 'Api Key is required');
	if (apiKey !== clientId) return void sendGatewayError(res, 403, '403003', 'Api Key is invalid');
	const org = header(req, 'x-gw-ims-org-id');
	if (!org) return void sendGatewayError(res, 400, '400003', 'Missing header x-gw-ims-org-id');
	// A wrong org, or one without an AEP product profile, shows up as a missing user region.
	if (org !== imsOrgId) return void sendGatewayError(res, 403, '403027', 'User region is missing');
	const sandbox = header(req, 'x-sandbox-name');
	if (!sandbox) return void sendFlowError(res, requestId, flowErrors.sandboxMissing().input);
	if (!sandboxes.has(sandbox)) {
		return void sendFlowError(res, requestId, flowErrors.sandboxNotFound(sandbox).input);
	}
	return sandbox;
}
