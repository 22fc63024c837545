// Dataflow → Create, Get, Get Many, Update, Enable, Disable, Delete: the exact requests
// (nock), the schedule rules refused before any request, create-or-reuse by name, a lost
// create looked up before it is sent again, the etag dance of Update, and pairing.
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { adobeCredential, BASE_PATH, findLeaks } from '../harness/fixtures';
import { mockFlowService, mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';

const CRM_TO_AEP = '14518937-270c-4525-bdec-c2ba7cce3860';
const SOURCE_ID = 'b7581b59-c603-4df1-a689-d23d7ac440f3';
const TARGET_ID = '320f119a-5ac1-4ab1-88ea-eb19e674ea2e';
const MAPPING_ID = '93ddfa69c4864d978832b1e5ef6ec3b9';
const FLOW_ID = 'ae0a9777-b322-4ac1-b0ed-48ae9e497c7e';
const ETAG = '"770029f8-0000-0200-0000-6019e7d40000"';
const START = 1_893_456_000; // 2030-01-01T00:00:00Z
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const createParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'dataflow',
	operation: 'create',
	name: 'Orders to AEP',
	flowSpecId: CRM_TO_AEP,
	sourceConnectionId: SOURCE_ID,
	targetConnectionId: TARGET_ID,
	mappingSetId: MAPPING_ID,
	mappingSetVersion: 0,
	frequency: 'minute',
	startTime: '2030-01-01T00:00:00Z',
	interval: 15,
	deltaColumn: 'updated_at',
	...extra,
});
const create = (extra: Record<string, unknown> = {}, node = {}) =>
	singleNodeWorkflow(createParameters(extra), node);
const credentials = () => [adobeCredential()];
const flowListing = (name = 'Orders to AEP') => ({
	property: [`name=="${name}"`, `flowSpec.id=="${CRM_TO_AEP}"`],
	limit: '50',
});
const expectedBody = {
	name: 'Orders to AEP',
	flowSpec: { id: CRM_TO_AEP, version: '1.0' },
	sourceConnectionIds: [SOURCE_ID],
	targetConnectionIds: [TARGET_ID],
	transformations: [
		{ name: 'Copy', params: { deltaColumn: { name: 'updated_at' } } },
		{ name: 'Mapping', params: { mappingId: MAPPING_ID, mappingVersion: 0 } },
	],
	scheduleParams: { startTime: START, frequency: 'minute', interval: 15, backfill: true },
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Dataflow → Create: the request', () => {
	it('looks its name up, then posts Copy + Mapping and native-typed scheduleParams', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [] })
			.post('/flows', expectedBody)
			.matchHeader('content-type', 'application/json')
			.reply(201, { id: FLOW_ID, etag: ETAG });
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.items('Adobe')).toEqual([
			{
				json: {
					id: FLOW_ID,
					etag: ETAG,
					name: 'Orders to AEP',
					flowSpec: expectedBody.flowSpec,
					sourceConnectionIds: [SOURCE_ID],
					targetConnectionIds: [TARGET_ID],
					scheduleParams: expectedBody.scheduleParams,
					reused: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends a once flow with no Copy, no interval and no backfill (frequency by expression)', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [] })
			.post('/flows', {
				...expectedBody,
				description: 'One-off load',
				transformations: [expectedBody.transformations[1]],
				scheduleParams: { startTime: START, frequency: 'once' },
			})
			.reply(201, { id: FLOW_ID, etag: ETAG });
		const result = await runWorkflow(
			create({
				frequency: '={{ "once" }}',
				interval: '',
				backfill: '',
				deltaColumn: '',
				additionalFields: { description: 'One-off load' },
			}),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')[0]).toMatchObject({ id: FLOW_ID, reused: false });
	});

	it("reads a start time without an offset in the workflow's time zone", async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [] })
			.post('/flows', expectedBody)
			.reply(201, { id: FLOW_ID, etag: ETAG });
		const workflow = {
			...create({ startTime: '2030-01-01T09:00:00' }),
			settings: { timezone: 'Asia/Tokyo' },
		};
		await runWorkflow(workflow, { credentials: credentials() });
		expect(api.isDone()).toBe(true);
	});

	it('a literal once drops the hidden fields itself, as the editor shows them', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [] })
			.post('/flows', (body) => {
				expect(body.scheduleParams).toEqual({ startTime: START, frequency: 'once' });
				expect(body.transformations).toHaveLength(1);
				return true;
			})
			.reply(201, { id: FLOW_ID, etag: ETAG });
		await runWorkflow(create({ frequency: 'once' }), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
	});

	it('adds the delta column date format and time zone, a description, and a start time as a number', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [] })
			.post('/flows', {
				...expectedBody,
				description: 'Nightly',
				transformations: [
					{
						name: 'Copy',
						params: {
							deltaColumn: { name: 'updated_at', dateFormat: 'YYYY-MM-DD', timezone: 'UTC' },
						},
					},
					expectedBody.transformations[1],
				],
				scheduleParams: { startTime: START, frequency: 'day', interval: 1, backfill: false },
			})
			.reply(201, { id: FLOW_ID, etag: ETAG });
		await runWorkflow(
			create({
				frequency: 'day',
				interval: 1,
				backfill: false,
				startTime: `={{ ${START * 1000} }}`,
				additionalFields: {
					description: 'Nightly',
					deltaColumnDateFormat: 'YYYY-MM-DD',
					deltaColumnTimezone: 'UTC',
				},
			}),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
	});
});

