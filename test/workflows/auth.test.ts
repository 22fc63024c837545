import nock from 'nock';

import { HarnessCredentialsHelper } from '../harness/credentials';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { adobeCredential, findLeaks, IMS, redshiftSpec, SECRETS } from '../harness/fixtures';
import { mockFlowService, mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';

const getSpec = singleNodeWorkflow({
	resource: 'connectionSpec',
	operation: 'get',
	specName: 'amazon-redshift',
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('OAuth Server-to-Server', () => {
	it('fetches a token once and reuses the stored one in the next execution', async () => {
		const ims = mockImsToken(SECRETS.accessToken, 1);
		const api = mockFlowService()
			.get('/connectionSpecs')
			.query(true)
			.times(2)
			.reply(200, { items: [redshiftSpec] });
		const helper = new HarnessCredentialsHelper([adobeCredential()]);
		await runWorkflow(getSpec, { credentialsHelper: helper });
		await runWorkflow(getSpec, { credentialsHelper: helper });
		expect(ims.isDone()).toBe(true);
		expect(api.isDone()).toBe(true);
		expect(helper.preAuthenticationCalls).toHaveLength(1);
	});

	it('asks IMS once for many items in flight at once', async () => {
		const ims = mockImsToken(SECRETS.accessToken, 1);
		const api = mockFlowService()
			.post('/connections')
			.times(6)
			.delay(20)
			.reply(201, (_uri, body) => ({ id: `id-${(body as { name: string }).name}`, etag: '"e"' }));
		const result = await runWorkflow(
			singleNodeWorkflow({
				resource: 'connection',
				operation: 'createRedshift',
				name: '={{ $json.name }}',
				redshiftCredentials: 'parameters',
				server: 'cluster.example.com',
				database: 'dev',
				username: 'reader',
				password: SECRETS.parameterPassword,
				options: { concurrency: 6, ifExists: 'create' },
			}),
			{
				credentials: [adobeCredential()],
				inputItems: ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name })),
			},
		);
		expect(ims.isDone()).toBe(true);
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe').map((item) => item.id)).toEqual(
			['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `id-${name}`),
		);
	});

	it('gets a new token after a 401 and sends the request again', async () => {
		const helper = new HarnessCredentialsHelper([
			adobeCredential({ sessionToken: SECRETS.accessToken }),
		]);
		const ims = mockImsToken(SECRETS.refreshedToken, 1);
		const stale = mockFlowService(SECRETS.accessToken)
			.get('/connectionSpecs')
			.query(true)
			.reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
		const fresh = mockFlowService(SECRETS.refreshedToken)
			.get('/connectionSpecs')
			.query(true)
			.reply(200, { items: [redshiftSpec] });
		const result = await runWorkflow(getSpec, { credentialsHelper: helper });
		expect(stale.isDone() && ims.isDone() && fresh.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([redshiftSpec]);
		expect(helper.store.get('adobe-cred-1')?.data.sessionToken).toBe(SECRETS.refreshedToken);
		expect(findLeaks(result.serialized)).toEqual([]);
	});

	it('refreshes only once: a second 401 is an error with a hint', async () => {
		const helper = new HarnessCredentialsHelper([
			adobeCredential({ sessionToken: SECRETS.accessToken }),
		]);
		mockImsToken(SECRETS.refreshedToken, 1);
		mockFlowService(SECRETS.accessToken)
			.get('/connectionSpecs')
			.query(true)
			.reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
		mockFlowService(SECRETS.refreshedToken)
			.get('/connectionSpecs')
			.query(true)
			.reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
		const result = await runWorkflow(getSpec, { credentialsHelper: helper });
		const error = result.nodeError('Adobe');
		expect(error?.message).toBe('Oauth token is not valid [401013]');
		expect(error?.description).toMatch(/Check the client secret/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('explains a wrong client secret, once for all items, without echoing it', async () => {
		nock(IMS)
			.post('/ims/token/v3')
			.once()
			.reply(401, {
				error: 'invalid_client',
				error_description: 'invalid client_secret parameter',
			});
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(
			{
				...getSpec,
				nodes: getSpec.nodes.map((n) =>
					n.name === 'Adobe' ? { ...n, onError: 'continueRegularOutput' as const } : n,
				),
			},
			{ credentials: [adobeCredential()], inputItems: [{}, {}, {}] },
		);
		unmatched.stop();
		const output = result.output('Adobe');
		expect(output).toHaveLength(3);
		for (const item of output) {
			expect(item.error).toMatch(
				/Adobe IMS rejected the client ID or client secret \(invalid_client\)/,
			);
		}
		expect(unmatched.count()).toBe(0);
		expect(findLeaks(result.serialized)).toEqual([]);
	});
});

describe('Access Token mode', () => {
	const pasted = () =>
		adobeCredential({
			authentication: 'accessToken',
			accessToken: SECRETS.pastedToken,
			clientSecret: '',
		});

	it('sends the pasted token and never calls IMS', async () => {
		const api = mockFlowService(SECRETS.pastedToken)
			.get('/connectionSpecs')
			.query(true)
			.reply(200, { items: [redshiftSpec] });
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(getSpec, { credentials: [pasted()] });
		unmatched.stop();
		expect(api.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		expect(result.output('Adobe')).toEqual([redshiftSpec]);
	});

	it('an expired pasted token is an error that says so', async () => {
		mockFlowService(SECRETS.pastedToken)
			.get('/connectionSpecs')
			.query(true)
			.reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
		const result = await runWorkflow(getSpec, { credentials: [pasted()] });
		expect(result.nodeError('Adobe')?.description).toMatch(
			/a pasted access token lasts only 24 hours/,
		);
		expect(findLeaks(result.serialized)).toEqual([]);
	});
});

describe('credential values are checked before anything is sent', () => {
	it.each([
		[
			{ platformUrl: 'http://platform.adobe.io' },
			/Credential field "Platform URL" is not usable: Platform URL uses plain http/,
		],
		[{ platformUrl: 'https://platform.adobe.io/data' }, /without a path/],
		[{ imsUrl: 'http://ims.example.com' }, /Credential field "IMS URL"/],
		[{ sandboxName: 'Prod' }, /Credential field "Sandbox Name" must be a lower-case sandbox name/],
		[{ sandboxName: 'my sandbox' }, /without spaces/],
		[{ imsOrgId: '  ' }, /Credential field "IMS Organization ID" is empty/],
		[{ clientId: '' }, /Credential field "Client ID" is empty/],
	])('%j', async (overrides, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(getSpec, { credentials: [adobeCredential(overrides)] });
		unmatched.stop();
		expect(result.nodeError('Adobe')?.message).toMatch(message);
		expect(unmatched.count()).toBe(0);
	});
});
