import nock from 'nock';

import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { adobeCredential, REDSHIFT_SPEC_ID, SECRETS } from '../harness/fixtures';
import { mockFlowService, mockImsToken } from '../harness/nockAdobe';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const create = (onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
	singleNodeWorkflow(
		{
			resource: 'connection',
			operation: 'createRedshift',
			name: '={{ $json.name }}',
			connectionSpecId: '={{ $json.spec }}',
			redshiftCredentials: 'parameters',
			server: '={{ $json.server }}',
			database: 'dev',
			username: 'reader',
			password: SECRETS.parameterPassword,
			options: { concurrency: 3, ifExists: 'create' },
		},
		onError ? { onError } : {},
	);

const items = [
	{ name: 'first', spec: REDSHIFT_SPEC_ID, server: 'a.example.com' },
	{ name: 'api-fails', spec: REDSHIFT_SPEC_ID, server: 'b.example.com' },
	{ name: 'bad-input', spec: REDSHIFT_SPEC_ID, server: 'https://c.example.com' },
	{ name: 'last', spec: REDSHIFT_SPEC_ID, server: 'd.example.com' },
];

describe('continue on fail', () => {
	it('yields one output per input, in order, paired, failures carrying the error', async () => {
		mockImsToken();
		mockFlowService()
			.post('/connections', (body) => body.name !== 'api-fails')
			.times(2)
			.reply(201, (_uri, body) => ({ id: `id-${(body as { name: string }).name}`, etag: '"e"' }));
		mockFlowService()
			.post('/connections', (body) => body.name === 'api-fails')
			.reply(400, {
				type: 'https://ns.adobe.com/aep/errors/FLOW-1413-400',
				title: 'Connection spec not found',
				report: { 'request-id': 'rid-1413' },
			});
		const result = await runWorkflow(create('continueRegularOutput'), {
			credentials: [adobeCredential()],
			inputItems: items,
		});
		expect(nock.pendingMocks()).toEqual([]);
		const out = result.items('Adobe');
		expect(out.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(out[0].json.id).toBe('id-first');
		expect(out[1].json).toMatchObject({
			error: 'Connection spec not found [FLOW-1413-400]',
			adobeCode: 'FLOW-1413-400',
			httpCode: '400',
			requestId: 'rid-1413',
		});
		expect(out[1].json.description).toMatch(/Get Connection Spec/);
		expect(out[2].json.error).toMatch(/^Server must be a host name without a scheme.*\[item 2\]$/);
		expect(out[3].json.id).toBe('id-last');
	});

	it('without it, bad input stops the run before anything is created', async () => {
		const api = mockFlowService().post('/connections').reply(201, { id: 'x', etag: '"e"' });
		const result = await runWorkflow(create(), {
			credentials: [adobeCredential()],
			inputItems: items,
		});
		expect(api.isDone()).toBe(false);
		expect(result.nodeError('Adobe')?.message).toMatch(/\[item 2\]$/);
		expect(result.run.data.resultData.error).toBeDefined();
	});

	it('with the error output, failures go to the second output, paired', async () => {
		mockImsToken();
		mockFlowService()
			.post('/connections')
			.times(3)
			.reply(201, (_uri, body) => ({ id: `id-${(body as { name: string }).name}`, etag: '"e"' }));
		const result = await runWorkflow(create('continueErrorOutput'), {
			credentials: [adobeCredential()],
			inputItems: [items[0], items[2], items[3]],
		});
		expect(result.items('Adobe', 0).map((item) => [item.json.id, item.pairedItem])).toEqual([
			['id-first', { item: 0 }],
			['id-last', { item: 2 }],
		]);
		expect(result.items('Adobe', 1).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});
});
