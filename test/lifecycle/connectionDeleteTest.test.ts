// Connection → Delete and Test, continue-on-fail, and batching order, against the emulator.
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator, RecordedRequest } from '../emulator/server';
import { runWorkflow } from '../harness/runWorkflow';
import {
	BASE,
	byId,
	connectionWorkflow,
	emulatorCredential,
	flowRequests,
	seedConnections,
} from './helpers';

let emu: FlowServiceEmulator;
/** When each Flow Service request was answered, by request record. */
const answeredAt = new Map<RecordedRequest, number>();

const run = (
	operation: string,
	parameters: Record<string, unknown>,
	inputItems?: IDataObject[],
	extra = {},
) =>
	runWorkflow(connectionWorkflow(operation, parameters, extra), {
		credentials: [emulatorCredential(emu)],
		inputItems,
	});
const fromInput = byId('={{ $json.id }}');

beforeAll(async () => {
	emu = await startEmulator({ onRequest: (request) => answeredAt.set(request, Date.now()) });
});
afterAll(async () => emu.close());
beforeEach(() => {
	emu.reset();
	answeredAt.clear();
});

describe('Connection → Delete', () => {
	it('deletes: DELETE /connections/{id}, output {deleted: true, id}', async () => {
		const [keep, gone] = await seedConnections(emu, ['keep', 'gone']);
		const result = await run('delete', { connectionId: byId(gone) });
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(result.items('Adobe')).toEqual([
			{ json: { deleted: true, id: gone }, pairedItem: { item: 0 } },
		]);
		expect(
			flowRequests(emu).map((request) => [request.method, request.path, request.query]),
		).toEqual([['DELETE', `${BASE}/connections/${gone}`, {}]]);
		expect([...emu.connections.keys()]).toEqual([keep]);
	});

	it('refuses to delete a connection that dataflows use, saying so', async () => {
		const [id] = await seedConnections(emu, ['in use']);
		emu.markInUse(id);
		const result = await run('delete', { connectionId: byId(id) });
		const error = result.nodeError('Adobe');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('400');
		// Adobe's title for 1418 is a bare "Invalid request"; our headline says what happened.
		expect(error?.message).toBe(
			'The connection is still used by one or more dataflows, so it cannot be deleted [FLOW-1418-400]',
		);
		const description = String(error?.description);
		expect(description).toContain(
			`cannot be deleted because the base connection is being used in one or more flows`,
		);
		// The hint names the whole teardown order, not only "delete the flows".
		expect(description).toContain(
			'Tear down in this order: delete the dataflows first (Dataflow → Delete), then their source and target connections, then the base connection.',
		);
		expect(description).toMatch(/Adobe request ID: [0-9a-f-]{36}$/);
		// Nothing was retried: a 400 is final, and a DELETE is not replayed.
		expect(flowRequests(emu)).toHaveLength(1);
		expect(emu.connections.has(id)).toBe(true);
	});

	it('with continue-on-fail, yields one output item per input item, in order', async () => {
		const [first, used, third] = await seedConnections(emu, ['first', 'used', 'third']);
		emu.markInUse(used);
		const missing = '00000000-0000-4000-8000-00000000dead';
		const result = await run(
			'delete',
			{ connectionId: fromInput },
			[{ id: first }, { id: used }, { id: missing }, { id: third }],
			{ onError: 'continueRegularOutput' },
		);
		const items = result.items('Adobe');
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json).toEqual({ deleted: true, id: first });
		expect(items[1].json).toMatchObject({ adobeCode: 'FLOW-1418-400', httpCode: '400' });
		expect(String(items[1].json.error)).toContain('still used by one or more dataflows');
		expect(items[2].json).toMatchObject({ adobeCode: 'FLOW-1101-404', httpCode: '404' });
		expect(items[3].json).toEqual({ deleted: true, id: third });
		expect([...emu.connections.keys()]).toEqual([used]);
	});

	it('without continue-on-fail, stops at the first failure', async () => {
		const [used] = await seedConnections(emu, ['used']);
		emu.markInUse(used);
		const result = await run('delete', { connectionId: fromInput }, [{ id: used }], {});
		expect(result.nodeError('Adobe')?.message).toContain('FLOW-1418-400');
		expect(result.output('Adobe')).toEqual([]);
	});
});

describe('Connection → Test', () => {
	it('outputs {id, result} for a working and a failing connection', async () => {
		const [ok, broken] = await seedConnections(emu, ['ok', 'broken']);
		emu.setTestResult(broken, false);
		const result = await run('test', { connectionId: fromInput }, [{ id: ok }, { id: broken }]);
		expect(result.items('Adobe')).toEqual([
			{ json: { id: ok, result: true }, pairedItem: { item: 0 } },
			{ json: { id: broken, result: false }, pairedItem: { item: 1 } },
		]);
		expect(
			flowRequests(emu)
				.map((request) => [request.method, request.path, request.query])
				.sort(),
		).toEqual(
			[
				['GET', `${BASE}/connections/${ok}/test`, {}],
				['GET', `${BASE}/connections/${broken}/test`, {}],
			].sort(),
		);
	});

	it('turns a 404 into the usual NodeApiError', async () => {
		const result = await run('test', {
			connectionId: byId('00000000-0000-4000-8000-00000000dead'),
		});
		expect(result.nodeError('Adobe')).toMatchObject({
			name: 'NodeApiError',
			message: 'Resource not found [FLOW-1101-404]',
		});
	});
});

describe('Batching', () => {
	it('runs 10 items 3 at a time and keeps input order and pairing, even when answers come out of order', async () => {
		const ids = await seedConnections(
			emu,
			Array.from({ length: 10 }, (_, index) => `c${index}`),
		);
		emu.setTestResult(ids[4], false);
		emu.setLatency(60);
		// Item 1's first answer is a 503: it is retried after a back-off, so it ends after later items.
		emu.inject({ kind: 'status', status: 503, match: { path: `/connections/${ids[1]}/test` } });
		const result = await run(
			'test',
			{ connectionId: fromInput, options: { concurrency: 3 } },
			ids.map((id) => ({ id })),
		);
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(result.items('Adobe')).toEqual(
			ids.map((id, index) => ({ json: { id, result: index !== 4 }, pairedItem: { item: index } })),
		);

		const requests = flowRequests(emu);
		expect(requests).toHaveLength(11);
		// Answers really came out of input order...
		const answerOrder = [...requests]
			.filter((request) => request.status === 200)
			.sort((a, b) => answeredAt.get(a)! - answeredAt.get(b)!)
			.map((request) => ids.indexOf(request.path.split('/').at(-2)!));
		expect(answerOrder).not.toEqual([...answerOrder].sort((a, b) => a - b));
		// ...and never more than 3 were in flight at once (but 3 were).
		const inFlight = requests.map(
			(request) =>
				requests.filter(
					(other) => other.at <= request.at && (answeredAt.get(other) ?? Infinity) > request.at,
				).length,
		);
		expect(Math.max(...inFlight)).toBe(3);
	});
});
