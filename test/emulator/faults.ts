// Fault injection: a queue of faults, each hitting the next N matching requests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CATALOG_BASE_PATH, CONVERSION_BASE_PATH, FLOW_BASE_PATH } from './paths';
import { flowErrorBody, sendJson } from './http';
import type { Fault, FaultMatch, FaultPlan, RequestFault, Service } from './types';

export interface RequestInfo {
	method: string;
	path: string;
	service: Service;
}

const BASE_PATHS = [FLOW_BASE_PATH, CATALOG_BASE_PATH, CONVERSION_BASE_PATH];

function pathMatches(pattern: string | RegExp, path: string): boolean {
	if (pattern instanceof RegExp) return pattern.test(path);
	const base = BASE_PATHS.find((candidate) => path.startsWith(`${candidate}/`));
	const belowBase = base ? path.slice(base.length) : undefined;
	return pattern === path || pattern === belowBase;
}

function matches(match: FaultMatch | undefined, request: RequestInfo): boolean {
	if (!match) return true;
	if (match.method && match.method.toUpperCase() !== request.method.toUpperCase()) return false;
	if (match.service && match.service !== request.service) return false;
	if (match.path !== undefined && !pathMatches(match.path, request.path)) return false;
	return true;
}

export class FaultQueue {
	readonly plans: FaultPlan[] = [];

	/** Tokens that go bad once `remaining` more Flow Service calls have passed. */
	private pendingExpiry?: { remaining: number; tokens: string[] };

	add(fault: Fault, currentTokens: () => string[]): void {
		if (fault.kind === 'expireToken') {
			this.pendingExpiry = { remaining: Math.max(0, fault.afterCalls), tokens: currentTokens() };
			return;
		}
		const times = fault.times ?? 1;
		if (times > 0) this.plans.push({ fault, remaining: times });
	}

	clear(): void {
		this.plans.length = 0;
		this.pendingExpiry = undefined;
	}

	/** Takes one hit of the first fault matching the request, if any. */
	take(request: RequestInfo): RequestFault | undefined {
		const index = this.plans.findIndex((plan) => matches(plan.fault.match, request));
		if (index === -1) return undefined;
		const plan = this.plans[index];
		plan.remaining -= 1;
		if (plan.remaining <= 0) this.plans.splice(index, 1);
		return plan.fault;
	}

	/**
	 * Counts one Flow Service call against a pending expireToken fault. Returns the tokens to
	 * revoke when the call is the first one past the allowance.
	 */
	countFlowCall(): string[] | undefined {
		const expiry = this.pendingExpiry;
		if (!expiry) return undefined;
		if (expiry.remaining > 0) {
			expiry.remaining -= 1;
			return undefined;
		}
		this.pendingExpiry = undefined;
		return expiry.tokens;
	}
}

const HTML_PAGE = (status: number, reason: string) =>
	`<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

function defaultStatusBody(status: number, requestId: string): unknown {
	// Flow Service's own retryable codes for 500/503/504; the gateway shape otherwise.
	const flowCodes: Record<number, [string, string]> = {
		500: ['1102', 'Internal Error'],
		503: ['1103', 'Service Unavailable'],
		504: ['1104', 'Gateway Timeout'],
	};
	const flow = flowCodes[status];
	if (flow) {
		return flowErrorBody(
			{
				code: flow[0],
				status,
				title: flow[1],
				detail: `${flow[1]} (injected by the emulator). Please try again.`,
			},
			requestId,
		);
	}
	// Adobe's API gateway answers throttled calls with this body.
	if (status === 429) return { error_code: '429050', message: 'Too many requests' };
	return { error_code: String(status), message: `Injected status ${status}` };
}

/**
 * Sends the fault's response. Returns the status sent, or 0 when nothing is sent (drop, hang).
 * `hang` leaves the request open; the server destroys its socket on close().
 */
export function applyFault(
	fault: RequestFault,
	req: IncomingMessage,
	res: ServerResponse,
	requestId: string,
): number {
	switch (fault.kind) {
		case 'status': {
			const body = fault.body ?? defaultStatusBody(fault.status, requestId);
			if (typeof body === 'string') {
				res.writeHead(fault.status, {
					'content-type': 'text/plain;charset=utf-8',
					'x-request-id': requestId,
					...fault.headers,
				});
				res.end(body);
			} else {
				sendJson(res, fault.status, body, { 'x-request-id': requestId, ...fault.headers });
			}
			return fault.status;
		}
		case 'drop':
			req.socket.destroy();
			return 0;
		case 'hang':
			return 0;
		case 'malformed': {
			// Cut off mid-string, as when a proxy truncates the body.
			const text = '{"items":[{"id":"3416976c-a9ca-4bba-901a-1f08f66978ff","name":"amazon-reds';
			res.writeHead(200, {
				'content-type': 'application/json;charset=utf-8',
				'content-length': Buffer.byteLength(text),
			});
			res.end(text);
			return 200;
		}
		case 'html': {
			const status = fault.status ?? 502;
			const reasons: Record<number, string> = {
				502: 'Bad Gateway',
				503: 'Service Temporarily Unavailable',
				504: 'Gateway Time-out',
			};
			const text = HTML_PAGE(status, reasons[status] ?? 'Error');
			res.writeHead(status, {
				'content-type': 'text/html',
				'content-length': Buffer.byteLength(text),
			});
			res.end(text);
			return status;
		}
		case 'empty':
			res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': 0 });
			res.end();
			return 200;
	}
}
