import {
	callFlow,
	getToken,
	redshiftConnectionBody,
	requestToken,
	toResult,
	type CallOptions,
} from './helpers';
import { startEmulator, type FlowServiceEmulator } from './server';
import {
	BIGQUERY_SPEC_ID,
	POSTGRESQL_SPEC_ID,
	REDSHIFT_SPEC_ID,
	S3_EXPORT_SPEC_ID,
	S3_SPEC_ID,
	SNOWFLAKE_SPEC_ID,
} from './specs';

const FLOW_TYPE = (code: string) => `https://ns.adobe.com/aep/errors/FLOW-${code}`;
const ETAG = /^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{12}"$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let emulator: FlowServiceEmulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator({ sandboxes: ['dev'] });
});

afterAll(async () => {
	await emulator.close();
});

beforeEach(async () => {
	emulator.reset();
	token = await getToken(emulator);
});

const call = (path: string, options: Partial<CallOptions> = {}) =>
	callFlow(emulator, path, { token, ...options });

async function createRedshift(name = 'Redshift', sandbox?: string): Promise<string> {
	const result = await call('/connections', {
		method: 'POST',
		body: redshiftConnectionBody(name),
		headers: sandbox ? { 'x-sandbox-name': sandbox } : {},
	});
	expect(result.status).toBe(201);
	return result.body.id as string;
}

describe('startEmulator', () => {
	it('listens on a random port of 127.0.0.1 with the example credentials', () => {
		expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
		expect(emulator.port).toBeGreaterThan(0);
		expect(emulator.baseUrl).toBe(`${emulator.url}/data/foundation/flowservice`);
		expect(emulator.tokenUrl).toBe(`${emulator.url}/ims/token/v3`);
		expect(emulator.credentials).toEqual({
			clientId: 'emulator-client-id',
			clientSecret: 'emulator-client-secret',
			imsOrgId: 'EMULATOR0000000000000000@AdobeOrg',
			sandboxName: 'prod',
		});
	});

	it('takes other credentials', async () => {
		const custom = await startEmulator({
			clientId: 'cid',
			clientSecret: 'csecret',
			imsOrgId: 'ORG@AdobeOrg',
		});
		try {
			const customToken = await getToken(custom);
			const result = await callFlow(custom, '/connectionSpecs', { token: customToken });
			expect(result.status).toBe(200);
		} finally {
			await custom.close();
		}
	});
});

describe('IMS POST /ims/token/v3', () => {
	it('issues a bearer token with expires_in in seconds', async () => {
		const result = await requestToken(emulator);
		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 86399,
		});
		expect(emulator.tokensIssued).toEqual([token, result.body.access_token]);
	});

	it('issues a fresh unguessable token every time', async () => {
		const second = await getToken(emulator);
		expect(second).not.toBe(token);
		expect(token.length).toBeGreaterThanOrEqual(40);
	});

	it('refuses client_secret in the query string', async () => {
		const url = `${emulator.tokenUrl}?client_secret=${emulator.credentials.clientSecret}`;
		const response = await fetch(url, {
			method: 'POST',
			body: new URLSearchParams({
				client_id: emulator.credentials.clientId,
				client_secret: emulator.credentials.clientSecret,
				grant_type: 'client_credentials',
			}),
		});
		const result = await toResult(response);
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			error: 'invalid_request',
			error_description: 'client_secret must be sent in the request body',
		});
	});

	it.each([
		['a wrong client_id', { client_id: 'someone-else' }],
		['no client_id', { client_id: undefined }],
	])('answers 400 invalid_client for %s', async (_label, overrides) => {
		const result = await requestToken(emulator, overrides);
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			error: 'invalid_client',
			error_description: 'invalid client_id parameter',
		});
	});

	it('answers 401 invalid_client for a wrong secret', async () => {
		const result = await requestToken(emulator, { client_secret: 'nope' });
		expect(result.status).toBe(401);
		expect(result.body).toEqual({
			error: 'invalid_client',
			error_description: 'invalid client_secret parameter',
		});
	});

	it('answers unsupported_grant_type for other grants', async () => {
		const result = await requestToken(emulator, { grant_type: 'password' });
		expect(result.status).toBe(400);
		expect(result.body.error).toBe('unsupported_grant_type');
	});

	it('wants a form body, not JSON', async () => {
		const response = await fetch(emulator.tokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ client_id: 'x' }),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
	});

	it('lets tokens run out after their lifetime', async () => {
		const shortLived = await startEmulator({ tokenLifetimeSeconds: 1 });
		try {
			const result = await requestToken(shortLived);
			expect(result.body.expires_in).toBe(1);
			const call1 = await callFlow(shortLived, '/connectionSpecs', {
				token: result.body.access_token,
			});
			expect(call1.status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const call2 = await callFlow(shortLived, '/connectionSpecs', {
				token: result.body.access_token,
			});
			expect(call2.status).toBe(401);
			expect(call2.body.error_code).toBe('401013');
		} finally {
			await shortLived.close();
		}
	});
});

