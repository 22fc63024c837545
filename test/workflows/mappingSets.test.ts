// Mapping Set → Create, Get (Data Prep, /data/foundation/conversion): the exact requests,
// reuse by schema and mappings (sets have no name), Validate first, a lost create looked up
// before it is sent again, and what is refused before any request.
import nock from 'nock';

import { adobeCredential, CLIENT_ID, ORG_ID, PLATFORM, SECRETS } from '../harness/fixtures';
import { mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';

const SCHEMA_ID = 'https://ns.adobe.com/acme/schemas/52b59140414aa6a370ef5e21155fd7a6';
const SET_ID = 'e7c80e4c0d8f4a98a7d400b4e178b635';
const CONTENT_TYPE = 'application/vnd.adobe.xed-full+json;version=1';
const credentials = () => [adobeCredential()];

/** Data Prep behind the same gateway, with the same four headers. */
const dataPrep = () =>
	nock(`${PLATFORM}/data/foundation/conversion`)
		.matchHeader('authorization', `Bearer ${SECRETS.accessToken}`)
		.matchHeader('x-api-key', CLIENT_ID)
		.matchHeader('x-gw-ims-org-id', ORG_ID)
		.matchHeader('x-sandbox-name', 'prod');

const pairs = [
	{ source: 'id', destination: '_id', sourceType: 'ATTRIBUTE' },
	{ source: 'email', destination: 'personalEmail.address', sourceType: 'ATTRIBUTE' },
];
const body = {
	outputSchema: { schemaRef: { id: SCHEMA_ID, contentType: CONTENT_TYPE } },
	mappings: pairs,
};
const created = {
	id: SET_ID,
	version: 0,
	createdDate: 1614901254724,
	modifiedDate: 1614901254724,
	createdBy: 'x@AdobeID',
	modifiedBy: 'x@AdobeID',
};
const stored = {
	...created,
	outputSchema: body.outputSchema,
	// Stored in the other order and echoed with the legacy names as well: still the same set.
	mappings: [...pairs].reverse().map((mapping) => ({
		...mapping,
		sourceAttribute: mapping.source,
		destinationXdmPath: mapping.destination,
	})),
};
const create = (extra: Record<string, unknown> = {}, node = {}) =>
	singleNodeWorkflow(
		{
			resource: 'mappingSet',
			operation: 'create',
			schemaId: SCHEMA_ID,
			mappingsInput: 'pairs',
			mappingPairs: { mapping: pairs },
			...extra,
		},
		node,
	);
const page = (start: number) => ({ start: String(start), limit: '50' });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Mapping Set → Create', () => {
	it('lists the sets by offset, then posts the Data Prep body and takes its 200', async () => {
		mockImsToken();
		const api = dataPrep()
			.get('/mappingSets')
			.query(page(0))
			.reply(200, { data: [], _page: { count: 0, limit: 50 } })
			.post('/mappingSets', body)
			.matchHeader('content-type', 'application/json')
			.reply(200, created);
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.items('Adobe')).toEqual([
			{
				json: {
					id: SET_ID,
					version: 0,
					outputSchema: body.outputSchema,
					mappings: pairs,
					reused: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('takes the mappings as a list mapped in, in either spelling', async () => {
		mockImsToken();
		const api = dataPrep()
			.get('/mappingSets')
			.query(page(0))
			.reply(200, { data: [] })
			.post('/mappingSets', body)
			.reply(200, created);
		await runWorkflow(create({ mappingsInput: 'json', mappingsJson: '={{ $json.mappings }}' }), {
			credentials: credentials(),
			inputItems: [
				{
					mappings: [
						{ sourceAttribute: 'id', destinationXdmPath: '_id' },
						{ source: 'email', destination: 'personalEmail.address' },
					],
				},
			],
		});
		expect(api.isDone()).toBe(true);
	});

	it('reuses a set with the same schema and mappings, reading every page', async () => {
		mockImsToken();
		const others = Array.from({ length: 50 }, (_, index) => ({
			id: `${index}`.padStart(32, '0'),
			outputSchema: body.outputSchema,
			mappings: [{ sourceType: 'ATTRIBUTE', source: 'x', destination: '_id' }],
		}));
		const api = dataPrep()
			.get('/mappingSets')
			.query(page(0))
			.reply(200, { data: others, _page: { count: 50, limit: 50 } })
			.get('/mappingSets')
			.query(page(50))
			.reply(200, { data: [stored], _page: { count: 1, limit: 50 } });
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(), { credentials: credentials() });
		unmatched.stop();
		expect(api.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		expect(result.output('Adobe')[0]).toMatchObject({ id: SET_ID, version: 0, reused: true });
	});

	it('does not reuse a set for another schema or other mappings', async () => {
		mockImsToken();
		const api = dataPrep()
			.get('/mappingSets')
			.query(page(0))
			.reply(200, {
				data: [
					{
						...stored,
						outputSchema: { schemaRef: { id: `${SCHEMA_ID}0`, contentType: CONTENT_TYPE } },
					},
					{ ...stored, mappings: stored.mappings.slice(1) },
				],
			})
			.post('/mappingSets', body)
			.reply(200, created);
		const result = await runWorkflow(create(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')[0]).toMatchObject({ reused: false });
	});

	it('Validate Before Creating posts the same body to /mappingSets/validate first', async () => {
		mockImsToken();
		const order: string[] = [];
		const api = dataPrep()
			.get('/mappingSets')
			.query(page(0))
			.reply(200, { data: [] })
			.post('/mappingSets/validate', body)
			.reply(() => (order.push('validate'), [200, { valid: true }]))
			.post('/mappingSets', body)
			.reply(() => (order.push('create'), [200, created]));
		const result = await runWorkflow(create({ options: { validateFirst: true } }), {
			credentials: credentials(),
		});
		expect(api.isDone()).toBe(true);
		expect(order).toEqual(['validate', 'create']);
		expect(result.output('Adobe')[0]).toMatchObject({ validated: true, reused: false });
	});

	it('a set Validate refuses is not created, and the error says why', async () => {
		mockImsToken();
		const api = dataPrep()
			.get('/mappingSets')
			.query(page(0))
			.reply(200, { data: [] })
			.post('/mappingSets/validate')
			.reply(400, {
				type: 'https://ns.adobe.com/aep/errors/DATAPREP-1400-400',
				title: 'Bad request',
				report: {
					'detailed-message':
						'mappings[1]: personalEmail.address is not a field of the target schema.',
				},
			});
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create({ options: { validateFirst: true } }), {
			credentials: credentials(),
		});
		unmatched.stop();
		expect(api.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		expect(String(result.nodeError('Adobe')?.description)).toContain(
			'personalEmail.address is not a field of the target schema',
		);
	});

	it('a create whose answer was lost is found by schema and mappings, and not sent again', async () => {
		mockImsToken();
		const api = dataPrep()
			.get('/mappingSets')
			.query(page(0))
			.reply(200, { data: [] })
			.post('/mappingSets', body)
			.once()
			.reply(503, 'Service unavailable')
			.get('/mappingSets')
			.query(page(0))
			.reply(200, { data: [stored] });
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(), { credentials: credentials() });
		unmatched.stop();
		expect(api.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		expect(result.output('Adobe')[0]).toMatchObject({ id: SET_ID, reused: false });
	});

	it.each([
		[
			{ schemaId: 'not a url' },
			'XDM Schema ID must be a schema\'s $id such as https://ns.adobe.com/acme/schemas/52b59140… (got "not a url")',
		],
		[{ mappingPairs: { mapping: [] } }, 'Mapping must hold at least one mapping'],
		[
			{ mappingPairs: { mapping: [{ source: 'id', destination: '' }] } },
			'Mapping entry 1 (id) has no destination XDM path',
		],
		[
			{
				mappingPairs: {
					mapping: [
						{ source: 'a', destination: '_id' },
						{ source: 'b', destination: '_id' },
					],
				},
			},
			'Mapping entry 2 maps a second column onto _id',
		],
		[
			{ mappingsInput: 'json', mappingsJson: '[{"source": "id"' },
			'Mappings (JSON) is not valid JSON',
		],
		[
			{ mappingsInput: 'json', mappingsJson: '{"source": "id"}' },
			'Mappings (JSON) must be a list of mappings',
		],
	])('refuses %j before any request', async (extra, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(create(extra), { credentials: credentials() });
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toMatch(
			new RegExp(`^${escape(message)}.*\\[item 0\\]$`),
		);
	});
});

describe('Mapping Set → Get', () => {
	it('gets the set, bare as Data Prep answers it, with an optional version', async () => {
		mockImsToken(SECRETS.accessToken, 2);
		const api = dataPrep()
			.get(`/mappingSets/${SET_ID}`)
			.reply(200, stored)
			.get(`/mappingSets/${SET_ID}`)
			.query({ version: '2' })
			.reply(200, { ...stored, version: 2 });
		const run = (options = {}) =>
			runWorkflow(
				singleNodeWorkflow({
					resource: 'mappingSet',
					operation: 'get',
					mappingSetId: SET_ID,
					options,
				}),
				{ credentials: credentials() },
			);
		expect((await run()).output('Adobe')).toEqual([stored]);
		expect((await run({ version: 2 })).output('Adobe')[0]).toMatchObject({ version: 2 });
		expect(api.isDone()).toBe(true);
	});

	it('continue-on-fail keeps one paired item per input', async () => {
		mockImsToken();
		dataPrep().get(`/mappingSets/${SET_ID}`).reply(200, stored);
		const result = await runWorkflow(
			singleNodeWorkflow(
				{ resource: 'mappingSet', operation: 'get', mappingSetId: '={{ $json.id }}' },
				{ onError: 'continueRegularOutput' },
			),
			{ credentials: credentials(), inputItems: [{ id: 'bad' }, { id: SET_ID }] },
		);
		expect(result.items('Adobe')).toEqual([
			{
				json: expect.objectContaining({ error: expect.stringContaining('[item 0]') }),
				pairedItem: { item: 0 },
			},
			{ json: stored, pairedItem: { item: 1 } },
		]);
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
