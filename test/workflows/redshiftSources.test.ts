import nock from 'nock';

import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { adobeCredential, findLeaks, REDSHIFT_SPEC_ID, SECRETS } from '../harness/fixtures';
import { mockFlowService, mockImsToken } from '../harness/nockAdobe';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Redshift login from parameters', () => {
	it('provisions a list of clusters from earlier items via expressions', async () => {
		mockImsToken();
		const bodies: unknown[] = [];
		const api = mockFlowService()
			.post('/connections', (body) => {
				bodies.push(body);
				return true;
			})
			.times(2)
			.reply(201, (_uri, body) => ({ id: `id-${(body as { name: string }).name}`, etag: '"e"' }));
		const result = await runWorkflow(
			singleNodeWorkflow({
				resource: 'connection',
				operation: 'createRedshift',
				name: '={{ $json.cluster }} connection',
				connectionSpecId: REDSHIFT_SPEC_ID,
				redshiftCredentials: 'parameters',
				server: '={{ $json.host }}',
				database: '={{ $json.db }}',
				username: '={{ $json.user }}',
				password: '={{ $json.secret }}',
				additionalFields: { port: '={{ $json.port }}', schema: '={{ $json.schema }}' },
				options: { ifExists: 'create' },
			}),
			{
				credentials: [adobeCredential()],
				inputItems: [
					{
						cluster: 'east',
						host: 'east.example.com',
						db: 'dev',
						user: 'u1',
						secret: SECRETS.parameterPassword,
						port: 5439,
						schema: 'public',
					},
					{
						cluster: 'west',
						host: 'west.example.com',
						db: 'prod',
						user: 'u2',
						secret: SECRETS.parameterPassword,
						port: '',
						schema: '',
					},
				],
			},
		);
		expect(api.isDone()).toBe(true);
		expect(bodies).toEqual([
			{
				name: 'east connection',
				auth: {
					specName: 'Basic Authentication',
					params: {
						server: 'east.example.com',
						database: 'dev',
						username: 'u1',
						password: SECRETS.parameterPassword,
						port: '5439',
						schema: 'public',
					},
				},
				connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			},
			{
				name: 'west connection',
				auth: {
					specName: 'Basic Authentication',
					params: {
						server: 'west.example.com',
						database: 'prod',
						username: 'u2',
						password: SECRETS.parameterPassword,
					},
				},
				connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			},
		]);
		expect(result.items('Adobe').map((item) => [item.json.id, item.pairedItem])).toEqual([
			['id-east connection', { item: 0 }],
			['id-west connection', { item: 1 }],
		]);
		// The trigger's items hold the password (the user's data); our node's output must not.
		expect(findLeaks(JSON.stringify(result.items('Adobe')))).toEqual([]);
	});

	it('a password parameter typed literally is masked in the stored error', async () => {
		mockImsToken();
		mockFlowService()
			.post('/connections')
			.reply(400, {
				type: 'https://ns.adobe.com/aep/errors/FLOW-1100-400',
				title: 'Invalid auth params',
				report: { 'detailed-message': `password ${SECRETS.parameterPassword} is not accepted` },
			});
		const result = await runWorkflow(
			singleNodeWorkflow({
				resource: 'connection',
				operation: 'createRedshift',
				name: 'literal',
				redshiftCredentials: 'parameters',
				server: 'east.example.com',
				database: 'dev',
				username: 'u',
				password: SECRETS.parameterPassword,
				options: { ifExists: 'create' },
			}),
			{ credentials: [adobeCredential()] },
		);
		const error = result.nodeError('Adobe');
		expect(error?.description).toContain('password [redacted] is not accepted');
		expect(findLeaks(JSON.stringify(result.run.data.resultData))).toEqual([]);
	});
});
