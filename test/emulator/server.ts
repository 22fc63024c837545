// A local stand-in for Adobe IMS and the Flow Service API, for tests and manual runs.
// One origin serves all: IMS at /ims/token/v3, Flow Service below /data/foundation/flowservice,
// Catalog below /data/foundation/catalog, Data Prep below /data/foundation/conversion.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { applyFault } from './faults';
import { checkGateway } from './gateway';
import { FlowError, flowErrors, sendFlowError, sendProblem } from './http';
import { onboardingHooks, type OnboardingHooks } from './hooks';
import { ADMIN_BASE_PATH, FLOW_BASE_PATH, IMS_TOKEN_PATH } from './paths';
import { parseJsonBody, queryRecord, readBody } from './request';
import { handleAdmin } from './routes/admin';
import { handleTokenRequest } from './routes/ims';
import { platformService } from './routes/platform';
import { EmulatorState } from './state';
import type {
	EmulatorOptions,
	Fault,
	FaultPlan,
	RecordedRequest,
	Service,
	StoredConnection,
} from './types';

export type {
	AuthSpec,
	ConnectionSpec,
	EmulatorOptions,
	ExpireTokenFault,
	Fault,
	FaultMatch,
	FaultPlan,
	RecordedRequest,
	RequestFault,
	Service,
	StoredConnection,
} from './types';
export { CATALOG_BASE_PATH, CONVERSION_BASE_PATH, FLOW_BASE_PATH, IMS_TOKEN_PATH } from './paths';
export type { OnboardingHooks } from './hooks';
export type * from './data/entities';
export type { FinishedOutcome, RunOptions, RunOutcome } from './data/runs';
export { MASK, DEFAULT_LIMIT, MAX_LIMIT } from './routes/connections';

export const DEFAULT_CREDENTIALS = {
	clientId: 'emulator-client-id',
	clientSecret: 'emulator-client-secret',
	imsOrgId: 'EMULATOR0000000000000000@AdobeOrg',
	sandboxName: 'prod',
} as const;

