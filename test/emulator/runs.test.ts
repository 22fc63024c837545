// Flow runs: what the emulator produces, the list filters and paging, GET, on-demand runs,
// re-trigger, and the test hooks that make runs appear and finish between two polls.
import { buildChain, emulatorSuite, flowBody, type Chain } from './chain';

const FLOW_TYPE = (code: string) => `https://ns.adobe.com/aep/errors/FLOW-${code}`;
const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

const suite = emulatorSuite();
const { call } = suite;
const q = (expression: string) => `property=${encodeURIComponent(expression)}`;
const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

describe('runs the emulator produces', () => {
	let chain: Chain;
	beforeEach(async () => {
		chain = await buildChain(call, {});
	});

	it('success: counts in recordSummary, no errors, completedAtUTC after startedAtUTC', async () => {
		const run = suite.emulator.addRun(chain.flow!, { startedAt: T0, records: 500 });
		const got = (await call.flow(`/runs/${run.id}`)).body;
		expect(got.items).toHaveLength(1);
		expect(got.items[0]).toMatchObject({
			id: run.id,
			flowId: chain.flow,
			createdAt: T0,
			etag: expect.stringMatching(/^"/),
			metrics: {
				durationSummary: { startedAtUTC: T0, completedAtUTC: T0 + 60_000 },
				recordSummary: { inputRecordCount: 500, outputRecordCount: 500, failedRecordCount: 0 },
				statusSummary: { status: 'success' },
			},
		});
		expect(got.items[0].metrics.statusSummary.errors).toBeUndefined();
		expect(got.items[0].activities.map((a: { name: string }) => a.name)).toEqual([
			'Copy Activity',
			'Promotion Activity',
		]);
	});

	it('failed: run-level and activity-level errors with codes', async () => {
		const run = suite.emulator.addRun(chain.flow!, { outcome: 'failed', startedAt: T0 });
		const item = (await call.flow(`/runs/${run.id}`)).body.items[0];
		expect(item.metrics.statusSummary).toEqual({
			status: 'failed',
			errors: [{ code: 'CONNECTOR-2001-500', message: 'Error occurred at promotion activity.' }],
			activityRefs: ['promotionActivity'],
		});
		expect(item.activities[1].statusSummary).toMatchObject({
			status: 'failed',
			errors: [{ code: 'CONNECTOR-2001-500' }],
		});
		const custom = suite.emulator.addRun(chain.flow!, {
			outcome: 'failed',
			errors: [{ code: 'CONNECTOR-1001-500', message: 'Could not connect.' }],
		});
		expect(custom.metrics.statusSummary.errors).toEqual([
			{ code: 'CONNECTOR-1001-500', message: 'Could not connect.' },
		]);
	});

	it('success with failed records: failedRecordCount and row errors in the activity extensions', async () => {
		const run = suite.emulator.addRun(chain.flow!, {
			outcome: 'failedRecords',
			records: 100,
			failedRecords: 7,
		});
		const item = (await call.flow(`/runs/${run.id}`)).body.items[0];
		expect(item.metrics.statusSummary.status).toBe('success');
		expect(item.metrics.recordSummary).toEqual({
			inputRecordCount: 100,
			outputRecordCount: 93,
			failedRecordCount: 7,
		});
		expect(
			item.activities[1].statusSummary.extensions.errors.map((e: { code: string }) => e.code),
		).toEqual(['INGEST-1212-400', 'MAPPER-3700-400']);
		expect(item.activities[1].targetInfo[0].reference).toEqual({
			type: 'Batch',
			ids: [expect.any(String)],
		});
	});

	it('inProgress, then finished between two polls by finishRun; setRunStatus sends any status', async () => {
		const run = suite.emulator.addRun(chain.flow!, { outcome: 'inProgress', startedAt: T0 });
		const before = (await call.flow(`/runs/${run.id}`)).body.items[0];
		expect(before.metrics.statusSummary.status).toBe('inProgress');
		expect(before.metrics.durationSummary.completedAtUTC).toBeUndefined();
		suite.emulator.finishRun(run.id, 'failed', { completedAt: T0 + 5000 });
		const after = (await call.flow(`/runs/${run.id}`)).body.items[0];
		expect(after.metrics.statusSummary.status).toBe('failed');
		expect(after.metrics.durationSummary.completedAtUTC).toBe(T0 + 5000);
		expect(after.updatedAt).toBe(T0 + 5000);
		expect(after.etag).not.toBe(before.etag);
		suite.emulator.setRunStatus(run.id, 'Failed');
		expect((await call.flow(`/runs/${run.id}`)).body.items[0].metrics.statusSummary.status).toBe(
			'Failed',
		);
		expect(() => suite.emulator.addRun('nope')).toThrow(/No dataflow/);
		expect(() => suite.emulator.finishRun('nope')).toThrow(/No run/);
	});

	it('shows the last run in the flow', async () => {
		suite.emulator.addRun(chain.flow!, { startedAt: T0 });
		const last = suite.emulator.addRun(chain.flow!, { outcome: 'failed', startedAt: T0 + 1000 });
		const flow = (await call.flow(`/flows/${chain.flow}`)).body.items[0];
		expect(flow.lastRunDetails).toEqual({
			id: last.id,
			state: 'failed',
			startedAtUTC: T0 + 1000,
			completedAtUTC: T0 + 61_000,
		});
	});
});

describe('GET /runs', () => {
	let chain: Chain;
	let other: string;
	beforeEach(async () => {
		chain = await buildChain(call, {});
		other = (
			await call.flow('/flows', { method: 'POST', body: flowBody(chain, { name: 'other' }) })
		).body.id;
	});

	it('filters on flowId (one or several), status in any case and a time window', async () => {
		const a = suite.emulator.addRun(chain.flow!, { startedAt: T0 });
		const b = suite.emulator.addRun(chain.flow!, { outcome: 'failed', startedAt: T0 + 1000 });
		const c = suite.emulator.addRun(other, { outcome: 'failed', startedAt: T0 + 2000 });
		expect(ids((await call.flow(`/runs?${q(`flowId==${chain.flow}`)}`)).body)).toEqual([
			a.id,
			b.id,
		]);
		expect(
			ids(
				(await call.flow(`/runs?${q(`flowId==${chain.flow},${other}`)}&orderby=-createdAt`)).body,
			),
		).toEqual([c.id, b.id, a.id]);
		for (const status of ['failed', 'Failed', 'FAILED']) {
			expect(
				ids((await call.flow(`/runs?${q(`metrics.statusSummary.status==${status}`)}`)).body),
			).toEqual([b.id, c.id]);
		}
		const window = `${q(`createdAt>${T0}`)}&${q(`createdAt<${T0 + 2000}`)}`;
		expect(ids((await call.flow(`/runs?${window}`)).body)).toEqual([b.id]);
		const started = q(`metrics.durationSummary.startedAtUTC>=${T0 + 1000}`);
		expect(ids((await call.flow(`/runs?${started}&${q(`flowId==${chain.flow}`)}`)).body)).toEqual([
			b.id,
		]);
		expect(ids((await call.flow(`/runs?${q(`id==${a.id},${c.id}`)}`)).body)).toEqual([a.id, c.id]);
		expect((await call.flow(`/runs?${q('name==x')}`)).body.type).toBe(FLOW_TYPE('1449-400'));
		expect((await call.flow(`/runs?${q('flowId>3')}`)).body.type).toBe(FLOW_TYPE('1450-400'));
		expect((await call.flow(`/runs?${q('createdAt>yesterday')}`)).body.type).toBe(
			FLOW_TYPE('1453-400'),
		);
	});

	it('pages newest first with tokens that carry = and survive new runs arriving between pages', async () => {
		const made = [0, 1, 2, 3, 4].map((i) =>
			suite.emulator.addRun(chain.flow!, { startedAt: T0 + i * 1000 }),
		);
		const first = await call.flow(`/runs?${q(`flowId==${chain.flow}`)}&orderby=-createdAt&limit=2`);
		expect(ids(first.body)).toEqual([made[4].id, made[3].id]);
		const href: string = first.body._links.next.href;
		expect(href.startsWith('/runs?continuationToken=')).toBe(true);
		const pageToken = new URL(href, 'http://x').searchParams.get('continuationToken')!;
		expect(pageToken).toMatch(/=/);
		expect(href.split('continuationToken=')[1].split('&')[0]).not.toBe(pageToken);
		suite.emulator.addRun(chain.flow!, { startedAt: T0 + 9000 });
		const second = await call.flow(href);
		expect(ids(second.body)).toEqual([made[2].id, made[1].id]);
		const third = await call.flow(second.body._links.next.href);
		expect(ids(third.body)).toEqual([made[0].id]);
		expect(third.body._links).toEqual({});
		// A client that splits the decoded link on '=' (as aepp does) loses the token's padding.
		const naive = decodeURIComponent(href).split('&')[0].split('=')[1];
		const sameQuery = `orderby=-createdAt&limit=2&${q(`flowId==${chain.flow}`)}`;
		const truncated = `/runs?continuationToken=${encodeURIComponent(naive)}&${sameQuery}`;
		expect((await call.flow(truncated)).status).toBe(400);
		expect(
			(await call.flow(`/runs?continuationToken=${encodeURIComponent(pageToken)}&limit=2`)).status,
		).toBe(400);
	});

	it('keeps runs that share a timestamp in a stable order across pages', async () => {
		const same = [0, 1, 2].map(() => suite.emulator.addRun(chain.flow!, { startedAt: T0 }));
		const first = await call.flow('/runs?orderby=-createdAt&limit=2');
		const second = await call.flow(first.body._links.next.href);
		expect([...ids(first.body), ...ids(second.body)]).toEqual([same[2].id, same[1].id, same[0].id]);
	});

	it('counts, refuses count with limit (1401) and bad orderby (1433), and hides other sandboxes', async () => {
		suite.emulator.addRun(chain.flow!);
		expect((await call.flow('/runs?count=true')).body).toEqual({ count: 1 });
		expect((await call.flow('/runs?count=true&limit=2')).body.type).toBe(FLOW_TYPE('1401-400'));
		expect((await call.flow('/runs?orderby=status')).body.type).toBe(FLOW_TYPE('1433-400'));
		expect((await call.flow('/runs', { headers: { 'x-sandbox-name': 'dev' } })).body.items).toEqual(
			[],
		);
		expect((await call.flow('/runs/nope')).status).toBe(404);
	});
});

describe('POST /runs (on-demand)', () => {
	let chain: Chain;
	const onceFlow = {
		scheduleParams: { startTime: '1663735590', frequency: 'once' },
		transformations: undefined,
	};
	const params = (extra: Record<string, unknown> = {}) => ({
		startTime: '1663735590',
		windowStartTime: '1651584991',
		windowEndTime: '1651585959',
		deltaColumn: { name: 'updated_at' },
		...extra,
	});
	beforeEach(async () => {
		chain = await buildChain(call);
		const body = flowBody(chain, onceFlow);
		body.transformations = [
			{ name: 'Mapping', params: { mappingId: chain.mapping, mappingVersion: 0 } },
		] as never;
		chain.flow = (await call.flow('/flows', { method: 'POST', body })).body.id;
	});
	const runNow = (body: Record<string, unknown>) => call.flow('/runs', { method: 'POST', body });

	it('answers {items:[{id, etag}]} by default and a bare {id, etag} when asked; the run is scheduled', async () => {
		const result = await runNow({ flowId: chain.flow, params: params() });
		expect(result.status).toBe(201);
		expect(result.body).toEqual({ items: [{ id: expect.any(String), etag: expect.any(String) }] });
		const run = (await call.flow(`/runs/${result.body.items[0].id}`)).body.items[0];
		expect(run.metrics.statusSummary.status).toBe('scheduled');
		expect(run.activities).toEqual([]);
		suite.emulator.setRunResponseShape('bare');
		const bare = await runNow({ flowId: chain.flow, params: params() });
		expect(bare.body).toEqual({ id: expect.any(String), etag: expect.any(String) });
	});

	it('patches the first delta column into the flow; refuses another (1382) and none before (1383)', async () => {
		expect(
			(await runNow({ flowId: chain.flow, params: params({ deltaColumn: undefined }) })).body.type,
		).toBe(FLOW_TYPE('1383-400'));
		expect((await runNow({ flowId: chain.flow, params: params() })).status).toBe(201);
		const flow = (await call.flow(`/flows/${chain.flow}`)).body.items[0];
		expect(flow.transformations[0]).toEqual({
			name: 'Copy',
			params: { deltaColumn: { name: 'updated_at' } },
		});
		expect(
			(await runNow({ flowId: chain.flow, params: params({ deltaColumn: undefined }) })).status,
		).toBe(201);
		expect(
			(await runNow({ flowId: chain.flow, params: params({ deltaColumn: { name: 'email' } }) }))
				.body.type,
		).toBe(FLOW_TYPE('1382-400'));
	});

	it.each([
		[
			'a reversed window',
			{ params: params({ windowStartTime: '1651585959', windowEndTime: '1651584991' }) },
			'1381-400',
		],
		['a missing window start', { params: params({ windowStartTime: undefined }) }, '1384-400'],
		['a date string as startTime', { params: params({ startTime: '2026-01-01' }) }, '1384-400'],
		['no params', { params: undefined }, '1380-400'],
		[
			'a delta column the table lacks',
			{ params: params({ deltaColumn: { name: 'nope' } }) },
			'1367-400',
		],
	])('refuses %s', async (_label, overrides, code) => {
		expect((await runNow({ flowId: chain.flow, ...overrides })).body.type).toBe(FLOW_TYPE(code));
	});

	it('refuses scheduled flows (1386), disabled flows (1388) and unknown flows (1430)', async () => {
		const scheduled = (await call.flow('/flows', { method: 'POST', body: flowBody(chain) })).body
			.id;
		expect((await runNow({ flowId: scheduled, params: params() })).body.type).toBe(
			FLOW_TYPE('1386-400'),
		);
		await call.flow(`/flows/${chain.flow}/action?op=disable`, { method: 'POST' });
		expect((await runNow({ flowId: chain.flow, params: params() })).body.type).toBe(
			FLOW_TYPE('1388-400'),
		);
		expect((await runNow({ flowId: 'nope', params: params() })).body.type).toBe(
			FLOW_TYPE('1430-400'),
		);
		expect((await runNow({ params: params() })).body.type).toBe(FLOW_TYPE('1380-400'));
	});
});

describe('POST /runs/{id}/action?op=RE_TRIGGER', () => {
	it('re-runs a failed run as a new scheduled run; refuses others (1387), disabled flows (1388), other ops (1401)', async () => {
		const chain = await buildChain(call, {});
		const failed = suite.emulator.addRun(chain.flow!, { outcome: 'failed', status: 'Failed' });
		const result = await call.flow(`/runs/${failed.id}/action?op=RE_TRIGGER`, { method: 'POST' });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ id: expect.any(String), etag: expect.any(String) });
		expect(result.body.id).not.toBe(failed.id);
		expect(suite.emulator.runs.get(result.body.id)!.metrics.statusSummary.status).toBe('scheduled');
		const ok = suite.emulator.addRun(chain.flow!);
		expect(
			(await call.flow(`/runs/${ok.id}/action?op=RE_TRIGGER`, { method: 'POST' })).body.type,
		).toBe(FLOW_TYPE('1387-400'));
		expect(
			(await call.flow(`/runs/${failed.id}/action?op=CANCEL`, { method: 'POST' })).body.type,
		).toBe(FLOW_TYPE('1401-400'));
		await call.flow(`/flows/${chain.flow}/action?op=disable`, { method: 'POST' });
		expect(
			(await call.flow(`/runs/${failed.id}/action?op=re_trigger`, { method: 'POST' })).body.type,
		).toBe(FLOW_TYPE('1388-400'));
	});
});

