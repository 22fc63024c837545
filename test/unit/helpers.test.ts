import type { INode } from 'n8n-workflow';

import { summarizeAdobeError, toNodeApiError } from '../../nodes/AdobeFlowService/helpers/errors';
import { MASK, maskedNode, redactSecrets } from '../../nodes/AdobeFlowService/helpers/secrets';
import { describeBaseUrlProblem } from '../../nodes/AdobeFlowService/helpers/urls';
import {
	describePortProblem,
	describeServerProblem,
} from '../../nodes/AdobeFlowService/helpers/validation';
import { parseRetryAfter } from '../../nodes/AdobeFlowService/transport';

describe('describeBaseUrlProblem', () => {
	it.each([
		'https://platform.adobe.io',
		'https://platform-stage.adobe.io/',
		'http://127.0.0.1:4010',
		'http://localhost:8080',
		'http://[::1]:9000',
	])('accepts %s', (url) => {
		expect(describeBaseUrlProblem('Platform URL', url)).toBeUndefined();
	});

	it.each([
		['http://platform.adobe.io', /plain http:\/\/ on "platform.adobe.io"/],
		['http://10.0.0.5:8080', /Only https:\/\/ is allowed/],
		['ftp://platform.adobe.io', /must start with https:\/\//],
		['https://platform.adobe.io/data/foundation', /without a path/],
		['https://platform.adobe.io?x=1', /query string/],
		['https://user:pw@platform.adobe.io', /user name or password/],
		['platform.adobe.io', /not a valid URL/],
		['', /is empty/],
		[undefined, /is empty/],
	])('refuses %s', (url, message) => {
		expect(describeBaseUrlProblem('Platform URL', url)).toMatch(message);
	});
});

describe('Redshift server and port checks', () => {
	it.each([
		'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
		'10.1.2.3',
		'redshift-host',
	])('accepts the host %s', (server) => {
		expect(describeServerProblem(server)).toBeUndefined();
	});

	it.each([
		['https://cluster.example.com', /without a scheme/],
		['jdbc:redshift://cluster.example.com:5439/dev', /without a scheme/],
		['cluster.example.com/dev', /without a path/],
		['cluster.example.com:5439', /must not include a port/],
		['clüster.example.com', /xn-- form/],
		['cluster example.com', /letters, digits, dots and hyphens/],
	])('refuses %s', (server, message) => {
		expect(describeServerProblem(server)).toMatch(message);
	});

	it.each(['1', '5439', '65535'])('accepts the port %s', (port) => {
		expect(describePortProblem(port)).toBeUndefined();
	});

	it.each(['0', '65536', 'abc', '54 39', '-1', '5439.5'])('refuses the port %s', (port) => {
		expect(describePortProblem(port)).toMatch(/whole number from 1 to 65535/);
	});
});

describe('summarizeAdobeError reads all of Adobe\'s error shapes', () => {
	it('reads the gateway shape', () => {
		expect(
			summarizeAdobeError({ error_code: '401013', message: 'Oauth token is not valid' }, 'req-1'),
		).toEqual({ code: '401013', title: 'Oauth token is not valid', requestId: 'req-1' });
	});

	it('reads the Flow Service shape with its report', () => {
		expect(
			summarizeAdobeError({
				type: 'https://ns.adobe.com/aep/errors/FLOW-1415-400',
				title: 'Auth spec not found',
				status: 400,
				report: { 'detailed-message': 'No auth spec named Basic', 'request-id': 'abc-123' },
			}),
		).toEqual({
			code: 'FLOW-1415-400',
			title: 'Auth spec not found',
			detail: 'No auth spec named Basic',
			requestId: 'abc-123',
		});
	});

	it('reads the problem-details shape', () => {
		expect(
			summarizeAdobeError({ type: 'about:blank', status: 403, title: 'Forbidden', detail: 'No access' }),
		).toMatchObject({ title: 'Forbidden', detail: 'No access' });
	});

	it('reads the IMS shape', () => {
		expect(
			summarizeAdobeError({ error: 'invalid_client', error_description: 'invalid client_secret' }),
		).toMatchObject({ code: 'invalid_client', title: 'invalid client_secret' });
	});

	it('copes with no body', () => {
		expect(summarizeAdobeError(undefined, 'r')).toEqual({ requestId: 'r' });
		expect(summarizeAdobeError('<html>', undefined)).toEqual({ requestId: undefined });
	});
});

const node: INode = {
	id: 'n1',
	name: 'Adobe',
	type: 'n8n-nodes-adobe-flow-service.adobeFlowService',
	typeVersion: 1,
	position: [0, 0],
	parameters: {
		name: 'conn',
		password: 'hunter2-secret',
		additionalFields: { description: 'd', nested: { clientSecret: 's3cr3t-value' } },
		list: [{ token: 'tok-value-123' }],
	},
};

describe('secrets', () => {
	it('masks secret parameters, however deep, and leaves the rest', () => {
		const masked = maskedNode(node);
		expect(masked.parameters).toEqual({
			name: 'conn',
			password: MASK,
			additionalFields: { description: 'd', nested: { clientSecret: MASK } },
			list: [{ token: MASK }],
		});
		expect(node.parameters.password).toBe('hunter2-secret');
	});

	it('redacts plain, URL-encoded and JSON-escaped forms', () => {
		const secret = 'a b/"c"';
		const text = `x ${secret} y ${encodeURIComponent(secret)} z ${JSON.stringify(secret)}`;
		const redacted = redactSecrets(text, [secret]);
		expect(redacted).not.toContain(secret);
		expect(redacted).not.toContain(encodeURIComponent(secret));
		expect(redacted).not.toContain('a b/\\"c\\"');
	});

	it('builds NodeApiErrors with code, hint, request ID and item, and no secret', () => {
		const error = toNodeApiError(
			node,
			{
				status: 403,
				summary: { code: '403027', title: 'User region is missing', requestId: 'rid-9' },
			},
			2,
			['hunter2-secret'],
		);
		expect(error.message).toBe('User region is missing [403027]');
		expect(error.description).toContain('IMS Organization ID');
		expect(error.description).toContain('Adobe request ID: rid-9');
		expect(error.context.itemIndex).toBe(2);
		expect(error.httpCode).toBe('403');
		expect(JSON.stringify(error)).not.toContain('hunter2-secret');
		expect(JSON.stringify(error.node)).not.toContain('hunter2-secret');
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0')).toBe(0);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		expect(parseRetryAfter(inTenSeconds)).toBeGreaterThan(8000);
	});
});
