// The secret-leak sweep: for every operation, an Adobe (or IMS) answer echoes every secret the
// run holds, in plain, URL-encoded and JSON-escaped form, from every place an answer can carry
// text. Nothing of it may be visible: output items, error message, description, context, the
// cause chain, adobeCode, requestId, the error records n8n stores, or anything logged.
// The fault matrix and the fuzzers run the same check on everything they produce; the rows
// marked "regression" are the fuzzers' shrunk counterexamples, kept as fixed tests.
import nock from 'nock';

import { HarnessCredentialsHelper } from '../harness/credentials';
import {
	adobeCredential,
	BASE_PATH,
	IMS,
	PLATFORM,
	redshiftCredential,
	secretForms,
	SECRETS,
} from '../harness/fixtures';
import { mockImsToken } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { holdsRedshiftPassword, OPERATIONS, writeResult, loginCredentials } from './support';
import type { OperationCase } from './support';
import { captureLogs, everythingVisible, leaksIn } from './visible';

// Reads retry an unreadable 2xx with back-off: skipped here, where only the text matters.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	return { ...actual, sleep: async () => {} };
});

const CONNECTION_ID = '9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c';

/** The secrets a run of this operation holds, and so the ones a server could echo. */
function heldSecrets(operation: OperationCase): Record<string, string> {
	return {
		clientSecret: SECRETS.clientSecret,
		accessToken: SECRETS.accessToken,
		// Only a base connection's create sends the Redshift password; a source connection never has it.
		...(holdsRedshiftPassword(operation) && { redshiftPassword: SECRETS.redshiftPassword }),
	};
}

/** Every held secret, in every form, in one string. */
const echoOf = (secrets: Record<string, string>) =>
	Object.values(secrets)
		.flatMap((secret) => secretForms(secret))
		.join(' | ');

interface Location {
	name: string;
	/** Where the echo is answered: Flow Service's first request, or IMS. */
	service: 'flow' | 'ims';
	status: number;
	body: (echo: string) => string | object;
	headers?: (echo: string) => Record<string, string>;
}

const LOCATIONS: Location[] = [
	{
		name: 'gateway error_code and message',
		service: 'flow',
		status: 400,
		body: (echo) => ({ error_code: echo, message: echo }),
	},
	{
		name: 'Flow Service report, every field',
		service: 'flow',
		status: 400,
		body: (echo) => ({
			type: `https://ns.adobe.com/aep/errors/FLOW-1100-400?${echo}`,
			title: echo,
			status: 400,
			report: { 'detailed-message': echo, 'request-id': echo },
			errorMessage: echo,
			errorDetails: { echo },
		}),
	},
	{
		name: 'problem details',
		service: 'flow',
		status: 422,
		body: (echo) => ({ type: echo, status: 422, title: echo, detail: echo }),
	},
	{
		name: 'IMS-shaped error from the gateway',
		service: 'flow',
		status: 400,
		body: (echo) => ({ error: echo, error_description: echo }),
	},
	{
		name: 'x-request-id header',
		service: 'flow',
		status: 403,
		body: () => ({ error_code: '403003', message: 'Api Key is invalid' }),
		headers: (echo) => ({ 'x-request-id': echo }),
	},
	{
		name: 'HTML page title and body',
		service: 'flow',
		status: 400,
		body: (echo) => `<html><head><title>${echo}</title></head><body>${echo}</body></html>`,
	},
	{ name: 'plain text body', service: 'flow', status: 400, body: (echo) => echo },
	{
		name: 'truncated JSON in a 2xx',
		service: 'flow',
		status: 200,
		body: (echo) => `{"items":[{"id":"${echo}`,
	},
	{
		name: 'IMS error and description',
		service: 'ims',
		status: 401,
		body: (echo) => ({ error: echo, error_description: echo }),
	},
	{ name: 'IMS HTML page', service: 'ims', status: 502, body: (echo) => `<title>${echo}</title>` },
];

const cells = OPERATIONS.flatMap((operation) =>
	LOCATIONS.flatMap((location) =>
		(['stop', 'continue on fail'] as const).map(
			(mode) => [operation.key, location.name, mode, operation, location] as const,
		),
	),
);

