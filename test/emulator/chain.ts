// Builds the onboarding chain on the emulator for its own tests: base connection, source and
// target connections, mapping set, dataflow. Each step's body is the documented one.
import { PROFILE_DATASET_ID, PROFILE_SCHEMA_ID } from './data/seeds';
import {
	callFlow,
	getToken,
	callPlatform,
	redshiftConnectionBody,
	type CallOptions,
	type CallResult,
} from './helpers';
import { CONVERSION_BASE_PATH } from './paths';
import { startEmulator, type FlowServiceEmulator } from './server';
import { REDSHIFT_SPEC_ID } from './specs';

export const CRM_TO_AEP = '14518937-270c-4525-bdec-c2ba7cce3860';
export const DATA_LAKE = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
export const XED_FULL = 'application/vnd.adobe.xed-full+json;version=1';

export type Call = (path: string, options?: Partial<CallOptions>) => Promise<CallResult>;

/** Calls with the current emulator and token, both read at call time (tests set them in hooks). */
export function caller(emulator: () => FlowServiceEmulator, token: () => string) {
	const flow: Call = (path, options = {}) =>
		callFlow(emulator(), path, { token: token(), ...options });
	const platform: Call = (path, options = {}) =>
		callPlatform(emulator(), path, { token: token(), ...options });
	return { flow, platform };
}

/**
 * Starts one emulator (sandboxes prod and dev) for a test file, resets it and takes a fresh
 * token before each test. `suite.emulator` is set once beforeAll has run.
 */
export interface EmulatorSuite {
	emulator: FlowServiceEmulator;
	token: string;
	call: ReturnType<typeof caller>;
}

export function emulatorSuite(): EmulatorSuite {
	const suite: EmulatorSuite = {
		emulator: undefined as unknown as FlowServiceEmulator,
		token: '',
		call: caller(
			(): FlowServiceEmulator => suite.emulator,
			(): string => suite.token,
		),
	};
	beforeAll(async () => {
		suite.emulator = await startEmulator({ sandboxes: ['dev'] });
	});
	afterAll(() => suite.emulator.close());
	beforeEach(async () => {
		suite.emulator.reset();
		suite.token = await getToken(suite.emulator);
	});
	return suite;
}

function created(result: CallResult, status = 201): string {
	if (result.status !== status)
		throw new Error(`expected ${status}, got ${result.status}: ${result.text}`);
	return result.body.id as string;
}

export const customerColumns = [
	{ name: 'customer_id', type: 'string', xdm: { type: 'string' } },
	{ name: 'email', type: 'string', xdm: { type: 'string' } },
	{
		name: 'updated_at',
		type: 'string',
		'meta:xdmType': 'date-time',
		xdm: { type: 'string', format: 'date-time' },
	},
];

export const sourceBody = (baseConnectionId: string, overrides: Record<string, unknown> = {}) => ({
	name: 'Customers source',
	baseConnectionId,
	data: { format: 'tabular' },
	params: { tableName: 'public.customers', columns: customerColumns },
	connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
	...overrides,
});

export const targetBody = (overrides: Record<string, unknown> = {}) => ({
	name: 'Profiles target',
	data: { schema: { id: PROFILE_SCHEMA_ID, version: XED_FULL } },
	params: { dataSetId: PROFILE_DATASET_ID },
	connectionSpec: { id: DATA_LAKE, version: '1.0' },
	...overrides,
});

export const mappingBody = (schemaId = PROFILE_SCHEMA_ID) => ({
	outputSchema: { schemaRef: { id: schemaId, contentType: XED_FULL } },
	mappings: [
		{ sourceType: 'ATTRIBUTE', source: 'customer_id', destination: 'personID' },
		{ sourceType: 'ATTRIBUTE', source: 'email', destination: 'personalEmail.address' },
	],
});

export const flowBody = (
	ids: { source: string; target: string; mapping: string },
	overrides: Record<string, unknown> = {},
) => ({
	name: 'Customers dataflow',
	flowSpec: { id: CRM_TO_AEP, version: '1.0' },
	sourceConnectionIds: [ids.source],
	targetConnectionIds: [ids.target],
	transformations: [
		{
			name: 'Copy',
			params: { deltaColumn: { name: 'updated_at', dateFormat: 'YYYY-MM-DD', timezone: 'UTC' } },
		},
		{ name: 'Mapping', params: { mappingId: ids.mapping, mappingVersion: 0 } },
	],
	scheduleParams: {
		startTime: '1612310466',
		frequency: 'minute',
		interval: '15',
		backfill: 'true',
	},
	...overrides,
});

export interface Chain {
	base: string;
	source: string;
	target: string;
	mapping: string;
	flow?: string;
}

/** Base, source, target and mapping set; with `withFlow`, also a dataflow from `flowOverrides`. */
export async function buildChain(
	call: ReturnType<typeof caller>,
	flowOverrides?: Record<string, unknown>,
): Promise<Chain> {
	const base = created(
		await call.flow('/connections', { method: 'POST', body: redshiftConnectionBody() }),
	);
	const source = created(
		await call.flow('/sourceConnections', { method: 'POST', body: sourceBody(base) }),
	);
	const target = created(
		await call.flow('/targetConnections', { method: 'POST', body: targetBody() }),
	);
	const mapping = created(
		await call.platform(`${CONVERSION_BASE_PATH}/mappingSets`, {
			method: 'POST',
			body: mappingBody(),
		}),
		200,
	);
	const chain: Chain = { base, source, target, mapping };
	if (flowOverrides) {
		chain.flow = created(
			await call.flow('/flows', { method: 'POST', body: flowBody(chain, flowOverrides) }),
		);
	}
	return chain;
}
