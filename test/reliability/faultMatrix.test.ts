// The fault matrix: every operation × every fault the emulator can inject, run through n8n's
// WorkflowExecute. Each cell asserts the outcome (recovered, or a clear error) and records what
// it cost: requests sent and wall time. The matrix is written to
// .n8n-test/reliability/fault-matrix.json and printed after the suite.
import { getToken } from '../emulator/helpers';
import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator, RequestFault } from '../emulator/server';
import { SECRETS } from '../harness/fixtures';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { emulatorCredential } from '../lifecycle/helpers';
import {
	CONNECTION_NAME,
	describeRequests,
	OPERATIONS,
	seedConnection,
	table,
	writeResult,
	loginCredentials,
} from './support';
import type { OperationCase, OperationKind } from './support';
import { captureLogs, everythingVisible, knownSecrets, leaksIn, tokenSecrets } from './visible';

/** Retry-After above the node's bound (30 s): it must give up at once, not wait two minutes. */
const LONG_RETRY_AFTER_S = 120;
/** The node's Timeout option for the "no answer" cells, in seconds. */
const TIMEOUT_S = 1;

interface FaultCase {
	key: string;
	/** Request faults aimed at the operation's target request. */
	faults?: (target: { method: string; path: string }) => RequestFault[];
	/** Tokens valid before the run stop working after this many Flow Service calls. */
	expireAfterCalls?: (operation: OperationCase) => number;
	invalidSecret?: boolean;
	/** A fault at IMS itself, on the token request. */
	imsFault?: RequestFault;
	timeoutSeconds?: number;
}

const once = (fault: RequestFault): RequestFault => ({ times: 1, ...fault });
const status =
	(code: number, headers?: Record<string, string>) => (match: { method: string; path: string }) => [
		once({ match, kind: 'status', status: code, ...(headers && { headers }) }),
	];

const FAULTS: FaultCase[] = [
	{ key: '429 Retry-After 1', faults: status(429, { 'retry-after': '1' }) },
	{
		key: `429 Retry-After ${LONG_RETRY_AFTER_S}`,
		faults: status(429, { 'retry-after': String(LONG_RETRY_AFTER_S) }),
	},
	{ key: '500', faults: status(500) },
	{ key: '502', faults: status(502) },
	{ key: '503', faults: status(503) },
	{ key: '504', faults: status(504) },
	// Create-or-reuse lists first (and may read more), so its token goes bad just before the POST.
	{
		key: 'token expired mid-run',
		expireAfterCalls: (operation) =>
			operation.callsBeforeTarget ?? (operation.kind === 'createReuse' ? 1 : 0),
	},
	{ key: 'invalid client secret', invalidSecret: true },
	{ key: 'IMS unreachable', imsFault: { match: { service: 'ims' }, kind: 'drop' } },
	{ key: 'IMS 503', imsFault: { match: { service: 'ims' }, kind: 'status', status: 503 } },
	{ key: 'dropped connection', faults: (match) => [once({ match, kind: 'drop' })] },
	{
		key: `no answer (timeout ${TIMEOUT_S} s)`,
		faults: (match) => [once({ match, kind: 'hang' })],
		timeoutSeconds: TIMEOUT_S,
	},
	{ key: 'malformed JSON', faults: (match) => [once({ match, kind: 'malformed' })] },
	{ key: 'HTML error page', faults: (match) => [once({ match, kind: 'html', status: 502 })] },
	{ key: 'empty 200', faults: (match) => [once({ match, kind: 'empty' })] },
];

type Outcome = 'recovered' | 'clear error';

interface Expectation {
	outcome: Outcome;
	/** Every failed item's message. */
	message?: RegExp;
	description?: RegExp;
	/** How many times the target request reached the emulator. */
	targetRequests?: number;
	minMs?: number;
	maxMs?: number;
}

const NOT_REPLAYED = /may have reached Adobe, so it was not sent again/;
const STATUS_MESSAGES: Record<string, RegExp> = {
	'500': /^Internal Error \[FLOW-1102-500\]$/,
	'502': /^Injected status 502 \[502\]$/,
	'503': /^Service Unavailable \[FLOW-1103-503\]$/,
	'504': /^Gateway Timeout \[FLOW-1104-504\]$/,
};