describe('gateway checks', () => {
	it.each([
		['no Authorization', { authorization: undefined }, 403, '403010', 'Oauth token is missing.'],
		[
			'a non-bearer Authorization',
			{ authorization: 'Basic abc' },
			403,
			'403010',
			'Oauth token is missing.',
		],
		[
			'an unknown token',
			{ authorization: 'Bearer not-a-token' },
			401,
			'401013',
			'Oauth token is not valid',
		],
		['no x-api-key', { 'x-api-key': undefined }, 403, '403000', 'Api Key is required'],
		['a wrong x-api-key', { 'x-api-key': 'other' }, 403, '403003', 'Api Key is invalid'],
		['no org', { 'x-gw-ims-org-id': undefined }, 400, '400003', 'Missing header x-gw-ims-org-id'],
		[
			'a wrong org',
			{ 'x-gw-ims-org-id': 'OTHER@AdobeOrg' },
			403,
			'403027',
			'User region is missing',
		],
	])('answers %s with the gateway shape', async (_label, headers, status, code, message) => {
		const result = await call('/connectionSpecs', { headers });
		expect(result.status).toBe(status);
		expect(result.body).toEqual({ error_code: code, message });
	});

	it('checks the token before the API key', async () => {
		const result = await call('/connectionSpecs', {
			headers: { authorization: undefined, 'x-api-key': undefined },
		});
		expect(result.body.error_code).toBe('403010');
	});

	it('answers a missing sandbox with FLOW-2105-400 and a request id', async () => {
		const result = await call('/connectionSpecs', { headers: { 'x-sandbox-name': undefined } });
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			type: FLOW_TYPE('2105-400'),
			title: 'Header is missing',
			status: 400,
			report: {
				'detailed-message': expect.stringContaining('x-sandbox-name'),
				'request-id': expect.stringMatching(UUID),
				timestamp: expect.any(String),
			},
			errorMessage: expect.stringContaining('x-sandbox-name'),
			errorDetails: {},
		});
		expect(result.headers.get('x-request-id')).toBe(result.body.report['request-id']);
	});

	it('answers an unknown sandbox with FLOW-2100-404', async () => {
		const result = await call('/connectionSpecs', { headers: { 'x-sandbox-name': 'nowhere' } });
		expect(result.status).toBe(404);
		expect(result.body.type).toBe(FLOW_TYPE('2100-404'));
		expect(result.body.report['detailed-message']).toContain("'nowhere'");
	});

	it('knows the configured extra sandboxes', async () => {
		const result = await call('/connectionSpecs', { headers: { 'x-sandbox-name': 'dev' } });
		expect(result.status).toBe(200);
	});

	it('rejects every token after expireTokens() until a new one is issued', async () => {
		emulator.expireTokens();
		expect((await call('/connectionSpecs')).body.error_code).toBe('401013');
		token = await getToken(emulator);
		expect((await call('/connectionSpecs')).status).toBe(200);
	});

	it('answers unknown routes with 404', async () => {
		expect((await call('/nothing-here')).status).toBe(404);
		expect((await fetch(`${emulator.url}/somewhere/else`)).status).toBe(404);
		expect((await fetch(`${emulator.url}/ims/other`)).status).toBe(404);
	});

	it('answers a wrong method on a known route with 405', async () => {
		const result = await call('/connectionSpecs', { method: 'DELETE' });
		expect(result.status).toBe(405);
	});
});

