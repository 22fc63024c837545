// Issues the reliability suite found in the node, now fixed: each test pins the behaviour
// wanted, so that the issue cannot come back.
import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { emulatorCredential } from '../lifecycle/helpers';
import { OPERATIONS, seedConnection } from './support';

let emu: FlowServiceEmulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu?.close());
beforeEach(() => emu.reset());

const deleteOperation = OPERATIONS.find((operation) => operation.kind === 'delete')!;
const createParameters = {
	resource: 'connection',
	operation: 'createRedshift',
	name: 'Known issues',
	redshiftCredentials: 'parameters',
	server: '={{ $json.server }}',
	database: 'dev',
	username: 'reader',
	password: 'pw-known-issues',
};

describe('n8n swaps a message that contains an error code for its own text', () => {
	// NodeOperationError and NodeApiError scan their message for ECONNRESET, ENOENT, EACCES...
	// (n8n-workflow's COMMON_ERRORS, case-insensitive) and replace the whole message. Fix: set
	// `error.message` again after constructing the error, in invalidParameter() and
	// toNodeApiError() (helpers/errors.ts).
	it('a bad server name that contains "eaccess" still names the parameter', async () => {
		const result = await runWorkflow(singleNodeWorkflow(createParameters), {
			credentials: [emulatorCredential(emu)],
			inputItems: [{ server: 'eaccess.example.com:' }],
		});
		// Was: "Forbidden by access permissions, make sure you have the right permissions".
		expect(result.nodeError('Adobe')?.message).toMatch(
			/^Server must not include a port .*\[item 0\]$/,
		);
	});

	it('an unreachable IMS is named in the message', async () => {
		emu.inject({ match: { service: 'ims' }, kind: 'drop' });
		const result = await runWorkflow(singleNodeWorkflow(OPERATIONS[0].parameters('')), {
			credentials: [emulatorCredential(emu)],
		});
		// Was: "The connection to the server was closed unexpectedly, perhaps it is offline. …"
		expect(result.nodeError('Adobe')?.message).toMatch(/^Could not reach Adobe IMS/);
	});
});

describe('Create Redshift: Redshift Login From', () => {
	// Any value but the literal "credential" or "parameters" (an expression, a typo in imported
	// JSON) reaches n8n's credential lookup, whose display check reads the raw value and answers
	// "Credentials not found", naming neither the parameter nor the item. Fix: check the value
	// in readRedshiftLogin() like ifExists, and set noDataExpression on the parameter.
	it('an unknown value names the parameter', async () => {
		const result = await runWorkflow(
			singleNodeWorkflow({ ...createParameters, redshiftCredentials: 'Parameters' }),
			{ credentials: [emulatorCredential(emu)], inputItems: [{ server: 'cluster.example.com' }] },
		);
		// Was: "Credentials not found".
		expect(result.nodeError('Adobe')?.message).toMatch(/^Redshift Login From .*\[item 0\]$/);
	});
});

describe('Delete', () => {
	// notReplayedAdvice (transport/retry.ts) speaks of creates for every non-GET request.
	it('after a 5xx its advice is about the delete, not about a duplicate create', async () => {
		const { id } = await seedConnection(emu);
		emu.inject({ match: { method: 'DELETE' }, kind: 'status', status: 503 });
		const result = await runWorkflow(singleNodeWorkflow(deleteOperation.parameters(id)), {
			credentials: [emulatorCredential(emu)],
		});
		expect(String(result.nodeError('Adobe')?.description)).not.toMatch(/create/);
	});

	// A 2xx to a DELETE means it was done; only an empty body is accepted as such today.
	it('a 2xx with an unreadable body counts as deleted', async () => {
		const { id } = await seedConnection(emu);
		emu.inject({ match: { method: 'DELETE' }, kind: 'malformed' });
		const result = await runWorkflow(singleNodeWorkflow(deleteOperation.parameters(id)), {
			credentials: [emulatorCredential(emu)],
		});
		expect(result.output('Adobe')).toEqual([{ deleted: true, id }]);
	});
});