/** IMS's real lifetime: 24 h less a second. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 86399;

export interface FlowServiceEmulator extends OnboardingHooks {
	/** Origin, e.g. http://127.0.0.1:PORT; use it as both the IMS URL and the platform URL. */
	url: string;
	port: number;
	/** `${url}/ims/token/v3` */
	tokenUrl: string;
	/** `${url}/data/foundation/flowservice` */
	baseUrl: string;
	credentials: { clientId: string; clientSecret: string; imsOrgId: string; sandboxName: string };
	/** The request log, in arrival order. */
	requests: RecordedRequest[];
	/** Every access token IMS has issued. */
	tokensIssued: string[];
	/** Stored connections with their auth params unmasked, for assertions. */
	connections: Map<string, StoredConnection>;
	/** Queued request faults and their remaining hits (read-only view). */
	readonly faults: readonly FaultPlan[];
	inject(fault: Fault): void;
	clearFaults(): void;
	setLatency(ms: number): void;
	/** Every token issued so far becomes invalid (401013). */
	expireTokens(): void;
	/** DELETE of the connection then fails with FLOW-1418-400; pass false to undo. */
	markInUse(connectionId: string, inUse?: boolean): void;
	setTestResult(connectionId: string, ok: boolean): void;
	/** Clears the log, connections, faults, tokens and latency. */
	reset(): void;
	close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<FlowServiceEmulator> {
	const credentials = {
		clientId: options.clientId ?? DEFAULT_CREDENTIALS.clientId,
		clientSecret: options.clientSecret ?? DEFAULT_CREDENTIALS.clientSecret,
		imsOrgId: options.imsOrgId ?? DEFAULT_CREDENTIALS.imsOrgId,
		sandboxName: DEFAULT_CREDENTIALS.sandboxName,
	};
	const state = new EmulatorState({
		clientId: credentials.clientId,
		clientSecret: credentials.clientSecret,
		imsOrgId: credentials.imsOrgId,
		sandboxes: new Set(['prod', ...(options.sandboxes ?? [])]),
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
	});
	const hooks = onboardingHooks(state);
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closing: Promise<void> | undefined;

	const report = (record: RecordedRequest) => {
		try {
			options.onRequest?.(record);
		} catch {
			// A logging hook must not break the emulator.
		}
	};

	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	function dispatch(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		body: string,
		service: Service,
		requestId: string,
	): void {
		const path = url.pathname;
		if (service === 'ims') {
			if (path === IMS_TOKEN_PATH) return handleTokenRequest(req, res, url, body, state);
			return sendProblem(res, 404, `No IMS route ${path}.`);
		}
		const platform = platformService(path);
		if (!platform) return sendProblem(res, 404, `No route ${path}.`);
		const expiring = state.faults.countFlowCall();
		if (expiring) state.revokeTokens(expiring);
		const sandboxName = checkGateway(req, res, state, requestId);
		if (!sandboxName) return;
		platform.route({
			req,
			res,
			state,
			url,
			path: path.slice(platform.base.length) || '/',
			body,
			requestId,
			sandboxName,
			clientId: credentials.clientId,
		});
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		if (url.pathname.startsWith(`${ADMIN_BASE_PATH}/`)) {
			return handleAdmin(res, method, url.pathname, await readBody(req), hooks);
		}
		const service: Service = url.pathname.startsWith('/ims/') ? 'ims' : 'flow';
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query: queryRecord(url),
			headers: { ...req.headers },
			body: '',
			status: 0,
			at: Date.now(),
			service,
		};
		state.requests.push(record);
		record.body = await readBody(req);
		record.json = parseJsonBody(req, record.body);
		res.on('finish', () => {
			record.status = res.statusCode;
			report(record);
		});

		if (state.latencyMs > 0) await delay(state.latencyMs);
		if (closing) return;

		const requestId = randomUUID();
		if (service === 'flow') res.setHeader('x-request-id', requestId);

		const fault = state.faults.take({ method, path: url.pathname, service });
		if (fault) {
			// Drop and hang send nothing; hanging sockets are destroyed by close().
			if (applyFault(fault, req, res, requestId) === 0) report(record);
			return;
		}
		try {
			dispatch(req, res, url, record.body, service, requestId);
		} catch (error) {
			if (res.headersSent) return void res.end();
			const flowError = error instanceof FlowError ? error : flowErrors.internal();
			sendFlowError(res, requestId, flowError.input);
		}
	}

	const server = createServer((req, res) => {
		handle(req, res).catch(() => {
			// The client went away mid-request; nothing left to answer.
			if (!res.headersSent) res.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;

	function close(): Promise<void> {
		closing ??= new Promise<void>((resolve) => {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			server.close(() => resolve());
			// Idle keep-alive, hanging and delayed requests would otherwise hold the process open.
			server.closeAllConnections();
			for (const socket of sockets) socket.destroy();
		});
		return closing;
	}

	return {
		...hooks,
		url,
		port,
		tokenUrl: `${url}${IMS_TOKEN_PATH}`,
		baseUrl: `${url}${FLOW_BASE_PATH}`,
		credentials,
		requests: state.requests,
		tokensIssued: state.tokensIssued,
		connections: state.connections,
		faults: state.faults.plans,
		inject: (fault) => state.faults.add(fault, () => state.validTokens()),
		clearFaults: () => state.faults.clear(),
		setLatency: (ms) => {
			state.latencyMs = Math.max(0, ms);
		},
		expireTokens: () => state.revokeTokens(),
		markInUse: (connectionId, inUse = true) => {
			if (inUse) state.inUse.add(connectionId);
			else state.inUse.delete(connectionId);
		},
		setTestResult: (connectionId, ok) => {
			state.testResults.set(connectionId, ok);
		},
		reset: () => state.reset(),
		close,
	};
}