describe('GET /connectionSpecs', () => {
	const names = (body: { items: Array<{ name: string }> }) =>
		body.items.map((item) => item.name).sort();

	it('lists every spec without a filter', async () => {
		const result = await call('/connectionSpecs');
		expect(result.status).toBe(200);
		expect(names(result.body)).toEqual([
			'amazon-redshift',
			'amazon-s3',
			'amazon-s3-export',
			'google-big-query',
			'postgre-sql',
			'snowflake',
		]);
	});

	it.each([
		['a quoted value', 'name=="amazon-redshift"'],
		['an unquoted value', 'name==amazon-redshift'],
		['the providerId', 'providerId==0ed90a81-07f4-4586-8190-b40eccef1c5a'],
	])('filters on %s', async (_label, property) => {
		const result = await call(`/connectionSpecs?property=${encodeURIComponent(property)}`);
		expect(names(result.body)).toEqual(['amazon-redshift']);
		expect(result.body.items[0].id).toBe(REDSHIFT_SPEC_ID);
	});

	it('accepts the filter unencoded as well', async () => {
		const result = await call('/connectionSpecs?property=name=="amazon-redshift"');
		expect(names(result.body)).toEqual(['amazon-redshift']);
	});

	it('treats a comma list as any-of', async () => {
		const property = encodeURIComponent(`id==${REDSHIFT_SPEC_ID},${S3_SPEC_ID}`);
		const result = await call(`/connectionSpecs?property=${property}`);
		expect(names(result.body)).toEqual(['amazon-redshift', 'amazon-s3']);
	});

	it('ANDs repeated property parameters', async () => {
		const result = await call(
			`/connectionSpecs?property=${encodeURIComponent('attributes.category==cloudStorage')}` +
				`&property=${encodeURIComponent('attributes.isSource==true')}`,
		);
		expect(names(result.body)).toEqual(['amazon-s3']);
	});

	it('filters on attributes.*', async () => {
		const database = await call('/connectionSpecs?property=attributes.category%3D%3Ddatabase');
		expect(names(database.body)).toEqual([
			'amazon-redshift',
			'google-big-query',
			'postgre-sql',
			'snowflake',
		]);
		const sources = await call('/connectionSpecs?property=attributes.isSource%3D%3Dtrue');
		expect(names(sources.body)).toEqual([
			'amazon-redshift',
			'amazon-s3',
			'google-big-query',
			'postgre-sql',
			'snowflake',
		]);
	});

	it('supports != (none of)', async () => {
		const result = await call(
			`/connectionSpecs?property=${encodeURIComponent('attributes.category!=database')}`,
		);
		expect(names(result.body)).toEqual(['amazon-s3', 'amazon-s3-export']);
	});

	it('returns no items when nothing matches', async () => {
		const result = await call('/connectionSpecs?property=name%3D%3D%22nope%22');
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ items: [] });
	});

	it('rejects an unknown filter field with FLOW-1449-400', async () => {
		const result = await call('/connectionSpecs?property=color%3D%3Dred');
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1449-400'));
	});

	it('rejects an unsupported operator with FLOW-1450-400', async () => {
		const result = await call(`/connectionSpecs?property=${encodeURIComponent('name~redshift')}`);
		expect(result.body.type).toBe(FLOW_TYPE('1450-400'));
	});

	it('rejects an empty value with FLOW-1453-400', async () => {
		const result = await call(`/connectionSpecs?property=${encodeURIComponent('name==')}`);
		expect(result.body.type).toBe(FLOW_TYPE('1453-400'));
	});

	it('fetches one spec by id', async () => {
		const result = await call(`/connectionSpecs/${REDSHIFT_SPEC_ID}`);
		expect(result.status).toBe(200);
		expect(result.body.items).toHaveLength(1);
		expect(result.body.items[0]).toMatchObject({
			id: REDSHIFT_SPEC_ID,
			name: 'amazon-redshift',
			authSpec: [{ name: 'Basic Authentication', type: 'Basic_Authentication' }],
			sourceSpec: expect.any(Object),
			exploreSpec: expect.any(Object),
		});
	});

	it('answers an unknown spec id with FLOW-1101-404', async () => {
		const result = await call('/connectionSpecs/00000000-0000-0000-0000-000000000000');
		expect(result.status).toBe(404);
		expect(result.body.type).toBe(FLOW_TYPE('1101-404'));
		expect(result.body.title).toBe('Resource not found');
	});
});

