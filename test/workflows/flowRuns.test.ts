import nock from 'nock';

import { adobeCredential, BASE_PATH, findLeaks } from '../harness/fixtures';
import { FLOW_ID, makeRun, runId } from '../harness/flowRuns';
import { mockFlowService, mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';

const credentials = () => [adobeCredential()];
const flowRun = (operation: string, extra: Record<string, unknown> = {}, settings = {}) =>
	singleNodeWorkflow({ resource: 'flowRun', operation, ...extra }, settings);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Decoded `path?query` of each request a scope answered. */
function recorder() {
	const seen: string[] = [];
	return {
		seen,
		record(uri: string) {
			seen.push(decodeURIComponent(uri.replace(BASE_PATH, '')));
		},
	};
}

describe('Flow Run → Get', () => {
	it('outputs the run with a flat summary beside its raw fields', async () => {
		mockImsToken();
		const run = makeRun({
			status: 'Failed',
			startedAt: Date.UTC(2026, 5, 1, 12, 0, 0),
			completedAt: Date.UTC(2026, 5, 1, 12, 1, 30, 500),
			input: 100,
			output: 90,
			failed: 10,
			errors: [{ code: 'CONNECTOR-2001-500', message: 'Error occurred at promotion activity.' }],
			activityErrors: [
				{ code: 'INGEST-1212-400', message: 'Some rows failed' },
				{ code: 'MAPPER-3700-400', message: 'Mapper Transform Error', recordCount: 1 },
				{ code: 'CONNECTOR-2001-500', message: 'Error occurred at promotion activity.' },
			],
		});
		const api = mockFlowService()
			.get(`/runs/${run.id as string}`)
			.reply(200, { items: [run] });
		const result = await runWorkflow(flowRun('get', { runId: run.id }), {
			credentials: credentials(),
		});
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([
			{
				...run,
				status: 'failed',
				startedAt: '2026-06-01T12:00:00.000Z',
				completedAt: '2026-06-01T12:01:30.500Z',
				durationSeconds: 90.5,
				inputRecordCount: 100,
				outputRecordCount: 90,
				failedRecordCount: 10,
				errors: [
					{ code: 'CONNECTOR-2001-500', message: 'Error occurred at promotion activity.' },
					{ code: 'INGEST-1212-400', message: 'Some rows failed' },
					{ code: 'MAPPER-3700-400', message: 'Mapper Transform Error' },
				],
			},
		]);
	});

	it('refuses a run ID that is not a UUID before any request', async () => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(flowRun('get', { runId: 'last-run' }), {
			credentials: credentials(),
		});
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(
			'Run ID must be a run ID (a UUID) (got "last-run") [item 0]',
		);
	});
});

