// Connection → Update on the emulator: one GET for the etag, then PATCH with If-Match; the
// password rotation from each place a new secret may come from; 412 handling; refusals.
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import type { StoredCredential } from '../harness/credentials';
import { redshiftCredential, SECRETS, sourceSecretsCredential } from '../harness/fixtures';
import { runWorkflow } from '../harness/runWorkflow';
import type { WorkflowJson } from '../harness/runWorkflow';
import {
	BASE,
	byId,
	connectionWorkflow,
	emulatorCredential,
	flowRequests,
	seedConnections,
} from '../lifecycle/helpers';
import { captureLogs, everythingVisible, knownSecrets, leaksIn } from '../reliability/visible';

let emu: FlowServiceEmulator;
let id: string;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(async () => {
	emu.reset();
	[id] = await seedConnections(emu, ['analytics']);
});

const update = (parameters: IDataObject) =>
	connectionWorkflow('update', { connectionId: byId(id), ...parameters });
const rotated = {
	server: 'examplecluster.abc123.us-west-2.redshift.amazonaws.com',
	database: 'dev',
	username: 'awsuser',
};

async function run(
	workflow: WorkflowJson,
	credentials: StoredCredential[] = [redshiftCredential({ password: SECRETS.rotatedPassword })],
) {
	const capture = captureLogs();
	try {
		const result = await runWorkflow(workflow, {
			credentials: [emulatorCredential(emu), ...credentials],
		});
		return { result, visible: everythingVisible(result, capture.logs) };
	} finally {
		capture.restore();
	}
}
const patches = () => flowRequests(emu).filter((request) => request.method === 'PATCH');

describe('Connection → Update', () => {
	it('rotates the Redshift password from the Redshift credential: GET for the etag, then PATCH with If-Match', async () => {
		const etag = emu.connections.get(id)?.etag;
		const { result, visible } = await run(update({ newSecretFrom: 'redshiftCredential' }));
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(flowRequests(emu).map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET ${BASE}/connections/${id}`,
			`GET ${BASE}/connectionSpecs/3416976c-a9ca-4bba-901a-1f08f66978ff`,
			`PATCH ${BASE}/connections/${id}`,
		]);
		const [patch] = patches();
		expect(patch.headers['if-match']).toBe(etag);
		expect(patch.json).toEqual([
			{
				op: 'replace',
				path: '/auth/params',
				value: { ...rotated, password: SECRETS.rotatedPassword },
			},
		]);
		expect(emu.connections.get(id)?.auth.params.password).toBe(SECRETS.rotatedPassword);
		expect(result.output('Adobe')).toEqual([
			{ id, etag: emu.connections.get(id)?.etag, updated: ['/auth/params/password'] },
		]);
		expect(leaksIn(visible, knownSecrets())).toEqual([]);
	});

	it('takes the new secret from an expression (a secrets-manager lookup, say)', async () => {
		const workflow = update({
			newSecretFrom: 'expression',
			secretValues: {
				secret: [{ name: 'password', value: '={{ "Mapped-" + "P@ss-from-vault-77" }}' }],
			},
			updateFields: { name: 'analytics (rotated)', description: 'rotated by n8n' },
		});
		const { result, visible } = await run(workflow, []);
		expect(patches()[0].json).toEqual([
			{ op: 'replace', path: '/name', value: 'analytics (rotated)' },
			{ op: 'add', path: '/description', value: 'rotated by n8n' },
			{
				op: 'replace',
				path: '/auth/params',
				value: { ...rotated, password: 'Mapped-P@ss-from-vault-77' },
			},
		]);
		expect(result.output('Adobe')[0].updated).toEqual([
			'/name',
			'/description',
			'/auth/params/password',
		]);
		expect(leaksIn(visible, knownSecrets({ mapped: 'Mapped-P@ss-from-vault-77' }))).toEqual([]);
	});

	it('takes from the source secrets credential only what the auth spec names', async () => {
		await run(update({ newSecretFrom: 'sourceSecretsCredential' }), [sourceSecretsCredential()]);
		expect(patches()[0].json).toEqual([
			{
				op: 'replace',
				path: '/auth/params',
				value: { ...rotated, password: SECRETS.rotatedPassword },
			},
		]);
	});

	it('refuses a literal secret typed into a parameter, before any request', async () => {
		const { result, visible } = await run(
			update({
				newSecretFrom: 'expression',
				secretValues: { secret: [{ name: 'password', value: 'Typed-Literal-Pass-99' }] },
			}),
			[],
		);
		expect(String(result.nodeError('Adobe')?.message)).toBe(
			'New Secret "password" is typed in, not mapped: a secret in a parameter is stored in plain text [item 0]',
		);
		expect(flowRequests(emu)).toEqual([]);
		expect(leaksIn(visible, knownSecrets({ typed: 'Typed-Literal-Pass-99' }))).toEqual([]);
	});

	it("says so when a field does not belong to the connection's auth spec", async () => {
		const { result } = await run(
			update({ updateFields: { loginFields: { field: [{ name: 'warehouse', value: 'W' }] } } }),
			[],
		);
		expect(result.nodeError('Adobe')).toMatchObject({
			message: `"warehouse" is not a field of the auth spec "Basic Authentication" of this connection [item 0]`,
			description: 'Its fields are server, port, database, schema, username, password.',
		});
		expect(patches()).toEqual([]);
	});

	it('reads the etag again and sends once more after a 412; a second 412 is a clear error', async () => {
		const stale = {
			kind: 'status' as const,
			status: 412,
			match: { method: 'PATCH' },
			body: {
				type: 'https://ns.adobe.com/aep/errors/FLOW-1404-412',
				title: 'Version not matching',
				status: 412,
			},
		};
		emu.inject(stale);
		const once = await run(update({ updateFields: { name: 'renamed' } }));
		expect(once.result.output('Adobe')[0]).toMatchObject({ id, updated: ['/name'] });
		expect(flowRequests(emu).map((request) => request.method)).toEqual([
			'GET',
			'PATCH',
			'GET',
			'PATCH',
		]);

		emu.requests.length = 0;
		emu.inject({ ...stale, times: 2 });
		const twice = await run(update({ updateFields: { name: 'renamed again' } }));
		expect(twice.result.nodeError('Adobe')).toMatchObject({
			httpCode: '412',
			description: expect.stringContaining(
				'The connection changed again between reading it and sending the update, twice. Run the node again.',
			),
		});
		expect(patches()).toHaveLength(2);
	});

	it('refuses to change the login without the secrets Adobe never shows back', async () => {
		const { result } = await run(
			update({
				updateFields: { loginFields: { field: [{ name: 'username', value: 'reader2' }] } },
			}),
			[],
		);
		expect(String(result.nodeError('Adobe')?.message)).toBe(
			'Changing the login replaces auth.params whole, and Adobe never shows stored secrets: give "password" too [item 0]',
		);
		expect(patches()).toEqual([]);
	});

	it('refuses a secret as a login field, and an update with nothing in it', async () => {
		const secret = await run(
			update({ updateFields: { loginFields: { field: [{ name: 'password', value: 'x' }] } } }),
			[],
		);
		expect(String(secret.result.nodeError('Adobe')?.message)).toMatch(
			/^Login field "password" is a secret/,
		);
		const nothing = await run(update({}), []);
		expect(String(nothing.result.nodeError('Adobe')?.message)).toBe(
			'Nothing to update: set a field or a new secret [item 0]',
		);
		expect(flowRequests(emu)).toEqual([]);
	});
});
