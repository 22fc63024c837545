// Connection → List Tables, Get Table Schema and Preview Table: the explore requests as Adobe
// documents them, the output items, and bad input refused before any request.
import nock from 'nock';

import { searchTables } from '../../nodes/AdobeFlowService/methods/searchTables';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { adobeCredential, BASE_PATH, findLeaks } from '../harness/fixtures';
import { mockFlowService, mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { callListSearch } from '../lifecycle/helpers';

const CONNECTION_ID = '6990abad-977d-41b9-a85d-17ea8cf1c0e4';
const EXPLORE = `/connections/${CONNECTION_ID}/explore`;
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
const root = [
	{
		type: 'table',
		name: 'test1.Mytable',
		path: 'test1.Mytable',
		canPreview: true,
		canFetchSchema: true,
	},
	{ type: 'folder', name: 'archive', path: 'archive', canPreview: false, canFetchSchema: false },
	{
		type: 'table',
		name: 'test1.austin_demo',
		path: 'test1.austin_demo',
		canPreview: true,
		canFetchSchema: true,
	},
];

const workflow = (operation: string, extra: Record<string, unknown> = {}, node = {}) =>
	singleNodeWorkflow(
		{ resource: 'connection', operation, connectionId: byId(CONNECTION_ID), ...extra },
		node,
	);
const credentials = () => [adobeCredential()];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('List Tables', () => {
	it('sends objectType=root and outputs one item per table, folders left out', async () => {
		mockImsToken();
		const paths: string[] = [];
		const api = mockFlowService()
			.get(EXPLORE)
			.query({ objectType: 'root' })
			.matchHeader('accept', 'application/json')
			.reply(function (uri) {
				paths.push(uri);
				return [200, root];
			});
		const result = await runWorkflow(workflow('listTables'), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(paths).toEqual([`${BASE_PATH}${EXPLORE}?objectType=root`]);
		expect(result.items('Adobe')).toEqual([
			{ json: { ...root[0], connectionId: CONNECTION_ID }, pairedItem: { item: 0 } },
			{ json: { ...root[2], connectionId: CONNECTION_ID }, pairedItem: { item: 0 } },
		]);
		expect(findLeaks(result.serialized)).toEqual([]);
	});

	it('reads an answer wrapped in items too', async () => {
		mockImsToken();
		mockFlowService()
			.get(EXPLORE)
			.query({ objectType: 'root' })
			.reply(200, { items: [root[0]] });
		const result = await runWorkflow(workflow('listTables'), { credentials: credentials() });
		expect(result.output('Adobe').map((item) => item.path)).toEqual(['test1.Mytable']);
	});

	it('lists once per execution however many items ask for the same connection', async () => {
		mockImsToken();
		const api = mockFlowService().get(EXPLORE).query(true).once().reply(200, root);
		const result = await runWorkflow(workflow('listTables'), {
			credentials: credentials(),
			inputItems: [{}, {}, {}],
		});
		expect(api.isDone()).toBe(true);
		expect(result.items('Adobe').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 2 },
			{ item: 2 },
		]);
	});
});

