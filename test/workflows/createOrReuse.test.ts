// Create Redshift Connection's options against the emulator: create-or-reuse, dry run,
// test after create, and the lookup that makes a lost create safe to send again.
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { adobeCredential, findLeaks, REDSHIFT_SPEC_ID, SECRETS } from '../harness/fixtures';
import { mockFlowService, mockImsToken } from '../harness/nockAdobe';
import { runWorkflow } from '../harness/runWorkflow';
import {
	BASE,
	connectionWorkflow,
	emulatorCredential,
	flowRequests,
	seedConnections,
} from '../lifecycle/helpers';

let emu: FlowServiceEmulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const create = (options: IDataObject = {}, extra: IDataObject = {}) =>
	connectionWorkflow('createRedshift', {
		name: '={{ $json.name }}',
		connectionSpecId: REDSHIFT_SPEC_ID,
		redshiftCredentials: 'parameters',
		server: 'cluster.example.com',
		database: 'dev',
		username: 'reader',
		password: SECRETS.parameterPassword,
		options,
		...extra,
	});
const names = (...list: string[]) => list.map((name) => ({ name }));
const posts = () => flowRequests(emu).filter((request) => request.method === 'POST');

describe('If a Connection With This Name Exists: Reuse It (the default)', () => {
	it('a scheduled re-run creates nothing and says reused: true', async () => {
		const helper = new HarnessCredentialsHelper([emulatorCredential(emu)]);
		const first = await runWorkflow(create(), {
			credentialsHelper: helper,
			inputItems: names('a', 'b'),
		});
		expect(first.output('Adobe').map((item) => [item.name, item.reused])).toEqual([
			['a', false],
			['b', false],
		]);
		expect(posts()).toHaveLength(2);
		emu.requests.length = 0;

		const second = await runWorkflow(create(), {
			credentialsHelper: helper,
			inputItems: names('a', 'b'),
		});
		expect(second.output('Adobe')).toEqual(
			first.output('Adobe').map((item) => ({ ...item, reused: true })),
		);
		expect(posts()).toHaveLength(0);
		// One listing for the whole execution, filtered by connection spec, not one GET per item.
		expect(
			flowRequests(emu).map((request) => [request.method, request.path, request.query]),
		).toEqual([
			[
				'GET',
				`${BASE}/connections`,
				{ property: `connectionSpec.id=="${REDSHIFT_SPEC_ID}"`, limit: '50' },
			],
		]);
		expect(emu.connections.size).toBe(2);
	});

	it('a single item (a webhook call) looks up its own name: one request, whatever the sandbox holds', async () => {
		await seedConnections(
			emu,
			Array.from({ length: 120 }, (_, index) => `other-${index}`),
			undefined,
			20,
		);
		await seedConnections(emu, ['mine']);
		const result = await runWorkflow(create(), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('mine'),
		});
		expect(result.output('Adobe')[0]).toMatchObject({ name: 'mine', reused: true });
		expect(flowRequests(emu).map((request) => [request.method, request.query])).toEqual([
			[
				'GET',
				{ property: ['name=="mine"', `connectionSpec.id=="${REDSHIFT_SPEC_ID}"`], limit: '50' },
			],
		]);
	});

	it('two items with one name in one execution create one connection', async () => {
		const result = await runWorkflow(create({ concurrency: 5 }), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('twin', 'twin', 'other'),
		});
		const out = result.output('Adobe');
		expect(out.map((item) => item.reused)).toEqual([false, true, false]);
		expect(out[0].id).toBe(out[1].id);
		expect(emu.connections.size).toBe(2);
	});

	it('finds existing connections across several listing pages', async () => {
		const existing = Array.from({ length: 120 }, (_, index) => `existing-${index}`);
		await seedConnections(emu, existing, undefined, 20);
		const result = await runWorkflow(create(), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('existing-119', 'new-one', 'existing-0'),
		});
		expect(result.output('Adobe').map((item) => item.reused)).toEqual([true, false, true]);
		const listings = flowRequests(emu).filter((request) => request.method === 'GET');
		expect(listings).toHaveLength(3);
		expect(posts()).toHaveLength(1);
	});
});

