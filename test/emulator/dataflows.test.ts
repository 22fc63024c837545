// Data Prep mapping sets, flow specs and dataflows: bodies accepted, rules refused with their codes.
import { buildChain, emulatorSuite, CRM_TO_AEP, flowBody, mappingBody, type Chain } from './chain';
import { ORDER_SCHEMA_ID, PROFILE_SCHEMA_ID, TENANT } from './data/seeds';
import { CONVERSION_BASE_PATH } from './server';
import { POSTGRESQL_SPEC_ID, REDSHIFT_SPEC_ID } from './specs';

const FLOW_TYPE = (code: string) => `https://ns.adobe.com/aep/errors/FLOW-${code}`;
const STALE = '"00000000-0000-0200-0000-000000000000"';

const suite = emulatorSuite();
const { call } = suite;
const prep = (path: string, options = {}) =>
	call.platform(`${CONVERSION_BASE_PATH}${path}`, options);

describe('Data Prep /mappingSets', () => {
	it('creates from the current body style with 200 and {id, version, createdDate, ...}', async () => {
		const result = await prep('/mappingSets', { method: 'POST', body: mappingBody() });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{32}$/),
			version: 0,
			createdDate: expect.any(Number),
			modifiedDate: expect.any(Number),
			createdBy: expect.any(String),
			modifiedBy: expect.any(String),
		});
		const got = await prep(`/mappingSets/${result.body.id}`);
		expect(got.body).toMatchObject({
			id: result.body.id,
			outputSchema: { schemaRef: { id: PROFILE_SCHEMA_ID } },
			mappings: [
				{
					sourceType: 'ATTRIBUTE',
					source: 'customer_id',
					destination: 'personID',
					sourceAttribute: 'customer_id',
					destinationXdmPath: 'personID',
				},
				expect.objectContaining({ destination: 'personalEmail.address' }),
			],
		});
		expect((await prep(`/mappingSets/${result.body.id}?version=0`)).status).toBe(200);
		expect((await prep(`/mappingSets/${result.body.id}?version=3`)).status).toBe(404);
	});

	it('creates from the legacy body style and echoes text/x.schema-path', async () => {
		const body = {
			version: 0,
			xdmSchema: PROFILE_SCHEMA_ID,
			xdmVersion: '1.0',
			id: null,
			mappings: [
				{ destinationXdmPath: '_id', sourceAttribute: 'customer_id', identity: false, version: 0 },
			],
		};
		const result = await prep('/mappingSets', { method: 'POST', body });
		expect(result.status).toBe(200);
		expect((await prep(`/mappingSets/${result.body.id}`)).body.mappings[0]).toMatchObject({
			sourceType: 'text/x.schema-path',
			sourceAttribute: 'customer_id',
			destinationXdmPath: '_id',
		});
	});

	it.each([
		['a bad sourceType', { mappings: [{ sourceType: 'COLUMN', source: 'a', destination: '_id' }] }],
		[
			'a destination outside the schema',
			{ mappings: [{ sourceType: 'ATTRIBUTE', source: 'a', destination: 'person.shoeSize' }] },
		],
		['no source', { mappings: [{ sourceType: 'ATTRIBUTE', destination: '_id' }] }],
		['no mappings', { mappings: [] }],
		[
			'an unknown schema',
			{
				outputSchema: {
					schemaRef: { id: 'https://ns.adobe.com/x/schemas/nope', contentType: 'x' },
				},
			},
		],
		['no contentType', { outputSchema: { schemaRef: { id: PROFILE_SCHEMA_ID } } }],
		['neither outputSchema nor xdmSchema', { outputSchema: undefined }],
	])('refuses %s with 400', async (_label, overrides) => {
		const result = await prep('/mappingSets', {
			method: 'POST',
			body: { ...mappingBody(), ...overrides },
		});
		expect(result.status).toBe(400);
		expect(result.body.type).toMatch(/DATAPREP-1400-400$/);
		expect(suite.emulator.mappingSets.size).toBe(0);
	});

	it('sits behind the fault queue (paths below its base match) and the request log', async () => {
		suite.emulator.inject({
			kind: 'status',
			status: 500,
			match: { method: 'POST', path: '/mappingSets' },
		});
		expect((await prep('/mappingSets', { method: 'POST', body: mappingBody() })).status).toBe(500);
		expect(suite.emulator.mappingSets.size).toBe(0);
		expect((await prep('/mappingSets', { method: 'POST', body: mappingBody() })).status).toBe(200);
		const logged = suite.emulator.requests.filter(
			(r) => r.path === `${CONVERSION_BASE_PATH}/mappingSets`,
		);
		expect(logged.map((r) => r.status)).toEqual([500, 200]);
		expect(logged[1].json).toEqual(mappingBody());
	});

	it('validates without storing', async () => {
		const good = await prep('/mappingSets/validate', { method: 'POST', body: mappingBody() });
		expect(good.status).toBe(200);
		expect(good.body.valid).toBe(true);
		const bad = await prep('/mappingSets/validate', {
			method: 'POST',
			body: mappingBody(ORDER_SCHEMA_ID),
		});
		expect(bad.status).toBe(400);
		expect(suite.emulator.mappingSets.size).toBe(0);
	});

	it('lists with start and limit (both required) as {data, _page}', async () => {
		for (let i = 0; i < 3; i++) await prep('/mappingSets', { method: 'POST', body: mappingBody() });
		const first = await prep('/mappingSets?start=0&limit=2');
		expect(first.body.data).toHaveLength(2);
		expect(first.body._page).toEqual({ count: 2, limit: 2 });
		const second = await prep('/mappingSets?start=2&limit=2');
		expect(second.body.data).toHaveLength(1);
		expect((await prep('/mappingSets?limit=2')).status).toBe(400);
		expect((await prep('/mappingSets?start=0')).status).toBe(400);
		expect((await prep('/mappingSets/nope')).status).toBe(404);
	});
});