describe('Flow Run → Get Many', () => {
	it('sends the filters as documented, newest first, and re-sends them on every page', async () => {
		mockImsToken();
		const calls = recorder();
		const first = [makeRun(), makeRun()];
		const second = [makeRun()];
		// A token with characters a split("=") would cut.
		const token = 'eyJvZmZzZXQiOjJ9==&x';
		const api = mockFlowService()
			.get('/runs')
			.query(true)
			.reply(function (uri) {
				calls.record(uri);
				return [
					200,
					{
						items: first,
						_links: { next: { href: `/runs?continuationToken=${encodeURIComponent(token)}` } },
					},
				];
			})
			.get('/runs')
			.query(true)
			.reply(function (uri) {
				calls.record(uri);
				return [200, { items: second, _links: {} }];
			});
		const result = await runWorkflow(
			flowRun('getAll', {
				dataflowId: byId(FLOW_ID),
				returnAll: true,
				filters: {
					status: 'failed',
					startedAfter: '2026-06-01T00:00:00.000Z',
					startedBefore: '2026-06-02T00:00:00.000Z',
				},
			}),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
		const filters =
			`property=flowId==${FLOW_ID}&property=metrics.statusSummary.status==failed` +
			'&property=metrics.durationSummary.startedAtUTC>1780272000000' +
			'&property=metrics.durationSummary.startedAtUTC<1780358400000&orderby=-createdAt&limit=50';
		expect(calls.seen).toEqual([`/runs?${filters}`, `/runs?${filters}&continuationToken=${token}`]);
		expect(result.output('Adobe').map((run) => run.id)).toEqual(
			[...first, ...second].map((run) => run.id),
		);
		expect(result.output('Adobe')[0]).toMatchObject({ status: 'success', failedRecordCount: 0 });
	});

	it('stops at the limit and asks for no more than it needs', async () => {
		mockImsToken();
		const calls = recorder();
		mockFlowService()
			.get('/runs')
			.query(true)
			.reply(function (uri) {
				calls.record(uri);
				return [
					200,
					{
						items: [makeRun(), makeRun(), makeRun()],
						_links: { next: { href: '/runs?continuationToken=t2' } },
					},
				];
			});
		const result = await runWorkflow(flowRun('getAll', { limit: 3 }), {
			credentials: credentials(),
		});
		expect(calls.seen).toEqual(['/runs?orderby=-createdAt&limit=3']);
		expect(result.output('Adobe')).toHaveLength(3);
	});

	it('refuses a time window that ends before it starts, before any request', async () => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(
			flowRun('getAll', {
				filters: { startedAfter: '2026-06-02T00:00:00Z', startedBefore: '2026-06-01T00:00:00Z' },
			}),
			{ credentials: credentials() },
		);
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(
			'Filter "Started Before" must be later than Filter "Started After" [item 0]',
		);
	});
});

const onceFlow = (deltaColumn?: string, frequency = 'once') => ({
	id: FLOW_ID,
	name: 'Orders (once)',
	scheduleParams: { frequency, startTime: 1750000000 },
	transformations: [
		{ name: 'Copy', params: deltaColumn ? { deltaColumn: { name: deltaColumn } } : {} },
		{ name: 'Mapping', params: { mappingId: 'm1', mappingVersion: 0 } },
	],
});

const createRun = (extra: Record<string, unknown> = {}, settings = {}) =>
	flowRun(
		'create',
		{
			dataflowId: byId(FLOW_ID),
			windowStart: '2026-06-01T00:00:00Z',
			windowEnd: '2026-06-02T00:00:00Z',
			deltaColumn: 'updated_at',
			...extra,
		},
		settings,
	);

