import nock from 'nock';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	AdobeFlowServiceApi,
	DEFAULT_SCOPES,
} from '../../credentials/AdobeFlowServiceApi.credentials';
import { AmazonRedshiftSourceApi } from '../../credentials/AmazonRedshiftSourceApi.credentials';
import { testRedshiftSourceCredential } from '../../nodes/AdobeFlowService/helpers/redshiftCredentialTest';
import { CLIENT_ID, IMS, ORG_ID, SECRETS, findLeaks } from '../harness/fixtures';
import { nodeTypes } from '../harness/nodeTypes';

const adobe = new AdobeFlowServiceApi();
const property = (name: string) => adobe.properties.find((p) => p.name === name);

/** The credential's generic `authenticate` before it became a function: the headers to match. */
const GENERIC_HEADERS_BEFORE: Record<string, string> = {
	Authorization:
		'=Bearer {{$credentials.authentication === "accessToken" ? $credentials.accessToken : $credentials.sessionToken}}',
	'x-api-key': '={{$credentials.clientId}}',
	'x-gw-ims-org-id': '={{$credentials.imsOrgId}}',
	'x-sandbox-name': '={{$credentials.sandboxName}}',
};

/** What n8n's CredentialsHelper did with that generic form: each value resolved, falsy to ''. */
function resolveGenericHeaders(
	requestOptions: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestOptions {
	const node: INode = {
		id: '1',
		name: 'Adobe',
		type: 'n8n-nodes-adobe-flow-service.adobeFlowService',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const headers = (requestOptions.headers ??= {});
	for (const [key, value] of Object.entries(GENERIC_HEADERS_BEFORE)) {
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		headers[key] = resolved ? String(resolved) : '';
	}
	return requestOptions;
}

const signingBase: ICredentialDataDecryptedObject = {
	authentication: 'serverToServer',
	clientId: CLIENT_ID,
	clientSecret: SECRETS.clientSecret,
	scopes: DEFAULT_SCOPES,
	accessToken: '',
	imsOrgId: ORG_ID,
	sandboxName: 'prod',
	platformUrl: 'https://platform.adobe.io',
	imsUrl: IMS,
	sessionToken: SECRETS.accessToken,
};

function without(
	credentials: ICredentialDataDecryptedObject,
	key: string,
): ICredentialDataDecryptedObject {
	const { [key]: _left, ...rest } = credentials;
	return rest;
}

const signingCases: Array<{ label: string; credentials: ICredentialDataDecryptedObject }> = [
	{ label: 'server-to-server, session token stored', credentials: { ...signingBase } },
	{
		label: 'pasted access token (a stale session token is ignored)',
		credentials: {
			...signingBase,
			authentication: 'accessToken',
			accessToken: SECRETS.pastedToken,
		},
	},
	{ label: 'server-to-server, no token yet', credentials: { ...signingBase, sessionToken: '' } },
	{
		label: 'access token mode, token field missing',
		credentials: { ...without(signingBase, 'accessToken'), authentication: 'accessToken' },
	},
	{
		label: 'empty fields (a credential test before it is filled in)',
		credentials: { authentication: 'serverToServer', clientId: '', imsOrgId: '', sandboxName: '' },
	},
	{
		label: 'another sandbox, mode left unset',
		credentials: { ...without(signingBase, 'authentication'), sandboxName: 'dev-1' },
	},
];

/** A stand-in for n8n's helper: real HTTP through axios, as n8n-core does it. */
const helper: IHttpRequestHelper = {
	helpers: {
		httpRequest: async (options: IHttpRequestOptions) => {
			const { default: axios } = await import('axios');
			const response = await axios({
				method: options.method,
				url: options.url,
				headers: options.headers as Record<string, string>,
				data: options.body,
				timeout: options.timeout,
			});
			return response.data;
		},
	} as IHttpRequestHelper['helpers'],
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Adobe Flow Service API credential: the public contract', () => {
	it('has the names, defaults and field kinds workflows depend on', () => {
		expect(adobe.name).toBe('adobeFlowServiceApi');
		expect(adobe.displayName).toBe('Adobe Flow Service API');
		expect(property('authentication')).toMatchObject({ default: 'serverToServer' });
		expect(property('authentication')?.options).toEqual([
			expect.objectContaining({ name: 'OAuth Server-to-Server', value: 'serverToServer' }),
			expect.objectContaining({ name: 'Access Token', value: 'accessToken' }),
		]);
		expect(property('clientSecret')).toMatchObject({
			typeOptions: { password: true },
			displayOptions: { show: { authentication: ['serverToServer'] } },
		});
		expect(property('accessToken')).toMatchObject({
			typeOptions: { password: true },
			displayOptions: { show: { authentication: ['accessToken'] } },
		});
		expect(property('scopes')).toMatchObject({ default: DEFAULT_SCOPES });
		expect(DEFAULT_SCOPES).toBe(
			'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext',
		);
		expect(property('sandboxName')?.default).toBe('prod');
		expect(property('platformUrl')?.default).toBe('https://platform.adobe.io');
		expect(property('imsUrl')?.default).toBe('https://ims-na1.adobelogin.com');
		expect(property('sessionToken')).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true },
		});
		for (const name of ['clientId', 'imsOrgId']) expect(property(name)).toBeDefined();
	});

	it('puts the four IMS headers on, taking the token by mode', async () => {
		const signed = await adobe.authenticate(
			{ ...signingCases[0].credentials },
			{ url: 'https://platform.adobe.io/x', headers: { Accept: 'application/json' } },
		);
		expect(signed.headers).toEqual({
			Accept: 'application/json',
			Authorization: `Bearer ${SECRETS.accessToken}`,
			'x-api-key': CLIENT_ID,
			'x-gw-ims-org-id': ORG_ID,
			'x-sandbox-name': 'prod',
		});
	});

	it.each(signingCases)(
		'signs exactly as the generic authenticate it replaced did ($label)',
		async ({ credentials }) => {
			const request = () =>
				({
					method: 'POST',
					url: 'https://platform.adobe.io/data/foundation/flowservice/connections',
					headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
					body: { name: 'n' },
				}) as IHttpRequestOptions;
			const before = resolveGenericHeaders(request(), credentials);
			const now = await adobe.authenticate({ ...credentials }, request());
			expect(now).toEqual(before);
			// Same keys in the same order, too: a proxy or a log sees the same request.
			expect(Object.keys(now.headers ?? {})).toEqual(Object.keys(before.headers ?? {}));
		},
	);

	it('tests itself with a cheap, real Flow Service read', () => {
		expect(adobe.test.request).toMatchObject({
			baseURL: expect.stringContaining('/data/foundation/flowservice'),
			url: '/connectionSpecs',
			qs: { property: 'name=="amazon-redshift"' },
		});
	});
});