describe('Dataflow → Create: the schedule rules, each refused before any request', () => {
	it.each([
		[
			{ frequency: '={{ "once" }}', interval: 15, backfill: '', deltaColumn: '' },
			'Interval must be empty when Frequency is once (Adobe: 1361-400)',
		],
		[
			{ frequency: '={{ "once" }}', interval: '', backfill: true, deltaColumn: '' },
			'Backfill must be empty when Frequency is once (Adobe: 1364-400)',
		],
		[
			{ frequency: '={{ "once" }}', interval: '', backfill: '', deltaColumn: 'updated_at' },
			'Delta Column must be empty when Frequency is once (Adobe: 1369-400)',
		],
		[
			{ interval: 10 },
			'Interval must be at least 15 when Frequency is minute (got 10): Adobe runs minute flows every 15 minutes at most',
		],
		[
			{ frequency: 'hour', interval: 0 },
			'Interval must be at least 1 when Frequency is hour (got 0)',
		],
		[
			{ frequency: 'week', interval: '={{ 1.5 }}' },
			'Interval must be a whole number of at least 1 when Frequency is week (got 1.5)',
		],
		[
			{ deltaColumn: '' },
			'Delta Column is required when Frequency is minute: the Copy transformation reads new rows by it (Adobe: 1367-400)',
		],
		[
			{ frequency: '={{ "monthly" }}' },
			'Frequency must be one of once, minute, hour, day, week (got "monthly")',
		],
		[
			{ startTime: '={{ "" }}' },
			'Start Time must be a date and time, e.g. 2030-01-01T06:00:00 (got "")',
		],
		[
			{ startTime: 'next tuesday' },
			'Start Time must be a date and time, e.g. 2030-01-01T06:00:00 (got "next tuesday")',
		],
		[
			{ sourceConnectionId: 'not-an-id' },
			'Source Connection ID must be a UUID such as ae0a9777-b322-4ac1-b0ed-48ae9e497c7e (got "not-an-id")',
		],
		[
			{ mappingSetId: 'x' },
			'Mapping Set ID must be a mapping set ID such as e7c80e4c0d8f4a98a7d400b4e178b635 (got "x")',
		],
		[
			{ mappingSetVersion: -1 },
			'Mapping Set Version must be a whole number of at least 0 (got "-1")',
		],
	])('%j', async (extra, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(extra), { credentials: credentials() });
		unmatched.stop();
		expect(result.nodeError('Adobe')?.message).toBe(`${message} [item 0]`);
		expect(unmatched.count()).toBe(0);
	});

	it('lets a flow spec other than CRMToAEP go without a delta column', async () => {
		const otherSpec = '9753525b-82c7-4dce-8a9b-5ccfce2b9876';
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query({ property: [`name=="Orders to AEP"`, `flowSpec.id=="${otherSpec}"`], limit: '50' })
			.reply(200, { items: [] })
			.post('/flows', (body) => body.transformations.length === 1)
			.reply(201, { id: FLOW_ID, etag: ETAG });
		await runWorkflow(create({ flowSpecId: otherSpec, deltaColumn: '' }), {
			credentials: credentials(),
		});
		expect(api.isDone()).toBe(true);
	});
});