describe('If a Connection With This Name Exists: Create Another / Fail', () => {
	it('create always posts, as the API does', async () => {
		await seedConnections(emu, ['dup']);
		const result = await runWorkflow(create({ ifExists: 'create' }), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('dup'),
		});
		expect(result.output('Adobe')[0].reused).toBe(false);
		expect(flowRequests(emu).map((request) => request.method)).toEqual(['POST']);
		expect(emu.connections.size).toBe(2);
	});

	it('fail names the existing connection', async () => {
		const [id] = await seedConnections(emu, ['taken']);
		const result = await runWorkflow(create({ ifExists: 'fail' }), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('taken'),
		});
		expect(result.nodeError('Adobe')?.message).toBe(
			`A connection named "taken" already exists for this connection spec (ID ${id}) [item 0]`,
		);
		expect(posts()).toHaveLength(0);
	});
});

describe('Validate Only (dry run)', () => {
	it("checks against the spec's auth spec, reports every problem, and creates nothing", async () => {
		const result = await runWorkflow(
			create(
				{ validateOnly: true },
				{ password: '={{ "" }}', server: 'https://cluster.example.com' },
			),
			{ credentials: [emulatorCredential(emu)], inputItems: names('dry', 'dry 2') },
		);
		const out = result.output('Adobe');
		expect(out[0]).toEqual({
			valid: false,
			errors: [
				'Server must be a host name without a scheme, e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com (got "https://cluster.example.com")',
				'Password is empty',
				'auth.params.server is required',
				'auth.params.password is required',
			],
			name: 'dry',
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
			authSpec: 'Basic Authentication',
		});
		// The spec is fetched once for both items; nothing is created.
		expect(flowRequests(emu).map((request) => [request.method, request.path])).toEqual([
			['GET', `${BASE}/connectionSpecs/${REDSHIFT_SPEC_ID}`],
		]);
		expect(emu.connections.size).toBe(0);
	});

	it('says valid: true for a good login', async () => {
		const result = await runWorkflow(create({ validateOnly: true }), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('good'),
		});
		expect(result.output('Adobe')[0]).toMatchObject({ valid: true, errors: [] });
		expect(findLeaks(JSON.stringify(result.output('Adobe')))).toEqual([]);
	});
});

describe('Test After Create', () => {
	it('adds testResult from GET /connections/{id}/test', async () => {
		const result = await runWorkflow(create({ testAfterCreate: true }), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('tested'),
		});
		const [out] = result.output('Adobe');
		expect(out.testResult).toBe(true);
		expect(flowRequests(emu).map((request) => [request.method, request.path])).toEqual([
			['GET', `${BASE}/connections`],
			['POST', `${BASE}/connections`],
			['GET', `${BASE}/connections/${out.id}/test`],
		]);
	});
});

describe('a create whose answer was lost', () => {
	it('is sent again only after the lookup proves nothing was created', async () => {
		emu.inject({ match: { method: 'POST', path: '/connections' }, kind: 'status', status: 503 });
		const result = await runWorkflow(create(), {
			credentials: [emulatorCredential(emu)],
			inputItems: names('retry-me'),
		});
		expect(result.output('Adobe')[0]).toMatchObject({ name: 'retry-me', reused: false });
		expect(flowRequests(emu).map((request) => [request.method, request.status])).toEqual([
			['GET', 200],
			['POST', 503],
			['GET', 200],
			['POST', 201],
		]);
		expect(emu.connections.size).toBe(1);
	});

	it('is not sent again when the lookup finds it was created', async () => {
		nock.disableNetConnect();
		try {
			mockImsToken();
			mockFlowService()
				.get('/connections')
				.query({
					property: ['name=="lost"', `connectionSpec.id=="${REDSHIFT_SPEC_ID}"`],
					limit: '50',
				})
				.reply(200, { items: [] })
				.post('/connections')
				.reply(502, '<html><title>502 Bad Gateway</title></html>')
				.get('/connections')
				.query(true)
				.reply(200, {
					items: [
						{ id: 'made-it', etag: '"e"', name: 'lost', connectionSpec: { id: REDSHIFT_SPEC_ID } },
					],
				});
			const result = await runWorkflow(create({}, { name: 'lost' }), {
				credentials: [adobeCredential()],
			});
			expect(nock.pendingMocks()).toEqual([]);
			expect(result.output('Adobe')[0]).toMatchObject({
				id: 'made-it',
				etag: '"e"',
				reused: false,
			});
		} finally {
			nock.cleanAll();
			nock.enableNetConnect();
		}
	});
});