describe('POST /connections', () => {
	it('creates a connection: 201, Location and a quoted etag', async () => {
		const result = await call('/connections', { method: 'POST', body: redshiftConnectionBody() });
		expect(result.status).toBe(201);
		expect(result.body).toEqual({
			id: expect.stringMatching(UUID),
			etag: expect.stringMatching(ETAG),
		});
		expect(result.headers.get('location')).toBe(
			`/data/foundation/flowservice/connections/${result.body.id}`,
		);
		const stored = emulator.connections.get(result.body.id);
		expect(stored).toMatchObject({
			id: result.body.id,
			name: 'Redshift',
			description: 'created by the emulator tests',
			state: 'enabled',
			etag: result.body.etag,
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			sandboxName: 'prod',
			imsOrgId: emulator.credentials.imsOrgId,
			createdBy: expect.any(String),
			createdClient: emulator.credentials.clientId,
		});
		expect(stored?.auth.params.password).toBe('hunter2');
		expect(stored?.createdAt).toBeGreaterThan(Date.now() - 60_000);
		expect(stored?.updatedAt).toBe(stored?.createdAt);
	});

	it('accepts the optional port and schema as strings', async () => {
		const body = redshiftConnectionBody('RS', { port: '5439', schema: 'public' });
		const result = await call('/connections', { method: 'POST', body });
		expect(result.status).toBe(201);
	});

	it('allows duplicate names, as Adobe does', async () => {
		await createRedshift('same');
		await createRedshift('same');
		expect(emulator.connections.size).toBe(2);
	});

	it('requires a name (FLOW-1100-400)', async () => {
		const body: Record<string, unknown> = redshiftConnectionBody();
		delete body.name;
		const result = await call('/connections', { method: 'POST', body });
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1100-400'));
		expect(result.body.errorDetails.fields).toEqual(['name']);
		expect(emulator.connections.size).toBe(0);
	});

	it('answers an unknown connection spec id with FLOW-1413-400', async () => {
		const body = { ...redshiftConnectionBody(), connectionSpec: { id: 'bogus', version: '1.0' } };
		const result = await call('/connections', { method: 'POST', body });
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1413-400'));
	});

	it('answers a wrong spec version with FLOW-1413-400', async () => {
		const body = {
			...redshiftConnectionBody(),
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '2.0' },
		};
		const result = await call('/connections', { method: 'POST', body });
		expect(result.body.type).toBe(FLOW_TYPE('1413-400'));
	});

	it('answers an auth spec name the spec lacks with FLOW-1415-400', async () => {
		const body = redshiftConnectionBody();
		body.auth.specName = 'Connection String Based Authentication';
		const result = await call('/connections', { method: 'POST', body });
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1415-400'));
		expect(result.body.report['detailed-message']).toBe(
			`The auth spec 'Connection String Based Authentication' could not be found for the connection spec ID ${REDSHIFT_SPEC_ID}.`,
		);
	});

	it('validates auth.params against the auth spec and lists the bad fields', async () => {
		const body = redshiftConnectionBody('RS', { port: 5439 });
		delete (body.auth.params as Record<string, unknown>).password;
		const result = await call('/connections', { method: 'POST', body });
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1100-400'));
		expect(result.body.errorDetails.fields.sort()).toEqual([
			'auth.params.password',
			'auth.params.port',
		]);
		expect(result.body.report['detailed-message']).toContain('auth.params.password is required');
		expect(result.body.report['detailed-message']).toContain(
			'auth.params.port expected string, got integer',
		);
	});

	it('checks each real spec its own way: Snowflake key pair, PostgreSQL, BigQuery', async () => {
		const post = (specId: string, specName: string, params: Record<string, unknown>) =>
			call('/connections', {
				method: 'POST',
				body: {
					name: 'c',
					auth: { specName, params },
					connectionSpec: { id: specId, version: '1.0' },
				},
			});
		const keyPair = {
			account: 'xy12345.east-us-2.azure',
			username: 'loader',
			database: 'SALES',
			warehouse: 'COMPUTE_WH',
			privateKey: 'a2V5',
		};
		expect((await post(SNOWFLAKE_SPEC_ID, 'KeyPair Authentication', keyPair)).status).toBe(201);
		const missing = await post(SNOWFLAKE_SPEC_ID, 'KeyPair Authentication', {
			...keyPair,
			privateKey: undefined,
			warehouse: 7,
		});
		expect(missing.body.errorDetails.fields.sort()).toEqual([
			'auth.params.privateKey',
			'auth.params.warehouse',
		]);
		// Unknown fields pass, as Adobe adds optional ones.
		const pg = await post(POSTGRESQL_SPEC_ID, 'Connection String Based Authentication', {
			connectionString: 'Server=db;Database=d;Port=5432;UID=u;Password=p',
			colour: 'blue',
		});
		expect(pg.status).toBe(201);
		const old = await post(POSTGRESQL_SPEC_ID, 'Basic Authentication for PostgreSQL', {
			connectionString: 'Server=db',
		});
		expect(old.body.type).toBe(FLOW_TYPE('1415-400'));
		const bq = await post(BIGQUERY_SPEC_ID, 'Basic Authentication', {
			project: 'p',
			clientId: 'c',
		});
		expect(bq.body.errorDetails.fields.sort()).toEqual([
			'auth.params.clientSecret',
			'auth.params.refreshToken',
		]);
	});

	it('requires auth', async () => {
		const body: Record<string, unknown> = redshiftConnectionBody();
		delete body.auth;
		const result = await call('/connections', { method: 'POST', body });
		expect(result.status).toBe(400);
		expect(result.body.errorDetails.fields).toEqual(['auth']);
	});

	it('wants Content-Type application/json (415, problem shape)', async () => {
		const result = await call('/connections', {
			method: 'POST',
			body: JSON.stringify(redshiftConnectionBody()),
			headers: { 'content-type': 'text/plain' },
		});
		expect(result.status).toBe(415);
		expect(result.body).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
	});

	it('answers an empty body with FLOW-1405-400 and broken JSON with FLOW-1100-400', async () => {
		const empty = await call('/connections', { method: 'POST', body: '' });
		expect(empty.body.type).toBe(FLOW_TYPE('1405-400'));
		const broken = await call('/connections', { method: 'POST', body: '{"name": "x' });
		expect(broken.body.type).toBe(FLOW_TYPE('1100-400'));
	});
});

