import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { describeBaseUrlProblem, normalizeBaseUrl } from '../nodes/AdobeFlowService/helpers/urls';

export const DEFAULT_SCOPES =
	'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext';

/**
 * Adobe Experience Platform credential.
 *
 * Server-to-server mode asks Adobe IMS for a token in `preAuthentication` and keeps it in the
 * hidden, expirable `sessionToken` field: n8n stores it (encrypted) and calls
 * `preAuthentication` again after a 401, so one token serves every execution and every worker
 * until it expires. Access-token mode uses a pasted token as it is.
 */
export class AdobeFlowServiceApi implements ICredentialType {
	name = 'adobeFlowServiceApi';

	displayName = 'Adobe Flow Service API';

	icon: Icon = {
		light: 'file:../nodes/AdobeFlowService/adobeFlowService.svg',
		dark: 'file:../nodes/AdobeFlowService/adobeFlowService.dark.svg',
	};

	documentationUrl =
		'https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'OAuth Server-to-Server',
					value: 'serverToServer',
					description: 'n8n gets and renews the access token from Adobe IMS itself',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Paste a token you obtained elsewhere; it expires after 24 hours',
				},
			],
			default: 'serverToServer',
		},
		{
			displayName: 'Client ID (API Key)',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The client ID of the OAuth Server-to-Server credential in Adobe Developer Console. It is also sent as x-api-key.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['serverToServer'] } },
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: DEFAULT_SCOPES,
			description:
				'Comma-separated scopes, as listed on the credential page in Adobe Developer Console',
			displayOptions: { show: { authentication: ['serverToServer'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessToken'] } },
		},
		{
			displayName: 'IMS Organization ID',
			name: 'imsOrgId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0A1B2C3D4E5F60718293A4B5@AdobeOrg',
			description: 'Sent as x-gw-ims-org-id. It ends in @AdobeOrg.',
		},
		{
			displayName: 'Sandbox Name',
			name: 'sandboxName',
			type: 'string',
			default: 'prod',
			required: true,
			description: 'Sent as x-sandbox-name. Sandbox names are lower case, e.g. prod or dev-1.',
		},
		{
			displayName: 'Platform URL',
			name: 'platformUrl',
			type: 'string',
			default: 'https://platform.adobe.io',
			description:
				'The Experience Platform gateway. Change it only for staging (https://platform-stage.adobe.io), a proxy, or a local emulator on 127.0.0.1.',
		},
		{
			displayName: 'IMS URL',
			name: 'imsUrl',
			type: 'string',
			default: 'https://ims-na1.adobelogin.com',
			description: 'Adobe Identity Management Service, which issues the access tokens',
			displayOptions: { show: { authentication: ['serverToServer'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const platformProblem = describeBaseUrlProblem('Platform URL', credentials.platformUrl);
		if (platformProblem) throw new Error(platformProblem);
		// A pasted token needs no exchange; returning no sessionToken tells n8n to store nothing.
		if (credentials.authentication === 'accessToken') return {};

		const imsProblem = describeBaseUrlProblem('IMS URL', credentials.imsUrl);
		if (imsProblem) throw new Error(imsProblem);
		const accessToken = await requestImsToken(this, credentials);
		return { sessionToken: accessToken };
	}

	/**
	 * Signs every request with the four headers Experience Platform wants. Written as code, not
	 * as the generic `{{$credentials...}}` form: n8n 2.x evaluates each such expression in an
	 * isolated VM, about 3 ms per header per request, which made signing the largest part of a
	 * create's CPU. The result is the same: falsy values become '', as n8n resolves them.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token =
			credentials.authentication === 'accessToken'
				? credentials.accessToken
				: credentials.sessionToken;
		// Into the request's own headers object, as n8n does for the generic form.
		const headers = (requestOptions.headers ??= {});
		headers.Authorization = `Bearer ${headerText(token)}`;
		headers['x-api-key'] = headerText(credentials.clientId);
		headers['x-gw-ims-org-id'] = headerText(credentials.imsOrgId);
		headers['x-sandbox-name'] = headerText(credentials.sandboxName);
		return requestOptions;
	}

	// A cheap, read-only call that needs every header to be right.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.platformUrl.replace(/\\/+$/, "")}}/data/foundation/flowservice',
			url: '/connectionSpecs',
			qs: { property: 'name=="amazon-redshift"' },
			timeout: 30000,
		},
	};
}

/** A credential value as n8n's expression resolution puts it in a header: falsy becomes ''. */
function headerText(value: unknown): string {
	return value ? String(value) : '';
}

/**
 * Exchanges the client ID and secret for an access token. The secret travels in the form body,
 * never in the URL, and no error thrown from here carries the request (and so the secret).
 */
async function requestImsToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const form = new URLSearchParams({
		client_id: String(credentials.clientId ?? '').trim(),
		client_secret: String(credentials.clientSecret ?? '').trim(),
		grant_type: 'client_credentials',
		scope: String(credentials.scopes || DEFAULT_SCOPES).replace(/\s+/g, ''),
	});
	let response: IDataObject;
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${normalizeBaseUrl(String(credentials.imsUrl))}/ims/token/v3`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: form.toString(),
			timeout: 30000,
			json: true,
		})) as IDataObject;
	} catch (error) {
		throw new Error(describeImsFailure(error));
	}
	const token = typeof response?.access_token === 'string' ? response.access_token : '';
	if (!token) {
		throw new Error('Adobe IMS answered without an access_token. Check the IMS URL.');
	}
	return token;
}

/** Turns an IMS failure into a sentence that says what to fix, without echoing any secret. */
function describeImsFailure(error: unknown): string {
	const failure = error as {
		response?: { status?: number; data?: unknown };
		code?: string;
	};
	const status = failure.response?.status;
	const data = failure.response?.data;
	const imsError =
		data && typeof data === 'object' ? String((data as IDataObject).error ?? '') : '';
	if (imsError === 'invalid_client') {
		return 'Adobe IMS rejected the client ID or client secret (invalid_client). Copy both again from the OAuth Server-to-Server credential in Adobe Developer Console.';
	}
	if (imsError === 'invalid_scope') {
		return 'Adobe IMS rejected the scopes (invalid_scope). Use the scopes listed on the credential page in Adobe Developer Console.';
	}
	if (imsError) {
		return `Adobe IMS refused to issue a token (${imsError}, HTTP ${status ?? 'error'}).`;
	}
	if (status) {
		return `Adobe IMS answered HTTP ${status} when asked for a token. Check the IMS URL.`;
	}
	return `Could not reach Adobe IMS to get a token (${failure.code ?? 'network error'}). Check the IMS URL and the network.`;
}
