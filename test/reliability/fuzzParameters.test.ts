// Property-based fuzzing of the node's parameters: random text (any script, lone surrogates,
// control characters, huge), numbers, booleans, lists and objects for every parameter of every
// operation, fed through expressions from 1-3 input items, against the emulator. Whatever the
// values, the node succeeds or fails with a NodeApiError/NodeOperationError, keeps one output
// per input item in order under continue-on-fail, and shows no secret.
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import { POSTGRESQL_SPEC_ID, SNOWFLAKE_SPEC_ID } from '../emulator/specs';
import { HarnessCredentialsHelper } from '../harness/credentials';
import {
	redshiftCredential,
	REDSHIFT_SPEC_ID,
	SECRETS,
	sourceSecretsCredential,
} from '../harness/fixtures';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { emulatorCredential } from '../lifecycle/helpers';
import {
	anyValue,
	announceSeed,
	checkRun,
	FIXED_SEED,
	plausibly,
	randomSeed,
	sleeps,
	Tally,
} from './fuzz';
import { outputsManyPerItem, seedConnection, writeResult } from './support';
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

const FIXED_RUNS = 80;
/** FUZZ_RUNS searches harder (e.g. FUZZ_RUNS=2000); the default keeps npm test quick. */
const RANDOM_RUNS = Number(process.env.FUZZ_RUNS) || 30;

const OPERATIONS = [
	'connectionSpec.get',
	'connectionSpec.getAll',
	'connection.createRedshift',
	'connection.get',
	'connection.getAll',
	'connection.delete',
	'connection.test',
	'connection.create',
	'connection.update',
] as const;
type Operation = (typeof OPERATIONS)[number];

/** Every parameter reads its item's field of the same name. */
const $ = (field: string) => `={{ $json.${field} }}`;

let seededIds: string[] = [];

function parametersFor(operation: Operation, settings: CaseSettings): INodeParameters {
	const [resource, name] = operation.split('.');
	const options: IDataObject = {};
	if (settings.timeout !== undefined) options.timeout = settings.timeout as number;
	if (settings.concurrency !== undefined) options.concurrency = settings.concurrency as number;
	const common = { resource, operation: name, options } as INodeParameters;
	const locator = { __rl: true, mode: settings.locatorMode, value: $('connectionId') };
	switch (operation) {
		case 'connectionSpec.get':
			return { ...common, specName: $('specName') };
		case 'connectionSpec.getAll':
			return {
				...common,
				returnAll: $('returnAll'),
				limit: $('limit'),
				filters: {
					name: $('filterName'),
					providerId: $('providerId'),
					category: $('category'),
					sourceOnly: $('sourceOnly'),
				},
			};
		case 'connection.createRedshift':
			return {
				...common,
				name: $('name'),
				connectionSpecId: $('connectionSpecId'),
				redshiftCredentials: settings.redshiftSource as string,
				server: $('server'),
				database: $('database'),
				username: $('username'),
				password: $('password'),
				additionalFields: {
					port: $('port'),
					schema: $('schema'),
					description: $('description'),
					connectionSpecVersion: $('connectionSpecVersion'),
				},
				options: {
					...options,
					ifExists: $('ifExists'),
					validateOnly: $('validateOnly'),
					testAfterCreate: $('testAfterCreate'),
				},
			};
		case 'connection.getAll':
			return {
				...common,
				returnAll: $('returnAll'),
				limit: $('limit'),
				sort: $('sort'),
				filters: {
					name: $('filterName'),
					connectionSpecId: $('connectionSpecId'),
					state: $('state'),
				},
			};
		case 'connection.create':
			return {
				...common,
				name: $('name'),
				connectionSpec: { __rl: true, mode: 'id', value: $('createSpecId') },
				authSpecName: $('authSpecName'),
				authParams: {
					mappingMode: 'defineBelow',
					value: {
						server: $('server'),
						database: $('database'),
						username: $('username'),
						port: $('port'),
						account: $('account'),
					},
				},
				connectionDescription: $('description'),
				options: {
					...options,
					ifExists: $('ifExists'),
					validateOnly: $('validateOnly'),
					testAfterCreate: $('testAfterCreate'),
				},
			};
		case 'connection.update':
			return {
				...common,
				connectionId: locator,
				newSecretFrom: settings.redshiftSource === 'credential' ? 'redshiftCredential' : 'none',
				updateFields: {
					name: $('name'),
					description: $('description'),
					loginFields: { field: [{ name: $('loginField'), value: $('username') }] },
				},
			};
		default:
			return { ...common, connectionId: locator };
	}
}