/** What each cell must do: the README's retry rules, spelled out per kind of request. */
function expectationFor(kind: OperationKind, fault: FaultCase): Expectation {
	const recovered = (targetRequests: number, extra: Partial<Expectation> = {}): Expectation => ({
		outcome: 'recovered',
		targetRequests,
		...extra,
	});
	const failed = (message: RegExp, targetRequests: number, extra: Partial<Expectation> = {}) =>
		({ outcome: 'clear error', message, targetRequests, ...extra }) as Expectation;

	switch (fault.key) {
		case '429 Retry-After 1':
			// 429 means "not processed": every method is sent again, after the second asked for.
			return recovered(2, { minMs: 1000, maxMs: 5000 });
		case `429 Retry-After ${LONG_RETRY_AFTER_S}`:
			return failed(/^Too many requests \[429050\]$/, 1, {
				description: new RegExp(
					`Adobe asked to wait ${LONG_RETRY_AFTER_S} s before retrying \\(Retry-After\\), longer than the 30 s this node waits`,
				),
				maxMs: 3000,
			});
		case 'token expired mid-run':
			// 401 → new token from IMS → the same request again, for a create too.
			return recovered(2);
		case 'invalid client secret':
			return failed(/^Adobe IMS rejected the client ID or client secret \(invalid_client\)/, 0);
		case 'IMS unreachable':
			// Clear and final, for all three items (see regressions.test.ts).
			return failed(
				/^Could not reach Adobe IMS to get a token \(.+\)\. Check the IMS URL and the network\./,
				0,
			);
		case 'IMS 503':
			return failed(
				/^Adobe IMS answered HTTP 503 when asked for a token\. Check the IMS URL\.$/,
				0,
			);
		case `no answer (timeout ${TIMEOUT_S} s)`:
			if (kind === 'read' || kind === 'createReuse') {
				return recovered(2, { minMs: TIMEOUT_S * 1000, maxMs: TIMEOUT_S * 1000 + 4000 });
			}
			return failed(/^Adobe did not answer in time \(the request timed out\)$/, 1, {
				description: NOT_REPLAYED,
				minMs: TIMEOUT_S * 1000,
				maxMs: TIMEOUT_S * 1000 + 3000,
			});
	}
	// 5xx, dropped connections, truncated / HTML / empty answers.
	if (kind === 'read') return recovered(2);
	// Create-or-reuse looks the connection up, finds nothing, and only then sends it again.
	if (kind === 'createReuse') return recovered(2);
	if ((fault.key === 'empty 200' || fault.key === 'malformed JSON') && kind === 'delete') {
		// A 2xx to a DELETE is success, whatever its body (Adobe sends 204 without one).
		return recovered(1);
	}
	if (fault.key in STATUS_MESSAGES) {
		return failed(STATUS_MESSAGES[fault.key], 1, { description: NOT_REPLAYED });
	}
	switch (fault.key) {
		case 'dropped connection':
			return failed(/^The connection to Adobe failed before an answer came/, 1, {
				description: NOT_REPLAYED,
			});
		case 'HTML error page':
			return failed(
				/^Adobe answered HTTP 502 with a non-JSON page \("502 Bad Gateway"\) \[HTTP 502\]$/,
				1,
				{ description: NOT_REPLAYED },
			);
		case 'malformed JSON':
			// A 2xx whose body cannot be read: the create most likely went through.
			return failed(/^Adobe answered HTTP 200 with a body that is not valid JSON/, 1, {
				description: NOT_REPLAYED,
			});
		case 'empty 200':
			return failed(/^Adobe answered HTTP 200 with an empty body where JSON was expected/, 1, {
				description: NOT_REPLAYED,
			});
	}
	throw new Error(`no expectation for ${kind} × ${fault.key}`);
}

interface CellRecord {
	operation: string;
	fault: string;
	outcome: Outcome;
	/** The error message (of every failed item: they are the same). */
	error?: string;
	description?: string;
	/** Every HTTP request the emulator saw during the run: IMS and Flow Service. */
	requests: number;
	flowRequests: number;
	imsRequests: number;
	/** How often the faulted request was sent. */
	targetRequests: number;
	/** What the emulator answered, in order. */
	sequence: string;
	wallMs: number;
	tokensIssuedDuringRun: number;
	leaks: string[];
}

const cells: CellRecord[] = [];
/** Logs of the whole file: cells run concurrently, so console and LoggerProxy are captured once. */
let capture: ReturnType<typeof captureLogs>;
/** Every token any cell's emulator issued, for the log check at the end. */
const allTokens: string[] = [];

beforeAll(() => {
	capture = captureLogs();
});
afterAll(() => {
	capture?.restore();
	report();
});

const matrix = OPERATIONS.flatMap((operation) =>
	FAULTS.map((fault) => [operation.key, fault.key, operation, fault] as const),
);

describe('fault matrix: every operation under every fault', () => {
	// Each cell has its own emulator (and so its own request log), which lets cells run side by
	// side: the matrix costs its slowest cells, not their sum.
	it.concurrent.each(matrix)('%s × %s', async (_operationKey, _faultKey, operation, fault) => {
		const emu = await startEmulator();
		try {
			await runCell(emu, operation, fault);
		} finally {
			allTokens.push(...emu.tokensIssued);
			await emu.close();
		}
	});
});

