// Flow Spec → Get: the name lookup, and the check that a source's connection spec is accepted.
import nock from 'nock';

import { adobeCredential, BASE_PATH, REDSHIFT_SPEC_ID } from '../harness/fixtures';
import { mockFlowService, mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';

const crmToAep = {
	id: '14518937-270c-4525-bdec-c2ba7cce3860',
	name: 'CRMToAEP',
	providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
	version: '1.0',
	sourceConnectionSpecIds: [REDSHIFT_SPEC_ID, 'b2e08744-4f1a-40ce-af30-7abac3e23cf3'],
	targetConnectionSpecIds: ['c604ff05-7f1a-43c0-8e18-33bf874cb11c'],
};
const get = (extra: Record<string, unknown> = {}, node = {}) =>
	singleNodeWorkflow({ resource: 'flowSpec', operation: 'get', ...extra }, node);
const credentials = () => [adobeCredential()];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Flow Spec → Get', () => {
	it('looks CRMToAEP up by name (the default), once for all items', async () => {
		mockImsToken();
		const paths: string[] = [];
		const api = mockFlowService()
			.get('/flowSpecs')
			.query(true)
			.once()
			.reply(function (uri) {
				paths.push(uri);
				return [200, { items: [crmToAep] }];
			});
		const result = await runWorkflow(get({ flowSpecName: 'CRMToAEP' }), {
			credentials: credentials(),
			inputItems: [{}, {}],
		});
		expect(api.isDone()).toBe(true);
		expect(paths).toEqual([`${BASE_PATH}/flowSpecs?property=name%3D%3D%22CRMToAEP%22`]);
		expect(result.items('Adobe')).toEqual([
			{ json: crmToAep, pairedItem: { item: 0 } },
			{ json: crmToAep, pairedItem: { item: 1 } },
		]);
	});

	it('passes when the source connection spec is accepted', async () => {
		mockImsToken();
		mockFlowService()
			.get('/flowSpecs')
			.query(true)
			.reply(200, { items: [crmToAep] });
		const result = await runWorkflow(
			get({ flowSpecName: 'CRMToAEP', sourceConnectionSpecId: REDSHIFT_SPEC_ID.toUpperCase() }),
			{ credentials: credentials() },
		);
		expect(result.output('Adobe')).toEqual([crmToAep]);
	});

	it('says clearly when the source connection spec is not accepted', async () => {
		mockImsToken();
		mockFlowService()
			.get('/flowSpecs')
			.query(true)
			.reply(200, { items: [crmToAep] });
		const other = '26f526f2-58f4-4712-961d-e41bf1ccc0e8';
		const result = await runWorkflow(
			get({ flowSpecName: 'CRMToAEP', sourceConnectionSpecId: other }),
			{ credentials: credentials() },
		);
		const error = result.nodeError('Adobe');
		expect(error?.message).toBe(
			`The flow spec "CRMToAEP" does not accept sources of connection spec ${other} [item 0]`,
		);
		expect(String(error?.description)).toMatch(/only read from the 2 connection specs/);
	});

	it('says clearly when no flow spec has that name', async () => {
		mockImsToken();
		mockFlowService().get('/flowSpecs').query(true).reply(200, { items: [] });
		const result = await runWorkflow(get({ flowSpecName: 'CrmToAep' }), {
			credentials: credentials(),
		});
		expect(result.nodeError('Adobe')?.message).toBe(
			'No flow spec named "CrmToAep" exists in this sandbox [item 0]',
		);
	});

	it.each([
		[{ flowSpecName: '={{ "" }}' }, 'Flow Spec Name is empty [item 0]'],
		[
			{ flowSpecName: 'CRM"ToAEP' },
			'Flow Spec Name must be a flow spec name such as CRMToAEP (got "CRM"ToAEP") [item 0]',
		],
		[
			{ sourceConnectionSpecId: 'redshift' },
			'Source Connection Spec ID must be a UUID such as 3416976c-a9ca-4bba-901a-1f08f66978ff (got "redshift") [item 0]',
		],
	])('refuses %j before any request', async (extra, message) => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(get(extra), { credentials: credentials() });
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(message);
	});
});
