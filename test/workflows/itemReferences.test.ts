import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { WorkflowExpression } from 'n8n-workflow';

import { singleNodeWorkflow, runWorkflow } from '../harness/runWorkflow';
import { adobeCredential, REDSHIFT_SPEC_ID, redshiftCredential } from '../harness/fixtures';
import { mockFlowService, mockImsToken } from '../harness/nockAdobe';

/**
 * Plain `{{ $json.field }}` parameters are read from the input item by the node itself, after
 * n8n's engine gave the same answer for the first item (helpers/parameters.ts). These runs go
 * through n8n-core's real engine and compare the requests with those of the same workflow
 * written as `$json["field"]`, which the node always leaves to n8n.
 */
const FIELDS = ['server', 'database', 'username', 'password'] as const;
const EXTRA = ['description', 'port', 'schema'] as const;

function createWorkflow(reference: (field: string) => string) {
	return singleNodeWorkflow({
		resource: 'connection',
		operation: 'createRedshift',
		name: reference('name'),
		connectionSpecId: REDSHIFT_SPEC_ID,
		redshiftCredentials: 'parameters',
		...Object.fromEntries(FIELDS.map((field) => [field, reference(field)])),
		additionalFields: Object.fromEntries(EXTRA.map((field) => [field, reference(field)])),
		options: { ifExists: 'create' },
	});
}

const plain = (field: string) => `={{ $json.${field} }}`;
const bracketed = (field: string) => `={{ $json["${field}"] }}`;

const items: IDataObject[] = [
	{
		name: 'first',
		server: 's0.example.com',
		database: 'dev',
		username: 'u',
		password: 'p-0',
		description: 'd',
		port: 5439,
		schema: 'public',
	},
	{
		name: 'zweite Verbindung ✓',
		server: 's1.example.com',
		database: 'dev',
		username: 'u',
		password: 'p-1',
		description: '',
		port: '5440',
		schema: 'sales',
	},
	// No description and no schema: the node must treat them as absent, as n8n resolves them.
	{
		name: 'third',
		server: 's2.example.com',
		database: 'prod',
		username: 'u',
		password: 'p-2',
		port: 5441,
	},
];

async function postedBodies(reference: (field: string) => string) {
	mockImsToken();
	const bodies: unknown[] = [];
	const api = mockFlowService()
		.post('/connections')
		.times(items.length)
		.reply(201, (_uri, body) => {
			bodies.push(body);
			return { id: `id-${bodies.length}`, etag: '"1"' };
		});
	const expressionsPerItem = items.map(() => 0);
	const evaluations = jest.spyOn(WorkflowExpression.prototype, 'getParameterValue');
	const result = await runWorkflow(createWorkflow(reference), {
		credentials: [adobeCredential(), redshiftCredential()],
		inputItems: items,
	}).finally(() => {
		// Counted before the restore, which clears the recorded calls.
		for (const [value, , , itemIndex] of evaluations.mock.calls) {
			if (JSON.stringify(value ?? null).includes('"={{')) expressionsPerItem[itemIndex]++;
		}
		evaluations.mockRestore();
	});
	expect(result.nodeError('Adobe')).toBeUndefined();
	expect(api.isDone()).toBe(true);
	return { bodies, outputs: result.output('Adobe'), expressionsPerItem };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('plain item-field references in a real n8n engine', () => {
	it('send the same requests and outputs as expressions n8n evaluates itself', async () => {
		const viaN8n = await postedBodies(bracketed);
		const local = await postedBodies(plain);
		expect(local.bodies).toEqual(viaN8n.bodies);
		expect(local.outputs).toEqual(viaN8n.outputs);
		expect((local.bodies[2] as IDataObject).description).toBeUndefined();
		expect(local.bodies.map((body) => (body as IDataObject).name)).toEqual(
			items.map((item) => item.name),
		);
	});

	it('evaluate through n8n for the first item only, and for a collection whose field is missing', async () => {
		const viaN8n = await postedBodies(bracketed);
		const local = await postedBodies(plain);
		// n8n resolves 6 parameters per item: Name, the 4 login fields, Additional Fields.
		expect(viaN8n.expressionsPerItem).toEqual([6, 6, 6]);
		// Ours: all of them at item 0 (the check against n8n's answer), none at item 1, and at
		// item 2 only Additional Fields, which names fields that item lacks.
		expect(local.expressionsPerItem).toEqual([6, 0, 1]);
	});
});