describe('Dataflow → Create: create-or-reuse by name', () => {
	const existing = {
		id: FLOW_ID,
		etag: ETAG,
		name: 'Orders to AEP',
		state: 'enabled',
		flowSpec: { id: CRM_TO_AEP, version: '1.0' },
		sourceConnectionIds: [SOURCE_ID],
		targetConnectionIds: [TARGET_ID],
		scheduleParams: { startTime: START, frequency: 'hour', interval: 1, backfill: true },
		createdAt: 1795759162003,
	};

	it('reuses a flow of the same name: no POST, reused: true, described as Adobe holds it', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [existing] });
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(), { credentials: credentials() });
		unmatched.stop();
		expect(api.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		expect(result.output('Adobe')).toEqual([
			{
				id: FLOW_ID,
				etag: ETAG,
				name: 'Orders to AEP',
				flowSpec: existing.flowSpec,
				sourceConnectionIds: [SOURCE_ID],
				targetConnectionIds: [TARGET_ID],
				scheduleParams: existing.scheduleParams,
				state: 'enabled',
				reused: true,
			},
		]);
	});

	it('Fail stops with an error naming the existing flow', async () => {
		mockImsToken();
		mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [existing] });
		const result = await runWorkflow(create({ options: { ifExists: 'fail' } }), {
			credentials: credentials(),
		});
		expect(result.nodeError('Adobe')?.message).toBe(
			`A dataflow named "Orders to AEP" already exists for this flow spec (ID ${FLOW_ID}) [item 0]`,
		);
	});

	it('two items with one name create one flow; the listing is made once', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query({ property: `flowSpec.id=="${CRM_TO_AEP}"`, limit: '50' })
			.once()
			.reply(200, { items: [] })
			.post('/flows')
			.once()
			.reply(201, { id: FLOW_ID, etag: ETAG });
		const result = await runWorkflow(create(), {
			credentials: credentials(),
			inputItems: [{}, {}],
		});
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe').map((item) => [item.id, item.reused])).toEqual([
			[FLOW_ID, false],
			[FLOW_ID, true],
		]);
	});

	it('a create whose answer was lost (502) is looked up, found, and not sent again', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [] })
			.post('/flows')
			.once()
			.reply(502, 'Bad gateway')
			.get('/flows')
			.query(flowListing())
			.reply(200, { items: [existing] });
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(), { credentials: credentials() });
		unmatched.stop();
		expect(api.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		expect(result.output('Adobe')[0]).toMatchObject({ id: FLOW_ID, reused: false });
	});

	it('a lost create proven absent by the look-up is sent once more', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/flows')
			.query(flowListing())
			.twice()
			.reply(200, { items: [] })
			.post('/flows', expectedBody)
			.reply(504, { error_code: '504', message: 'Gateway timeout' })
			.post('/flows', expectedBody)
			.reply(201, { id: FLOW_ID, etag: ETAG });
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')[0]).toMatchObject({ id: FLOW_ID, reused: false });
	});
});