describe('test hooks over HTTP (/__emulator)', () => {
	it('adds, finishes and re-labels runs without touching the request log', async () => {
		const chain = await buildChain(call, {});
		suite.emulator.requests.length = 0;
		const admin = (path: string, body: object) =>
			fetch(`${suite.emulator.url}/__emulator${path}`, {
				method: 'POST',
				body: JSON.stringify(body),
			});
		const added = await admin('/runs', {
			flowId: chain.flow,
			outcome: 'inProgress',
			startedAt: T0,
		});
		expect(added.status).toBe(201);
		const run = (await added.json()) as { id: string };
		expect(suite.emulator.runs.get(run.id)!.metrics.statusSummary.status).toBe('inProgress');
		expect(
			(await admin(`/runs/${run.id}/finish`, { outcome: 'failedRecords', failedRecords: 2 }))
				.status,
		).toBe(200);
		expect(suite.emulator.runs.get(run.id)!.metrics.recordSummary).toMatchObject({
			failedRecordCount: 2,
		});
		expect((await admin(`/runs/${run.id}/status`, { status: 'partialSuccess' })).status).toBe(200);
		expect((await admin('/runs', { flowId: 'nope' })).status).toBe(404);
		expect((await admin('/tables', { tables: [{ path: 'a.b', columns: [] }] })).status).toBe(204);
		expect((await admin('/datasets', { datasets: [] })).status).toBe(204);
		expect((await admin('/schemas', { schemas: [] })).status).toBe(204);
		expect((await admin('/nope', {})).status).toBe(404);
		expect(suite.emulator.requests).toEqual([]);
	});
});