describe('the whole matrix', () => {
	it('logged no secret, in any form', () => {
		const secrets = knownSecrets({
			emulatorClientSecret: 'emulator-client-secret',
			...tokenSecrets(allTokens),
		});
		expect(allTokens.length).toBeGreaterThan(0);
		expect(leaksIn(capture.logs.join('\n'), secrets)).toEqual([]);
	});
});

async function runCell(
	emu: FlowServiceEmulator,
	operation: OperationCase,
	fault: FaultCase,
): Promise<void> {
	const seeded = operation.needsConnection ? await seedConnection(emu) : undefined;
	const entityId =
		seeded && operation.seedEntity
			? await operation.seedEntity(emu, seeded.id, seeded.token)
			: undefined;
	const connectionId = entityId ?? seeded?.id ?? '';
	const stored = operation.stored?.(emu) ?? emu.connections;
	let sessionToken: string | undefined;
	if (fault.expireAfterCalls) {
		// A token stored by an earlier execution, which Adobe stops accepting mid-run.
		sessionToken = seeded?.token ?? (await getToken(emu));
		emu.inject({ kind: 'expireToken', afterCalls: fault.expireAfterCalls(operation) });
	}
	const target = operation.target(connectionId);
	for (const injected of fault.faults?.(target) ?? []) emu.inject(injected);
	emu.requests.length = 0;
	const tokensBefore = emu.tokensIssued.length;

	if (fault.imsFault) emu.inject(fault.imsFault);
	// Credential failures are tried with three items: one IMS call must serve (and fail) them all.
	const credentialFault = Boolean(fault.invalidSecret || fault.imsFault);
	const items = credentialFault ? 3 : 1;
	const workflow = singleNodeWorkflow(
		operation.parameters(connectionId, fault.timeoutSeconds),
		credentialFault ? { onError: 'continueRegularOutput' } : {},
	);
	const credentials = [emulatorCredential(emu), ...loginCredentials()];
	if (sessionToken) credentials[0].data.sessionToken = sessionToken;
	if (fault.invalidSecret) credentials[0].data.clientSecret = SECRETS.clientSecret;

	const started = Date.now();
	const result = await runWorkflow(workflow, {
		credentials,
		inputItems: Array.from({ length: items }, () => ({})),
	});
	const wallMs = Date.now() - started;

	const requests = [...emu.requests];
	const flow = requests.filter((request) => request.service === 'flow');
	const ims = requests.filter((request) => request.service === 'ims');
	const targetRequests = flow.filter(
		(request) =>
			request.method === target.method &&
			(request.path === target.path || request.path.endsWith(`/flowservice${target.path}`)),
	).length;

	const nodeError = result.nodeError('Adobe');
	const output = result.output('Adobe');
	const failures: Array<{ message: string; description?: string; name?: string }> = nodeError
		? [
				{
					message: String(nodeError.message),
					description: nodeError.description ? String(nodeError.description) : undefined,
					name: String(nodeError.name),
				},
			]
		: output
				.filter((item) => item.error !== undefined)
				.map((item) => ({
					message: String(item.error),
					description: item.description ? String(item.description) : undefined,
				}));
	const outcome: Outcome = failures.length ? 'clear error' : 'recovered';
	const secrets = knownSecrets({
		emulatorClientSecret: emu.credentials.clientSecret,
		...tokenSecrets(emu.tokensIssued),
	});
	const leaks = leaksIn(everythingVisible(result), secrets);

	cells.push({
		operation: operation.key,
		fault: fault.key,
		outcome,
		error: failures[0]?.message,
		description: failures[0]?.description,
		requests: requests.length,
		flowRequests: flow.length,
		imsRequests: ims.length,
		targetRequests,
		sequence: describeRequests(requests),
		wallMs,
		tokensIssuedDuringRun: emu.tokensIssued.length - tokensBefore,
		leaks,
	});

	// --- the cell's assertions ---
	const expected = expectationFor(operation.kind, fault);
	expect(leaks).toEqual([]);
	expect({ outcome, failures }).toMatchObject({ outcome: expected.outcome });
	if (expected.targetRequests !== undefined) expect(targetRequests).toBe(expected.targetRequests);
	if (expected.minMs !== undefined) expect(wallMs).toBeGreaterThanOrEqual(expected.minMs - 50);
	if (expected.maxMs !== undefined) expect(wallMs).toBeLessThan(expected.maxMs);

	if (expected.outcome === 'recovered') {
		expect(output.length).toBeGreaterThan(0);
	} else {
		expect(failures).toHaveLength(items);
		for (const failure of failures) {
			expect(failure.message).toMatch(expected.message ?? /./);
			if (expected.description) expect(failure.description).toMatch(expected.description);
			// Clear: no JavaScript internals leaking through as the message.
			expect(failure.message).not.toMatch(/undefined|\[object Object\]|TypeError|Cannot read/);
			if (failure.name) expect(['NodeApiError', 'NodeOperationError']).toContain(failure.name);
		}
		if (nodeError) {
			expect((nodeError.context as { itemIndex?: number } | undefined)?.itemIndex).toBe(0);
		}
	}

	// Per-fault specifics.
	if (fault.expireAfterCalls) {
		// One 401013, one new token from IMS, two distinct tokens seen by Flow Service.
		expect(flow.filter((request) => request.status === 401)).toHaveLength(1);
		expect(ims).toHaveLength(1);
		expect(emu.tokensIssued).toHaveLength(2);
		const bearers = new Set(flow.map((request) => String(request.headers.authorization)));
		expect(bearers.size).toBe(2);
	}
	if (credentialFault) {
		// Three items, one IMS call, nothing sent to Flow Service.
		expect(ims).toHaveLength(1);
		expect(flow).toHaveLength(0);
		expect(output).toHaveLength(3);
	}
	if (operation.kind === 'createOnly' && expected.outcome === 'clear error') {
		expect(flow.filter((request) => request.method === 'POST').length).toBeLessThanOrEqual(1);
		expect(emu.connections.size).toBe(0);
	}
	if (operation.kind === 'createReuse' && expected.outcome === 'recovered') {
		// Never a duplicate: exactly one connection of that name exists afterwards.
		const named = [...stored.values()].filter((c) => c.name === CONNECTION_NAME);
		expect(named).toHaveLength(1);
		// A mapping set has no name: its identity is its schema and mappings.
		expect(output[0]).toMatchObject({
			reused: false,
			...(!operation.key.startsWith('mappingSet') && { name: CONNECTION_NAME }),
		});
	}
	// The emulator's faulted answers change no state, so after a faulted 2xx the connection is
	// still there; only the faults that let the real DELETE through can be checked here.
	if (
		operation.kind === 'delete' &&
		expected.outcome === 'recovered' &&
		fault.key !== 'empty 200' &&
		fault.key !== 'malformed JSON'
	) {
		expect(stored.has(connectionId)).toBe(false);
	}
}

