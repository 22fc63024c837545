// Explore, source connections, target connections and the Catalog: what the emulator accepts,
// what it refuses and with which code.
import {
	buildChain,
	emulatorSuite,
	customerColumns,
	DATA_LAKE,
	sourceBody,
	targetBody,
	XED_FULL,
} from './chain';
import { ORDER_DATASET_ID, PROFILE_DATASET_ID, PROFILE_SCHEMA_ID } from './data/seeds';
import { redshiftConnectionBody } from './helpers';
import { CATALOG_BASE_PATH } from './server';
import { REDSHIFT_SPEC_ID, S3_SPEC_ID } from './specs';

const FLOW_TYPE = (code: string) => `https://ns.adobe.com/aep/errors/FLOW-${code}`;

const suite = emulatorSuite();
const { call } = suite;

async function createBase(body: object = redshiftConnectionBody()): Promise<string> {
	const result = await call.flow('/connections', { method: 'POST', body });
	expect(result.status).toBe(201);
	return result.body.id;
}

const explore = (id: string, query: string) => call.flow(`/connections/${id}/explore?${query}`);

describe('GET /connections/{id}/explore', () => {
	it('lists the seeded tables as a bare array at objectType=root, in any case', async () => {
		const id = await createBase();
		for (const objectType of ['root', 'ROOT']) {
			const result = await explore(id, `objectType=${objectType}`);
			expect(result.status).toBe(200);
			expect(result.body).toEqual([
				{
					type: 'table',
					name: 'public.customers',
					path: 'public.customers',
					canPreview: true,
					canFetchSchema: true,
				},
				{
					type: 'table',
					name: 'public.orders',
					path: 'public.orders',
					canPreview: true,
					canFetchSchema: true,
				},
			]);
		}
	});

	it('describes a table: format and schema.columns with source and XDM types', async () => {
		const id = await createBase();
		const result = await explore(id, 'objectType=table&object=public.customers');
		expect(result.status).toBe(200);
		expect(result.body.format).toBe('flat');
		expect(result.body.data).toBeUndefined();
		const byName = Object.fromEntries(
			result.body.schema.columns.map((c: { name: string }) => [c.name, c]),
		);
		expect(byName.email).toEqual({ name: 'email', type: 'string', xdm: { type: 'string' } });
		expect(byName.lifetime_value).toEqual({
			name: 'lifetime_value',
			type: 'double',
			xdm: { type: 'number' },
		});
		expect(byName.is_active).toEqual({
			name: 'is_active',
			type: 'boolean',
			xdm: { type: 'boolean' },
		});
		expect(byName.updated_at).toEqual({
			name: 'updated_at',
			type: 'string',
			'meta:xdmType': 'date-time',
			xdm: { type: 'string', format: 'date-time' },
		});
	});

	it('previews rows with preview=true, with or without Base64 PQL filters', async () => {
		const id = await createBase();
		const plain = await explore(id, 'objectType=TABLE&object=public.orders&preview=true');
		expect(plain.status).toBe(200);
		expect(plain.body.schema.columns).toHaveLength(5);
		expect(plain.body.data).toHaveLength(3);
		expect(plain.body.data[0]).toEqual({
			order_id: 'O5001',
			customer_id: 'C1001',
			amount: 19.99,
			quantity: 1,
			ordered_at: '2026-06-11T08:30:00',
		});
		const pql = {
			type: 'PQL',
			format: 'pql/json',
			value: { nodeType: 'fnApply', fnName: '=', params: [] },
		};
		const filters = encodeURIComponent(Buffer.from(JSON.stringify(pql)).toString('base64'));
		const filtered = await explore(
			id,
			`objectType=table&object=public.orders&preview=true&filters=${filters}`,
		);
		expect(filtered.status).toBe(200);
		expect(filtered.body.data).toHaveLength(3);
		const raw = encodeURIComponent(JSON.stringify(pql));
		const unencoded = await explore(
			id,
			`objectType=table&object=public.orders&preview=true&filters=${raw}`,
		);
		expect(unencoded.body.type).toBe(FLOW_TYPE('1335-400'));
	});

	it('serves the tables a test seeds, per connection or for all', async () => {
		const first = await createBase();
		const second = await createBase();
		suite.emulator.seedTables(
			[
				{
					path: 'crm.leads',
					columns: [{ name: 'lead_id', type: 'string' }],
					rows: [{ lead_id: 'L1' }],
				},
			],
			first,
		);
		expect(
			(await explore(first, 'objectType=root')).body.map((t: { path: string }) => t.path),
		).toEqual(['crm.leads']);
		expect((await explore(second, 'objectType=root')).body).toHaveLength(2);
		suite.emulator.seedTables([{ path: 'x.y', columns: [{ name: 'n', type: 'double' }] }]);
		expect(
			(await explore(second, 'objectType=root')).body.map((t: { path: string }) => t.path),
		).toEqual(['x.y']);
		expect((await explore(second, 'objectType=table&object=x.y&preview=true')).body.data).toEqual(
			[],
		);
	});

	it('refuses bad queries with their codes', async () => {
		const id = await createBase();
		expect((await explore(id, '')).body.type).toBe(FLOW_TYPE('1100-400'));
		expect((await explore(id, 'objectType=tables')).body.type).toBe(FLOW_TYPE('1358-400'));
		expect((await explore(id, 'objectType=table')).body.type).toBe(FLOW_TYPE('1337-400'));
		expect((await explore(id, 'objectType=table&object=public.nope')).status).toBe(404);
		expect((await explore('unknown', 'objectType=root')).status).toBe(404);
	});

	it('lists a bucket for a file-based source, and no tables', async () => {
		const id = await createBase({
			name: 'S3',
			auth: {
				specName: 'Access Key Authentication',
				params: { s3AccessKey: 'AKIA', s3SecretKey: 'secret' },
			},
			connectionSpec: { id: S3_SPEC_ID, version: '1.0' },
		});
		expect((await explore(id, 'objectType=root')).body[0].type).toBe('folder');
		expect((await explore(id, 'objectType=table&object=x')).body.type).toBe(FLOW_TYPE('1336-400'));
	});
});