describe('Flow Run → Create', () => {
	it('checks the dataflow, then posts the window and the delta column in seconds', async () => {
		mockImsToken();
		const bodies: unknown[] = [];
		const id = runId();
		const api = mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [onceFlow()] })
			.post('/runs', (body) => {
				bodies.push(body);
				return true;
			})
			.matchHeader('content-type', 'application/json')
			.reply(201, { items: [{ id, etag: '"1100c53e-0000-0200-0000-000000000000"' }] });
		const result = await runWorkflow(createRun(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(bodies).toEqual([
			{
				flowId: FLOW_ID,
				params: {
					startTime: expect.stringMatching(/^\d{10}$/),
					windowStartTime: '1780272000',
					windowEndTime: '1780358400',
					deltaColumn: { name: 'updated_at' },
				},
			},
		]);
		expect(result.output('Adobe')).toEqual([
			{ flowId: FLOW_ID, id, etag: '"1100c53e-0000-0200-0000-000000000000"' },
		]);
	});

	it('reads the bare {id, etag} answer of the OpenAPI too', async () => {
		mockImsToken();
		const id = runId();
		mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [onceFlow('updated_at')] })
			.post('/runs')
			.reply(201, { id, etag: '"e"' });
		const result = await runWorkflow(createRun({ deltaColumn: '' }), {
			credentials: credentials(),
		});
		expect(result.output('Adobe')).toEqual([{ flowId: FLOW_ID, id, etag: '"e"' }]);
	});

	it.each([
		[
			'a scheduled dataflow (1386)',
			onceFlow(undefined, 'minute'),
			{},
			'Dataflow is scheduled with frequency "minute": only dataflows scheduled to run once can be run on demand (Adobe error 1386) [item 0]',
		],
		[
			'a first run without a delta column (1383)',
			onceFlow(),
			{ deltaColumn: '' },
			"Delta Column is needed on this dataflow's first run (Adobe error 1383) [item 0]",
		],
		[
			'another delta column than the dataflow has (1382)',
			onceFlow('modified'),
			{},
			'Delta Column must be "modified", the column this dataflow already uses, or empty (Adobe error 1382) [item 0]',
		],
	])('refuses %s before the run is asked for', async (_label, flow, extra, message) => {
		mockImsToken();
		mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [flow] });
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(createRun(extra), { credentials: credentials() });
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(message);
	});

	it('refuses a window that ends before it starts (1381) before any request', async () => {
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(
			createRun({ windowStart: '2026-06-02T00:00:00Z', windowEnd: '2026-06-01T00:00:00Z' }),
			{ credentials: credentials() },
		);
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.nodeError('Adobe')?.message).toBe(
			'Window End must not be before Window Start [item 0]',
		);
	});

	it('looks for the run before sending again when the answer is lost', async () => {
		mockImsToken();
		const created = makeRun({ status: 'scheduled', startedAt: Date.now() });
		const api = mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [onceFlow()] })
			.post('/runs')
			.once()
			.reply(503, { type: 'https://ns.adobe.com/aep/errors/FLOW-1103-503', title: 'Unavailable' })
			.get('/runs')
			.query({ property: `flowId==${FLOW_ID}`, orderby: '-createdAt', limit: '10' })
			.reply(200, { items: [created] });
		const result = await runWorkflow(createRun(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([
			expect.objectContaining({ id: created.id, status: 'scheduled' }),
		]);
	});
});

describe('Flow Run → Create with Wait for Completion', () => {
	const waiting = (extra: Record<string, unknown> = {}, settings = {}) =>
		createRun(
			{ waitForCompletion: true, pollIntervalSeconds: 0.02, maxWaitSeconds: 5, ...extra },
			settings,
		);

	it('polls until the run has finished and outputs the finished run', async () => {
		mockImsToken();
		const id = runId();
		const api = mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [onceFlow()] })
			.post('/runs')
			.reply(201, { items: [{ id, etag: '"e"' }] })
			.get(`/runs/${id}`)
			.reply(404, { type: 'https://ns.adobe.com/aep/errors/FLOW-1101-404', title: 'Not found' })
			.get(`/runs/${id}`)
			.reply(200, { items: [makeRun({ id, status: 'scheduled' })] })
			.get(`/runs/${id}`)
			.reply(200, { items: [makeRun({ id, status: 'inProgress' })] })
			.get(`/runs/${id}`)
			.reply(200, {
				items: [
					makeRun({ id, status: 'FAILED', errors: [{ code: 'CONNECTOR-2001-500', message: 'x' }] }),
				],
			});
		const result = await runWorkflow(waiting(), { credentials: credentials() });
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([
			expect.objectContaining({
				id,
				status: 'failed',
				errors: [{ code: 'CONNECTOR-2001-500', message: 'x' }],
			}),
		]);
	});

	it('fails with the run ID when Max Wait is reached, or outputs that under continue-on-fail', async () => {
		for (const settings of [{}, { onError: 'continueRegularOutput' }]) {
			mockImsToken();
			const id = runId();
			mockFlowService()
				.get(`/flows/${FLOW_ID}`)
				.reply(200, { items: [onceFlow()] })
				.post('/runs')
				.reply(201, { id, etag: '"e"' })
				.get(`/runs/${id}`)
				.times(50)
				.reply(200, { items: [makeRun({ id, status: 'inProgress' })] });
			const result = await runWorkflow(waiting({ maxWaitSeconds: 0.3 }, settings), {
				credentials: credentials(),
			});
			const message = `Run ${id} has not finished after 0.3 s (Max Wait); its status is "inProgress" [item 0]`;
			if ('onError' in settings) {
				expect(result.items('Adobe')).toEqual([
					{ json: expect.objectContaining({ error: message }), pairedItem: { item: 0 } },
				]);
			} else {
				expect(result.nodeError('Adobe')?.message).toBe(message);
			}
			nock.cleanAll();
		}
	});

	it('stops polling at once when the execution is cancelled', async () => {
		mockImsToken();
		const id = runId();
		let polls = 0;
		let cancel = () => {};
		mockFlowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, { items: [onceFlow()] })
			.post('/runs')
			.reply(201, { id, etag: '"e"' })
			.get(`/runs/${id}`)
			.times(50)
			.reply(() => {
				// Stop during the next pause, as a user would between two looks.
				if (++polls === 2) setTimeout(cancel, 10);
				return [200, { items: [makeRun({ id, status: 'inProgress' })] }];
			});
		const startedAt = Date.now();
		const result = await runWorkflow(
			waiting(
				{ pollIntervalSeconds: 0.05, maxWaitSeconds: 60 },
				{ onError: 'continueRegularOutput' },
			),
			{
				credentials: credentials(),
				onStarted: (stop) => (cancel = stop),
			},
		);
		expect(Date.now() - startedAt).toBeLessThan(5000);
		expect(polls).toBe(2);
		// n8n records an execution whose node stopped with a 'canceled' message as canceled.
		expect(result.run.status).toBe('canceled');
	});
});

