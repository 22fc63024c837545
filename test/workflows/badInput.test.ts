import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import {
	adobeCredential,
	findLeaks,
	redshiftCredential,
	REDSHIFT_SPEC_ID,
	SECRETS,
} from '../harness/fixtures';
import { watchUnmatchedRequests } from '../harness/nockAdobe';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

const valid = {
	resource: 'connection',
	operation: 'createRedshift',
	name: 'Redshift analytics',
	connectionSpecId: REDSHIFT_SPEC_ID,
	redshiftCredentials: 'parameters',
	server: 'cluster.example.com',
	database: 'dev',
	username: 'reader',
	password: SECRETS.parameterPassword,
	additionalFields: {} as INodeParameters,
};

// Each row: parameters that differ from a valid create, and the message expected for item 1.
const rows: Array<[string, Record<string, unknown>, RegExp]> = [
	['empty name', { name: '' }, /^Name is empty \[item 1\]$/],
	['whitespace name', { name: '   ' }, /^Name contains only white space \[item 1\]$/],
	[
		'huge name',
		{ name: 'x'.repeat(300) },
		/^Name is too long: 300 characters, at most 256 \[item 1\]$/,
	],
	['name with a line break', { name: 'a\nb' }, /^Name contains control characters/],
	[
		'name from an object',
		{ name: '={{ $itemIndex === 1 ? $json : "Redshift analytics" }}' },
		/^Name must be text, but it resolved to an object/,
	],
	['empty server', { server: '' }, /^Server is empty \[item 1\]$/],
	[
		'server with a scheme',
		{ server: 'https://cluster.example.com' },
		/^Server must be a host name without a scheme/,
	],
	[
		'server with a path',
		{ server: 'cluster.example.com/dev' },
		/^Server must be a host name without a path/,
	],
	['server with a port', { server: 'cluster.example.com:5439' }, /^Server must not include a port/],
	['unicode server', { server: 'clüster.example.com' }, /xn-- form/],
	['empty database', { database: '' }, /^Database is empty \[item 1\]$/],
	['empty username', { username: ' ' }, /^Username contains only white space \[item 1\]$/],
	['empty password', { password: '' }, /^Password is empty \[item 1\]$/],
	[
		'malformed spec ID',
		{ connectionSpecId: 'amazon-redshift' },
		/^Connection Spec ID must be a UUID/,
	],
	[
		'non-numeric port',
		{ additionalFields: { port: '54a9' } },
		/^Port must be a whole number from 1 to 65535/,
	],
	[
		'port out of range',
		{ additionalFields: { port: '70000' } },
		/^Port must be a whole number from 1 to 65535/,
	],
	[
		'bad spec version',
		{ additionalFields: { connectionSpecVersion: 'v1' } },
		/^Connection Spec Version must be a version/,
	],
];

describe('bad input is refused, naming the parameter and the item, before any request', () => {
	it.each(rows)('%s', async (_label, change, message) => {
		const unmatched = watchUnmatchedRequests();
		// Item 0 is valid, item 1 carries the bad value: the message must name item 1.
		const parameters = Object.fromEntries(
			Object.entries({ ...valid, ...change }).map(([key, value]) => [
				key,
				key in change && typeof value === 'string' && !value.startsWith('=')
					? `={{ $itemIndex === 1 ? ${JSON.stringify(value)} : ${JSON.stringify((valid as Record<string, unknown>)[key])} }}`
					: value,
			]),
		);
		if ('additionalFields' in change) {
			parameters.additionalFields = Object.fromEntries(
				Object.entries(change.additionalFields as Record<string, string>).map(([key, value]) => [
					key,
					`={{ $itemIndex === 1 ? ${JSON.stringify(value)} : "" }}`,
				]),
			);
		}
		const result = await runWorkflow(singleNodeWorkflow(parameters as INodeParameters), {
			credentials: [adobeCredential()],
			inputItems: [{}, {}],
		});
		unmatched.stop();
		const error = result.nodeError('Adobe');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect((error?.context as { itemIndex?: number }).itemIndex).toBe(1);
		expect(unmatched.count()).toBe(0);
		// n8n's own execution stack keeps the workflow's node as written; our errors and output
		// (everything under resultData) must not carry the password.
		expect(findLeaks(JSON.stringify(result.run.data.resultData))).toEqual([]);
	});

	it('a bad value in the Redshift credential names the credential field', async () => {
		const result = await runWorkflow(
			singleNodeWorkflow({ ...valid, redshiftCredentials: 'credential' }),
			{
				credentials: [
					adobeCredential(),
					redshiftCredential({ server: 'jdbc:redshift://c.example.com:5439/dev' }),
				],
			},
		);
		expect(result.nodeError('Adobe')?.message).toMatch(
			/^Redshift credential field "Server" must be a host name without a scheme/,
		);
	});

	it.each([
		// A literal empty required parameter is refused by n8n itself; an expression reaches us.
		['={{ "" }}', /^Spec Name is empty \[item 0\]$/],
		['amazon-redshift" or name=="x', /^Spec Name must be a connection spec name/],
	])('Get Connection Spec refuses the spec name %j', async (specName, message) => {
		const result = await runWorkflow(
			singleNodeWorkflow({ resource: 'connectionSpec', operation: 'get', specName }),
			{ credentials: [adobeCredential()] },
		);
		expect(result.nodeError('Adobe')?.message).toMatch(message);
	});
});
