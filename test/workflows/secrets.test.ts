import nock from 'nock';

import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import {
	adobeCredential,
	findLeaks,
	IMS,
	redshiftCredential,
	REDSHIFT_SPEC_ID,
	SECRETS,
} from '../harness/fixtures';
import { mockFlowService, mockImsToken } from '../harness/nockAdobe';
import { captureLogs, everythingVisible } from '../reliability/visible';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/**
 * An answer that (wrongly) echoes every secret the server could know, in several forms: the
 * token, the client secret, and both Redshift passwords (only one of which is sent per run).
 */
const echo = `token ${SECRETS.accessToken} secret ${SECRETS.clientSecret} pw ${JSON.stringify(SECRETS.redshiftPassword)} ${encodeURIComponent(SECRETS.parameterPassword)} ${JSON.stringify(SECRETS.parameterPassword)}`;

/** The secrets a run could have leaked: those it actually held. */
const heldSecrets = (source: 'credential' | 'parameters') => {
	const { parameterPassword, redshiftPassword, ...rest } = SECRETS;
	return { ...rest, ...(source === 'credential' ? { redshiftPassword } : { parameterPassword }) };
};

const scenarios: Array<[string, () => void, 'credential' | 'parameters']> = [
	[
		'IMS refuses the client',
		() =>
			nock(IMS)
				.post('/ims/token/v3')
				.reply(401, { error: 'invalid_client', error_description: echo }),
		'credential',
	],
	['IMS fails', () => nock(IMS).post('/ims/token/v3').reply(500, echo), 'credential'],
	['IMS unreachable', () => nock(IMS).post('/ims/token/v3').replyWithError(echo), 'credential'],
	[
		'401 twice',
		() => {
			mockImsToken(SECRETS.accessToken, 2);
			mockFlowService()
				.post('/connections')
				.times(2)
				.reply(401, { error_code: '401013', message: echo });
		},
		'credential',
	],
	[
		'Flow Service 400 echoing the body',
		() => {
			mockImsToken();
			mockFlowService()
				.post('/connections')
				.reply(400, {
					type: 'https://ns.adobe.com/aep/errors/FLOW-1100-400',
					title: echo,
					report: { 'detailed-message': echo },
					errorDetails: { echo },
				});
		},
		'parameters',
	],
	[
		'500 on a create',
		() => {
			mockImsToken();
			mockFlowService().post('/connections').reply(500, { error_code: '500', message: echo });
		},
		'credential',
	],
	[
		'an HTML page',
		() => {
			mockImsToken();
			mockFlowService().post('/connections').reply(502, `<html><title>${echo}</title></html>`);
		},
		'parameters',
	],
	[
		'a dropped connection',
		() => {
			mockImsToken();
			mockFlowService().post('/connections').replyWithError(echo);
		},
		'parameters',
	],
	[
		'a 201 with broken JSON',
		() => {
			mockImsToken();
			mockFlowService().post('/connections').reply(201, `{"id": "${echo}`);
		},
		'credential',
	],
];

function createWorkflow(source: 'credential' | 'parameters', onError?: 'continueRegularOutput') {
	return singleNodeWorkflow(
		{
			resource: 'connection',
			operation: 'createRedshift',
			name: 'leak check',
			// The create request itself is what these scenarios answer; reuse would list first.
			options: { ifExists: 'create' },
			connectionSpecId: REDSHIFT_SPEC_ID,
			redshiftCredentials: source,
			server: 'cluster.example.com',
			database: 'dev',
			username: 'reader',
			password: SECRETS.parameterPassword,
		},
		onError ? { onError } : {},
	);
}

describe('no secret leaks on any error path', () => {
	// Console, n8n's LoggerProxy and n8n's Logger, all captured for each test.
	let capture: ReturnType<typeof captureLogs>;
	let logs: string[];
	beforeEach(() => {
		capture = captureLogs();
		logs = capture.logs;
	});
	afterEach(() => capture.restore());

	it.each(scenarios)('%s (stopping the run)', async (_name, arrange, source) => {
		arrange();
		const result = await runWorkflow(createWorkflow(source), {
			credentials: [adobeCredential(), redshiftCredential()],
		});
		expect(result.nodeError('Adobe')).toBeDefined();
		expect(findLeaks(everythingVisible(result, logs), heldSecrets(source))).toEqual([]);
	});

	it.each(scenarios)('%s (continue on fail)', async (_name, arrange, source) => {
		arrange();
		const result = await runWorkflow(createWorkflow(source, 'continueRegularOutput'), {
			credentials: [adobeCredential(), redshiftCredential()],
		});
		expect(result.output('Adobe')[0].error).toBeDefined();
		expect(findLeaks(everythingVisible(result, logs), heldSecrets(source))).toEqual([]);
	});
});