describe('GET /connections', () => {
	const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

	it('lists the connections of the sandbox', async () => {
		const prod = await createRedshift('prod one');
		await createRedshift('dev one', 'dev');
		const result = await call('/connections');
		expect(result.status).toBe(200);
		expect(ids(result.body)).toEqual([prod]);
		expect(result.body._links).toBeUndefined();
	});

	it('filters with property (name, connectionSpec.id, state)', async () => {
		const first = await createRedshift('alpha');
		await createRedshift('beta');
		const byName = await call(`/connections?property=${encodeURIComponent('name=="alpha"')}`);
		expect(ids(byName.body)).toEqual([first]);
		const bySpec = await call(
			`/connections?property=${encodeURIComponent(`connectionSpec.id==${REDSHIFT_SPEC_ID}`)}` +
				`&property=${encodeURIComponent('state==enabled')}`,
		);
		expect(bySpec.body.items).toHaveLength(2);
		const none = await call(
			`/connections?property=${encodeURIComponent(`connectionSpec.id==${S3_EXPORT_SPEC_ID}`)}`,
		);
		expect(none.body.items).toEqual([]);
	});

	it('rejects filters on other fields with FLOW-1449-400', async () => {
		const result = await call(`/connections?property=${encodeURIComponent('providerId==x')}`);
		expect(result.body.type).toBe(FLOW_TYPE('1449-400'));
	});

	it('pages with limit and _links.next.href, relative to the base path', async () => {
		const created: string[] = [];
		for (let i = 0; i < 7; i++) created.push(await createRedshift(`conn ${i}`));
		const seen: string[] = [];
		const pageSizes: number[] = [];
		let path: string | undefined = '/connections?limit=3';
		while (path) {
			const result = await call(path);
			expect(result.status).toBe(200);
			seen.push(...ids(result.body));
			pageSizes.push(result.body.items.length);
			const href: string | undefined = result.body._links?.next?.href;
			if (href) {
				expect(href).toMatch(/^\/connections\?continuationToken=[^&]+&limit=3$/);
			}
			path = href;
		}
		expect(pageSizes).toEqual([3, 3, 1]);
		expect(seen).toEqual(created);
	});

	it('keeps property and orderby in the next link', async () => {
		for (let i = 0; i < 5; i++) await createRedshift(i % 2 === 0 ? 'even' : 'odd');
		const property = encodeURIComponent('name=="even"');
		const first = await call(`/connections?limit=2&property=${property}&orderby=-createdAt`);
		const href: string = first.body._links.next.href;
		const params = new URL(href, 'http://x').searchParams;
		expect(params.getAll('property')).toEqual(['name=="even"']);
		expect(params.get('orderby')).toBe('-createdAt');
		const second = await call(href);
		expect(second.body.items).toHaveLength(1);
		expect(second.body._links).toBeUndefined();
		expect(
			[...first.body.items, ...second.body.items].every(
				(item: { name: string }) => item.name === 'even',
			),
		).toBe(true);
	});

	it('rejects a continuationToken sent with another query', async () => {
		for (let i = 0; i < 3; i++) await createRedshift(`c${i}`);
		const first = await call('/connections?limit=1&orderby=name');
		const pageToken = new URL(first.body._links.next.href, 'http://x').searchParams.get(
			'continuationToken',
		);
		const result = await call(`/connections?limit=1&continuationToken=${pageToken}`);
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1100-400'));
		const garbage = await call('/connections?continuationToken=%%%');
		expect(garbage.status).toBe(400);
	});

	it('counts with count=true', async () => {
		await createRedshift('a');
		await createRedshift('b');
		const result = await call('/connections?count=true');
		expect(result.body).toEqual({ count: 2 });
		const filtered = await call(
			`/connections?count=true&property=${encodeURIComponent('name==a')}`,
		);
		expect(filtered.body).toEqual({ count: 1 });
	});

	it('refuses count with limit (FLOW-1401-400)', async () => {
		const result = await call('/connections?count=true&limit=5');
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1401-400'));
	});

	it('rejects a bad limit', async () => {
		expect((await call('/connections?limit=0')).status).toBe(400);
		expect((await call('/connections?limit=abc')).status).toBe(400);
	});

	it('orders by name, -name, createdAt and -createdAt', async () => {
		for (const name of ['charlie', 'alpha', 'bravo']) await createRedshift(name);
		const namesOf = async (orderby: string) =>
			(await call(`/connections?orderby=${encodeURIComponent(orderby)}`)).body.items.map(
				(item: { name: string }) => item.name,
			);
		expect(await namesOf('name')).toEqual(['alpha', 'bravo', 'charlie']);
		expect(await namesOf('+name')).toEqual(['alpha', 'bravo', 'charlie']);
		expect(await namesOf('-name')).toEqual(['charlie', 'bravo', 'alpha']);
		expect(await namesOf('createdAt')).toEqual(['charlie', 'alpha', 'bravo']);
		expect(await namesOf('-createdAt')).toEqual(['bravo', 'alpha', 'charlie']);
	});

	it('rejects other orderby fields with FLOW-1433-400', async () => {
		const result = await call('/connections?orderby=colour');
		expect(result.body.type).toBe(FLOW_TYPE('1433-400'));
	});
});

