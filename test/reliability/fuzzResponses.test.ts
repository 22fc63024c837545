// Property-based fuzzing of what comes back: random status codes, random bodies (Adobe's error
// shapes with random fields, random JSON, truncated JSON, HTML, empty, huge), random headers
// (Retry-After garbage, request IDs) and dropped connections, for Flow Service and for IMS, some
// of them echoing a secret. Whatever Adobe answers, the node succeeds or fails with a
// NodeApiError/NodeOperationError, keeps its outputs paired, never replays a create after an
// answer that may mean it was processed, waits no longer than its bounds, and shows no secret.
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { HarnessCredentialsHelper } from '../harness/credentials';
import {
	adobeCredential,
	BASE_PATH,
	IMS,
	PLATFORM,
	redshiftSpec,
	secretForms,
	SECRETS,
} from '../harness/fixtures';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { announceSeed, checkRun, FIXED_SEED, randomSeed, sleeps, Tally } from './fuzz';
import {
	holdsRedshiftPassword,
	loginCredentials,
	OPERATIONS,
	outputsManyPerItem,
	writeResult,
} from './support';
import type { OperationCase } from './support';
import { captureLogs, knownSecrets, tokenSecrets } from './visible';

// Retries back off with n8n-workflow's sleep: recorded, not waited.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	return {
		...actual,
		sleep: async (ms: number) => {
			const holder = globalThis as { __reliabilitySleeps?: number[] };
			(holder.__reliabilitySleeps ??= []).push(ms);
		},
	};
});

const FIXED_RUNS = 100;
/** FUZZ_RUNS searches harder (e.g. FUZZ_RUNS=2000); the default keeps npm test quick. */
const RANDOM_RUNS = Number(process.env.FUZZ_RUNS) || 40;
const CONNECTION_ID = '9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c';
/** Replaced, when the answer is sent, by a form of the secret the case echoes. */
const MARK = '@@SECRET@@';
const CATALOG_PATH = '/data/foundation/catalog';

// --- the scripted Adobe --------------------------------------------------------------------

interface Scripted {
	drop?: boolean;
	/** Use the right answer for whatever was asked (so that runs also succeed). */
	valid?: boolean;
	status: number;
	body: string;
	headers: Record<string, string>;
}

interface Script {
	flow: Scripted[];
	ims: Scripted[];
	echo: 'token' | 'clientSecret' | 'redshiftPassword';
	echoForm: number;
}

interface Logged {
	method: string;
	path: string;
	/** Status answered, or 'drop'. */
	outcome: number | 'drop';
	/** A 2xx with a JSON object body: a create that certainly went through. */
	created?: boolean;
}

let script: Script = { flow: [], ims: [], echo: 'token', echoForm: 0 };
let log: Logged[] = [];
const issuedTokens: string[] = [];
let tokenCounter = 0;

function echoed(text: string, bearer: string | undefined): string {
	if (!text.includes(MARK)) return text;
	const secret =
		script.echo === 'token'
			? (bearer ?? SECRETS.accessToken)
			: script.echo === 'clientSecret'
				? SECRETS.clientSecret
				: SECRETS.redshiftPassword;
	const forms = secretForms(secret);
	return text.split(MARK).join(forms[script.echoForm % forms.length]);
}

