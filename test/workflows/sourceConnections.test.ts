// Source Connection → Create, Get, Get Many, Delete: the exact requests, create-or-reuse by
// name on the base connection, and what is refused before any request.
import nock from 'nock';

import { adobeCredential, BASE_PATH, findLeaks, REDSHIFT_SPEC_ID } from '../harness/fixtures';
import { mockFlowService, mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';

const BASE_ID = '6990abad-977d-41b9-a85d-17ea8cf1c0e4';
const SOURCE_ID = 'b7581b59-c603-4df1-a689-d23d7ac440f3';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
const columns = [
	{ name: 'TestID', type: 'string', xdm: { type: 'string' } },
	{
		name: 'Datefield',
		type: 'string',
		'meta:xdmType': 'date-time',
		xdm: { type: 'string', format: 'date-time' },
	},
];
const baseConnection = {
	id: BASE_ID,
	name: 'Redshift analytics',
	connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
};
const listing = (property = `baseConnectionId=="${BASE_ID}"`) => ({ property, limit: '50' });

const create = (extra: Record<string, unknown> = {}, node = {}) =>
	singleNodeWorkflow(
		{
			resource: 'sourceConnection',
			operation: 'create',
			name: 'Customers',
			connectionId: byId(BASE_ID),
			table: byPath('public.customers'),
			...extra,
		},
		node,
	);
const credentials = () => [adobeCredential()];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Source Connection → Create', () => {
	it("posts the tabular source with the base connection's spec and the fetched columns", async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/sourceConnections')
			.query(listing())
			.reply(200, { items: [] })
			.get(`/connections/${BASE_ID}`)
			.reply(200, { items: [baseConnection] })
			.get(`/connections/${BASE_ID}/explore`)
			.query({ objectType: 'table', object: 'public.customers' })
			.reply(200, { format: 'flat', schema: { columns } })
			.post('/sourceConnections', {
				name: 'Customers',
				baseConnectionId: BASE_ID,
				data: { format: 'tabular' },
				params: { tableName: 'public.customers', columns },
				connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			})
			.matchHeader('content-type', 'application/json')
			.reply(201, { id: SOURCE_ID, etag: '"e-1"' });
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.items('Adobe')).toEqual([
			{
				json: {
					id: SOURCE_ID,
					etag: '"e-1"',
					name: 'Customers',
					baseConnectionId: BASE_ID,
					tableName: 'public.customers',
					connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
					reused: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(findLeaks(result.serialized)).toEqual([]);
	});

	it('takes mapped-in columns, description, change data capture and a row filter as given', async () => {
		mockImsToken();
		const filter = { type: 'PQL', format: 'pql/json', value: { nodeType: 'literal', value: true } };
		const api = mockFlowService()
			.get('/sourceConnections')
			.query(true)
			.reply(200, { items: [] })
			.get(`/connections/${BASE_ID}`)
			.reply(200, { items: [baseConnection] })
			.post('/sourceConnections', {
				name: 'Customers',
				description: 'CRM customers',
				baseConnectionId: BASE_ID,
				data: { format: 'tabular' },
				params: { tableName: 'public.customers', columns, cdcEnabled: true, filters: filter },
				connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			})
			.reply(201, { id: SOURCE_ID, etag: '"e-1"' });
		const result = await runWorkflow(
			create({
				columns: '={{ $json.columns }}',
				additionalFields: {
					description: 'CRM customers',
					cdcEnabled: true,
					rowFilter: JSON.stringify(filter.value),
				},
			}),
			{ credentials: credentials(), inputItems: [{ columns }] },
		);
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')[0]).toMatchObject({ id: SOURCE_ID, reused: false });
	});

	it('a re-run reuses the source connection of that name: one listing, nothing else', async () => {
		mockImsToken();
		const existing = {
			id: SOURCE_ID,
			etag: '"e-0"',
			name: 'Customers',
			baseConnectionId: BASE_ID,
			params: { tableName: 'public.customers', columns },
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			createdAt: 1,
		};
		const api = mockFlowService()
			.get('/sourceConnections')
			.query(listing())
			.once()
			.reply(200, {
				items: [
					{ ...existing, id: 'ffffffff-0000-4000-8000-000000000000', name: 'Other' },
					existing,
				],
			});
		const result = await runWorkflow(create(), {
			credentials: credentials(),
			inputItems: [{}, {}],
		});
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual(
			[0, 1].map(() => ({
				id: SOURCE_ID,
				etag: '"e-0"',
				name: 'Customers',
				baseConnectionId: BASE_ID,
				tableName: 'public.customers',
				connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
				reused: true,
			})),
		);
	});

	it('two items with one name in one run create one source connection', async () => {
		mockImsToken();
		const posts: unknown[] = [];
		mockFlowService()
			.get('/sourceConnections')
			.query(true)
			.reply(200, { items: [] })
			.get(`/connections/${BASE_ID}`)
			.reply(200, { items: [baseConnection] })
			.get(`/connections/${BASE_ID}/explore`)
			.query(true)
			.reply(200, { format: 'flat', schema: { columns } })
			.post('/sourceConnections')
			.reply(201, (_uri, body) => {
				posts.push(body);
				return { id: SOURCE_ID, etag: '"e-1"' };
			});
		const result = await runWorkflow(create(), {
			credentials: credentials(),
			inputItems: [{}, {}, {}],
		});
		expect(posts).toHaveLength(1);
		expect(result.output('Adobe').map((item) => [item.id, item.reused])).toEqual([
			[SOURCE_ID, false],
			[SOURCE_ID, true],
			[SOURCE_ID, true],
		]);
	});

	it('a create whose answer was lost is looked up, not sent again', async () => {
		mockImsToken();
		let posts = 0;
		let listings = 0;
		mockFlowService()
			.get('/sourceConnections')
			.query(listing())
			.times(2)
			.reply(() => {
				listings++;
				// The first listing finds nothing; the look-up after the lost answer finds the create.
				return [
					200,
					{ items: listings === 1 ? [] : [{ id: SOURCE_ID, etag: '"e-9"', name: 'Customers' }] },
				];
			})
			.get(`/connections/${BASE_ID}`)
			.reply(200, { items: [baseConnection] })
			.get(`/connections/${BASE_ID}/explore`)
			.query(true)
			.reply(200, { format: 'flat', schema: { columns } })
			.post('/sourceConnections')
			.reply(() => {
				posts++;
				return [
					503,
					{ type: 'https://ns.adobe.com/aep/errors/FLOW-1103-503', title: 'Service Unavailable' },
				];
			});
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(posts).toBe(1);
		expect(listings).toBe(2);
		expect(result.output('Adobe')).toEqual([
			expect.objectContaining({ id: SOURCE_ID, etag: '"e-9"', reused: false }),
		]);
	});

	it('continue on fail: one output per input, in order, paired', async () => {
		mockImsToken();
		mockFlowService()
			.get('/sourceConnections')
			.query(true)
			.reply(200, {
				items: [{ id: SOURCE_ID, name: 'Customers', params: { tableName: 'public.customers' } }],
			});
		const result = await runWorkflow(
			create(
				{ name: '={{ $json.name }}', table: byPath('={{ $json.table }}') },
				{ onError: 'continueRegularOutput' },
			),
			{
				credentials: credentials(),
				inputItems: [
					{ name: 'Customers', table: 'public.customers' },
					{ name: '', table: 'public.customers' },
					{ name: 'Customers', table: 'public.orders' },
				],
			},
		);
		const items = result.items('Adobe');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ id: SOURCE_ID, reused: true });
		expect(items[1].json.error).toBe('Name is empty [item 1]');
		expect(String(items[2].json.error)).toMatch(
			/reads table "public.customers", not "public.orders" \[item 2\]$/,
		);
	});

	it('refuses to reuse a same-named source connection that reads another table', async () => {
		mockImsToken();
		mockFlowService()
			.get('/sourceConnections')
			.query(true)
			.reply(200, {
				items: [{ id: SOURCE_ID, name: 'Customers', params: { tableName: 'public.orders' } }],
			});
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(result.nodeError('Adobe')?.message).toBe(
			`The source connection "Customers" (ID ${SOURCE_ID}) already exists on this base connection but reads table "public.orders", not "public.customers" [item 0]`,
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('with Fail, names the existing source connection', async () => {
		mockImsToken();
		mockFlowService()
			.get('/sourceConnections')
			.query(true)
			.reply(200, { items: [{ id: SOURCE_ID, name: 'Customers' }] });
		const result = await runWorkflow(create({ options: { ifExists: 'fail' } }), {
			credentials: credentials(),
		});
		expect(result.nodeError('Adobe')?.message).toBe(
			`A source connection named "Customers" already exists on this base connection (ID ${SOURCE_ID}) [item 0]`,
		);
	});

	it.each([
		[
			{ columns: '[]' },
			'Columns is an empty list. Leave it empty to fetch the columns instead. [item 0]',
		],
		[
			{ columns: '{"name":"a"}' },
			/^Columns must be a list of columns, .+ \(got an object\) \[item 0\]$/,
		],
		[{ columns: '[{"name":"a"}]' }, 'Columns has a column without a "type" (entry 0) [item 0]'],
		[{ name: '={{ "" }}' }, 'Name is empty [item 0]'],
		[{ table: byPath('={{ "" }}') }, 'Table is empty [item 0]'],
		[
			{ options: { ifExists: '={{ "maybe" }}' } },
			/^If a Source Connection With This Name Exists must be reuse, create or fail/,
		],
	])('refuses %j before any request', async (extra, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(extra), { credentials: credentials() });
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		const text = String(result.nodeError('Adobe')?.message);
		if (typeof message === 'string') expect(text).toBe(message);
		else expect(text).toMatch(message);
	});
});

describe('Source Connection → Get, Get Many, Delete', () => {
	const op = (operation: string, extra: Record<string, unknown> = {}) =>
		singleNodeWorkflow({ resource: 'sourceConnection', operation, ...extra });

	it('Get unwraps items[0]', async () => {
		mockImsToken();
		const entity = { id: SOURCE_ID, name: 'Customers', state: 'enabled' };
		mockFlowService()
			.get(`/sourceConnections/${SOURCE_ID}`)
			.reply(200, { items: [entity] });
		const result = await runWorkflow(op('get', { sourceConnectionId: SOURCE_ID }), {
			credentials: credentials(),
		});
		expect(result.output('Adobe')).toEqual([entity]);
	});

	it('Get Many sends the filters and sort, and follows the next page', async () => {
		mockImsToken();
		const paths: string[] = [];
		mockFlowService()
			.get('/sourceConnections')
			.query(true)
			.times(2)
			.reply(function (uri) {
				paths.push(uri);
				return paths.length === 1
					? [
							200,
							{
								items: [{ id: 'a' }],
								_links: { next: { href: '/sourceConnections?continuationToken=t2' } },
							},
						]
					: [200, { items: [{ id: 'b' }], _links: {} }];
			});
		const result = await runWorkflow(
			op('getAll', {
				returnAll: true,
				filters: {
					baseConnectionId: BASE_ID,
					connectionSpecId: REDSHIFT_SPEC_ID,
					tableName: 'public.customers',
				},
				sort: 'name',
			}),
			{ credentials: credentials() },
		);
		expect(result.output('Adobe')).toEqual([{ id: 'a' }, { id: 'b' }]);
		const first = new URL(`http://x${paths[0]}`);
		expect(first.pathname).toBe(`${BASE_PATH}/sourceConnections`);
		expect(first.searchParams.getAll('property')).toEqual([
			`baseConnectionId=="${BASE_ID}"`,
			`connectionSpec.id=="${REDSHIFT_SPEC_ID}"`,
			'params.tableName=="public.customers"',
		]);
		expect(first.searchParams.get('orderby')).toBe('name');
		expect(first.searchParams.get('limit')).toBe('50');
		expect(paths[1]).toBe(`${BASE_PATH}/sourceConnections?continuationToken=t2`);
	});

	it('Delete answers { deleted: true }', async () => {
		mockImsToken();
		const api = mockFlowService().delete(`/sourceConnections/${SOURCE_ID}`).reply(204);
		const result = await runWorkflow(op('delete', { sourceConnectionId: SOURCE_ID }), {
			credentials: credentials(),
		});
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([{ deleted: true, id: SOURCE_ID }]);
	});

	it('refuses an ID that is not a UUID before any request', async () => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(op('delete', { sourceConnectionId: 'abc' }), {
			credentials: credentials(),
		});
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(
			'Source Connection ID must be a UUID such as b7581b59-c603-4df1-a689-d23d7ac440f3 (got "abc") [item 0]',
		);
	});
});
