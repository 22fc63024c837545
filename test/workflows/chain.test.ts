import nock from 'nock';

import chain from './fixtures/chain.workflow.json';
import { runWorkflow } from '../harness/runWorkflow';
import type { WorkflowJson } from '../harness/runWorkflow';
import {
	adobeCredential,
	BASE_PATH,
	CLIENT_ID,
	findLeaks,
	IMS,
	ORG_ID,
	PLATFORM,
	REDSHIFT_SPEC_ID,
	redshiftCredential,
	redshiftSpec,
	SECRETS,
} from '../harness/fixtures';

const NEW_ID = '9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c';
const ETAG = '"1700ce7b-0000-0200-0000-5e3b405e0000"';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function imsToken(token = SECRETS.accessToken) {
	return nock(IMS)
		.post('/ims/token/v3', (body) => {
			const form = new URLSearchParams(body as unknown as string);
			return (
				form.get('client_id') === CLIENT_ID &&
				form.get('client_secret') === SECRETS.clientSecret &&
				form.get('grant_type') === 'client_credentials' &&
				form.get('scope') ===
					'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext'
			);
		})
		.matchHeader('content-type', 'application/x-www-form-urlencoded')
		.reply(200, { access_token: token, token_type: 'bearer', expires_in: 86399 });
}

function adobeHeaders(scope: nock.Scope, token = SECRETS.accessToken) {
	return scope
		.matchHeader('authorization', `Bearer ${token}`)
		.matchHeader('x-api-key', CLIENT_ID)
		.matchHeader('x-gw-ims-org-id', ORG_ID)
		.matchHeader('x-sandbox-name', 'prod');
}

describe('Manual Trigger → Get Connection Spec → Create Redshift Connection → Slack text', () => {
	it('chains the spec into the create and the new id into the message, with one token', async () => {
		const ims = imsToken();
		const api = adobeHeaders(nock(PLATFORM))
			.get(`${BASE_PATH}/connectionSpecs`)
			.query((query) => query.property === 'name=="amazon-redshift"')
			.reply(200, { items: [redshiftSpec] })
			// Create-or-reuse (the default): a single item looks its own name up within the spec.
			.get(`${BASE_PATH}/connections`)
			.query({
				property: ['name=="Redshift analytics"', `connectionSpec.id=="${REDSHIFT_SPEC_ID}"`],
				limit: '50',
			})
			.reply(200, { items: [] })
			.post(`${BASE_PATH}/connections`, {
				name: 'Redshift analytics',
				description: 'Created by n8n',
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
			.reply(201, { id: NEW_ID, etag: ETAG }, { Location: `${BASE_PATH}/connections/${NEW_ID}` });

		const result = await runWorkflow(chain as unknown as WorkflowJson, {
			credentials: [adobeCredential(), redshiftCredential()],
		});

		expect(result.run.data.resultData.error).toBeUndefined();
		expect(ims.isDone()).toBe(true);
		expect(api.isDone()).toBe(true);
		expect(result.output('Get Connection Spec')).toEqual([redshiftSpec]);
		expect(result.items('Create Redshift Connection')).toEqual([
			{
				json: {
					id: NEW_ID,
					etag: ETAG,
					name: 'Redshift analytics',
					description: 'Created by n8n',
					connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
					reused: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.output('Format Slack Message')).toEqual([
			{ text: `New AEP source connection "Redshift analytics": ${NEW_ID}`, connectionId: NEW_ID },
		]);
		// One token for the whole run, stored back in the credential as n8n stores it.
		expect(result.credentialsHelper.preAuthenticationCalls).toHaveLength(1);
		expect(result.credentialsHelper.store.get('adobe-cred-1')?.data.sessionToken).toBe(
			SECRETS.accessToken,
		);
		expect(findLeaks(JSON.stringify(result.run.data.resultData.runData))).toEqual([]);
	});
});
