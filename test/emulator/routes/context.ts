// What every route handler gets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from '../state';

export interface RouteContext {
	req: IncomingMessage;
	res: ServerResponse;
	state: EmulatorState;
	url: URL;
	/** The path below the Flow Service base path, e.g. `/connections/abc`. */
	path: string;
	body: string;
	requestId: string;
	/** Set once the gateway checks have passed. */
	sandboxName: string;
	/** The caller, as Adobe records it in createdBy/createdClient. */
	clientId: string;
}

export function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}