describe('/sourceConnections', () => {
	it('creates from explore columns: 201 {id, etag}, then GET in items with inherited base connection', async () => {
		const base = await createBase();
		const result = await call.flow('/sourceConnections', {
			method: 'POST',
			body: sourceBody(base),
		});
		expect(result.status).toBe(201);
		expect(Object.keys(result.body).sort()).toEqual(['etag', 'id']);
		const got = await call.flow(`/sourceConnections/${result.body.id}`);
		expect(got.body.items).toHaveLength(1);
		expect(got.body.items[0]).toMatchObject({
			id: result.body.id,
			name: 'Customers source',
			baseConnectionId: base,
			state: 'enabled',
			data: { format: 'tabular' },
			params: { tableName: 'public.customers', columns: customerColumns },
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			etag: result.body.etag,
			inheritedAttributes: {
				baseConnection: { id: base, connectionSpec: { id: REDSHIFT_SPEC_ID } },
			},
		});
	});

	it.each([
		['an unknown base connection', { baseConnectionId: 'nope' }, '1101-404'],
		['no data.format', { data: {} }, '1100-400'],
		['a file format', { data: { format: 'delimited' } }, '1327-400'],
		[
			'another spec than the base connection',
			{ connectionSpec: { id: S3_SPEC_ID, version: '1.0' } },
			'1413-400',
		],
		['an unknown spec', { connectionSpec: { id: 'nope', version: '1.0' } }, '1413-400'],
		['no name', { name: '' }, '1100-400'],
		[
			'a table explore does not list',
			{ params: { tableName: 'public.nope', columns: customerColumns } },
			'1100-400',
		],
		['no columns', { params: { tableName: 'public.customers', columns: [] } }, '1330-400'],
		[
			'a column the table lacks',
			{ params: { tableName: 'public.customers', columns: [{ name: 'x', type: 'string' }] } },
			'1100-400',
		],
		[
			'a column with another type',
			{ params: { tableName: 'public.customers', columns: [{ name: 'email', type: 'double' }] } },
			'1100-400',
		],
	])('refuses %s', async (_label, overrides, code) => {
		const base = await createBase();
		const result = await call.flow('/sourceConnections', {
			method: 'POST',
			body: { ...sourceBody(base), ...overrides },
		});
		expect(result.body.type).toBe(FLOW_TYPE(code));
		expect(suite.emulator.sourceConnections.size).toBe(0);
	});

	it('lists with property filters, paging and Base64 continuation tokens', async () => {
		const base = await createBase();
		for (let i = 0; i < 5; i++) {
			await call.flow('/sourceConnections', {
				method: 'POST',
				body: sourceBody(base, { name: `source ${i}` }),
			});
		}
		const filter = encodeURIComponent(`baseConnectionId==${base}`);
		const seen: string[] = [];
		let path: string | undefined =
			`/sourceConnections?limit=2&property=${filter}&property=${encodeURIComponent('params.columns[].name==email')}`;
		while (path) {
			const page = await call.flow(path);
			expect(page.status).toBe(200);
			seen.push(...page.body.items.map((item: { name: string }) => item.name));
			const href: string | undefined = page.body._links.next?.href;
			if (href)
				expect(new URL(href, 'http://x').searchParams.get('continuationToken')).toMatch(/=$/);
			path = href;
		}
		expect(seen).toEqual(['source 0', 'source 1', 'source 2', 'source 3', 'source 4']);
		const byTable = await call.flow(
			`/sourceConnections?property=${encodeURIComponent('params.tableName==public.orders')}`,
		);
		expect(byTable.body.items).toEqual([]);
		expect((await call.flow('/sourceConnections?count=true')).body).toEqual({ count: 5 });
		expect((await call.flow('/sourceConnections?property=auth==x')).body.type).toBe(
			FLOW_TYPE('1449-400'),
		);
	});

	it('patches with If-Match (1403-400 without, 1404-412 stale) and deletes with 204', async () => {
		const base = await createBase();
		const { id, etag } = (
			await call.flow('/sourceConnections', { method: 'POST', body: sourceBody(base) })
		).body;
		const patch = [{ op: 'replace', path: '/name', value: 'renamed' }];
		expect(
			(await call.flow(`/sourceConnections/${id}`, { method: 'PATCH', body: patch })).body.type,
		).toBe(FLOW_TYPE('1403-400'));
		const stale = '"00000000-0000-0200-0000-000000000000"';
		expect(
			(
				await call.flow(`/sourceConnections/${id}`, {
					method: 'PATCH',
					body: patch,
					headers: { 'if-match': stale },
				})
			).body.type,
		).toBe(FLOW_TYPE('1404-412'));
		const patched = await call.flow(`/sourceConnections/${id}`, {
			method: 'PATCH',
			body: patch,
			headers: { 'if-match': etag },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.items[0]).toMatchObject({ name: 'renamed' });
		expect(patched.body.items[0].etag).not.toBe(etag);
		const baseChange = [{ op: 'replace', path: '/baseConnectionId', value: 'x' }];
		expect(
			(
				await call.flow(`/sourceConnections/${id}`, {
					method: 'PATCH',
					body: baseChange,
					headers: { 'if-match': patched.body.items[0].etag },
				})
			).body.type,
		).toBe(FLOW_TYPE('1455-400'));
		expect((await call.flow(`/sourceConnections/${id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await call.flow(`/sourceConnections/${id}`)).status).toBe(404);
	});
});

describe('/targetConnections', () => {
	it('creates a Data Lake target for an existing dataset', async () => {
		const result = await call.flow('/targetConnections', { method: 'POST', body: targetBody() });
		expect(result.status).toBe(201);
		const got = await call.flow(`/targetConnections/${result.body.id}`);
		expect(got.body.items[0]).toMatchObject({
			data: { schema: { id: PROFILE_SCHEMA_ID, version: XED_FULL } },
			params: { dataSetId: PROFILE_DATASET_ID },
			connectionSpec: { id: DATA_LAKE, version: '1.0' },
		});
	});

	it.each([
		[
			'another target spec',
			{ connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' } },
			'1307-400',
		],
		['no schema id', { data: { schema: { version: XED_FULL } } }, '1100-400'],
		[
			'the Catalog content type as version',
			{
				data: {
					schema: { id: PROFILE_SCHEMA_ID, version: 'application/vnd.adobe.xed+json;version=1' },
				},
			},
			'1100-400',
		],
		[
			"aepp's version=1.0",
			{
				data: {
					schema: {
						id: PROFILE_SCHEMA_ID,
						version: 'application/vnd.adobe.xed-full+json;version=1.0',
					},
				},
			},
			'1100-400',
		],
		['an unknown dataset', { params: { dataSetId: '000000000000000000000000' } }, '1325-400'],
		['no dataset', { params: {} }, '1100-400'],
	])('refuses %s', async (_label, overrides, code) => {
		const result = await call.flow('/targetConnections', {
			method: 'POST',
			body: targetBody(overrides),
		});
		expect(result.body.type).toBe(FLOW_TYPE(code));
	});

	it('refuses a dataset of another sandbox', async () => {
		const result = await call.flow('/targetConnections', {
			method: 'POST',
			body: targetBody(),
			headers: { 'x-sandbox-name': 'dev' },
		});
		expect(result.body.type).toBe(FLOW_TYPE('1325-400'));
		suite.emulator.seedDatasets([
			{
				id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
				name: 'Dev profiles',
				schemaId: PROFILE_SCHEMA_ID,
				sandboxName: 'dev',
			},
		]);
		const seeded = await call.flow('/targetConnections', {
			method: 'POST',
			body: targetBody({ params: { dataSetId: 'aaaaaaaaaaaaaaaaaaaaaaaa' } }),
			headers: { 'x-sandbox-name': 'dev' },
		});
		expect(seeded.status).toBe(201);
	});

	it('lists, filters, patches with If-Match and deletes', async () => {
		const { id, etag } = (
			await call.flow('/targetConnections', { method: 'POST', body: targetBody() })
		).body;
		await call.flow('/targetConnections', {
			method: 'POST',
			body: targetBody({ name: 'other', params: { dataSetId: ORDER_DATASET_ID } }),
		});
		const filtered = await call.flow(
			`/targetConnections?property=${encodeURIComponent(`params.dataSetId==${PROFILE_DATASET_ID}`)}`,
		);
		expect(filtered.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
		const patch = [{ op: 'REPLACE', path: '/description', value: 'now described' }];
		const patched = await call.flow(`/targetConnections/${id}`, {
			method: 'PATCH',
			body: patch,
			headers: { 'if-match': etag },
		});
		expect(patched.body.items[0].description).toBe('now described');
		expect((await call.flow(`/targetConnections/${id}`, { method: 'DELETE' })).status).toBe(204);
	});
});

describe('deletes respect dependencies (FLOW-1418-400)', () => {
	it('refuses to delete the base, source or target connection of a dataflow until the flow is gone', async () => {
		const chain = await buildChain(call, {});
		for (const path of [
			`/connections/${chain.base}`,
			`/sourceConnections/${chain.source}`,
			`/targetConnections/${chain.target}`,
		]) {
			const result = await call.flow(path, { method: 'DELETE' });
			expect(result.status).toBe(400);
			expect(result.body.type).toBe(FLOW_TYPE('1418-400'));
		}
		expect((await call.flow(`/flows/${chain.flow}`, { method: 'DELETE' })).status).toBe(204);
		for (const path of [
			`/sourceConnections/${chain.source}`,
			`/targetConnections/${chain.target}`,
			`/connections/${chain.base}`,
		]) {
			expect((await call.flow(path, { method: 'DELETE' })).status).toBe(204);
		}
	});
});

describe('Catalog GET /dataSets', () => {
	const catalog = (path: string) => call.platform(`${CATALOG_BASE_PATH}${path}`);

	it('answers an object keyed by dataset id with schemaRef', async () => {
		const result = await catalog('/dataSets');
		expect(result.status).toBe(200);
		expect(Object.keys(result.body)).toEqual([PROFILE_DATASET_ID, ORDER_DATASET_ID]);
		expect(result.body[PROFILE_DATASET_ID]).toMatchObject({
			name: 'CRM Profiles',
			schemaRef: { id: PROFILE_SCHEMA_ID, contentType: 'application/vnd.adobe.xed+json;version=1' },
			files: `@/dataSetFiles?dataSetId=${PROFILE_DATASET_ID}`,
		});
	});

	it('takes limit, start, orderBy, properties and name', async () => {
		expect(Object.keys((await catalog('/dataSets?limit=1&start=1')).body)).toEqual([
			ORDER_DATASET_ID,
		]);
		expect(Object.keys((await catalog('/dataSets?orderBy=asc:name')).body)).toEqual([
			PROFILE_DATASET_ID,
			ORDER_DATASET_ID,
		]);
		expect(Object.keys((await catalog('/dataSets?orderBy=desc:created')).body)).toEqual([
			ORDER_DATASET_ID,
			PROFILE_DATASET_ID,
		]);
		expect((await catalog('/dataSets?properties=name,schemaRef&name=Orders')).body).toEqual({
			[ORDER_DATASET_ID]: { name: 'Orders', schemaRef: expect.any(Object) },
		});
		for (const bad of ['limit=0', 'limit=101', 'start=-1', 'orderBy=name', 'colour=red']) {
			const result = await catalog(`/dataSets?${bad}`);
			expect(result.status).toBe(400);
		}
	});

	it('gets one dataset keyed by its id, and 404 for others or another sandbox', async () => {
		expect(Object.keys((await catalog(`/dataSets/${PROFILE_DATASET_ID}`)).body)).toEqual([
			PROFILE_DATASET_ID,
		]);
		expect((await catalog('/dataSets/nope')).status).toBe(404);
		const dev = await call.platform(`${CATALOG_BASE_PATH}/dataSets/${PROFILE_DATASET_ID}`, {
			headers: { 'x-sandbox-name': 'dev' },
		});
		expect(dev.status).toBe(404);
	});

	it('sits behind the gateway checks, the fault queue and the request log', async () => {
		expect(
			(
				await call.platform(`${CATALOG_BASE_PATH}/dataSets`, {
					headers: { 'x-api-key': undefined },
				})
			).status,
		).toBe(403);
		suite.emulator.inject({
			kind: 'status',
			status: 503,
			match: { path: `${CATALOG_BASE_PATH}/dataSets` },
		});
		expect((await catalog('/dataSets')).status).toBe(503);
		expect((await catalog('/dataSets')).status).toBe(200);
		expect(
			suite.emulator.requests
				.filter((r) => r.path === `${CATALOG_BASE_PATH}/dataSets`)
				.map((r) => r.status),
		).toEqual([403, 503, 200]);
	});
});