describe('Dataflow → Get, Get Many, Enable, Disable, Delete', () => {
	const run = (operation: string, extra: Record<string, unknown> = {}, node = {}) =>
		runWorkflow(singleNodeWorkflow({ resource: 'dataflow', operation, ...extra }, node), {
			credentials: credentials(),
		});

	it('Get unwraps items[0]', async () => {
		mockImsToken();
		const flow = { id: FLOW_ID, name: 'Orders to AEP', state: 'enabled', etag: ETAG };
		const api = mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [flow] });
		const result = await run('get', { dataflowId: byId(FLOW_ID) });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([flow]);
	});

	it('Get Many sends the documented filters and sort, and pages', async () => {
		mockImsToken();
		const paths: string[] = [];
		const api = mockFlowService()
			.get('/flows')
			.query(true)
			.reply(function (uri) {
				paths.push(uri);
				return [
					200,
					{ items: [{ id: 'a' }], _links: { next: { href: '/flows?continuationToken=t2' } } },
				];
			})
			.get('/flows')
			.query({ continuationToken: 't2' })
			.reply(200, { items: [{ id: 'b' }], _links: {} });
		const result = await run('getAll', {
			returnAll: true,
			filters: { state: 'enabled', flowSpecId: CRM_TO_AEP, sourceConnectionId: SOURCE_ID },
			sort: 'name',
		});
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(decodeURIComponent(paths[0])).toBe(
			`${BASE_PATH}/flows?property=flowSpec.id=="${CRM_TO_AEP}"&property=sourceConnectionIds[]==${SOURCE_ID}&property=state=="enabled"&orderby=name&limit=50`,
		);
	});

	it.each(['enable', 'disable'])('%s posts /flows/{id}/action?op=… with no body', async (op) => {
		mockImsToken();
		const api = mockFlowService()
			.post(
				`/flows/${FLOW_ID}/action`,
				(body) => body === '' || body === undefined || Object.keys(body).length === 0,
			)
			.query({ op })
			.reply(200, { id: FLOW_ID, etag: ETAG });
		const result = await run(op, { dataflowId: byId(FLOW_ID) });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([
			{ id: FLOW_ID, etag: ETAG, state: op === 'enable' ? 'enabled' : 'disabled' },
		]);
	});

	it('Delete answers { deleted: true }', async () => {
		mockImsToken();
		const api = mockFlowService().delete(`/flows/${FLOW_ID}`).reply(204);
		const result = await run('delete', { dataflowId: byId(FLOW_ID) });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([{ deleted: true, id: FLOW_ID }]);
	});

	it('continue-on-fail: one output per item, in order, paired, the bad ID refused unsent', async () => {
		mockImsToken();
		mockFlowService().delete(`/flows/${FLOW_ID}`).twice().reply(204);
		const result = await runWorkflow(
			singleNodeWorkflow(
				{ resource: 'dataflow', operation: 'delete', dataflowId: byId('={{ $json.id }}') },
				{ onError: 'continueRegularOutput' },
			),
			{
				credentials: credentials(),
				inputItems: [{ id: FLOW_ID }, { id: 'nope' }, { id: FLOW_ID }],
			},
		);
		expect(result.items('Adobe')).toEqual([
			{ json: { deleted: true, id: FLOW_ID }, pairedItem: { item: 0 } },
			{
				json: expect.objectContaining({
					error: expect.stringMatching(/^Dataflow must be a dataflow ID .*\[item 1\]$/),
				}),
				pairedItem: { item: 1 },
			},
			{ json: { deleted: true, id: FLOW_ID }, pairedItem: { item: 2 } },
		]);
		expect(findLeaks(result.serialized)).toEqual([]);
	});
});