interface CaseSettings {
	redshiftSource: unknown;
	locatorMode: 'id' | 'list';
	timeout?: unknown;
	concurrency?: unknown;
}

/** Plausible values for every parameter: with these, requests do reach Adobe. */
const goodFields = {
	specName: fc.constantFrom(
		'amazon-redshift',
		'postgre-sql',
		'snowflake',
		'amazon-s3',
		'no-such-spec',
	),
	returnAll: fc.boolean(),
	limit: fc.integer({ min: 1, max: 120 }),
	filterName: fc.constantFrom('amazon-redshift', 'Redshift', 'x', ''),
	providerId: fc.constantFrom('0ed90a81-07f4-4586-8190-b40eccef1c5a', ''),
	category: fc.constantFrom('database', 'cloudStorage', ''),
	sourceOnly: fc.boolean(),
	name: fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim() !== ''),
	connectionSpecId: fc.constantFrom(
		REDSHIFT_SPEC_ID,
		REDSHIFT_SPEC_ID.toUpperCase(),
		'00000000-0000-4000-8000-000000000000',
	),
	server: fc.oneof(fc.domain(), fc.constant('cluster.example.com')),
	database: fc.constantFrom('dev', 'analytics'),
	username: fc.constantFrom('reader', 'awsuser'),
	password: fc.constant(SECRETS.parameterPassword),
	port: fc.oneof(fc.integer({ min: 1, max: 65535 }).map(String), fc.constant('')),
	schema: fc.constantFrom('public', ''),
	description: fc.string({ maxLength: 40 }),
	connectionSpecVersion: fc.constantFrom('1.0', '2.0', ''),
	ifExists: fc.constantFrom('reuse', 'create', 'fail'),
	validateOnly: fc.constantFrom(false, false, false, true),
	testAfterCreate: fc.boolean(),
	sort: fc.constantFrom('name', '-name', 'createdAt', '-createdAt'),
	state: fc.constantFrom('enabled', 'disabled', 'draft'),
	connectionId: fc.oneof(fc.uuid(), fc.constantFrom('seeded-0', 'seeded-1', 'seeded-2')),
	createSpecId: fc.constantFrom(
		REDSHIFT_SPEC_ID,
		SNOWFLAKE_SPEC_ID,
		POSTGRESQL_SPEC_ID,
		'00000000-0000-4000-8000-000000000000',
	),
	authSpecName: fc.constantFrom(
		'Basic Authentication',
		'KeyPair Authentication',
		'Connection String Based Authentication',
		'Basic Authentication for PostgreSQL',
	),
	account: fc.constantFrom('xy12345.east-us-2.azure', ''),
	loginField: fc.constantFrom('username', 'database', 'warehouse', 'password', ''),
};
const FIELDS = Object.keys(goodFields) as Array<keyof typeof goodFields>;
const goodItem = fc.record(goodFields) as fc.Arbitrary<IDataObject>;

/**
 * One input item: all plausible; plausible but for one field, which may be anything; or
 * every field a toss-up, some missing.
 */
const itemArb: fc.Arbitrary<IDataObject> = fc.oneof(
	goodItem,
	fc
		.tuple(goodItem, fc.constantFrom(...FIELDS), anyValue)
		.map(([item, field, value]) => ({ ...item, [field]: value }) as IDataObject),
	fc.record(
		Object.fromEntries(
			FIELDS.map((field) => [field, plausibly(goodFields[field] as fc.Arbitrary<unknown>)]),
		),
		{ requiredKeys: [] },
	) as fc.Arbitrary<IDataObject>,
);