/** The answer a healthy Flow Service gives to this request. */
function validAnswer(method: string, path: string): [number, string, Record<string, string>] {
	const json = (status: number, body: unknown) =>
		[status, JSON.stringify(body), { 'content-type': 'application/json' }] as [
			number,
			string,
			Record<string, string>,
		];
	if (method === 'GET' && path.startsWith(`${CATALOG_PATH}/dataSets/`)) {
		const id = path.slice(`${CATALOG_PATH}/dataSets/`.length).split('?')[0];
		return json(200, {
			[id]: { name: 'Fuzz dataset', schemaRef: { id: 'https://ns.adobe.com/fuzz/schemas/1' } },
		});
	}
	const below = path.slice(BASE_PATH.length).split('?')[0];
	const query = new URLSearchParams(path.split('?')[1] ?? '');
	if (method === 'GET' && /^\/connections\/[^/]+\/explore$/.test(below)) {
		if (query.get('objectType') === 'root')
			return json(200, [{ type: 'table', name: 'public.customers', path: 'public.customers' }]);
		const columns = [{ name: 'id', type: 'string', xdm: { type: 'string' } }];
		return json(200, { format: 'flat', schema: { columns }, data: [{ id: 'r-1' }] });
	}
	if (method === 'GET' && /^\/(source|target)Connections$/.test(below))
		return json(200, { items: [] });
	if (method === 'GET' && /^\/(source|target)Connections\/[^/]+$/.test(below))
		return json(200, { items: [{ id: CONNECTION_ID, name: 'Reliability Redshift' }] });
	if (method === 'POST' && /^\/(source|target)Connections$/.test(below))
		return json(201, { id: CONNECTION_ID, etag: '"e-1"' });
	if (method === 'GET' && below === '/flowSpecs')
		return json(200, {
			items: [{ id: 'f-1', name: 'CRMToAEP', sourceConnectionSpecIds: [redshiftSpec.id] }],
		});
	if (method === 'GET' && below.startsWith('/connectionSpecs'))
		return json(200, { items: [redshiftSpec] });
	if (method === 'GET' && below === '/connections') return json(200, { items: [] });
	if (method === 'GET' && /^\/connections\/[^/]+\/test$/.test(below))
		return json(200, { result: true });
	if (method === 'GET' && /^\/connections\/[^/]+$/.test(below)) {
		return json(200, {
			items: [
				{
					id: CONNECTION_ID,
					name: 'Reliability Redshift',
					state: 'enabled',
					etag: '"e-1"',
					auth: {
						specName: 'Basic Authentication',
						params: { server: 'cluster.example.com', database: 'dev', username: 'u' },
					},
					connectionSpec: { id: redshiftSpec.id, version: '1.0' },
				},
			],
		});
	}
	if (method === 'POST' && below === '/connections')
		return json(201, { id: CONNECTION_ID, etag: '"e-1"' });
	if (method === 'PATCH' && /^\/connections\/[^/]+$/.test(below))
		return json(200, { id: CONNECTION_ID, etag: '"e-2"' });
	if (method === 'DELETE') return [204, '', {}];
	return json(404, {
		type: 'about:blank',
		status: 404,
		title: 'Not Found',
		detail: `No route ${path}`,
	});
}

type Callback = (error: NodeJS.ErrnoException | null, reply: nock.ReplyFnResult) => void;
/** nock's way of failing a request as a dropped connection would. */
const hangUp = (cb: Callback) => cb(new Error('socket hang up'), [0]);

function flowReply(this: nock.ReplyFnContext, method: string, uri: string, cb: Callback): void {
	const bearer = /^Bearer (.+)$/.exec(String(this.req.headers.authorization ?? ''))?.[1];
	const next = script.flow.shift();
	if (!next || next.valid) {
		const answer = validAnswer(method, uri);
		log.push({
			method,
			path: uri,
			outcome: answer[0],
			created: method === 'POST' && answer[0] < 300,
		});
		return cb(null, answer);
	}
	if (next.drop) {
		log.push({ method, path: uri, outcome: 'drop' });
		return hangUp(cb);
	}
	const body = echoed(next.body, bearer);
	const headers = Object.fromEntries(
		Object.entries(next.headers).map(([key, value]) => [key, echoed(value, bearer)]),
	);
	let created = false;
	if (next.status >= 200 && next.status < 300) {
		try {
			const parsed = JSON.parse(body) as unknown;
			created = !!parsed && typeof parsed === 'object';
		} catch {
			created = false;
		}
	}
	log.push({ method, path: uri, outcome: next.status, created: method === 'POST' && created });
	cb(null, [next.status, body, headers]);
}