function report(): void {
	if (!cells.length) return;
	// Cells finish in any order; the record follows the matrix.
	const position = (cell: CellRecord) =>
		OPERATIONS.findIndex((operation) => operation.key === cell.operation) * FAULTS.length +
		FAULTS.findIndex((fault) => fault.key === cell.fault);
	cells.sort((a, b) => position(a) - position(b));
	const recovered = cells.filter((cell) => cell.outcome === 'recovered').length;
	const totals = {
		cells: cells.length,
		operations: OPERATIONS.length,
		faults: FAULTS.length,
		recovered,
		clearError: cells.length - recovered,
		requests: cells.reduce((sum, cell) => sum + cell.requests, 0),
		wallMs: cells.reduce((sum, cell) => sum + cell.wallMs, 0),
		maxWallMs: Math.max(...cells.map((cell) => cell.wallMs)),
		leaks: cells.reduce((sum, cell) => sum + cell.leaks.length, 0),
	};
	const file = writeResult('fault-matrix.json', {
		generatedAt: new Date().toISOString(),
		node: process.version,
		totals,
		cells,
	});

	// A grid: one row per fault, one column per operation; R = recovered, E = clear error,
	// then requests sent (target request / all) and wall ms.
	const header = ['fault \\ operation', ...OPERATIONS.map((operation) => operation.key)];
	const rows = FAULTS.map((fault) => [
		fault.key,
		...OPERATIONS.map((operation) => {
			const cell = cells.find((c) => c.operation === operation.key && c.fault === fault.key);
			if (!cell) return '-';
			return `${cell.outcome === 'recovered' ? 'R' : 'E'} ${cell.targetRequests}/${cell.requests} ${cell.wallMs}ms`;
		}),
	]);
	process.stdout.write(
		[
			'',
			'Fault matrix (R = recovered, E = clear error; target requests / all requests; wall time)',
			table([header, ...rows]),
			`cells ${totals.cells}: ${totals.recovered} recovered, ${totals.clearError} clear errors; ` +
				`${totals.requests} requests; ${totals.wallMs} ms in all, slowest cell ${totals.maxWallMs} ms; ` +
				`secrets leaked: ${totals.leaks}`,
			`written to ${file}`,
			'',
		].join('\n'),
	);
}
