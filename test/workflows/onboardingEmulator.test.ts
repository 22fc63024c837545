// The first steps of onboarding against the emulator, which checks what a client sends as Adobe
// does: explore a Redshift connection, create the source and target connections, check the flow
// spec; a re-run creates nothing; the pickers list what the emulator holds.
import { ORDER_DATASET_ID, PROFILE_DATASET_ID, PROFILE_SCHEMA_ID } from '../emulator/data/seeds';
import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import { searchDatasets } from '../../nodes/AdobeFlowService/methods/searchDatasets';
import { searchTables } from '../../nodes/AdobeFlowService/methods/searchTables';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { REDSHIFT_SPEC_ID } from '../harness/fixtures';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import {
	byId,
	callListSearch,
	emulatorCredential,
	flowRequests,
	seedConnections,
} from '../lifecycle/helpers';

let emu: FlowServiceEmulator;
let connectionId: string;
let helper: HarnessCredentialsHelper;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(async () => {
	emu.reset();
	[connectionId] = await seedConnections(emu, ['Redshift analytics']);
	helper = new HarnessCredentialsHelper([emulatorCredential(emu)]);
});

const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
const run = async (resource: string, operation: string, parameters: Record<string, unknown>) =>
	await runWorkflow(singleNodeWorkflow({ resource, operation, ...parameters }), {
		credentialsHelper: helper,
	});
const posts = () => flowRequests(emu).filter((request) => request.method === 'POST');

describe('onboarding on the emulator', () => {
	it('explores the connection: tables, a schema, preview rows', async () => {
		const tables = await run('connection', 'listTables', { connectionId: byId(connectionId) });
		expect(tables.output('Adobe').map((table) => table.path)).toEqual([
			'public.customers',
			'public.orders',
		]);
		const schema = await run('connection', 'getTableSchema', {
			connectionId: byId(connectionId),
			table: byPath('public.customers'),
		});
		const [described] = schema.output('Adobe');
		expect(described).toMatchObject({
			connectionId,
			tableName: 'public.customers',
			format: 'flat',
		});
		expect((described.columns as Array<{ name: string }>).map((column) => column.name)).toContain(
			'updated_at',
		);
		const preview = await run('connection', 'previewTable', {
			connectionId: byId(connectionId),
			table: byPath('public.orders'),
			options: { rowFilter: '{"nodeType":"literal","value":true}' },
		});
		expect(preview.output('Adobe')).toHaveLength(3);
		expect(preview.output('Adobe')[0]).toMatchObject({ order_id: 'O5001' });
	});

	it('creates the source and target connections once; the re-run creates nothing', async () => {
		const source = () =>
			run('sourceConnection', 'create', {
				name: 'Customers',
				connectionId: byId(connectionId),
				table: byPath('public.customers'),
			});
		const target = () =>
			run('targetConnection', 'create', {
				name: 'Customers lake',
				datasetId: byId(PROFILE_DATASET_ID),
			});
		const firstSource = (await source()).output('Adobe')[0];
		const firstTarget = (await target()).output('Adobe')[0];
		expect(firstSource).toMatchObject({
			name: 'Customers',
			tableName: 'public.customers',
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			reused: false,
		});
		expect(firstTarget).toMatchObject({
			dataSetId: PROFILE_DATASET_ID,
			schema: { id: PROFILE_SCHEMA_ID, version: 'application/vnd.adobe.xed-full+json;version=1' },
			reused: false,
		});
		expect(posts()).toHaveLength(2);
		expect(emu.sourceConnections.size).toBe(1);
		expect(emu.targetConnections.size).toBe(1);

		emu.requests.length = 0;
		const again = [(await source()).output('Adobe')[0], (await target()).output('Adobe')[0]];
		expect(again.map((item) => [item.id, item.reused])).toEqual([
			[firstSource.id, true],
			[firstTarget.id, true],
		]);
		// One listing each, nothing more.
		expect(flowRequests(emu).map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /data/foundation/flowservice/sourceConnections',
			'GET /data/foundation/flowservice/targetConnections',
		]);
	});

	it('gets, lists and deletes what it created', async () => {
		const created = (
			await run('sourceConnection', 'create', {
				name: 'Orders',
				connectionId: byId(connectionId),
				table: byPath('public.orders'),
			})
		).output('Adobe')[0];
		const got = await run('sourceConnection', 'get', { sourceConnectionId: created.id });
		expect(got.output('Adobe')[0]).toMatchObject({
			id: created.id,
			baseConnectionId: connectionId,
		});
		const listed = await run('sourceConnection', 'getAll', {
			filters: { baseConnectionId: connectionId, tableName: 'public.orders' },
		});
		expect(listed.output('Adobe').map((item) => item.id)).toEqual([created.id]);
		const deleted = await run('sourceConnection', 'delete', { sourceConnectionId: created.id });
		expect(deleted.output('Adobe')).toEqual([{ deleted: true, id: created.id }]);
		expect(emu.sourceConnections.size).toBe(0);

		const lake = (
			await run('targetConnection', 'create', {
				name: 'Orders lake',
				datasetId: byId(ORDER_DATASET_ID),
			})
		).output('Adobe')[0];
		const targets = await run('targetConnection', 'getAll', {
			filters: { dataSetId: ORDER_DATASET_ID },
		});
		expect(targets.output('Adobe').map((item) => item.id)).toEqual([lake.id]);
		await run('targetConnection', 'delete', { targetConnectionId: lake.id });
		expect(emu.targetConnections.size).toBe(0);
	});

	it('checks the source spec against CRMToAEP', async () => {
		const ok = await run('flowSpec', 'get', {
			flowSpecName: 'CRMToAEP',
			sourceConnectionSpecId: REDSHIFT_SPEC_ID,
		});
		expect(ok.output('Adobe')[0]).toMatchObject({
			name: 'CRMToAEP',
			id: '14518937-270c-4525-bdec-c2ba7cce3860',
		});
		const refused = await run('flowSpec', 'get', {
			flowSpecName: 'CRMToAEP',
			sourceConnectionSpecId: '26f526f2-58f4-4712-961d-e41bf1ccc0e8',
		});
		expect(refused.nodeError('Adobe')?.message).toMatch(
			/does not accept sources of connection spec/,
		);
	});

	it("the pickers list the connection's tables and the sandbox's datasets", async () => {
		const tables = await callListSearch(
			searchTables,
			singleNodeWorkflow({
				resource: 'connection',
				operation: 'getTableSchema',
				connectionId: byId(connectionId),
				table: { __rl: true, mode: 'list', value: '' },
			}),
			'table',
			helper,
		);
		expect(tables.results.map((table) => table.value)).toEqual([
			'public.customers',
			'public.orders',
		]);
		const datasets = await callListSearch(
			searchDatasets,
			singleNodeWorkflow({
				resource: 'targetConnection',
				operation: 'create',
				datasetId: { __rl: true, mode: 'list', value: '' },
			}),
			'datasetId',
			helper,
			'crm',
		);
		expect(datasets.results).toEqual([{ name: 'CRM Profiles', value: PROFILE_DATASET_ID }]);
	});
});
