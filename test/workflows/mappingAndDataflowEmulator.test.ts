// Mapping Set → Create and Dataflow → Create, Get, Get Many, Update, Enable, Disable, Delete
// against the emulator, which checks bodies as Adobe does (schedule rules, Copy + Mapping, one
// schema for mapping, target and dataset). A re-run creates nothing; the teardown goes in order.
import type { INode, IConnections } from 'n8n-workflow';

import { callFlow, getToken, redshiftConnectionBody } from '../emulator/helpers';
import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import { PROFILE_DATASET_ID, PROFILE_SCHEMA_ID } from '../emulator/data/seeds';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { findLeaks } from '../harness/fixtures';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import type { WorkflowJson } from '../harness/runWorkflow';
import { byId, emulatorCredential } from '../lifecycle/helpers';

const OURS = 'n8n-nodes-adobe-flow-service.adobeFlowService';
let emu: FlowServiceEmulator;
let ids: { base: string; source: string; target: string };

async function seed(): Promise<typeof ids> {
	const token = await getToken(emu);
	const post = async (path: string, body: unknown) => {
		const result = await callFlow(emu, path, { method: 'POST', body, token });
		if (result.status !== 201) throw new Error(`${path}: ${result.text}`);
		return String(result.body.id);
	};
	const base = await post('/connections', redshiftConnectionBody('Redshift (seed)'));
	const baseConnection = (await callFlow(emu, `/connections/${base}`, { token })).body.items[0];
	const source = await post('/sourceConnections', {
		name: 'customers (seed)',
		baseConnectionId: base,
		data: { format: 'tabular' },
		params: {
			tableName: 'public.customers',
			columns: [
				{ name: 'customer_id', type: 'string', xdm: { type: 'string' } },
				{ name: 'email', type: 'string', xdm: { type: 'string' } },
				{ name: 'updated_at', type: 'string', xdm: { type: 'string', format: 'date-time' } },
			],
		},
		connectionSpec: baseConnection.connectionSpec,
	});
	const target = await post('/targetConnections', {
		name: 'profiles (seed)',
		data: {
			schema: { id: PROFILE_SCHEMA_ID, version: 'application/vnd.adobe.xed-full+json;version=1' },
		},
		params: { dataSetId: PROFILE_DATASET_ID },
		connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' },
	});
	emu.requests.length = 0;
	return { base, source, target };
}

beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(async () => {
	emu.reset();
	ids = await seed();
});

const node = (name: string, parameters: Record<string, unknown>, x: number): INode => ({
	id: `00000000-0000-4000-8000-00000000000${x}`,
	name,
	type: OURS,
	typeVersion: 1,
	position: [x * 200, 0],
	parameters: parameters as INode['parameters'],
	credentials: { adobeFlowServiceApi: { id: 'adobe-cred-1', name: 'Adobe AEP (test)' } },
});

/** Manual Trigger → Create Mapping Set → Create Dataflow. */
function tailOfChain(schedule: Record<string, unknown> = {}): WorkflowJson {
	return {
		nodes: [
			{
				id: '00000000-0000-4000-8000-000000000000',
				name: 'Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			node(
				'Create Mapping Set',
				{
					resource: 'mappingSet',
					operation: 'create',
					schemaId: PROFILE_SCHEMA_ID,
					mappingPairs: {
						mapping: [
							{ source: 'customer_id', destination: 'personID' },
							{ source: 'email', destination: 'personalEmail.address' },
							{ source: 'updated_at', destination: 'extSourceSystemAudit.lastUpdatedDate' },
						],
					},
					options: { validateFirst: true },
				},
				1,
			),
			node(
				'Create Dataflow',
				{
					resource: 'dataflow',
					operation: 'create',
					name: 'customers to profiles',
					sourceConnectionId: ids.source,
					targetConnectionId: ids.target,
					mappingSetId: '={{ $json.id }}',
					mappingSetVersion: '={{ $json.version }}',
					frequency: 'hour',
					interval: 1,
					startTime: '2030-01-01T06:00:00Z',
					deltaColumn: 'updated_at',
					...schedule,
				},
				2,
			),
		],
		connections: {
			Trigger: { main: [[{ node: 'Create Mapping Set', type: 'main', index: 0 }]] },
			'Create Mapping Set': { main: [[{ node: 'Create Dataflow', type: 'main', index: 0 }]] },
		} as IConnections,
	};
}

const calls = () =>
	emu.requests
		.filter((request) => request.service !== 'ims')
		.map((request) => `${request.method} ${request.path} ${request.status}`);

