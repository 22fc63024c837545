// npm run bench: the node's cost, measured against the Flow Service emulator with injected latency.
//
//   npm run build && tsx scripts/bench/run.ts [--items 200] [--latency 20] [--reps 3]
//                     [--memory-reps 2] [--no-n8n] [--no-memory] [--n8n-legacy] [--n8n-profile]
//                     [--queue]
// (or BENCH_ITEMS, BENCH_LATENCY, BENCH_REPS, BENCH_MEMORY_REPS, BENCH_N8N=0, BENCH_MEMORY=0,
// BENCH_N8N_LEGACY=1). --n8n-legacy runs the real-n8n part a second time with n8n's legacy
// expression engine, to show how much of its cost is the isolated-VM expression engine;
// --n8n-profile runs it once more under --cpu-prof and prints where n8n's CPU goes per item.
// --queue (BENCH_QUEUE=1) runs `npm run test:queue` for the queue-mode row; without it the row
// shows the figures of the last passing test:queue run. The real n8n is installed
// (scripts/e2e/install-n8n.sh, the same cached install as CI's) when it is missing.
//
// 1. Overhead per item: our node (n8n's WorkflowExecute, harness) creating N connections at
//    concurrency 1 vs a bare loop of Node's fetch sending the same token call and POSTs.
// 2. Requests per run, from the emulator's log.
// 3. Throughput at concurrency 1, 5, 20 vs the limit N × latency / concurrency.
// 4. Memory: 2,000 and 10,000 items through Get Connection Spec and a dry-run create, each in a
//    fresh process.
// 5. A real n8n (2.40.7): n8n's HTTP Request node vs ours, 200 creates, executionTime. Plus a CPU
//    profile of our node through the harness: where each call's milliseconds go.
// 6. Create-or-reuse: listings vs one filtered GET per item.
//
// The emulator runs in its own process (Adobe is another machine), measurements are interleaved
// and repeated, and medians are reported, so that other load on the machine moves both sides of
// each comparison alike. Human-readable tables first; the LAST line is one JSON object.
import './env';

import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { HarnessCredentialsHelper } from '../../test/harness/credentials';
import { runWorkflow, singleNodeWorkflow } from '../../test/harness/runWorkflow';
import type { HarnessResult } from '../../test/harness/runWorkflow';
import type { EmulatorProcess } from './lib';
import {
	benchCredential,
	benchItems,
	countRequests,
	createBody,
	createWorkflow,
	fetchBaseline,
	median,
	round,
	startEmulatorProcess,
	table,
	timed,
} from './lib';
import type { MemoryOperation, MemoryResult } from './memory-child';
import { printProfile, profileCreates } from './profile';
import type { ProfileSummary } from './profile';
import { benchRealN8n, VARIANTS } from './real-n8n-bench';
import { printRealN8nExtras, runRealN8nExtras } from './real-n8n-extras';
import type { RealN8nExtras } from './real-n8n-extras';
import type { RealN8nResult, Variant } from './real-n8n-bench';

interface Options {
	items: number;
	latencyMs: number;
	reps: number;
	memoryReps: number;
	n8n: boolean;
	/** Also run the real-n8n part with N8N_EXPRESSION_ENGINE=legacy, to attribute its cost. */
	n8nLegacy: boolean;
	/** Also run it once more under --cpu-prof and cut n8n's CPU time up per item. */
	n8nProfile: boolean;
	memory: boolean;
	/** Run `npm run test:queue` for the queue-mode throughput instead of reading its last figures. */
	queue: boolean;
}

