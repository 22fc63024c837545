// Target Connection → Create, Get, Get Many, Delete, and the Dataset picker: the Data Lake
// target's exact body, the schema read from Catalog, create-or-reuse by name.
import nock from 'nock';

import { searchDatasets } from '../../nodes/AdobeFlowService/methods/searchDatasets';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { adobeCredential, findLeaks } from '../harness/fixtures';
import {
	mockCatalog,
	mockFlowService,
	mockImsToken,
	watchUnmatchedRequests,
} from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { callListSearch } from '../lifecycle/helpers';

const DATA_LAKE = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
const DATASET_ID = '6019e0e7c5dcf718db5ebc71';
const SCHEMA_ID = 'https://ns.adobe.com/acme/schemas/52b59140414aa6a370ef5e21155fd7a6';
const TARGET_ID = '320f119a-5ac1-4ab1-88ea-eb19e674ea2e';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const dataset = {
	[DATASET_ID]: {
		name: 'Customers',
		schemaRef: { id: SCHEMA_ID, contentType: 'application/vnd.adobe.xed+json;version=1' },
	},
};
const expectedBody = (schemaId = SCHEMA_ID) => ({
	name: 'Customers lake',
	data: {
		schema: { id: schemaId, version: 'application/vnd.adobe.xed-full+json;version=1' },
	},
	params: { dataSetId: DATASET_ID },
	connectionSpec: { id: DATA_LAKE, version: '1.0' },
});

const create = (extra: Record<string, unknown> = {}, node = {}) =>
	singleNodeWorkflow(
		{
			resource: 'targetConnection',
			operation: 'create',
			name: 'Customers lake',
			datasetId: byId(DATASET_ID),
			...extra,
		},
		node,
	);