describe('Mapping Set → Create and Dataflow → Create on the emulator', () => {
	it('creates both the first time; a re-run reuses both and sends no POST', async () => {
		const helper = new HarnessCredentialsHelper([emulatorCredential(emu)]);
		const first = await runWorkflow(tailOfChain(), { credentialsHelper: helper });
		const mapping = first.output('Create Mapping Set')[0];
		const flow = first.output('Create Dataflow')[0];
		expect(mapping).toMatchObject({ version: 0, validated: true, reused: false });
		expect(flow).toMatchObject({
			name: 'customers to profiles',
			sourceConnectionIds: [ids.source],
			targetConnectionIds: [ids.target],
			scheduleParams: { startTime: 1893477600, frequency: 'hour', interval: 1, backfill: true },
			reused: false,
		});
		expect(calls()).toEqual([
			'GET /data/foundation/conversion/mappingSets 200',
			'POST /data/foundation/conversion/mappingSets/validate 200',
			'POST /data/foundation/conversion/mappingSets 200',
			'GET /data/foundation/flowservice/flows 200',
			'POST /data/foundation/flowservice/flows 201',
		]);
		emu.requests.length = 0;

		const second = await runWorkflow(tailOfChain(), { credentialsHelper: helper });
		expect(second.output('Create Mapping Set')[0]).toMatchObject({ id: mapping.id, reused: true });
		expect(second.output('Create Dataflow')[0]).toMatchObject({
			id: flow.id,
			reused: true,
			state: 'enabled',
		});
		expect(calls().filter((call) => call.startsWith('POST'))).toEqual([]);
		expect(findLeaks(first.serialized + second.serialized)).toEqual([]);
	});

	it('a once flow passes the emulator, which refuses interval, backfill and delta column on it', async () => {
		const result = await runWorkflow(tailOfChain({ frequency: 'once' }), {
			credentials: [emulatorCredential(emu)],
		});
		expect(result.nodeError('Create Dataflow')).toBeUndefined();
		expect(result.output('Create Dataflow')[0]).toMatchObject({
			scheduleParams: { frequency: 'once', startTime: 1893477600 },
		});
	});
});

describe('Dataflow lifecycle on the emulator, and the teardown order', () => {
	const run = (operation: string, parameters: Record<string, unknown>, resource = 'dataflow') =>
		runWorkflow(singleNodeWorkflow({ resource, operation, ...parameters } as INode['parameters']), {
			credentials: [emulatorCredential(emu)],
		});

	it('Get, Get Many, Update (etag read by the node), Disable, Enable, then delete in order', async () => {
		const created = await runWorkflow(tailOfChain(), { credentials: [emulatorCredential(emu)] });
		const flowId = String(created.output('Create Dataflow')[0].id);

		const got = (await run('get', { dataflowId: byId(flowId) })).output('Adobe')[0];
		expect(got).toMatchObject({ id: flowId, name: 'customers to profiles', state: 'enabled' });

		const listed = await run('getAll', { filters: { sourceConnectionId: ids.source } });
		expect(listed.output('Adobe').map((flow) => flow.id)).toEqual([flowId]);

		const updated = await run('update', {
			dataflowId: byId(flowId),
			updateFields: { name: 'customers to profiles v2', frequency: 'minute', interval: 30 },
		});
		expect(updated.nodeError('Adobe')).toBeUndefined();
		expect(updated.output('Adobe')[0]).toMatchObject({ id: flowId, etag: expect.any(String) });
		expect(updated.output('Adobe')[0].etag).not.toBe(got.etag);
		const patch = emu.requests.find((request) => request.method === 'PATCH');
		expect(patch?.headers['if-match']).toBe(got.etag);

		expect((await run('disable', { dataflowId: byId(flowId) })).output('Adobe')[0]).toMatchObject({
			state: 'disabled',
		});
		expect((await run('enable', { dataflowId: byId(flowId) })).output('Adobe')[0]).toMatchObject({
			state: 'enabled',
		});

		// The base connection cannot go first: the hint names the whole teardown order.
		const early = await run('delete', { connectionId: byId(ids.base) }, 'connection');
		expect(early.nodeError('Adobe')?.message).toContain('[FLOW-1418-400]');
		expect(String(early.nodeError('Adobe')?.description)).toContain(
			'delete the dataflows first (Dataflow → Delete), then their source and target connections, then the base connection',
		);

		expect((await run('delete', { dataflowId: byId(flowId) })).output('Adobe')).toEqual([
			{ deleted: true, id: flowId },
		]);
		const token = await getToken(emu);
		for (const path of [`/sourceConnections/${ids.source}`, `/targetConnections/${ids.target}`]) {
			expect((await callFlow(emu, path, { method: 'DELETE', token })).status).toBe(204);
		}
		const last = await run('delete', { connectionId: byId(ids.base) }, 'connection');
		expect(last.output('Adobe')).toEqual([{ deleted: true, id: ids.base }]);
	});
});