let checked = 0;
let leaked = 0;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
	nock.enableNetConnect();
	if (!checked) return;
	const file = writeResult('secret-leaks.json', {
		runsChecked: checked,
		operations: OPERATIONS.length,
		locations: LOCATIONS.map((location) => location.name),
		leaks: leaked,
	});
	process.stdout.write(
		`\nSecret-leak sweep: ${checked} runs (${OPERATIONS.length} operations × ${LOCATIONS.length} echo locations × 2 modes), ${leaked} leaks; written to ${file}\n`,
	);
});

describe('an answer that echoes every secret the run holds shows none of them', () => {
	it.each(cells)('%s, %s (%s)', async (_key, _location, mode, operation, location) => {
		// IMS is sent the client secret only; it cannot echo a token it never issued.
		const held =
			location.service === 'ims' ? { clientSecret: SECRETS.clientSecret } : heldSecrets(operation);
		const echo = echoOf(held);
		if (location.service === 'ims') {
			nock(IMS)
				.post('/ims/token/v3')
				.reply(location.status, location.body(echo), location.headers?.(echo));
		} else {
			mockImsToken();
			const scope = nock(`${PLATFORM}${BASE_PATH}`);
			const target =
				operation.kind.startsWith('create') || operation.kind === 'update'
					? operation.kind !== 'createOnly'
						? { method: 'get' as const } // a read (the spec, the listing, the etag) comes first
						: { method: 'post' as const }
					: { method: operation.target(CONNECTION_ID).method.toLowerCase() as 'get' | 'delete' };
			scope[target.method](/.*/).reply(
				location.status,
				location.body(echo),
				location.headers?.(echo),
			);
		}
		const capture = captureLogs();
		let result;
		try {
			result = await runWorkflow(
				singleNodeWorkflow(
					operation.parameters(CONNECTION_ID),
					mode === 'continue on fail' ? { onError: 'continueRegularOutput' } : {},
				),
				{
					credentialsHelper: new HarnessCredentialsHelper([
						adobeCredential(),
						...loginCredentials(),
					]),
				},
			);
		} finally {
			capture.restore();
		}
		// The echo reached an error path (else this row would prove nothing)... except that a 2xx
		// to a DELETE is a success whatever its body, and its output carries none of the body.
		const failed =
			result.nodeError('Adobe') !== undefined ||
			result.output('Adobe').some((item) => item.error !== undefined);
		const deleteSucceeded = operation.kind === 'delete' && location.status < 300;
		expect(failed || deleteSucceeded).toBe(true);
		// ...and none of it is visible.
		const leaks = leaksIn(everythingVisible(result, capture.logs), held);
		checked++;
		leaked += leaks.length;
		expect(leaks).toEqual([]);
		expect(
			leaksIn(result.serialized, { ...held, redshiftPassword: SECRETS.redshiftPassword }),
		).toEqual([]);
	});
});

describe('regressions found by the fuzzers', () => {
	it('a request ID that echoes the token is scrubbed in the error item (requestId)', async () => {
		mockImsToken();
		nock(`${PLATFORM}${BASE_PATH}`)
			.get(/connectionSpecs/)
			.reply(409, 'false', { 'x-request-id': `req-${SECRETS.accessToken}` });
		const result = await runWorkflow(
			singleNodeWorkflow(OPERATIONS[0].parameters(''), { onError: 'continueRegularOutput' }),
			{ credentials: [adobeCredential()] },
		);
		expect(result.output('Adobe')[0]).toMatchObject({ requestId: 'req-[redacted]' });
		expect(leaksIn(result.serialized, SECRETS)).toEqual([]);
	});

	it('the existing-connection listing of a create scrubs the Redshift password Adobe stores', async () => {
		mockImsToken();
		nock(`${PLATFORM}${BASE_PATH}`)
			.get(/connections/)
			.reply(415, { title: `stored: ${JSON.stringify(SECRETS.redshiftPassword)}` });
		const reuse = OPERATIONS.find((operation) => operation.kind === 'createReuse')!;
		const result = await runWorkflow(singleNodeWorkflow(reuse.parameters('')), {
			credentials: [adobeCredential(), redshiftCredential()],
		});
		expect(result.nodeError('Adobe')?.message).toBe('stored: "[redacted]" [HTTP 415]');
		expect(leaksIn(result.serialized, SECRETS)).toEqual([]);
	});
});