describe('preAuthentication (the IMS token exchange)', () => {
	const credentials = {
		authentication: 'serverToServer',
		clientId: CLIENT_ID,
		clientSecret: SECRETS.clientSecret,
		scopes: DEFAULT_SCOPES,
		imsOrgId: ORG_ID,
		sandboxName: 'prod',
		platformUrl: 'https://platform.adobe.io',
		imsUrl: IMS,
		sessionToken: '',
	};

	it('posts the secret in a form body, never in the query string', async () => {
		let rawBody = '';
		let rawPath = '';
		const scope = nock(IMS)
			.post('/ims/token/v3', (body) => {
				rawBody = typeof body === 'string' ? body : new URLSearchParams(body).toString();
				return true;
			})
			.matchHeader('content-type', 'application/x-www-form-urlencoded')
			.reply(function (uri) {
				rawPath = uri;
				return [
					200,
					{ access_token: SECRETS.accessToken, token_type: 'bearer', expires_in: 86399 },
				];
			});
		const result = await adobe.preAuthentication.call(helper, credentials);
		expect(result).toEqual({ sessionToken: SECRETS.accessToken });
		expect(scope.isDone()).toBe(true);
		expect(rawPath).toBe('/ims/token/v3');
		const form = new URLSearchParams(rawBody);
		expect(Object.fromEntries(form)).toEqual({
			client_id: CLIENT_ID,
			client_secret: SECRETS.clientSecret,
			grant_type: 'client_credentials',
			scope: DEFAULT_SCOPES,
		});
	});

	it('explains invalid_client without echoing the secret', async () => {
		nock(IMS)
			.post('/ims/token/v3')
			.reply(401, {
				error: 'invalid_client',
				error_description: 'invalid client_secret parameter',
			});
		const failure = adobe.preAuthentication.call(helper, credentials);
		await expect(failure).rejects.toThrow(
			/Adobe IMS rejected the client ID or client secret \(invalid_client\)/,
		);
		const error = await failure.catch((e: Error) => e);
		expect(
			findLeaks(JSON.stringify(error) + String(error) + String((error as Error).stack)),
		).toEqual([]);
		expect((error as Error & { cause?: unknown }).cause).toBeUndefined();
	});

	it('refuses plain http on a non-loopback IMS URL before any request', async () => {
		await expect(
			adobe.preAuthentication.call(helper, { ...credentials, imsUrl: 'http://ims.example.com' }),
		).rejects.toThrow(/IMS URL uses plain http:\/\//);
		await expect(
			adobe.preAuthentication.call(helper, {
				...credentials,
				platformUrl: 'http://platform.adobe.io',
			}),
		).rejects.toThrow(/Platform URL uses plain http:\/\//);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('needs no exchange for a pasted token', async () => {
		await expect(
			adobe.preAuthentication.call(helper, { ...credentials, authentication: 'accessToken' }),
		).resolves.toEqual({});
	});
});

describe('Amazon Redshift source credential', () => {
	const redshift = new AmazonRedshiftSourceApi();

	it('has the contract fields, with the password masked', () => {
		expect(redshift.name).toBe('amazonRedshiftSourceApi');
		const names = redshift.properties.filter((p) => p.type !== 'notice').map((p) => p.name);
		expect(names).toEqual(['server', 'port', 'database', 'schema', 'username', 'password']);
		expect(redshift.properties.find((p) => p.name === 'password')?.typeOptions).toEqual({
			password: true,
		});
	});

	it('its Test checks the form honestly and says it cannot reach Redshift', () => {
		const ok = testRedshiftSourceCredential({
			id: '1',
			name: 'r',
			type: 'amazonRedshiftSourceApi',
			data: {
				server: 'c.example.com',
				database: 'dev',
				username: 'u',
				password: 'p',
				port: '5439',
			},
		});
		expect(ok.status).toBe('OK');
		expect(ok.message).toMatch(/cannot reach Redshift itself/);
		const bad = testRedshiftSourceCredential({
			id: '1',
			name: 'r',
			type: 'amazonRedshiftSourceApi',
			data: {
				server: 'https://c.example.com',
				database: '',
				username: 'u',
				password: SECRETS.redshiftPassword,
				port: 'x',
			},
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/Database is empty/);
		expect(bad.message).toMatch(/Server must be a host name without a scheme/);
		expect(bad.message).toMatch(/Port must be a whole number/);
		expect(findLeaks(bad.message)).toEqual([]);
	});
});