describe('/flowSpecs', () => {
	it('finds CRMToAEP by name, quoted or not, with the Redshift spec among its sources', async () => {
		for (const filter of ['name=="CRMToAEP"', 'name==CRMToAEP']) {
			const result = await call.flow(`/flowSpecs?property=${encodeURIComponent(filter)}`);
			expect(result.body.items).toHaveLength(1);
			expect(result.body.items[0]).toMatchObject({ id: CRM_TO_AEP, name: 'CRMToAEP' });
			expect(result.body.items[0].sourceConnectionSpecIds).toEqual(
				expect.arrayContaining([REDSHIFT_SPEC_ID, POSTGRESQL_SPEC_ID]),
			);
		}
		expect(
			(await call.flow('/flowSpecs')).body.items.map((spec: { name: string }) => spec.name),
		).toEqual(['CRMToAEP', 'CloudStorageToAEP']);
		expect(
			(await call.flow(`/flowSpecs/${CRM_TO_AEP}`)).body.items[0].transformationSpecs.map(
				(t: { name: string }) => t.name,
			),
		).toEqual(['Copy', 'Mapping']);
		expect((await call.flow('/flowSpecs/nope')).status).toBe(404);
	});
});

describe('POST /flows', () => {
	let chain: Chain;
	beforeEach(async () => {
		chain = await buildChain(call);
	});
	const create = (overrides: Record<string, unknown> = {}, chainOverrides: Partial<Chain> = {}) =>
		call.flow('/flows', {
			method: 'POST',
			body: flowBody({ ...chain, ...chainOverrides }, overrides),
		});
	const schedule = (params: Record<string, unknown>) => ({ scheduleParams: params });
	const NOW = Math.floor(Date.now() / 1000);

	it('creates with the documented body (string schedule values): 201 {id, etag}', async () => {
		const result = await create();
		expect(result.status).toBe(201);
		expect(Object.keys(result.body).sort()).toEqual(['etag', 'id']);
		const got = (await call.flow(`/flows/${result.body.id}`)).body.items[0];
		expect(got).toMatchObject({
			id: result.body.id,
			state: 'enabled',
			flowSpec: { id: CRM_TO_AEP, version: '1.0' },
			scheduleParams: { startTime: 1612310466, frequency: 'minute', interval: 15, backfill: true },
			runs: `/runs?property=flowId==${result.body.id}`,
			inheritedAttributes: {
				sourceConnections: [
					{
						id: chain.source,
						connectionSpec: { id: REDSHIFT_SPEC_ID },
						baseConnection: { id: chain.base },
					},
				],
				targetConnections: [{ id: chain.target }],
			},
		});
	});

	it('takes native types and a once flow without Copy', async () => {
		expect(
			(await create(schedule({ startTime: NOW, frequency: 'hour', interval: 1, backfill: false })))
				.status,
		).toBe(201);
		const once = await create({
			...schedule({ startTime: NOW, frequency: 'once' }),
			transformations: [
				{ name: 'Mapping', params: { mappingId: chain.mapping, mappingVersion: '0' } },
			],
		});
		expect(once.status).toBe(201);
	});

	it.each([
		[
			'once with interval',
			{ ...schedule({ startTime: NOW, frequency: 'once', interval: 15 }) },
			'1361-400',
		],
		[
			'once with backfill',
			{ ...schedule({ startTime: NOW, frequency: 'once', backfill: true }) },
			'1364-400',
		],
		[
			'once with a delta column',
			{ ...schedule({ startTime: NOW, frequency: 'once' }) },
			'1369-400',
		],
		[
			'minute below 15',
			schedule({ startTime: NOW, frequency: 'minute', interval: 10 }),
			'1363-400',
		],
		['hour below 1', schedule({ startTime: NOW, frequency: 'hour', interval: 0 }), '1363-400'],
		['no interval', schedule({ startTime: NOW, frequency: 'day' }), '1362-400'],
		[
			'an unknown frequency',
			schedule({ startTime: NOW, frequency: 'month', interval: 1 }),
			'1362-400',
		],
		[
			'startTime in milliseconds',
			schedule({ startTime: Date.now(), frequency: 'day', interval: 1 }),
			'1362-400',
		],
		[
			'startTime as a date string',
			schedule({ startTime: '2026-01-01T00:00:00Z', frequency: 'day', interval: 1 }),
			'1362-400',
		],
		['no scheduleParams', { scheduleParams: undefined }, '1362-400'],
		[
			'a bad backfill',
			schedule({ startTime: NOW, frequency: 'day', interval: 1, backfill: 'yes' }),
			'1362-400',
		],
		['state in the body', { state: 'enabled' }, '1410-400'],
		['mode in the body', { mode: 'draft' }, '1368-400'],
		['an unknown flow spec', { flowSpec: { id: 'nope', version: '1.0' } }, '1413-400'],
		[
			'no Mapping transformation',
			{ transformations: [{ name: 'Copy', params: { deltaColumn: { name: 'updated_at' } } }] },
			'1370-400',
		],
		['no transformations', { transformations: undefined }, '1370-400'],
		[
			'an unknown mapping set',
			{
				transformations: [
					{ name: 'Copy', params: { deltaColumn: { name: 'updated_at' } } },
					{ name: 'Mapping', params: { mappingId: 'm', mappingVersion: 0 } },
				],
			},
			'1100-400',
		],
		['an unknown transformation', { transformations: [{ name: 'Sort' }] }, '1100-400'],
		['no name', { name: '' }, '1100-400'],
		['an unknown source connection', { sourceConnectionIds: ['nope'] }, '1323-400'],
		['no target connection', { targetConnectionIds: [] }, '1323-400'],
	])('refuses %s', async (_label, overrides, code) => {
		const result = await create(overrides);
		expect(result.body.type).toBe(FLOW_TYPE(code));
		expect(suite.emulator.flows.size).toBe(0);
	});

	it('checks the mapping version (1412) and the delta column against the table (1367)', async () => {
		const copy = { name: 'Copy', params: { deltaColumn: { name: 'updated_at' } } };
		const wrongVersion = await create({
			transformations: [
				copy,
				{ name: 'Mapping', params: { mappingId: chain.mapping, mappingVersion: 2 } },
			],
		});
		expect(wrongVersion.body.type).toBe(FLOW_TYPE('1412-400'));
		const mapping = { name: 'Mapping', params: { mappingId: chain.mapping, mappingVersion: 0 } };
		expect((await create({ transformations: [mapping] })).body.type).toBe(FLOW_TYPE('1367-400'));
		const unknown = await create({
			transformations: [{ name: 'Copy', params: { deltaColumn: { name: 'nope' } } }, mapping],
		});
		expect(unknown.body.type).toBe(FLOW_TYPE('1367-400'));
	});

	it('refuses a mapping to another schema than the dataset (1425)', async () => {
		suite.emulator.seedSchemas([
			{ id: ORDER_SCHEMA_ID, title: 'Orders', fields: ['personID', 'personalEmail.address'] },
		]);
		const other = await prep('/mappingSets', {
			method: 'POST',
			body: mappingBody(ORDER_SCHEMA_ID),
		});
		expect((await create({}, { mapping: other.body.id })).body.type).toBe(FLOW_TYPE('1425-400'));
	});

	it('refuses a source whose spec the flow spec does not list', async () => {
		const result = await create({
			flowSpec: { id: '9753525b-82c7-4dce-8a9b-5ccfce2b9876', version: '1.0' },
		});
		expect(result.body.type).toBe(FLOW_TYPE('1413-400'));
		expect(result.body.report['detailed-message']).toContain('sourceConnectionSpecIds');
	});

	it('uses a custom field of the tenant namespace in mappings', async () => {
		const body = {
			...mappingBody(),
			mappings: [
				{ sourceType: 'ATTRIBUTE', source: 'is_active', destination: `${TENANT}.isActive` },
			],
		};
		expect((await prep('/mappingSets', { method: 'POST', body })).status).toBe(200);
	});
});