describe('GET /connections/{id}', () => {
	it('returns the connection with secrets masked', async () => {
		const id = await createRedshift('masked');
		const result = await call(`/connections/${id}`);
		expect(result.status).toBe(200);
		expect(result.body.items).toHaveLength(1);
		const item = result.body.items[0];
		expect(item).toMatchObject({
			id,
			name: 'masked',
			state: 'enabled',
			etag: expect.stringMatching(ETAG),
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			sandboxName: 'prod',
			imsOrgId: emulator.credentials.imsOrgId,
			createdAt: expect.any(Number),
			updatedAt: expect.any(Number),
		});
		expect(item.auth).toEqual({
			specName: 'Basic Authentication',
			params: {
				server: 'examplecluster.abc123.us-west-2.redshift.amazonaws.com',
				database: 'dev',
				username: 'awsuser',
				password: '***',
			},
		});
		expect(result.text).not.toContain('hunter2');
	});

	it('masks every format: password field of the auth spec', async () => {
		const created = await call('/connections', {
			method: 'POST',
			body: {
				name: 's3',
				auth: {
					specName: 'Access Key Authentication',
					params: { s3AccessKey: 'AKIAEXAMPLE', s3SecretKey: 'shh', s3SessionToken: 'tok' },
				},
				connectionSpec: { id: S3_SPEC_ID, version: '1.0' },
			},
		});
		const result = await call(`/connections/${created.body.id}`);
		expect(result.body.items[0].auth.params).toEqual({
			s3AccessKey: 'AKIAEXAMPLE',
			s3SecretKey: '***',
			s3SessionToken: '***',
		});
	});

	it('answers unknown ids, and ids of another sandbox, with FLOW-1101-404', async () => {
		const devId = await createRedshift('in dev', 'dev');
		for (const id of ['does-not-exist', devId]) {
			const result = await call(`/connections/${id}`);
			expect(result.status).toBe(404);
			expect(result.body.type).toBe(FLOW_TYPE('1101-404'));
		}
	});
});

describe('DELETE /connections/{id}', () => {
	it('deletes with 204 and no body', async () => {
		const id = await createRedshift();
		const result = await call(`/connections/${id}`, { method: 'DELETE' });
		expect(result.status).toBe(204);
		expect(result.text).toBe('');
		expect(emulator.connections.has(id)).toBe(false);
		expect((await call(`/connections/${id}`)).status).toBe(404);
	});

	it('answers an unknown id with 404', async () => {
		const result = await call('/connections/nope', { method: 'DELETE' });
		expect(result.status).toBe(404);
		expect(result.body.type).toBe(FLOW_TYPE('1101-404'));
	});

	it('fails with FLOW-1418-400 while dataflows use the connection', async () => {
		const id = await createRedshift();
		emulator.markInUse(id);
		const result = await call(`/connections/${id}`, { method: 'DELETE' });
		expect(result.status).toBe(400);
		expect(result.body.type).toBe(FLOW_TYPE('1418-400'));
		expect(result.body.report['detailed-message']).toContain('in use by dataflows');
		expect(emulator.connections.has(id)).toBe(true);
		emulator.markInUse(id, false);
		expect((await call(`/connections/${id}`, { method: 'DELETE' })).status).toBe(204);
	});
});

describe('GET /connections/{id}/test and /explore', () => {
	it('reports result true by default and what setTestResult says', async () => {
		const id = await createRedshift();
		expect((await call(`/connections/${id}/test`)).body).toEqual({ result: true });
		emulator.setTestResult(id, false);
		expect((await call(`/connections/${id}/test`)).body).toEqual({ result: false });
	});

	it('answers 404 for an unknown connection', async () => {
		expect((await call('/connections/nope/test')).status).toBe(404);
	});

	it('lists tables at objectType=root', async () => {
		const id = await createRedshift();
		const result = await call(`/connections/${id}/explore?objectType=root`);
		expect(result.status).toBe(200);
		expect(result.body).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ type: 'table', name: 'public.customers' }),
			]),
		);
		expect((await call(`/connections/${id}/explore`)).status).toBe(400);
	});
});

