// The parts of the bench's real-n8n section beyond the 200-create comparison: the same at
// 1,000 creates and 0 ms latency, our node's CPU per item from a --cpu-prof profile of n8n, and
// the queue-mode throughput that `npm run test:queue` measured.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

import type { EmulatorProcess } from './lib';
import { median, round, table } from './lib';
import { printNodeProfiles, profileNodesInN8n } from './n8n-profile';
import type { NodeProfile } from './n8n-profile';
import { readQueueFigures, TOY_EXECUTIONS_PER_SECOND } from './queue-figures';
import type { QueueFigures } from './queue-figures';
import { benchRealN8n, VARIANTS } from './real-n8n-bench';
import type { RealN8nResult } from './real-n8n-bench';

const REPO = resolve(__dirname, '..', '..');

export interface RealN8nExtras {
	case1000?: RealN8nResult;
	profiles?: NodeProfile[];
	queue?: QueueFigures;
	/** Why a part is missing. */
	errors: string[];
	queueRanNow: boolean;
}

export async function runRealN8nExtras(
	emu: EmulatorProcess,
	options: { reps: number; latencyMs: number; items: number; runQueue: boolean },
	log: (line: string) => void,
): Promise<RealN8nExtras> {
	const extras: RealN8nExtras = { errors: [], queueRanNow: false };
	try {
		extras.case1000 = await benchRealN8n(emu, {
			items: 1000,
			latencyMs: 0,
			concurrency: 20,
			repetitions: Math.max(3, options.reps),
			variants: ['http', 'ours'],
			log,
		});
	} catch (error) {
		extras.errors.push(`1,000 creates: ${(error as Error).message.split('\n')[0]}`);
	}
	try {
		extras.profiles = await profileNodesInN8n(emu, {
			items: options.items,
			latencyMs: options.latencyMs,
			reps: 3,
			variants: ['ours', 'http'],
			log,
		});
	} catch (error) {
		extras.errors.push(`CPU profile: ${(error as Error).message.split('\n')[0]}`);
	}
	await emu.setLatency(options.latencyMs);
	if (options.runQueue) {
		log('queue mode: running npm run test:queue');
		const run = spawnSync('npm', ['run', 'test:queue'], {
			cwd: REPO,
			stdio: ['ignore', process.stderr, process.stderr],
			timeout: 20 * 60_000,
		});
		extras.queueRanNow = run.status === 0;
		if (run.status !== 0) extras.errors.push(`npm run test:queue failed (exit ${run.status})`);
	}
	extras.queue = readQueueFigures();
	return extras;
}

/** Prints the extra rows and returns the JSON fields they add. */
export function printRealN8nExtras(extras: RealN8nExtras): Record<string, unknown> {
	const out = (line = '') => console.log(line);
	const json: Record<string, unknown> = {
		vsHttpRequestNode1000: null,
		cpuMsPerItem: null,
		httpRequestNodeCpuMsPerItem: null,
		queueExecutionsPerSecond: null,
	};
	const { case1000 } = extras;
	out('\n5b. The same at 1,000 creates and 0 ms latency (one `n8n execute`, runs alternate)');
	if (case1000) {
		const rows = (['http', 'ours'] as const).map((variant) => {
			const runs = case1000.executionMs[variant] ?? [];
			return [
				VARIANTS[variant],
				Math.round(median(runs)),
				round(median(runs) / 1000, 2),
				runs.join(' '),
			];
		});
		out(table(['node (executionTime)', 'median ms', 'ms/item', 'runs'], rows));
		out(
			`ours/theirs = ${round(case1000.ratio, 2)} — goal ≤ 0.8: ${case1000.ratio <= 0.8 ? 'met' : 'MISSED'}`,
		);
		json.vsHttpRequestNode1000 = round(case1000.ratio, 2);
	} else out('not measured');

	if (extras.profiles) {
		printNodeProfiles(
			extras.profiles,
			"5c. CPU of n8n's main process per item while each node ran (--cpu-prof, warm runs only)",
		);
		const of = (variant: string) => extras.profiles?.find((p) => p.variant === variant);
		const ours = of('ours');
		const http = of('http');
		if (ours) json.cpuMsPerItem = round(ours.cpuMsPerItem, 2);
		if (http) json.httpRequestNodeCpuMsPerItem = round(http.cpuMsPerItem, 2);
	}

	out('\n5d. Queue mode (npm run test:queue: main + 2 workers, webhook load scenario)');
	const load = extras.queue?.scenarios.find((scenario) => scenario.label.startsWith('1.'));
	if (extras.queue && load) {
		const rate = load.executionsPerSecond;
		out(
			`${round(rate, 1)} executions/s (${load.ok}/${load.total} ok, 0 duplicates and 0 lost as checked by the test) ` +
				`vs ${TOY_EXECUTIONS_PER_SECOND}/s for a bare-minimum node — goal ≥ 12: ${rate >= 12 ? 'met' : 'MISSED'} ` +
				`(${extras.queueRanNow ? 'measured now' : `from the run at ${extras.queue.at}; npm run bench -- --queue runs it again`}, n8n ${extras.queue.n8nVersion})`,
		);
		json.queueExecutionsPerSecond = round(rate, 1);
	} else {
		out('not measured: run `npm run test:queue` (or `npm run bench -- --queue`) first');
	}
	for (const error of extras.errors) out(`- failed: ${error}`);
	return json;
}