const caseArb = fc.record({
	operation: fc.constantFrom(...OPERATIONS),
	items: fc.array(itemArb, { minLength: 1, maxLength: 3 }),
	settings: fc.record({
		redshiftSource: fc.oneof(
			{ weight: 4, arbitrary: fc.constant('parameters') },
			{ weight: 2, arbitrary: fc.constant('credential') },
			{ weight: 1, arbitrary: anyValue },
		),
		locatorMode: fc.constantFrom('id' as const, 'list' as const),
		timeout: fc.option(fc.oneof(fc.integer({ min: 1, max: 30 }), anyValue), { nil: undefined }),
		concurrency: fc.option(fc.oneof(fc.integer({ min: 1, max: 8 }), anyValue), { nil: undefined }),
	}),
});
type FuzzCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

let emu: FlowServiceEmulator;
let helper: HarnessCredentialsHelper;
const tally = new Tally();
const summary: Record<string, unknown> = {};

beforeAll(async () => {
	emu = await startEmulator();
	const seeded = await Promise.all(
		[0, 1, 2].map((index) => seedConnection(emu, `Seeded ${index}`)),
	);
	seededIds = seeded.map((connection) => connection.id);
	helper = new HarnessCredentialsHelper([
		emulatorCredential(emu),
		redshiftCredential(),
		sourceSecretsCredential(),
	]);
});
afterAll(async () => {
	await emu?.close();
	const file = writeResult('fuzz-parameters.json', {
		...summary,
		cases: tally.cases,
		workflowRuns: tally.runs,
		outcomes: tally.counts,
	});
	process.stdout.write(
		`\nParameter fuzzing: ${tally.cases} cases (shrinking included), ${tally.runs} workflow runs; ` +
			`outcomes ${JSON.stringify(tally.counts)}; written to ${file}\n`,
	);
});

/** Runs one case twice: stopping on error, then with continue-on-fail. Throws on a broken invariant. */
async function runCase(fuzzCase: FuzzCase): Promise<void> {
	tally.cases++;
	const items = fuzzCase.items.map((item) =>
		typeof item.connectionId === 'string' && /^seeded-\d$/.test(item.connectionId)
			? { ...item, connectionId: seededIds[Number(item.connectionId.slice(-1))] }
			: item,
	);
	for (const continueOnFail of [false, true]) {
		emu.requests.length = 0;
		const capture = captureLogs();
		let result;
		try {
			result = await runWorkflow(
				singleNodeWorkflow(
					parametersFor(fuzzCase.operation, fuzzCase.settings as CaseSettings),
					continueOnFail ? { onError: 'continueRegularOutput' } : {},
				),
				{ credentialsHelper: helper, inputItems: items },
			);
		} finally {
			capture.restore();
		}
		const { problems, outcome, known } = checkRun({
			result,
			inputCount: items.length,
			continueOnFail,
			singleResult: !outputsManyPerItem(fuzzCase.operation),
			secrets: knownSecrets({
				emulatorClientSecret: emu.credentials.clientSecret,
				...tokenSecrets(emu.tokensIssued),
			}),
			logs: capture.logs,
		});
		tally.add(outcome);
		for (const issue of known) tally.note(`known issue: ${issue}`);
		const waits = sleeps().splice(0);
		if (waits.some((ms) => ms > 30_000) || waits.reduce((sum, ms) => sum + ms, 0) > 60_000) {
			problems.push(`waited too long: ${JSON.stringify(waits)}`);
		}
		if (problems.length) {
			throw new Error(
				`${fuzzCase.operation} (${continueOnFail ? 'continue on fail' : 'stop'}): ${problems.join('; ')}`,
			);
		}
	}
}

describe('parameter fuzzing (fast-check)', () => {
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
			announceSeed('fuzzParameters', seed, RANDOM_RUNS);
			// FUZZ_PATH (printed by fast-check on failure) replays the shrunk case straight away.
			const path = process.env.FUZZ_PATH || undefined;
			await fc.assert(fc.asyncProperty(caseArb, runCase), { seed, numRuns: RANDOM_RUNS, path });
		},
		Math.max(120_000, RANDOM_RUNS * 1_000),
	);
});
