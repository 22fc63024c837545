// The Adobe Flow Service Trigger, polled over a sequence of emulator states in both modes.
import type { IDataObject } from 'n8n-workflow';

import { buildChain, emulatorSuite } from '../emulator/chain';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { findLeaks } from '../harness/fixtures';
import { TriggerHarness, triggerNode } from '../harness/pollTrigger';
import { emulatorCredential, flowRequests } from '../lifecycle/helpers';

const suite = emulatorSuite();

async function dataflow(name: string): Promise<string> {
	const chain = await buildChain(suite.call, { name });
	return chain.flow as string;
}

function trigger(parameters: IDataObject = {}, credential = emulatorCredential(suite.emulator)) {
	return new TriggerHarness(
		triggerNode({ event: 'runFailed', dataflows: 'all', ...parameters } as IDataObject as never),
		new HarnessCredentialsHelper([credential]),
	);
}

/** Flow Service requests since `from`, as `METHOD path` with the query decoded. */
function requestsSince(from: number): string[] {
	return flowRequests(suite.emulator)
		.slice(from)
		.map(
			(request) => `${request.method} ${request.path.replace('/data/foundation/flowservice', '')}`,
		);
}

const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.id);

describe('Adobe Flow Service Trigger in production', () => {
	it('seeds, then fires each finished run once: new, same timestamp, finished between polls, after a restart and after a failed poll', async () => {
		const flowId = await dataflow('Orders nightly');
		// A failure from before the workflow was activated is history, not news.
		suite.emulator.addRun(flowId, { outcome: 'failed', startedAt: Date.now() - 60_000 });
		const poller = trigger();
		expect(await poller.poll()).toBeNull();
		expect(poller.staticData['node:Adobe Flow Service Trigger']).toMatchObject({
			cursor: expect.any(Number),
		});

		// A new failed run fires once, with its dataflow's name, error codes and record counts.
		const failed = suite.emulator.addRun(flowId, { outcome: 'failed' });
		const [event] = (await poller.poll()) ?? [];
		expect(event).toMatchObject({
			id: failed.id,
			flowId,
			status: 'failed',
			dataflowName: 'Orders nightly',
			dataflowUrl: expect.stringContaining(`/platform/source/dataflows/${flowId}/activity`),
			errors: expect.arrayContaining([expect.objectContaining({ code: 'CONNECTOR-2001-500' })]),
			inputRecordCount: expect.any(Number),
			failedRecordCount: expect.any(Number),
		});
		expect(await poller.poll()).toBeNull();

		// Two runs that share a millisecond both fire, and neither fires twice.
		const at = Date.now();
		const twins = [
			suite.emulator.addRun(flowId, { outcome: 'failed', startedAt: at }),
			suite.emulator.addRun(flowId, { outcome: 'failed', startedAt: at }),
		];
		expect(ids(await poller.poll()).sort()).toEqual(twins.map((run) => run.id).sort());
		expect(await poller.poll()).toBeNull();

		// A run in progress at one poll fires when it has finished, at a later poll.
		const running = suite.emulator.addRun(flowId, { outcome: 'inProgress' });
		expect(await poller.poll()).toBeNull();
		suite.emulator.finishRun(running.id, 'failed');
		expect(ids(await poller.poll())).toEqual([running.id]);

		// A restart re-activates with the same immediate poll: nothing fires again.
		poller.restart();
		expect(await poller.poll()).toBeNull();
		const afterRestart = suite.emulator.addRun(flowId, { outcome: 'failed' });
		expect(ids(await poller.poll())).toEqual([afterRestart.id]);

		// A poll that fails on Adobe's side returns nothing and moves nothing; the next catches up.
		const missed = suite.emulator.addRun(flowId, { outcome: 'failed' });
		const before = poller.staticData;
		suite.emulator.inject({ kind: 'status', status: 503, match: { path: '/runs' }, times: 4 });
		expect(await poller.poll()).toBeNull();
		expect(poller.staticData).toEqual(before);
		expect(ids(await poller.poll())).toEqual([missed.id]);
		expect(await poller.poll()).toBeNull();
		const secrets = [suite.emulator.credentials.clientSecret, ...suite.emulator.tokensIssued];
		const everything = JSON.stringify([event, poller.staticData]);
		for (const secret of secrets) expect(everything).not.toContain(secret);
	});

	it('fires for the chosen trigger only, watching chosen dataflows in one listing per poll', async () => {
		const orders = await dataflow('Orders');
		const customers = await dataflow('Customers');
		const ignored = await dataflow('Ignored');
		const poller = trigger({
			event: 'runWithFailedRecords',
			dataflows: 'chosen',
			dataflowIds: [orders, customers],
		});
		expect(await poller.poll()).toBeNull();
		suite.emulator.addRun(orders, { outcome: 'success' });
		suite.emulator.addRun(orders, { outcome: 'failed' });
		const dropped = suite.emulator.addRun(customers, {
			outcome: 'failedRecords',
			failedRecords: 5,
		});
		suite.emulator.addRun(ignored, { outcome: 'failedRecords', failedRecords: 2 });
		const from = flowRequests(suite.emulator).length;
		const events = await poller.poll();
		expect(events).toEqual([
			expect.objectContaining({
				id: dropped.id,
				status: 'success',
				failedRecordCount: 5,
				dataflowName: 'Customers',
			}),
		]);
		// One /runs listing for both dataflows, one /flows look-up for the names.
		expect(requestsSince(from)).toEqual(['GET /runs', 'GET /flows']);
		const listing = flowRequests(suite.emulator)[from];
		expect(listing.query.property).toEqual(
			expect.arrayContaining([`flowId==${orders},${customers}`]),
		);
	});

	it('reports a credential Adobe refuses instead of staying silent', async () => {
		const credential = emulatorCredential(suite.emulator);
		credential.data.clientSecret = 'not-the-secret';
		const poller = trigger({}, credential);
		const error = (await poller.poll().catch((caught: unknown) => caught)) as Error;
		expect(error.message).toMatch(/Adobe IMS/);
		const told = JSON.stringify({ ...error, message: error.message });
		expect(told).not.toContain('not-the-secret');
		expect(told).not.toContain(suite.emulator.credentials.clientSecret);
	});
});

describe('Adobe Flow Service Trigger in manual mode (Fetch Test Event)', () => {
	it('returns the latest matching run and leaves the cursor alone', async () => {
		const flowId = await dataflow('Orders nightly');
		const poller = trigger();
		expect(await poller.poll()).toBeNull();
		const older = suite.emulator.addRun(flowId, {
			outcome: 'failed',
			startedAt: Date.now() - 5_000,
		});
		const latest = suite.emulator.addRun(flowId, { outcome: 'failed' });
		suite.emulator.addRun(flowId, { outcome: 'success' });
		const before = poller.staticData;
		const events = await poller.poll('manual');
		expect(events).toEqual([
			expect.objectContaining({ id: latest.id, dataflowName: 'Orders nightly' }),
		]);
		expect(poller.staticData).toEqual(before);
		// Production still sees both failures as new.
		expect(ids(await poller.poll()).sort()).toEqual([older.id, latest.id].sort());
		expect(findLeaks(JSON.stringify(events))).toEqual([]);
	});
});