function imsReply(cb: Callback): void {
	const next = script.ims.shift();
	if (next?.drop) return hangUp(cb);
	if (next && !next.valid)
		return cb(null, [next.status, echoed(next.body, undefined), next.headers]);
	const token = `eyJ-fuzz-token-${++tokenCounter}-${Math.random().toString(36).slice(2, 12)}`;
	issuedTokens.push(token);
	cb(null, [
		200,
		JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 86399 }),
		{ 'content-type': 'application/json' },
	]);
}

function installAdobe(): void {
	const flow = nock(`${PLATFORM}`).persist();
	for (const method of ['get', 'post', 'delete'] as const) {
		flow[method](/.*/).reply(function (uri, _body, cb) {
			flowReply.call(this, method.toUpperCase(), uri, cb);
		});
	}
	nock(IMS)
		.persist()
		.post('/ims/token/v3')
		.reply((_uri, _body, cb) => imsReply(cb));
}

// --- arbitraries ---------------------------------------------------------------------------

/** Short text, sometimes carrying the echoed secret. */
const text = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
			.map(([a, b]) => `${a}${MARK}${b}`),
	},
);
/** Header-safe text (printable ASCII), sometimes carrying the echoed secret. */
const headerText = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ maxLength: 30 }).map((value) => value.trim()) },
	{ weight: 1, arbitrary: fc.constant(`req-${MARK}`) },
);

const FLOW_TYPES = [
	'1101-404',
	'1102-500',
	'1103-503',
	'1104-504',
	'1413-400',
	'1415-400',
	'1418-400',
	'2100-404',
	'2118-403',
].map((code) => `https://ns.adobe.com/aep/errors/FLOW-${code}`);

/** Adobe's error shapes with random fields, and plain random JSON. */
const errorJson: fc.Arbitrary<unknown> = fc.oneof(
	fc.record(
		{
			error_code: fc.oneof(
				text,
				fc.integer(),
				fc.constantFrom('401013', '403027', '429050', '403003'),
			),
			message: text,
		},
		{ requiredKeys: [] },
	),
	fc.record(
		{
			type: fc.oneof(fc.constantFrom(...FLOW_TYPES), text),
			title: text,
			status: fc.integer({ min: 100, max: 599 }),
			report: fc.record({ 'detailed-message': text, 'request-id': text }, { requiredKeys: [] }),
			errorMessage: text,
			errorDetails: fc.jsonValue({ maxDepth: 2 }),
		},
		{ requiredKeys: [] },
	),
	fc.record({ type: text, status: fc.integer(), title: text, detail: text }, { requiredKeys: [] }),
	fc.record(
		{
			error: fc.oneof(text, fc.constantFrom('invalid_client', 'invalid_scope')),
			error_description: text,
		},
		{ requiredKeys: [] },
	),
	fc.jsonValue({ maxDepth: 3 }),
);

const HUGE_TRUNCATED = `{"items":[${'{"id":"3416976c-a9ca-4bba-901a-1f08f66978ff","name":"x"},'.repeat(18_000)}`;
const HUGE_VALID = JSON.stringify({
	items: Array.from({ length: 3000 }, (_, index) => ({
		...redshiftSpec,
		id: `spec-${index}`,
		name: `spec-${index}`,
	})),
});

