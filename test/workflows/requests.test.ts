import nock from 'nock';

import { singleNodeWorkflow, runWorkflow } from '../harness/runWorkflow';
import {
	adobeCredential,
	BASE_PATH,
	findLeaks,
	PLATFORM,
	REDSHIFT_SPEC_ID,
	redshiftCredential,
	redshiftSpec,
	SECRETS,
} from '../harness/fixtures';
import { mockFlowService, mockImsToken } from '../harness/nockAdobe';

const credentials = () => [adobeCredential(), redshiftCredential()];
const getSpec = (specName = 'amazon-redshift', extra = {}) =>
	singleNodeWorkflow({ resource: 'connectionSpec', operation: 'get', specName, ...extra });
const createFromCredential = (extra: Record<string, unknown> = {}) =>
	singleNodeWorkflow({
		resource: 'connection',
		operation: 'createRedshift',
		name: 'Redshift analytics',
		connectionSpecId: REDSHIFT_SPEC_ID,
		redshiftCredentials: 'credential',
		// These tests pin the create request itself; create-or-reuse has its own suite.
		options: { ifExists: 'create' },
		...extra,
	});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Get Connection Spec: the request', () => {
	it('URL-encodes the name filter exactly and sends the four headers', async () => {
		mockImsToken();
		const paths: string[] = [];
		const api = mockFlowService()
			.get('/connectionSpecs')
			.query(true)
			.matchHeader('accept', 'application/json')
			.reply(function (uri) {
				paths.push(uri);
				return [200, { items: [redshiftSpec] }];
			});
		const result = await runWorkflow(getSpec(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(paths).toEqual([
			`${BASE_PATH}/connectionSpecs?property=name%3D%3D%22amazon-redshift%22`,
		]);
		expect(result.items('Adobe')).toEqual([{ json: redshiftSpec, pairedItem: { item: 0 } }]);
	});

	it('looks each name up once per execution, however many items ask', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/connectionSpecs')
			.query({ property: 'name=="amazon-redshift"' })
			.once()
			.reply(200, { items: [redshiftSpec] });
		const result = await runWorkflow(getSpec(), {
			credentials: credentials(),
			inputItems: [{}, {}, {}, {}],
		});
		expect(api.isDone()).toBe(true);
		expect(result.items('Adobe').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	it('says clearly when no spec has that name', async () => {
		mockImsToken();
		mockFlowService().get('/connectionSpecs').query(true).reply(200, { items: [] });
		const result = await runWorkflow(getSpec('amazon-redshiftt'), { credentials: credentials() });
		expect(result.nodeError('Adobe')?.message).toBe(
			'No connection spec named "amazon-redshiftt" exists in this sandbox [item 0]',
		);
	});
});

describe('Create Redshift Connection: the request', () => {
	it('posts the connection with the Basic Authentication auth spec and outputs id and etag', async () => {
		mockImsToken();
		const api = mockFlowService()
			.post('/connections', {
				name: 'Redshift analytics',
				auth: {
					specName: 'Basic Authentication',
					params: {
						server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
						database: 'dev',
						username: 'aep_reader',
						password: SECRETS.redshiftPassword,
						port: '5439',
						schema: 'public',
					},
				},
				connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			})
			.matchHeader('content-type', 'application/json')
			.reply(201, { id: 'c-1', etag: '"e-1"' }, { Location: `${BASE_PATH}/connections/c-1` });
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([
			{
				id: 'c-1',
				etag: '"e-1"',
				name: 'Redshift analytics',
				connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
				reused: false,
			},
		]);
		expect(findLeaks(result.serialized)).toEqual([]);
	});

	it('leaves port and schema out when the credential has none', async () => {
		mockImsToken();
		const api = mockFlowService()
			.post('/connections', (body) => {
				const params = body.auth.params;
				return !('port' in params) && !('schema' in params) && params.database === 'dev';
			})
			.reply(201, { id: 'c-2', etag: '"e-2"' });
		await runWorkflow(createFromCredential(), {
			credentials: [adobeCredential(), redshiftCredential({ port: '', schema: '' })],
		});
		expect(api.isDone()).toBe(true);
	});

	it('sends a version other than 1.0 when the user sets one', async () => {
		mockImsToken();
		const api = mockFlowService()
			.post('/connections', (body) => body.connectionSpec.version === '2.1')
			.reply(201, { id: 'c-3', etag: '"e-3"' });
		await runWorkflow(
			createFromCredential({ additionalFields: { connectionSpecVersion: '2.1' } }),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
	});
});

describe('retries', () => {
	it('retries a GET on 429 with Retry-After, then on 502, 503 and 504', async () => {
		mockImsToken();
		const api = mockFlowService()
			.get('/connectionSpecs')
			.query(true)
			.reply(429, { error_code: '429050', message: 'Too many requests' }, { 'Retry-After': '0' })
			.get('/connectionSpecs')
			.query(true)
			.reply(502, '<html><title>502 Bad Gateway</title></html>')
			.get('/connectionSpecs')
			.query(true)
			.reply(
				503,
				{ type: 'https://ns.adobe.com/aep/errors/FLOW-1103-503', title: 'Unavailable' },
				{ 'Retry-After': '0' },
			)
			.get('/connectionSpecs')
			.query(true)
			.reply(200, { items: [redshiftSpec] });
		const result = await runWorkflow(getSpec(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([redshiftSpec]);
	});

	it('gives up on a GET after four tries and says so', async () => {
		mockImsToken();
		mockFlowService()
			.get('/connectionSpecs')
			.query(true)
			.times(4)
			.reply(
				504,
				{ type: 'https://ns.adobe.com/aep/errors/FLOW-1104-504', title: 'Gateway timeout' },
				{ 'Retry-After': '0' },
			);
		const result = await runWorkflow(getSpec(), { credentials: credentials() });
		const error = result.nodeError('Adobe');
		expect(error?.message).toBe('Gateway timeout [FLOW-1104-504]');
		expect(error?.description).toMatch(/Gave up after 4 tries/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('does not wait out a Retry-After longer than its bound', async () => {
		mockImsToken();
		mockFlowService()
			.get('/connectionSpecs')
			.query(true)
			.reply(
				429,
				{ error_code: '429050', message: 'Too many requests' },
				{ 'Retry-After': '3600' },
			);
		const started = Date.now();
		const result = await runWorkflow(getSpec(), { credentials: credentials() });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.nodeError('Adobe')?.description).toMatch(
			/Adobe asked to wait 3600 s before retrying \(Retry-After\), longer than the 30 s this node waits/,
		);
	});

	it('does not replay a create after a 5xx: it may have reached Adobe', async () => {
		mockImsToken();
		const api = mockFlowService()
			.post('/connections')
			.once()
			.reply(500, {
				type: 'https://ns.adobe.com/aep/errors/FLOW-1102-500',
				title: 'Internal error',
			});
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		const error = result.nodeError('Adobe');
		expect(error?.message).toBe('Internal error [FLOW-1102-500]');
		expect(error?.description).toMatch(/may have reached Adobe, so it was not sent again/);
	});

	it('does not replay a create after a dropped connection', async () => {
		mockImsToken();
		const api = mockFlowService().post('/connections').once().replyWithError('socket hang up');
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.nodeError('Adobe')?.message).toMatch(/connection to Adobe failed/);
	});

	it('does replay a create after a 429: Adobe did not process it', async () => {
		mockImsToken();
		const api = mockFlowService()
			.post('/connections')
			.reply(429, { error_code: '429050', message: 'Too many requests' }, { 'Retry-After': '0' })
			.post('/connections')
			.reply(201, { id: 'c-4', etag: '"e-4"' });
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')[0].id).toBe('c-4');
	});

	it('times out a request that never answers, within the timeout option', async () => {
		mockImsToken();
		mockFlowService().post('/connections').delay(3000).reply(201, { id: 'late', etag: '"x"' });
		const started = Date.now();
		const result = await runWorkflow(
			createFromCredential({ options: { timeout: 1, ifExists: 'create' } }),
			{
				credentials: credentials(),
			},
		);
		expect(Date.now() - started).toBeLessThan(2900);
		expect(result.nodeError('Adobe')?.message).toMatch(/did not answer in time/);
	});
});

describe("errors keep Adobe's code, title, detail, request ID and add a hint", () => {
	it('FLOW-1415-400', async () => {
		mockImsToken();
		mockFlowService()
			.post('/connections')
			.reply(400, {
				type: 'https://ns.adobe.com/aep/errors/FLOW-1415-400',
				title: 'Auth spec name not found',
				status: 400,
				report: {
					'detailed-message': 'Auth spec "Basic" is not defined',
					'request-id': 'req-1415',
				},
			});
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		const error = result.nodeError('Adobe');
		expect(error?.message).toBe('Auth spec name not found [FLOW-1415-400]');
		expect(error?.description).toContain('Auth spec "Basic" is not defined');
		expect(error?.description).toContain('"Basic Authentication"');
		expect(error?.description).toContain('Adobe request ID: req-1415');
		expect(error?.httpCode).toBe('400');
		expect((error?.context as { itemIndex?: number })?.itemIndex).toBe(0);
	});

	it('403027 hints at the org ID and product profile', async () => {
		mockImsToken();
		mockFlowService()
			.get('/connectionSpecs')
			.query(true)
			.reply(
				403,
				{ error_code: '403027', message: 'User region is missing' },
				{ 'x-request-id': 'rid-27' },
			);
		const result = await runWorkflow(getSpec(), { credentials: credentials() });
		const error = result.nodeError('Adobe');
		expect(error?.message).toBe('User region is missing [403027]');
		expect(error?.description).toMatch(/IMS Organization ID .* product profile/);
		expect(error?.description).toContain('Adobe request ID: rid-27');
	});

	it('an HTML page from a proxy becomes a readable error', async () => {
		mockImsToken();
		mockFlowService()
			.post('/connections')
			.reply(403, '<html><head><title>Access Denied</title></head><body>…</body></html>', {
				'Content-Type': 'text/html',
			});
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		expect(result.nodeError('Adobe')?.message).toBe(
			'Adobe answered HTTP 403 with a non-JSON page ("Access Denied") [HTTP 403]',
		);
	});

	it('an empty 200 or malformed JSON on a create is an error, not a crash', async () => {
		mockImsToken();
		mockFlowService().post('/connections').reply(201, '{"id": "c-5", "et');
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		expect(result.nodeError('Adobe')?.message).toMatch(/not valid JSON/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('the emitted request carries no bearer token in the stored error', async () => {
		mockImsToken();
		mockFlowService().post('/connections').reply(500, { error_code: '500', message: 'boom' });
		const result = await runWorkflow(createFromCredential(), { credentials: credentials() });
		expect(result.nodeError('Adobe')).toBeDefined();
		expect(findLeaks(result.serialized)).toEqual([]);
	});
});

export { PLATFORM };