describe('Get Table Schema', () => {
	it('sends objectType=table&object=<path> and outputs the columns unchanged', async () => {
		mockImsToken();
		const paths: string[] = [];
		const api = mockFlowService()
			.get(EXPLORE)
			.query({ objectType: 'table', object: 'test1.Mytable' })
			.reply(function (uri) {
				paths.push(uri);
				return [200, { format: 'flat', schema: { columns } }];
			});
		const result = await runWorkflow(
			workflow('getTableSchema', { table: byPath('test1.Mytable') }),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
		expect(paths).toEqual([`${BASE_PATH}${EXPLORE}?objectType=table&object=test1.Mytable`]);
		expect(result.items('Adobe')).toEqual([
			{
				json: { connectionId: CONNECTION_ID, tableName: 'test1.Mytable', format: 'flat', columns },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('says clearly when the table has no columns', async () => {
		mockImsToken();
		mockFlowService().get(EXPLORE).query(true).reply(200, { format: 'flat', schema: {} });
		const result = await runWorkflow(workflow('getTableSchema', { table: byPath('nope') }), {
			credentials: credentials(),
		});
		expect(result.nodeError('Adobe')?.message).toBe(
			`Adobe found no columns in table "nope" of connection ${CONNECTION_ID} [item 0]`,
		);
	});
});

describe('Preview Table', () => {
	const filter = {
		type: 'PQL',
		format: 'pql/json',
		value: {
			nodeType: 'fnApply',
			fnName: '=',
			params: [
				{ nodeType: 'fieldLookup', fieldName: 'CITY' },
				{ nodeType: 'literal', value: 'MZN' },
			],
		},
	};
	const rows = [
		{ CITY: 'MZN', LASTNAME: 'Jain', AGE: '25' },
		{ CITY: 'MZN', LASTNAME: 'Shah', AGE: '31' },
	];

	it('sends preview=true and outputs one item per row', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get(EXPLORE)
			.query({ objectType: 'table', object: 'test1.Mytable', preview: 'true' })
			.reply(200, { format: 'flat', schema: { columns }, data: rows });
		const result = await runWorkflow(workflow('previewTable', { table: byPath('test1.Mytable') }), {
			credentials: credentials(),
		});
		expect(api.isDone()).toBe(true);
		expect(result.items('Adobe')).toEqual(rows.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it.each([
		['whole', JSON.stringify(filter)],
		['as its value alone', JSON.stringify(filter.value)],
	])('sends the row filter (given %s) Base64-encoded', async (_label, rowFilter) => {
		mockImsToken();
		const api = mockFlowService()
			.get(EXPLORE)
			.query((query) => {
				const decoded = JSON.parse(Buffer.from(String(query.filters), 'base64').toString('utf8'));
				return query.preview === 'true' && JSON.stringify(decoded) === JSON.stringify(filter);
			})
			.reply(200, { format: 'flat', schema: { columns }, data: rows.slice(0, 1) });
		const result = await runWorkflow(
			workflow('previewTable', { table: byPath('test1.Mytable'), options: { rowFilter } }),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual(rows.slice(0, 1));
	});
});

describe('bad input, refused before any request', () => {
	it.each([
		['getTableSchema', { table: byPath('={{ "" }}') }, 'Table is empty [item 0]'],
		[
			'listTables',
			{ connectionId: byId('={{ "not-a-uuid" }}') },
			'Connection must be a connection ID (a UUID such as 9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c) (got "not-a-uuid") [item 0]',
		],
		[
			'previewTable',
			{
				table: byPath('t'),
				options: { rowFilter: '{"type":"SQL","format":"pql/json","value":{}}' },
			},
			'Row Filter (PQL) must have "type": "PQL" and "format": "pql/json", the only row filter Adobe documents [item 0]',
		],
		[
			'previewTable',
			{ table: byPath('t'), options: { rowFilter: '{not json' } },
			/^Row Filter \(PQL\) is not valid JSON \(.+\) \[item 0\]$/,
		],
	])('%s %j', async (operation, extra, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(workflow(operation, extra), { credentials: credentials() });
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(String(result.nodeError('Adobe')?.message)).toMatch(
			typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message,
		);
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('Table picker: searchTables (listSearch)', () => {
	const search = async (connectionId: unknown, filter?: string) =>
		await callListSearch(
			searchTables,
			workflow('getTableSchema', {
				connectionId,
				table: { __rl: true, mode: 'list', value: '' },
			}),
			'table',
			new HarnessCredentialsHelper(credentials()),
			filter,
		);

	it("lists the chosen connection's tables by name, the path as value", async () => {
		mockImsToken();
		const api = mockFlowService().get(EXPLORE).query({ objectType: 'root' }).reply(200, root);
		const result = await search(byId(CONNECTION_ID));
		expect(api.isDone()).toBe(true);
		expect(result.results).toEqual([
			{ name: 'test1.austin_demo', value: 'test1.austin_demo' },
			{ name: 'test1.Mytable', value: 'test1.Mytable' },
		]);
	});

	it('keeps the tables whose path holds the search text, in any case', async () => {
		mockImsToken();
		mockFlowService().get(EXPLORE).query(true).reply(200, root);
		const result = await search(byId(CONNECTION_ID), 'MYTAB');
		expect(result.results.map((table) => table.value)).toEqual(['test1.Mytable']);
	});

	it('asks for a connection first, sending nothing', async () => {
		const unmatched = watchUnmatchedRequests();
		await expect(search({ __rl: true, mode: 'list', value: '' })).rejects.toThrow(
			'Choose a connection first',
		);
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
	});
});