describe('Flow Run → Retry', () => {
	it('re-triggers a failed run and waits until the retry has finished', async () => {
		mockImsToken();
		const failed = makeRun({ status: 'failed' });
		const id = failed.id as string;
		const api = mockFlowService()
			.get(`/runs/${id}`)
			.reply(200, { items: [failed] })
			.post(`/runs/${id}/action`)
			.query({ op: 'RE_TRIGGER' })
			.reply(200, { id, etag: '"e2"' })
			// Adobe has not picked the retry up yet: the old failure is not the answer.
			.get(`/runs/${id}`)
			.reply(200, { items: [failed] })
			.get(`/runs/${id}`)
			.reply(200, { items: [makeRun({ id, status: 'inProgress' })] })
			.get(`/runs/${id}`)
			.reply(200, { items: [makeRun({ id, status: 'success' })] });
		const result = await runWorkflow(
			flowRun('retry', {
				runId: id,
				waitForCompletion: true,
				pollIntervalSeconds: 0.02,
				maxWaitSeconds: 5,
			}),
			{ credentials: credentials() },
		);
		expect(api.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([expect.objectContaining({ id, status: 'success' })]);
	});

	it('outputs the answer without waiting, and refuses a run that did not fail', async () => {
		mockImsToken();
		const failed = makeRun({ status: 'failed' });
		const succeeded = makeRun({ status: 'success' });
		mockFlowService()
			.get(`/runs/${failed.id as string}`)
			.reply(200, { items: [failed] })
			.post(`/runs/${failed.id as string}/action?op=RE_TRIGGER`)
			.reply(200, { id: failed.id, etag: '"e2"' })
			.get(`/runs/${succeeded.id as string}`)
			.reply(200, { items: [succeeded] });
		const unmatched = watchUnmatchedRequests();
		const result = await runWorkflow(
			flowRun('retry', { runId: '={{ $json.run }}' }, { onError: 'continueRegularOutput' }),
			{ credentials: credentials(), inputItems: [{ run: failed.id }, { run: succeeded.id }] },
		);
		unmatched.stop();
		expect(unmatched.count()).toBe(0);
		expect(result.items('Adobe')).toEqual([
			{
				json: { id: failed.id, etag: '"e2"', retried: true, retriedRunId: failed.id },
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({
					error:
						'Run ID names a run whose status is "success": only failed runs can be retried (Adobe error 1387) [item 1]',
				}),
				pairedItem: { item: 1 },
			},
		]);
		expect(findLeaks(result.serialized)).toEqual([]);
	});
});