describe('Dataflow → Update: JSON Patch with the etag the node reads itself', () => {
	const flow = (etag = ETAG, extra = {}) => ({
		id: FLOW_ID,
		etag,
		scheduleParams: { startTime: START, frequency: 'hour', interval: 1, backfill: true },
		transformations: [
			{ name: 'Copy', params: { deltaColumn: { name: 'updated_at' } } },
			{ name: 'Mapping', params: { mappingId: MAPPING_ID, mappingVersion: 0 } },
		],
		...extra,
	});
	const update = (updateFields: INodeParameters) =>
		runWorkflow(
			singleNodeWorkflow({
				resource: 'dataflow',
				operation: 'update',
				dataflowId: byId(FLOW_ID),
				updateFields,
			}),
			{ credentials: credentials() },
		);

	it('reads the etag, then PATCHes with If-Match, the Mapping found by name', async () => {
		mockImsToken();
		const newMapping = 'e7c80e4c0d8f4a98a7d400b4e178b635';
		const api = mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [flow()] })
			.patch(`/flows/${FLOW_ID}`, [
				{ op: 'replace', path: '/name', value: 'Orders v2' },
				{ op: 'replace', path: '/scheduleParams/frequency', value: 'minute' },
				{ op: 'replace', path: '/scheduleParams/interval', value: 30 },
				{
					op: 'replace',
					path: '/transformations/1',
					value: { name: 'Mapping', params: { mappingId: newMapping, mappingVersion: 2 } },
				},
			])
			.matchHeader('if-match', ETAG)
			.reply(200, { id: FLOW_ID, etag: '"new"' });
		const result = await update({
			name: 'Orders v2',
			frequency: 'minute',
			interval: 30,
			mappingSetId: newMapping,
			mappingSetVersion: 2,
		});
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([
			{
				id: FLOW_ID,
				etag: '"new"',
				updated: [
					'/name',
					'/scheduleParams/frequency',
					'/scheduleParams/interval',
					'/transformations/1',
				],
			},
		]);
	});

	it('on 412 (FLOW-1404-412) reads again and resends once with the fresh etag', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [flow('"stale"')] })
			.patch(`/flows/${FLOW_ID}`)
			.matchHeader('if-match', '"stale"')
			.reply(412, {
				type: 'https://ns.adobe.com/aep/errors/FLOW-1404-412',
				title: 'Version mismatch',
				status: 412,
			})
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [flow('"fresh"')] })
			.patch(`/flows/${FLOW_ID}`, [{ op: 'replace', path: '/name', value: 'Orders v2' }])
			.matchHeader('if-match', '"fresh"')
			.reply(200, { id: FLOW_ID, etag: '"newer"' });
		const result = await update({ name: 'Orders v2' });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')[0]).toMatchObject({ etag: '"newer"' });
	});

	it('a second 412 fails, saying the flow changed twice; nothing more is sent', async () => {
		mockImsToken();
		const conflict = {
			type: 'https://ns.adobe.com/aep/errors/FLOW-1404-412',
			title: 'Version mismatch',
			status: 412,
		};
		const api = mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.twice()
			.reply(200, { items: [flow()] })
			.patch(`/flows/${FLOW_ID}`)
			.twice()
			.reply(412, conflict);
		const unmatched = watchUnmatchedRequests();
		const result = await update({ name: 'Orders v2' });
		unmatched.stop();
		expect(api.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		const error = result.nodeError('Adobe');
		expect(error?.message).toBe('Version mismatch [FLOW-1404-412]');
		expect(String(error?.description)).toContain(
			'changed again between reading it and sending the update, twice',
		);
	});

	it('checks the interval against the flow as it is, before the PATCH', async () => {
		mockImsToken();
		mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [flow()] });
		const unmatched = watchUnmatchedRequests();
		const result = await update({ frequency: 'minute' });
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(
			'Interval must be at least 15 when Frequency is minute (the flow would have 1) [item 0]',
		);
	});

	it.each([
		[{}, 'Update Fields is empty: add at least one field to change'],
		[
			{ frequency: 'once', interval: 5 },
			'Interval must be empty when Frequency is once (Adobe: 1361-400)',
		],
		[
			{ mappingSetId: 'bad' },
			'Mapping Set ID must be a mapping set ID such as e7c80e4c0d8f4a98a7d400b4e178b635 (got "bad")',
		],
	])('refuses %j before any request', async (fields, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await update(fields);
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(`${message} [item 0]`);
	});
});