describe('PATCH /connections/{id}', () => {
	const patch = [{ op: 'replace', path: '/name', value: 'renamed' }];

	it('needs If-Match (FLOW-1403-400) with the current etag (FLOW-1404-412)', async () => {
		const id = await createRedshift();
		const missing = await call(`/connections/${id}`, { method: 'PATCH', body: patch });
		expect(missing.body.type).toBe(FLOW_TYPE('1403-400'));
		const stale = await call(`/connections/${id}`, {
			method: 'PATCH',
			body: patch,
			headers: { 'if-match': '"00000000-0000-0200-0000-000000000000"' },
		});
		expect(stale.status).toBe(412);
		expect(stale.body.type).toBe(FLOW_TYPE('1404-412'));
	});

	it('applies the patch and changes the etag', async () => {
		const id = await createRedshift();
		const etag = emulator.connections.get(id)?.etag as string;
		const result = await call(`/connections/${id}`, {
			method: 'PATCH',
			body: [...patch, { op: 'replace', path: '/auth/params/password', value: 'new' }],
			headers: { 'if-match': etag },
		});
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ id, etag: expect.stringMatching(ETAG) });
		expect(result.body.etag).not.toBe(etag);
		const stored = emulator.connections.get(id);
		expect(stored?.name).toBe('renamed');
		expect(stored?.auth.params.password).toBe('new');
		expect(stored?.updatedAt).toBeGreaterThan(stored?.createdAt ?? Infinity);
	});

	it('refuses to change the connection spec (FLOW-1414-400)', async () => {
		const id = await createRedshift();
		const result = await call(`/connections/${id}`, {
			method: 'PATCH',
			body: [{ op: 'replace', path: '/connectionSpec/id', value: S3_SPEC_ID }],
			headers: { 'if-match': emulator.connections.get(id)?.etag as string },
		});
		expect(result.body.type).toBe(FLOW_TYPE('1414-400'));
	});
});