/** Bodies: error shapes, random JSON, truncated JSON, HTML, text, empty, huge. */
const bodyArb: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: errorJson.map((value) => JSON.stringify(value) ?? '') },
	{
		weight: 2,
		arbitrary: fc.tuple(errorJson, fc.nat()).map(([value, cut]) => {
			const full = JSON.stringify(value) ?? '';
			return full.slice(0, cut % (full.length + 1));
		}),
	},
	{
		weight: 2,
		arbitrary: text.map(
			(title) => `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
		),
	},
	{ weight: 1, arbitrary: text },
	{ weight: 1, arbitrary: fc.constant('') },
	{ weight: 1, arbitrary: fc.constantFrom(HUGE_TRUNCATED, HUGE_VALID) },
);

const retryAfterArb = fc.oneof(
	fc.constantFrom(
		'0',
		'0.01',
		'-1',
		'abc',
		'',
		' ',
		'1e3',
		'NaN',
		'Infinity',
		'99999999999999999999',
		'30',
		'31',
		'120',
		'Thu, 01 Jan 1970 00:00:00 GMT',
		'Wed, 21 Oct 2015 07:28:00 GMT',
		'Fri, 01 Jan 2100 00:00:00 GMT',
	),
	fc.integer({ min: 0, max: 100 }).map(String),
	fc.string({ maxLength: 12 }),
);

const headersArb = fc
	.record(
		{
			'retry-after': retryAfterArb,
			'x-request-id': headerText,
			'content-type': fc.constantFrom(
				'application/json',
				'application/problem+json',
				'text/html',
				'text/plain',
			),
		},
		{ requiredKeys: [] },
	)
	.map((headers) => headers as Record<string, string>);

const statusArb = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			200,
			201,
			204,
			400,
			401,
			403,
			404,
			409,
			412,
			415,
			429,
			500,
			502,
			503,
			504,
		),
	},
	{ weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);

const scriptedArb: fc.Arbitrary<Scripted> = fc.oneof(
	{ weight: 8, arbitrary: fc.record({ status: statusArb, body: bodyArb, headers: headersArb }) },
	{ weight: 1, arbitrary: fc.constant({ drop: true, status: 0, body: '', headers: {} }) },
	{ weight: 2, arbitrary: fc.constant({ valid: true, status: 0, body: '', headers: {} }) },
);

const imsFailureArb: fc.Arbitrary<Scripted> = fc.oneof(
	fc.record({ status: fc.integer({ min: 400, max: 599 }), body: bodyArb, headers: headersArb }),
	fc.record({ status: fc.constant(200), body: bodyArb, headers: headersArb }),
	fc.constant({ drop: true, status: 0, body: '', headers: {} }),
);

const caseArb = fc.record({
	operation: fc.constantFrom(...OPERATIONS),
	items: fc.integer({ min: 1, max: 3 }),
	flow: fc.array(scriptedArb, { minLength: 1, maxLength: 5 }),
	ims: fc.oneof(
		{ weight: 4, arbitrary: fc.constant([] as Scripted[]) },
		{ weight: 1, arbitrary: fc.array(imsFailureArb, { maxLength: 1 }) },
	),
	echo: fc.constantFrom('token' as const, 'clientSecret' as const, 'redshiftPassword' as const),
	echoForm: fc.nat({ max: 2 }),
	/** Start with a stored token (no IMS call first) or fetch one. */
	storedToken: fc.boolean(),
});
type FuzzCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

// --- the property --------------------------------------------------------------------------

const tally = new Tally();
const summary: Record<string, unknown> = {};

beforeAll(() => {
	nock.disableNetConnect();
	installAdobe();
});
afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	const file = writeResult('fuzz-responses.json', {
		...summary,
		cases: tally.cases,
		workflowRuns: tally.runs,
		outcomes: tally.counts,
	});
	process.stdout.write(
		`\nResponse fuzzing: ${tally.cases} cases (shrinking included), ${tally.runs} workflow runs; ` +
			`outcomes ${JSON.stringify(tally.counts)}; written to ${file}\n`,
	);
});

/** A create is sent again only after 429/401, or (create-or-reuse) after a lookup found nothing. */
function replayProblems(operation: OperationCase, entries: Logged[]): string[] {
	const problems: string[] = [];
	let previousPost: Logged | undefined;
	let lookedUp = false;
	for (const entry of entries) {
		if (entry.method === 'GET' && /\/(c|sourceC|targetC)onnections$/.test(entry.path.split('?')[0]))
			lookedUp = true;
		if (entry.method !== 'POST') continue;
		if (previousPost) {
			const notProcessed = previousPost.outcome === 429 || previousPost.outcome === 401;
			if (previousPost.created)
				problems.push('a create was sent again after Adobe answered it with a created connection');
			else if (!notProcessed && !(operation.kind === 'createReuse' && lookedUp)) {
				problems.push(
					`a create was replayed after ${String(previousPost.outcome)} without a lookup`,
				);
			}
		}
		previousPost = entry;
		lookedUp = false;
	}
	return problems;
}

async function runCase(fuzzCase: FuzzCase): Promise<void> {
	tally.cases++;
	const operation = fuzzCase.operation;
	for (const continueOnFail of [false, true]) {
		script = {
			flow: fuzzCase.flow.map((entry) => ({ ...entry, headers: { ...entry.headers } })),
			ims: [...fuzzCase.ims],
			// A server can echo only what it knows: the Redshift password reaches Adobe in a create.
			echo:
				fuzzCase.echo === 'redshiftPassword' && !holdsRedshiftPassword(operation)
					? 'clientSecret'
					: fuzzCase.echo,
			echoForm: fuzzCase.echoForm,
		};
		log = [];
		sleeps().splice(0);
		const tokensBefore = issuedTokens.length;
		const adobe = adobeCredential(
			fuzzCase.storedToken ? { sessionToken: SECRETS.accessToken } : {},
		);
		const capture = captureLogs();
		let result;
		try {
			result = await runWorkflow(
				singleNodeWorkflow(
					operation.parameters(CONNECTION_ID),
					continueOnFail ? { onError: 'continueRegularOutput' } : {},
				),
				{
					credentialsHelper: new HarnessCredentialsHelper([adobe, ...loginCredentials()]),
					inputItems: Array.from({ length: fuzzCase.items }, (): IDataObject => ({})),
				},
			);
		} finally {
			capture.restore();
		}
		const { problems, outcome, known } = checkRun({
			result,
			inputCount: fuzzCase.items,
			continueOnFail,
			singleResult: !outputsManyPerItem(operation.key),
			// The run can only hold the tokens IMS gave it (and the stored one, in SECRETS).
			secrets: knownSecrets(tokenSecrets(issuedTokens.slice(tokensBefore))),
			logs: capture.logs,
		});
		tally.add(outcome);
		for (const issue of known) tally.note(`known issue: ${issue}`);
		const waits = sleeps().splice(0);
		if (waits.some((ms) => !(ms >= 0 && ms <= 30_000)))
			problems.push(`a wait out of bounds: ${JSON.stringify(waits)}`);
		const flowRequests = log.length;
		if (waits.length > 3 * Math.max(1, flowRequests))
			problems.push(`${waits.length} waits for ${flowRequests} requests`);
		if (
			fuzzCase.items === 1 &&
			(operation.kind === 'createOnly' || operation.kind === 'createReuse')
		) {
			problems.push(...replayProblems(operation, log));
		}
		// Every request is answered from the script or as a healthy Adobe would: the run ends.
		if (problems.length) {
			throw new Error(
				`${operation.key} (${continueOnFail ? 'continue on fail' : 'stop'}), answers ${JSON.stringify(log)}: ${problems.join('; ')}`,
			);
		}
	}
}

describe('response fuzzing (fast-check, nock)', () => {
	it(`keeps the invariants for ${FIXED_RUNS} cases from seed ${FIXED_SEED}`, async () => {
		summary.fixedSeed = FIXED_SEED;
		summary.fixedRuns = FIXED_RUNS;
		await fc.assert(fc.asyncProperty(caseArb, runCase), { seed: FIXED_SEED, numRuns: FIXED_RUNS });
	}, 120_000);

	it(
		`keeps the invariants for ${RANDOM_RUNS} cases from a random seed`,
		async () => {
			const seed = randomSeed();
			summary.randomSeed = seed;
			summary.randomRuns = RANDOM_RUNS;
			announceSeed('fuzzResponses', seed, RANDOM_RUNS);
			// FUZZ_PATH (printed by fast-check on failure) replays the shrunk case straight away.
			const path = process.env.FUZZ_PATH || undefined;
			await fc.assert(fc.asyncProperty(caseArb, runCase), { seed, numRuns: RANDOM_RUNS, path });
		},
		Math.max(120_000, RANDOM_RUNS * 1_000),
	);
});