function parseOptions(argv: string[]): Options {
	const value = (name: string, fallback: number) => {
		const at = argv.indexOf(`--${name}`);
		const raw =
			at >= 0 ? argv[at + 1] : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
		const parsed = Number(raw);
		return raw !== undefined && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
	};
	return {
		items: Math.max(1, value('items', 200)),
		latencyMs: value('latency', 20),
		reps: Math.max(1, value('reps', 3)),
		memoryReps: Math.max(1, value('memory-reps', 2)),
		n8n: !argv.includes('--no-n8n') && process.env.BENCH_N8N !== '0',
		n8nLegacy: argv.includes('--n8n-legacy') || process.env.BENCH_N8N_LEGACY === '1',
		n8nProfile: argv.includes('--n8n-profile') || process.env.BENCH_N8N_PROFILE === '1',
		memory: !argv.includes('--no-memory') && process.env.BENCH_MEMORY !== '0',
		queue: argv.includes('--queue') || process.env.BENCH_QUEUE === '1',
	};
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const ms = (value: number) => round(value, 0);

function checkRun(result: HarnessResult, expected: number, label: string): void {
	const error = result.nodeError('Adobe');
	if (error) throw new Error(`${label}: the node failed: ${String(error.message)}`);
	const count = result.output('Adobe').length;
	if (count !== expected) throw new Error(`${label}: ${count} output items, expected ${expected}`);
}

// ---------------------------------------------------------------- 1 + 2: overhead, requests

interface OverheadResult {
	nodeWallMs: number[];
	baselineWallMs: number[];
	ratios: number[];
	nodeCpuMsPerItem: number[];
	baselineCpuMsPerItem: number[];
	nodeRequests: ReturnType<typeof countRequests>;
	baselineRequests: ReturnType<typeof countRequests>;
	sameBody: boolean;
	sameHeaders: string[];
	/** The Connection header each side sent: 'close' means a new TCP connection per request. */
	nodeConnectionHeader: string;
	baselineConnectionHeader: string;
}

async function benchOverhead(emu: EmulatorProcess, options: Options): Promise<OverheadResult> {
	const items = benchItems(options.items);
	const workflow = createWorkflow({ ifExists: 'create', concurrency: 1 });
	const credential = benchCredential(emu);
	// Warm-up of both sides: module loading and JIT are not what is measured.
	await runWorkflow(workflow, { credentials: [credential], inputItems: benchItems(20, 'warm') });
	await fetchBaseline(emu, benchItems(20, 'warm'), 1);
	await emu.clearConnections();

	const result: OverheadResult = {
		nodeWallMs: [],
		baselineWallMs: [],
		ratios: [],
		nodeCpuMsPerItem: [],
		baselineCpuMsPerItem: [],
		nodeRequests: countRequests([]),
		baselineRequests: countRequests([]),
		sameBody: false,
		sameHeaders: [],
		nodeConnectionHeader: '?',
		baselineConnectionHeader: '?',
	};
	for (let rep = 0; rep < options.reps; rep++) {
		// Alternate which side goes first, so a drift in machine load does not favour one.
		const sides = rep % 2 === 0 ? (['node', 'baseline'] as const) : (['baseline', 'node'] as const);
		const pair: Record<string, number> = {};
		for (const side of sides) {
			await emu.clearLog();
			if (side === 'node') {
				// A fresh credentials helper: no stored token, so the run asks IMS once, as the baseline does.
				const run = await timed(() =>
					runWorkflow(workflow, { credentials: [credential], inputItems: items }),
				);
				checkRun(run.result, items.length, 'overhead run');
				pair.node = run.wallMs;
				result.nodeCpuMsPerItem.push(run.cpuMs / items.length);
				const stats = await emu.stats();
				result.nodeRequests = countRequests(stats.requests);
				const firstPost = stats.requests.find((request) => request.json !== undefined);
				result.sameBody = JSON.stringify(firstPost?.json) === JSON.stringify(createBody(items[0]));
				const headers = firstPost?.headers ?? {};
				result.nodeConnectionHeader = String(headers.connection ?? '(none)');
				result.sameHeaders = [
					'authorization',
					'x-api-key',
					'x-gw-ims-org-id',
					'x-sandbox-name',
					'content-type',
					'accept',
					'user-agent',
				].filter((name) => headers[name] !== undefined);
			} else {
				const run = await timed(() => fetchBaseline(emu, items, 1));
				pair.baseline = run.wallMs;
				result.baselineCpuMsPerItem.push(run.cpuMs / items.length);
				const stats = await emu.stats();
				result.baselineRequests = countRequests(stats.requests);
				const firstPost = stats.requests.find((request) => request.headers !== undefined);
				result.baselineConnectionHeader = String(firstPost?.headers?.connection ?? '(none)');
			}
			await emu.clearConnections();
		}
		result.nodeWallMs.push(pair.node);
		result.baselineWallMs.push(pair.baseline);
		result.ratios.push(pair.node / pair.baseline);
		log(
			`overhead rep ${rep + 1}/${options.reps}: node ${ms(pair.node)} ms, fetch ${ms(pair.baseline)} ms`,
		);
	}
	return result;
}

interface OtherRequests {
	dryRun: ReturnType<typeof countRequests>;
	specGet: ReturnType<typeof countRequests>;
}

async function benchOtherRequests(emu: EmulatorProcess, options: Options): Promise<OtherRequests> {
	const credential = benchCredential(emu);
	const items = benchItems(options.items);
	await emu.clearLog();
	const dry = await runWorkflow(createWorkflow({ validateOnly: true, concurrency: 20 }), {
		credentials: [credential],
		inputItems: items,
	});
	checkRun(dry, items.length, 'dry run');
	const dryRun = countRequests((await emu.stats()).requests);
	await emu.clearLog();
	const spec = await runWorkflow(
		singleNodeWorkflow({
			resource: 'connectionSpec',
			operation: 'get',
			specName: 'amazon-redshift',
		}),
		{ credentials: [credential], inputItems: items },
	);
	checkRun(spec, items.length, 'spec get');
	const specGet = countRequests((await emu.stats()).requests);
	return { dryRun, specGet };
}

// ---------------------------------------------------------------- 3: concurrency

interface ConcurrencyRow {
	concurrency: number;
	limitMs: number;
	nodeWallMs: number[];
	baselineWallMs: number[];
	nodeCpuMsPerItem: number[];
}

async function benchConcurrency(emu: EmulatorProcess, options: Options): Promise<ConcurrencyRow[]> {
	const items = benchItems(options.items);
	// A token already stored, as n8n keeps it between executions: the runs are N creates only.
	const helper = new HarnessCredentialsHelper([benchCredential(emu)]);
	await runWorkflow(createWorkflow({ ifExists: 'create', concurrency: 5 }), {
		credentialsHelper: helper,
		inputItems: benchItems(20, 'warm'),
	});
	const rows: ConcurrencyRow[] = [1, 5, 20].map((concurrency) => ({
		concurrency,
		limitMs: (options.items * options.latencyMs) / concurrency,
		nodeWallMs: [],
		baselineWallMs: [],
		nodeCpuMsPerItem: [],
	}));
	// Runs at 5 and 20 are short, so a burst of load on the machine moves them most: more of them.
	const reps = Math.max(options.reps, 5);
	for (let rep = 0; rep < reps; rep++) {
		for (const row of rows) {
			if (row.concurrency === 1 && rep >= options.reps) continue;
			const workflow = createWorkflow({ ifExists: 'create', concurrency: row.concurrency });
			const run = await timed(() =>
				runWorkflow(workflow, { credentialsHelper: helper, inputItems: items }),
			);
			checkRun(run.result, items.length, `concurrency ${row.concurrency}`);
			row.nodeWallMs.push(run.wallMs);
			row.nodeCpuMsPerItem.push(run.cpuMs / items.length);
			// The same creates with bare fetch (token call included, ~1 latency).
			const baseline = await timed(() => fetchBaseline(emu, items, row.concurrency));
			row.baselineWallMs.push(baseline.wallMs);
			await emu.clearConnections();
			await emu.clearLog();
		}
		log(
			`concurrency rep ${rep + 1}/${reps}: ${rows
				.filter((row) => row.nodeWallMs[rep] !== undefined)
				.map((row) => `c=${row.concurrency} ${ms(row.nodeWallMs[rep])} ms`)
				.join(', ')}`,
		);
	}
	return rows;
}

// ---------------------------------------------------------------- 4: memory

async function memoryRun(
	emu: EmulatorProcess,
	operation: MemoryOperation,
	items: number,
): Promise<MemoryResult> {
	return await new Promise<MemoryResult>((resolve, reject) => {
		const child = fork(join(__dirname, 'memory-child.ts'), [operation, String(items), emu.url], {
			execArgv: [
				...process.execArgv.filter((flag) => !/^--(cpu-prof|expose-gc)/.test(flag)),
				'--expose-gc',
			],
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
		});
		let result: MemoryResult | undefined;
		child.on('message', (message) => (result = message as MemoryResult));
		child.on('error', reject);
		child.on('exit', (code) =>
			result
				? resolve(result)
				: reject(new Error(`memory run ${operation} ${items} exited ${code}`)),
		);
	});
}

interface MemoryRow {
	operation: MemoryOperation;
	items: number;
	peakRssGrowthMb: number;
	peakHeapGrowthMb: number;
	retainedHeapMb: number;
	wallMs: number;
	peakSource: string;
}

async function benchMemory(emu: EmulatorProcess, options: Options): Promise<MemoryRow[]> {
	await emu.setLatency(0);
	const rows: MemoryRow[] = [];
	const plan: Array<[MemoryOperation, number]> = [
		['noOp', 2000],
		['noOp', 10000],
		['specGet', 2000],
		['specGet', 10000],
		['dryRun', 2000],
		['dryRun', 10000],
	];
	for (const [operation, items] of plan) {
		const reps = operation === 'noOp' ? 1 : options.memoryReps;
		const runs: MemoryResult[] = [];
		for (let rep = 0; rep < reps; rep++) runs.push(await memoryRun(emu, operation, items));
		rows.push({
			operation,
			items,
			peakRssGrowthMb: median(runs.map((run) => run.peakRssGrowthMb)),
			peakHeapGrowthMb: median(runs.map((run) => run.peakHeapGrowthMb)),
			retainedHeapMb: median(runs.map((run) => run.retainedHeapMb)),
			wallMs: median(runs.map((run) => run.wallMs)),
			peakSource: runs[0].peakSource,
		});
		log(
			`memory ${operation} × ${items}: peak RSS +${round(rows[rows.length - 1].peakRssGrowthMb, 1)} MB`,
		);
		await emu.clearLog();
	}
	await emu.setLatency(options.latencyMs);
	return rows;
}

// ---------------------------------------------------------------- 6: create-or-reuse

interface ReuseResult {
	first: ReturnType<typeof countRequests> & { wallMs: number; reused: number };
	second: ReturnType<typeof countRequests> & { wallMs: number; reused: number };
}

async function benchReuse(emu: EmulatorProcess, options: Options): Promise<ReuseResult> {
	const helper = new HarnessCredentialsHelper([benchCredential(emu)]);
	const items = benchItems(options.items, 'reuse');
	const workflow = createWorkflow({ ifExists: 'reuse', concurrency: 20 });
	await emu.clearConnections();
	const once = async () => {
		await emu.clearLog();
		const run = await timed(() =>
			runWorkflow(workflow, { credentialsHelper: helper, inputItems: items }),
		);
		checkRun(run.result, items.length, 'create-or-reuse');
		const reused = run.result.output('Adobe').filter((item) => item.reused === true).length;
		return { ...countRequests((await emu.stats()).requests), wallMs: run.wallMs, reused };
	};
	const first = await once();
	const second = await once();
	await emu.clearConnections();
	return { first, second };
}

// ---------------------------------------------------------------- report

function n8nCoreVersion(): string {
	try {
		const file = join(__dirname, '..', '..', 'node_modules', 'n8n-core', 'package.json');
		return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
	} catch {
		return '?';
	}
}

function printReport(
	options: Options,
	overhead: OverheadResult,
	other: OtherRequests,
	concurrency: ConcurrencyRow[],
	memory: MemoryRow[] | undefined,
	real: RealN8nResult | undefined,
	legacy: RealN8nResult | undefined,
	n8nProfile: RealN8nResult | undefined,
	realError: string | undefined,
	profile: ProfileSummary | undefined,
	reuse: ReuseResult,
): Record<string, unknown> {
	const N = options.items;
	const out = (line = '') => console.log(line);
	out(
		`\nAdobe Flow Service node bench — ${N} items, ${options.latencyMs} ms emulator latency per call, medians of ${options.reps} runs`,
	);
	out(
		`(emulator in its own process; CPU = this process's user+system time, which includes n8n's engine)`,
	);

	const overheadRatio = median(overhead.ratios);
	out('\n1. Overhead per item: create at concurrency 1 (ifExists create), node vs bare fetch loop');
	out(
		table(
			['', 'wall ms (median)', 'min', 'runs', 'per item ms', 'CPU ms/item'],
			[
				[
					'our node (n8n WorkflowExecute)',
					ms(median(overhead.nodeWallMs)),
					ms(Math.min(...overhead.nodeWallMs)),
					overhead.nodeWallMs.map(ms).join(' '),
					round(median(overhead.nodeWallMs) / N, 2),
					round(median(overhead.nodeCpuMsPerItem), 2),
				],
				[
					'baseline (Node fetch loop)',
					ms(median(overhead.baselineWallMs)),
					ms(Math.min(...overhead.baselineWallMs)),
					overhead.baselineWallMs.map(ms).join(' '),
					round(median(overhead.baselineWallMs) / N, 2),
					round(median(overhead.baselineCpuMsPerItem), 2),
				],
			],
		),
	);
	out(
		`ratio node/baseline: ${round(overheadRatio, 3)} (median of per-pair ratios ${overhead.ratios.map((ratio) => round(ratio, 3)).join(', ')}; ` +
			`min/min ${round(Math.min(...overhead.nodeWallMs) / Math.min(...overhead.baselineWallMs), 3)}) — goal ≤ 1.10: ${overheadRatio <= 1.1 ? 'met' : 'MISSED'}`,
	);
	out(
		`extra per item: ${round((median(overhead.nodeWallMs) - median(overhead.baselineWallMs)) / N, 2)} ms wall, ` +
			`${round(median(overhead.nodeCpuMsPerItem) - median(overhead.baselineCpuMsPerItem), 2)} ms CPU (see the profile under 5 for where it goes)`,
	);
	out(
		`same body as the baseline: ${overhead.sameBody ? 'yes' : 'NO'}; headers sent by the node: ${overhead.sameHeaders.join(', ')}`,
	);
	out(
		`Connection header: node "${overhead.nodeConnectionHeader}", fetch "${overhead.baselineConnectionHeader}"` +
			(overhead.nodeConnectionHeader === 'close'
				? ' (n8n-core builds a new http.Agent for every request: one TCP connection per call, no keep-alive)'
				: ''),
	);

	const requestsPerCreate = overhead.nodeRequests.total / N;
	out('\n2. Requests per run (emulator log)');
	const createOk =
		overhead.nodeRequests.creates === N &&
		overhead.nodeRequests.token <= 1 &&
		overhead.nodeRequests.specLookups <= 1 &&
		overhead.nodeRequests.other === 0;
	out(
		table(
			['run', 'total', 'token', 'POST /connections', 'listings', 'spec lookups', 'other'],
			[
				[
					`${N} creates (node)`,
					overhead.nodeRequests.total,
					overhead.nodeRequests.token,
					overhead.nodeRequests.creates,
					overhead.nodeRequests.listings,
					overhead.nodeRequests.specLookups,
					overhead.nodeRequests.other,
				],
				[
					`${N} creates (baseline)`,
					overhead.baselineRequests.total,
					overhead.baselineRequests.token,
					overhead.baselineRequests.creates,
					overhead.baselineRequests.listings,
					overhead.baselineRequests.specLookups,
					overhead.baselineRequests.other,
				],
				[
					`${N} dry runs`,
					other.dryRun.total,
					other.dryRun.token,
					other.dryRun.creates,
					other.dryRun.listings,
					other.dryRun.specLookups,
					other.dryRun.other,
				],
				[
					`${N} × Get Connection Spec`,
					other.specGet.total,
					other.specGet.token,
					other.specGet.creates,
					other.specGet.listings,
					other.specGet.specLookups,
					other.specGet.other,
				],
				[
					`${N} create-or-reuse, all new`,
					reuse.first.total,
					reuse.first.token,
					reuse.first.creates,
					reuse.first.listings,
					reuse.first.specLookups,
					reuse.first.other,
				],
				[
					`${N} create-or-reuse, all exist`,
					reuse.second.total,
					reuse.second.token,
					reuse.second.creates,
					reuse.second.listings,
					reuse.second.specLookups,
					reuse.second.other,
				],
			],
		),
	);
	out(
		`requests per create: ${round(requestsPerCreate, 3)} (N POSTs + 1 token + ≤ 1 spec lookup: ${createOk ? 'yes' : 'NO'})`,
	);

	out(`\n3. Concurrency: ${N} creates, token already stored; limit = N × latency / concurrency`);
	const rows = concurrency.map((row) => {
		const nodeWall = median(row.nodeWallMs);
		const baseWall = median(row.baselineWallMs);
		return [
			String(row.concurrency),
			ms(row.limitMs),
			ms(nodeWall),
			round(nodeWall / row.limitMs, 2),
			ms(Math.min(...row.nodeWallMs)),
			row.nodeWallMs.map(ms).join(' '),
			round(median(row.nodeCpuMsPerItem), 2),
			ms(baseWall),
			round(baseWall / row.limitMs, 2),
		];
	});
	out(
		table(
			[
				'concurrency',
				'limit ms',
				'node ms',
				'node/limit',
				'min',
				'runs',
				'CPU ms/item',
				'fetch ms',
				'fetch/limit',
			],
			rows,
		),
	);
	const at20 = concurrency.find((row) => row.concurrency === 20);
	const batching20LimitRatio = at20 ? median(at20.nodeWallMs) / at20.limitMs : NaN;
	out(
		`at 20: ${round(batching20LimitRatio, 2)} × the limit — goal ≤ 1.2: ${batching20LimitRatio <= 1.2 ? 'met' : 'MISSED'} (fetch, which has no n8n cost, reaches ${at20 ? round(median(at20.baselineWallMs) / at20.limitMs, 2) : '?'} ×; CPU ms/item × N = time the node cannot overlap)`,
	);

	let rssGrowthMbPer1k: number | null = null;
	out('\n4. Memory (fresh process per run, --expose-gc, latency 0; peak = kernel VmHWM)');
	if (memory) {
		out(
			table(
				[
					'operation',
					'items',
					'peak RSS +MB',
					'MB per 1k',
					'peak heap +MB',
					'heap held after GC MB',
					'run ms',
				],
				memory.map((row) => [
					row.operation === 'noOp'
						? 'noOp (n8n engine only, reference)'
						: row.operation === 'specGet'
							? 'Get Connection Spec'
							: 'Create, Validate Only',
					row.items,
					round(row.peakRssGrowthMb, 1),
					round(row.peakRssGrowthMb / (row.items / 1000), 2),
					round(row.peakHeapGrowthMb, 1),
					round(row.retainedHeapMb, 2),
					ms(row.wallMs),
				]),
			),
		);
		const per1k = (operation: MemoryOperation, items: number) => {
			const row = memory.find(
				(candidate) => candidate.operation === operation && candidate.items === items,
			);
			return row ? row.peakRssGrowthMb / (items / 1000) : NaN;
		};
		rssGrowthMbPer1k = Math.max(per1k('specGet', 10000), per1k('dryRun', 10000));
		for (const operation of ['specGet', 'dryRun'] as const) {
			const small = memory.find((row) => row.operation === operation && row.items === 2000);
			const large = memory.find((row) => row.operation === operation && row.items === 10000);
			if (!small || !large) continue;
			out(
				`${operation}: ${round(per1k(operation, 2000), 2)} MB/1k at 2,000 vs ${round(per1k(operation, 10000), 2)} MB/1k at 10,000; ` +
					`marginal ${round((large.peakRssGrowthMb - small.peakRssGrowthMb) / 8, 2)} MB/1k; held after GC ${round(small.retainedHeapMb, 2)} → ${round(large.retainedHeapMb, 2)} MB ` +
					`(${Math.abs(large.retainedHeapMb - small.retainedHeapMb) < 2 ? 'flat: nothing kept per item' : 'GROWS: per-item leak'})`,
			);
		}
		out(
			'(peak growth is the input, output and serialized run n8n holds during a run; at 2,000 items it mostly fits in heap V8 had already reserved)',
		);
	} else {
		out(options.memory ? 'failed (see the log above)' : 'skipped (--no-memory)');
	}

	out(
		`\n5. Versus n8n's HTTP Request node in a real n8n (${N} creates, HTTP Request sends all at once, ours at concurrency 20)`,
	);
	let vsHttpRequestNode: number | null = null;
	if (real) {
		vsHttpRequestNode = real.ratio;
		const rowsFor = (result: RealN8nResult) =>
			(Object.keys(VARIANTS) as Variant[])
				.filter((variant) => result.executionMs[variant])
				.map((variant) => {
					const runs = result.executionMs[variant] ?? [];
					return [
						VARIANTS[variant],
						ms(median(runs)),
						Math.min(...runs),
						round(median(runs) / N, 1),
						runs.join(' '),
					];
				});
		out(
			real.installedNow
				? `(the real n8n ${real.n8nVersion} was missing: the bench installed it first with scripts/e2e/install-n8n.sh)`
				: `(real n8n ${real.n8nVersion} from the cached install of scripts/e2e/install-n8n.sh; one warm-up run of each node, then the measured runs alternate)`,
		);
		out(table(['node (executionTime)', 'median ms', 'min ms', 'ms/item', 'runs'], rowsFor(real)));
		out(
			`n8n ${real.n8nVersion}, expression engine ${real.expressionEngine}: ours/theirs = ${round(real.ratio, 2)} — goal ≤ 0.8: ${real.ratio <= 0.8 ? 'met' : 'MISSED'}; ` +
				`emulator saw ${real.requests.creates} POSTs, ${real.requests.token} token call(s); whole execute ${ms(real.executeWallMs)} ms`,
		);
		if (legacy) {
			out(
				`\nthe same with N8N_EXPRESSION_ENGINE=legacy (expressions outside the isolated VM; deprecated in n8n 2.x):`,
			);
			out(
				table(['node (executionTime)', 'median ms', 'min ms', 'ms/item', 'runs'], rowsFor(legacy)),
			);
			out(`legacy engine: ours/theirs = ${round(legacy.ratio, 2)}`);
		}
		if (n8nProfile?.profile) {
			const summary = n8nProfile.profile;
			out(
				`\nCPU profile of n8n ${n8nProfile.n8nVersion}'s main process (--cpu-prof), HTTP Request and ours × ${n8nProfile.repetitions}, per item of each node:`,
			);
			out(
				table(
					["where n8n's CPU goes (rows add up)", 'ms/item'],
					summary.categories.map((category) => [category.label, round(category.msPerItem, 2)]),
				),
			);
			out(
				`expression evaluation (all of it): ${round(summary.msPerExpression, 2)} ms CPU per evaluation over ${summary.expressions} evaluations`,
			);
		}
	} else {
		out(`not measured: ${realError ?? 'skipped (--no-n8n)'}`);
	}
	if (profile) {
		printProfile(
			profile,
			`CPU profile (harness, n8n-core ${n8nCoreVersion()}) of ${profile.items} creates at concurrency 1, latency 0, token stored — per item:`,
		);
	}

	out(
		`\n6. Create-or-reuse (${N} items, concurrency 20): one paged listing per execution (pages of 50) instead of ${N} filtered GETs`,
	);
	out(
		table(
			['run', 'listing GETs', 'creates', 'reused', 'naive filtered GETs', 'wall ms'],
			[
				[
					'all new',
					reuse.first.listings,
					reuse.first.creates,
					reuse.first.reused,
					N,
					ms(reuse.first.wallMs),
				],
				[
					'all exist (re-run)',
					reuse.second.listings,
					reuse.second.creates,
					reuse.second.reused,
					N,
					ms(reuse.second.wallMs),
				],
			],
		),
	);

	return {
		items: N,
		latencyMs: options.latencyMs,
		overheadRatio: round(overheadRatio, 3),
		batching20LimitRatio: round(batching20LimitRatio, 2),
		requestsPerCreate: round(requestsPerCreate, 3),
		rssGrowthMbPer1k: rssGrowthMbPer1k === null ? null : round(rssGrowthMbPer1k, 2),
		vsHttpRequestNode: vsHttpRequestNode === null ? null : round(vsHttpRequestNode, 2),
	};
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const started = Date.now();
	const emu = await startEmulatorProcess();
	try {
		await emu.setLatency(options.latencyMs);
		log('1-2. overhead and requests');
		const overhead = await benchOverhead(emu, options);
		const other = await benchOtherRequests(emu, options);
		log('3. concurrency');
		const concurrency = await benchConcurrency(emu, options);
		log('6. create-or-reuse');
		const reuse = await benchReuse(emu, options);
		log('5b. CPU profile');
		await emu.setLatency(0);
		const profile = await profileCreates(emu, { items: options.items, concurrency: 1 }).catch(
			(error: unknown) => {
				log(`profile failed: ${(error as Error).message}`);
				return undefined;
			},
		);
		await emu.setLatency(options.latencyMs);
		let memory: MemoryRow[] | undefined;
		if (options.memory) {
			log('4. memory');
			memory = await benchMemory(emu, options).catch((error: unknown) => {
				log(`memory part failed: ${(error as Error).message}`);
				return undefined;
			});
			await emu.setLatency(options.latencyMs);
		}
		let extras: RealN8nExtras | undefined;
		let real: RealN8nResult | undefined;
		let legacy: RealN8nResult | undefined;
		let n8nProfile: RealN8nResult | undefined;
		let realError: string | undefined;
		if (options.n8n) {
			log('5. real n8n');
			try {
				real = await benchRealN8n(emu, {
					items: options.items,
					latencyMs: options.latencyMs,
					concurrency: 20,
					repetitions: options.reps,
					log,
				});
				if (options.n8nLegacy) {
					legacy = await benchRealN8n(emu, {
						items: options.items,
						latencyMs: options.latencyMs,
						concurrency: 20,
						repetitions: options.reps,
						log,
						executeEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
					});
				}
				if (options.n8nProfile) {
					n8nProfile = await benchRealN8n(emu, {
						items: options.items,
						latencyMs: options.latencyMs,
						concurrency: 20,
						repetitions: options.reps,
						log,
						profile: true,
					});
				}
			} catch (error) {
				realError = (error as Error).message.split('\n')[0];
				log(`real n8n part failed: ${(error as Error).message}`);
			}
			log('5b-d. real n8n at 1,000 items, CPU profile, queue mode');
			extras = await runRealN8nExtras(
				emu,
				{
					reps: options.reps,
					latencyMs: options.latencyMs,
					items: options.items,
					runQueue: options.queue,
				},
				log,
			);
		}
		const summary = printReport(
			options,
			overhead,
			other,
			concurrency,
			memory,
			real,
			legacy,
			n8nProfile,
			realError,
			profile,
			reuse,
		);
		if (extras) Object.assign(summary, printRealN8nExtras(extras));
		console.log(`\nbench took ${round((Date.now() - started) / 1000, 0)} s`);
		console.log(JSON.stringify(summary));
	} finally {
		await emu.close();
	}
	// n8n-core leaves handles open after WorkflowExecute runs.
	process.exit(0);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