describe('fault injection', () => {
	it('answers 429 with Retry-After for the given number of matching requests', async () => {
		emulator.inject({
			kind: 'status',
			status: 429,
			headers: { 'Retry-After': '2' },
			times: 2,
			match: { service: 'flow' },
		});
		const first = await call('/connectionSpecs');
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('2');
		expect(first.body).toEqual({ error_code: '429050', message: 'Too many requests' });
		expect(emulator.faults).toHaveLength(1);
		expect(emulator.faults[0].remaining).toBe(1);
		expect((await call('/connectionSpecs')).status).toBe(429);
		expect((await call('/connectionSpecs')).status).toBe(200);
		expect(emulator.faults).toHaveLength(0);
	});

	it('sends Flow Service retryable errors for 5xx by default, or a given body', async () => {
		emulator.inject({ kind: 'status', status: 503, headers: { 'Retry-After': '1' } });
		const unavailable = await call('/connectionSpecs');
		expect(unavailable.status).toBe(503);
		expect(unavailable.body.type).toBe(FLOW_TYPE('1103-503'));
		expect(unavailable.headers.get('x-request-id')).toBe(unavailable.body.report['request-id']);

		emulator.inject({ kind: 'status', status: 500, body: { custom: true } });
		expect((await call('/connectionSpecs')).body).toEqual({ custom: true });
		emulator.inject({ kind: 'status', status: 502, body: 'plain text' });
		const text = await call('/connectionSpecs');
		expect(text.status).toBe(502);
		expect(text.text).toBe('plain text');
	});

	it('matches on method, path and service', async () => {
		emulator.inject({
			kind: 'status',
			status: 500,
			match: { method: 'POST', path: '/connections' },
		});
		expect((await call('/connections')).status).toBe(200);
		expect((await call('/connectionSpecs')).status).toBe(200);
		const post = await call('/connections', { method: 'POST', body: redshiftConnectionBody() });
		expect(post.status).toBe(500);
		expect(emulator.connections.size).toBe(0);

		emulator.inject({ kind: 'status', status: 503, match: { path: /\/connectionSpecs\// } });
		expect((await call('/connectionSpecs')).status).toBe(200);
		expect((await call(`/connectionSpecs/${REDSHIFT_SPEC_ID}`)).status).toBe(503);

		emulator.inject({ kind: 'status', status: 503, match: { service: 'ims' } });
		expect((await call('/connectionSpecs')).status).toBe(200);
		expect((await requestToken(emulator)).status).toBe(503);
	});

	it('drops the connection without an answer', async () => {
		emulator.inject({ kind: 'drop' });
		await expect(call('/connectionSpecs')).rejects.toThrow();
		const last = emulator.requests[emulator.requests.length - 1];
		expect(last).toMatchObject({ path: '/data/foundation/flowservice/connectionSpecs', status: 0 });
		expect((await call('/connectionSpecs')).status).toBe(200);
	});

	it('sends truncated JSON with 200', async () => {
		emulator.inject({ kind: 'malformed' });
		const response = await fetch(`${emulator.baseUrl}/connectionSpecs`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		await expect(response.json()).rejects.toThrow();
	});

	it('sends an HTML error page from a proxy', async () => {
		emulator.inject({ kind: 'html', status: 502 });
		const result = await call('/connectionSpecs');
		expect(result.status).toBe(502);
		expect(result.headers.get('content-type')).toContain('text/html');
		expect(result.text).toContain('<title>502 Bad Gateway</title>');
	});

	it('sends 200 with an empty body', async () => {
		emulator.inject({ kind: 'empty' });
		const result = await call('/connectionSpecs');
		expect(result.status).toBe(200);
		expect(result.text).toBe('');
	});

	it('hangs until the client gives up', async () => {
		emulator.inject({ kind: 'hang' });
		await expect(call('/connectionSpecs', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
		const last = emulator.requests[emulator.requests.length - 1];
		expect(last.status).toBe(0);
		expect((await call('/connectionSpecs')).status).toBe(200);
	});

	it('closes promptly with a hanging request open', async () => {
		const other = await startEmulator();
		other.inject({ kind: 'hang' });
		const pending = fetch(`${other.baseUrl}/connectionSpecs`).catch((error: unknown) => error);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await other.close();
		expect(Date.now() - started).toBeLessThan(1000);
		// fetch's TypeError comes from another realm than jest's, so check the text, not instanceof.
		expect(String(await pending)).toMatch(/fetch failed/);
	});

	it('expires the current tokens after N more Flow Service calls', async () => {
		emulator.inject({ kind: 'expireToken', afterCalls: 2 });
		expect((await call('/connectionSpecs')).status).toBe(200);
		expect((await call('/connections')).status).toBe(200);
		const third = await call('/connectionSpecs');
		expect(third.status).toBe(401);
		expect(third.body.error_code).toBe('401013');
		token = await getToken(emulator);
		expect((await call('/connectionSpecs')).status).toBe(200);
	});

	it('adds latency to every response', async () => {
		emulator.setLatency(150);
		const started = Date.now();
		expect((await call('/connectionSpecs')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		emulator.setLatency(0);
	});

	it('forgets queued faults on clearFaults()', async () => {
		emulator.inject({ kind: 'status', status: 500, times: 5 });
		emulator.inject({ kind: 'expireToken', afterCalls: 0 });
		emulator.clearFaults();
		expect(emulator.faults).toHaveLength(0);
		expect((await call('/connectionSpecs')).status).toBe(200);
		expect((await call('/connectionSpecs')).status).toBe(200);
	});
});

describe('request log', () => {
	it('records every IMS and Flow Service request in arrival order', async () => {
		const property = 'name=="amazon-redshift"';
		await call(
			`/connectionSpecs?property=${encodeURIComponent(property)}&property=version%3D%3D1.0`,
		);
		await call('/connections', { method: 'POST', body: redshiftConnectionBody('logged') });
		await call('/connections', { headers: { 'x-api-key': undefined } });

		const [ims, specs, create, rejected] = emulator.requests;
		expect(emulator.requests).toHaveLength(4);
		expect(ims).toMatchObject({
			service: 'ims',
			method: 'POST',
			path: '/ims/token/v3',
			status: 200,
			json: undefined,
		});
		expect(new URLSearchParams(ims.body).get('grant_type')).toBe('client_credentials');
		expect(specs).toMatchObject({
			service: 'flow',
			method: 'GET',
			path: '/data/foundation/flowservice/connectionSpecs',
			query: { property: [property, 'version==1.0'] },
			status: 200,
		});
		expect(specs.headers.authorization).toBe(`Bearer ${token}`);
		expect(specs.headers['x-sandbox-name']).toBe('prod');
		expect(create).toMatchObject({ method: 'POST', status: 201 });
		expect(create.json).toEqual(redshiftConnectionBody('logged'));
		expect(JSON.parse(create.body)).toEqual(create.json);
		expect(rejected.status).toBe(403);
		expect(ims.at).toBeLessThanOrEqual(specs.at);
		expect(specs.at).toBeLessThanOrEqual(create.at);
	});

	it('records faulted requests with the status sent', async () => {
		emulator.inject({ kind: 'status', status: 503 });
		await call('/connectionSpecs');
		expect(emulator.requests.map((request) => request.status)).toEqual([200, 503]);
	});

	it('is cleared by reset()', async () => {
		await createRedshift();
		emulator.inject({ kind: 'status', status: 500 });
		emulator.reset();
		expect(emulator.requests).toEqual([]);
		expect(emulator.tokensIssued).toEqual([]);
		expect(emulator.connections.size).toBe(0);
		expect(emulator.faults).toHaveLength(0);
		expect((await call('/connectionSpecs')).body.error_code).toBe('401013');
	});
});