describe('GET, PATCH, action and DELETE /flows', () => {
	it('lists with filters, paging and count', async () => {
		const chain = await buildChain(call, {});
		for (let i = 0; i < 3; i++) {
			await call.flow('/flows', { method: 'POST', body: flowBody(chain, { name: `flow ${i}` }) });
		}
		const bySource = await call.flow(
			`/flows?property=${encodeURIComponent(`sourceConnectionIds[]==x,${chain.source}`)}&limit=3`,
		);
		expect(bySource.body.items).toHaveLength(3);
		const next = await call.flow(bySource.body._links.next.href);
		expect(next.body.items).toHaveLength(1);
		expect(next.body._links).toEqual({});
		const byName = await call.flow(
			`/flows?property=${encodeURIComponent('name=="flow 1"')}&property=state==enabled`,
		);
		expect(byName.body.items.map((flow: { name: string }) => flow.name)).toEqual(['flow 1']);
		const bySpec = await call.flow(
			`/flows?property=${encodeURIComponent(`inheritedAttributes.sourceConnections[].connectionSpec.id==${REDSHIFT_SPEC_ID}`)}&count=true`,
		);
		expect(bySpec.body).toEqual({ count: 4 });
		expect(
			(await call.flow(`/flows?property=${encodeURIComponent('createdAt>1')}&orderby=-name`)).body
				.items[0].name,
		).toBe('flow 2');
		expect((await call.flow('/flows?count=true&limit=1')).body.type).toBe(FLOW_TYPE('1401-400'));
		expect((await call.flow('/flows?orderby=state')).body.type).toBe(FLOW_TYPE('1433-400'));
	});

	it('patches with If-Match: 1403-400 without, 1404-412 stale, new etag after', async () => {
		const chain = await buildChain(call, {
			scheduleParams: {
				startTime: Math.floor(Date.now() / 1000) + 3600,
				frequency: 'minute',
				interval: 15,
			},
		});
		const etag = (await call.flow(`/flows/${chain.flow}`)).body.items[0].etag;
		const patch = [
			{ op: 'replace', path: '/scheduleParams/frequency', value: 'day' },
			{ op: 'replace', path: '/scheduleParams/interval', value: 1 },
			{ op: 'replace', path: '/name', value: 'renamed' },
		];
		const url = `/flows/${chain.flow}`;
		expect((await call.flow(url, { method: 'PATCH', body: patch })).body.type).toBe(
			FLOW_TYPE('1403-400'),
		);
		expect(
			(await call.flow(url, { method: 'PATCH', body: patch, headers: { 'if-match': STALE } })).body
				.type,
		).toBe(FLOW_TYPE('1404-412'));
		const done = await call.flow(url, {
			method: 'PATCH',
			body: patch,
			headers: { 'if-match': etag },
		});
		expect(done.status).toBe(200);
		expect(done.body.etag).not.toBe(etag);
		const flow = (await call.flow(url)).body.items[0];
		expect(flow).toMatchObject({
			name: 'renamed',
			scheduleParams: { frequency: 'day', interval: 1 },
		});
		const patchCode = async (body: object[]) =>
			(await call.flow(url, { method: 'PATCH', body, headers: { 'if-match': done.body.etag } }))
				.body.type;
		const tooShort = [{ op: 'replace', path: '/scheduleParams/frequency', value: 'minute' }];
		expect(await patchCode(tooShort)).toBe(FLOW_TYPE('1363-400'));
		const mapping = [
			{
				op: 'replace',
				path: '/transformations/1',
				value: { name: 'Mapping', params: { mappingId: chain.mapping, mappingVersion: 5 } },
			},
		];
		expect(await patchCode(mapping)).toBe(FLOW_TYPE('1412-400'));
		expect(
			(
				await call.flow(url, {
					method: 'PATCH',
					body: [{ op: 'replace', path: '/state', value: 'disabled' }],
					headers: { 'if-match': done.body.etag },
				})
			).body.type,
		).toBe(FLOW_TYPE('1455-400'));
	});

	it('locks startTime (1366), frequency once (1403) and backfill (1404) once the start has passed', async () => {
		const chain = await buildChain(call, {});
		const url = `/flows/${chain.flow}`;
		const etag = () => call.flow(url).then((result) => result.body.items[0].etag as string);
		const attempt = async (body: object[]) =>
			(await call.flow(url, { method: 'PATCH', body, headers: { 'if-match': await etag() } })).body
				.type;
		expect(
			await attempt([{ op: 'replace', path: '/scheduleParams/startTime', value: 1712310466 }]),
		).toBe(FLOW_TYPE('1366-400'));
		expect(
			await attempt([
				{ op: 'replace', path: '/scheduleParams/frequency', value: 'once' },
				{ op: 'remove', path: '/scheduleParams/interval' },
				{ op: 'remove', path: '/scheduleParams/backfill' },
			]),
		).toBe(FLOW_TYPE('1403-400'));
		expect(await attempt([{ op: 'replace', path: '/scheduleParams/backfill', value: false }])).toBe(
			FLOW_TYPE('1404-400'),
		);
	});

	it('enables and disables through /action with or without subOp; 1422 when already there', async () => {
		const chain = await buildChain(call, {});
		const action = (query: string) =>
			call.flow(`/flows/${chain.flow}/action?${query}`, { method: 'POST' });
		const disabled = await action('op=disable');
		expect(disabled.status).toBe(200);
		expect(disabled.body).toEqual({ id: chain.flow, etag: expect.any(String) });
		expect((await call.flow(`/flows/${chain.flow}`)).body.items[0].state).toBe('disabled');
		expect((await action('op=DISABLE')).body.type).toBe(FLOW_TYPE('1422-400'));
		expect((await action('op=ENABLE&subOp=none')).status).toBe(200);
		expect((await action('op=publish')).body.type).toBe(FLOW_TYPE('1100-400'));
		expect((await action('')).body.type).toBe(FLOW_TYPE('1100-400'));
		const stale = await call.flow(`/flows/${chain.flow}/action?op=disable`, {
			method: 'POST',
			headers: { 'if-match': STALE },
		});
		expect(stale.body.type).toBe(FLOW_TYPE('1404-412'));
	});

	it('deletes with 204; then 404, and only in its own sandbox', async () => {
		const chain = await buildChain(call, {});
		expect(
			(await call.flow(`/flows/${chain.flow}`, { headers: { 'x-sandbox-name': 'dev' } })).status,
		).toBe(404);
		expect((await call.flow(`/flows/${chain.flow}`, { method: 'DELETE' })).status).toBe(204);
		expect((await call.flow(`/flows/${chain.flow}`)).status).toBe(404);
		expect((await call.flow(`/flows/${chain.flow}`, { method: 'DELETE' })).status).toBe(404);
	});
});