const credentials = () => [adobeCredential()];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Target Connection → Create', () => {
	it("posts the Data Lake target with the dataset's schema, read from Catalog", async () => {
		mockImsToken();
		const flow = mockFlowService()
			.get('/targetConnections')
			.query({ property: `connectionSpec.id=="${DATA_LAKE}"`, limit: '50' })
			.reply(200, { items: [] })
			.post('/targetConnections', expectedBody())
			.matchHeader('content-type', 'application/json')
			.reply(201, { id: TARGET_ID, etag: '"t-1"' });
		const catalog = mockCatalog()
			.get(`/dataSets/${DATASET_ID}`)
			.query({ properties: 'name,schemaRef' })
			.reply(200, dataset);
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(flow.isDone()).toBe(true);
		expect(catalog.isDone()).toBe(true);
		expect(result.items('Adobe')).toEqual([
			{
				json: {
					id: TARGET_ID,
					etag: '"t-1"',
					name: 'Customers lake',
					dataSetId: DATASET_ID,
					schema: { id: SCHEMA_ID, version: 'application/vnd.adobe.xed-full+json;version=1' },
					connectionSpec: { id: DATA_LAKE, version: '1.0' },
					reused: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(findLeaks(result.serialized)).toEqual([]);
	});

	it('takes a given schema ID without asking Catalog', async () => {
		mockImsToken();
		const other = 'https://ns.adobe.com/acme/schemas/0000';
		const flow = mockFlowService()
			.get('/targetConnections')
			.query(true)
			.reply(200, { items: [] })
			.post('/targetConnections', { ...expectedBody(other), description: 'Lake' })
			.reply(201, { id: TARGET_ID, etag: '"t-1"' });
		const result = await runWorkflow(
			create({ additionalFields: { schemaId: other, description: 'Lake' } }),
			{ credentials: credentials() },
		);
		expect(flow.isDone()).toBe(true);
		expect(result.output('Adobe')[0]).toMatchObject({ schema: { id: other } });
	});

	it('a re-run reuses the target of that name: one listing, nothing else', async () => {
		mockImsToken();
		const existing = {
			id: TARGET_ID,
			etag: '"t-0"',
			name: 'Customers lake',
			params: { dataSetId: DATASET_ID },
			data: { schema: { id: SCHEMA_ID, version: 'application/vnd.adobe.xed-full+json;version=1' } },
		};
		const flow = mockFlowService()
			.get('/targetConnections')
			.query(true)
			.once()
			.reply(200, { items: [existing] });
		const result = await runWorkflow(create(), {
			credentials: credentials(),
			inputItems: [{}, {}],
		});
		expect(flow.isDone()).toBe(true);
		expect(
			result.output('Adobe').map((item) => [item.id, item.etag, item.reused, item.schema]),
		).toEqual([
			[TARGET_ID, '"t-0"', true, existing.data.schema],
			[TARGET_ID, '"t-0"', true, existing.data.schema],
		]);
	});

	it('refuses to reuse a same-named target that writes to another dataset', async () => {
		mockImsToken();
		mockFlowService()
			.get('/targetConnections')
			.query(true)
			.reply(200, {
				items: [{ id: TARGET_ID, name: 'Customers lake', params: { dataSetId: 'aaaa' } }],
			});
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(result.nodeError('Adobe')?.message).toBe(
			`The target connection "Customers lake" (ID ${TARGET_ID}) already exists but writes to dataset aaaa, not ${DATASET_ID} [item 0]`,
		);
	});

	it('says clearly when the dataset has no schema', async () => {
		mockImsToken();
		mockFlowService().get('/targetConnections').query(true).reply(200, { items: [] });
		mockCatalog()
			.get(`/dataSets/${DATASET_ID}`)
			.query(true)
			.reply(200, { [DATASET_ID]: { name: 'Raw' } });
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(result.nodeError('Adobe')?.message).toBe(
			`The dataset ${DATASET_ID} has no XDM schema (schemaRef) in Catalog [item 0]`,
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a lost create is looked up before it is sent again', async () => {
		mockImsToken();
		let listings = 0;
		let posts = 0;
		mockFlowService()
			.get('/targetConnections')
			.query(true)
			.times(2)
			.reply(() => {
				listings++;
				return [
					200,
					{
						items: listings === 1 ? [] : [{ id: TARGET_ID, etag: '"t-9"', name: 'Customers lake' }],
					},
				];
			})
			.post('/targetConnections')
			.reply(() => {
				posts++;
				return [502, '<html><title>502 Bad Gateway</title></html>'];
			});
		mockCatalog().get(`/dataSets/${DATASET_ID}`).query(true).reply(200, dataset);
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect([posts, listings]).toEqual([1, 2]);
		expect(result.output('Adobe')[0]).toMatchObject({
			id: TARGET_ID,
			etag: '"t-9"',
			reused: false,
		});
	});

	it.each([
		[{ name: '={{ "" }}' }, 'Name is empty [item 0]'],
		[
			{ datasetId: byId('={{ "no/slash" }}') },
			'Dataset must be a dataset ID such as 6019e0e7c5dcf718db5ebc71 (got "no/slash") [item 0]',
		],
		[
			{ additionalFields: { schemaId: '={{ "a\\nb" }}' } },
			'XDM Schema ID contains control characters (such as a line break or tab) [item 0]',
		],
	])('refuses %j before any request', async (extra, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(extra), { credentials: credentials() });
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(message);
	});
});

describe('Target Connection → Get, Get Many, Delete', () => {
	const op = (operation: string, extra: Record<string, unknown> = {}) =>
		singleNodeWorkflow({ resource: 'targetConnection', operation, ...extra });

	it('Get unwraps items[0]; Delete answers { deleted: true }', async () => {
		mockImsToken(undefined, 2);
		const entity = { id: TARGET_ID, name: 'Customers lake' };
		mockFlowService()
			.get(`/targetConnections/${TARGET_ID}`)
			.reply(200, { items: [entity] })
			.delete(`/targetConnections/${TARGET_ID}`)
			.reply(204);
		const got = await runWorkflow(op('get', { targetConnectionId: TARGET_ID }), {
			credentials: credentials(),
		});
		expect(got.output('Adobe')).toEqual([entity]);
		const deleted = await runWorkflow(op('delete', { targetConnectionId: TARGET_ID }), {
			credentials: credentials(),
		});
		expect(deleted.output('Adobe')).toEqual([{ deleted: true, id: TARGET_ID }]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('Get Many sends its filters', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/targetConnections')
			.query({
				property: [`connectionSpec.id=="${DATA_LAKE}"`, `params.dataSetId=="${DATASET_ID}"`],
				orderby: '-createdAt',
				limit: '5',
			})
			.reply(200, { items: [{ id: TARGET_ID }] });
		const result = await runWorkflow(
			op('getAll', { limit: 5, filters: { connectionSpecId: DATA_LAKE, dataSetId: DATASET_ID } }),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([{ id: TARGET_ID }]);
	});
});

describe('Dataset picker: searchDatasets (listSearch)', () => {
	const search = async (filter?: string, token?: string) =>
		await callListSearch(
			searchDatasets,
			create({ datasetId: { __rl: true, mode: 'list', value: '' } }),
			'datasetId',
			new HarnessCredentialsHelper(credentials()),
			filter,
			token,
		);
	const page = (count: number, offset = 0) =>
		Object.fromEntries(
			Array.from({ length: count }, (_, index) => [
				`ds${String(offset + index).padStart(22, '0')}`,
				{ name: `Dataset ${offset + index}` },
			]),
		);

	it("lists the sandbox's datasets from Catalog by name, with the next offset as token", async () => {
		mockImsToken();
		const api = mockCatalog()
			.get('/dataSets')
			.query({ start: '0', limit: '50', properties: 'name,schemaRef', orderBy: 'asc:name' })
			.reply(200, page(50));
		const result = await search();
		expect(api.isDone()).toBe(true);
		expect(result.results[0]).toEqual({ name: 'Dataset 0', value: `ds${'0'.padStart(22, '0')}` });
		expect(result.results).toHaveLength(50);
		expect(result.paginationToken).toBe('50');
	});

	it('with search text reads on until matches are in, and ends on a short page', async () => {
		mockImsToken();
		mockCatalog()
			.get('/dataSets')
			.query((query) => query.start === '0')
			.reply(200, page(50))
			.get('/dataSets')
			.query((query) => query.start === '50')
			.reply(200, page(3, 50));
		const result = await search('dataset 5');
		expect(result.results.map((item) => item.name)).toEqual([
			'Dataset 5',
			'Dataset 50',
			'Dataset 51',
			'Dataset 52',
		]);
		expect(result.paginationToken).toBeUndefined();
	});
});
