// Where the per-call milliseconds go: a CPU profile (node:inspector, in this process) of our node
// creating N connections through the harness, cut into n8n-core's request steps and our own code.
//
//   tsx scripts/bench/profile.ts [--items 200] [--latency 0] [--concurrency 1] [--save file.cpuprofile]
//
// Also used by scripts/bench/run.ts (profileCreates). Each sample goes to the first category
// found on its stack (see CATEGORIES), so the rows add up; "self by origin" adds up too.
import './env';

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { Profiler, Runtime } from 'node:inspector';

import { HarnessCredentialsHelper } from '../../test/harness/credentials';
import { runWorkflow } from '../../test/harness/runWorkflow';
import type { EmulatorProcess } from './lib';
import {
	benchCredential,
	benchItems,
	createWorkflow,
	median,
	round,
	startEmulatorProcess,
	table,
} from './lib';

export const fn = (name: string, urlPart?: string) => (frame: Runtime.CallFrame) =>
	frame.functionName === name && (urlPart === undefined || frame.url.includes(urlPart));
const ours = (frame: Runtime.CallFrame) =>
	/\/(nodes\/AdobeFlowService|credentials)\//.test(frame.url) &&
	!frame.url.includes('node_modules');

export const onStack =
	(test: (frame: Runtime.CallFrame) => boolean) => (stack: Runtime.CallFrame[]) =>
		stack.some(test);
export const httpStack = (frame: Runtime.CallFrame) =>
	/\/(axios|follow-redirects|form-data|proxy-from-env)\//.test(frame.url) ||
	/^node:(_http|http|net|dns|internal\/(http|stream|net|streams|dns))/.test(frame.url) ||
	(!frame.url &&
		[
			'connect',
			'writev',
			'writeUtf8String',
			'writeBuffer',
			'close',
			'setKeepAlive',
			'setNoDelay',
			'getaddrinfo',
		].includes(frame.functionName));

/**
 * Where a sample's time goes, first match wins (so the rows add up): n8n's expression work for
 * the credential's header expressions and for the node's parameters, n8n-core's request set-up,
 * the HTTP stack (axios, follow-redirects, Node's http/net with a new socket per request), our
 * own code, GC, and the rest (engine, harness, promise machinery).
 */
export interface Category {
	label: string;
	/** The sample's stack, leaf first. */
	test: (stack: Runtime.CallFrame[]) => boolean;
}

export const CATEGORIES: Category[] = [
	{
		label: 'credential headers: authenticate',
		test: onStack(fn('authenticate', 'harness/credentials')),
	},
	{
		label: 'token check: preAuthentication',
		test: onStack(fn('preAuthentication', 'harness/credentials')),
	},
	{
		label: 'node parameters: getNodeParameter (expressions)',
		test: onStack(
			(frame) => frame.functionName.endsWith('getNodeParameter') && frame.url.includes('n8n-core'),
		),
	},
	{ label: 'request set-up: new http+https Agent per call', test: onStack(fn('setAxiosAgents')) },
	{
		label: 'request set-up: convertN8nRequestToAxios, rest',
		test: onStack(fn('convertN8nRequestToAxios')),
	},
	{ label: 'HTTP stack: axios, follow-redirects, socket', test: onStack(httpStack) },
	{ label: 'our code (nodes/, credentials/; self time)', test: (stack) => ours(stack[0]) },
	{ label: 'garbage collector', test: (stack) => stack[0].functionName === '(garbage collector)' },
	{ label: 'other (engine, harness, promises)', test: () => true },
];

function origin(frame: Runtime.CallFrame): string {
	const { url, functionName } = frame;
	if (functionName === '(garbage collector)') return 'GC';
	if (functionName === '(program)' || functionName === '(root)') return '(program)';
	if (!url) return `(native ${functionName || 'anonymous'})`;
	if (ours(frame)) return 'our node (nodes/, credentials/)';
	if (url.includes('/test/harness/')) return 'bench harness (test/harness)';
	if (url.includes('/scripts/bench/')) return 'bench script';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg) return pkg[1];
	if (url.startsWith('node:')) return `node:${url.split('/')[1]?.split(/[_/]/)[0] ?? 'internal'}`;
	return url;
}

export interface ProfileSummary {
	items: number;
	/**
	 * Profiled time, ms: the samples that were not idle. On a loaded machine this includes time
	 * the thread was ready but not scheduled, so the shares are what to read, not these ms.
	 */
	cpuMs: number;
	/** CPU time (user + system) this process used during the profiled run, ms, when measured. */
	measuredCpuMs?: number;
	/** Per item, ms of profiled time; the rows add up to cpuMs / items. */
	categories: Array<{ label: string; msPerItem: number }>;
	/** Self time per origin, ms per item, largest first. */
	selfByOrigin: Array<{ origin: string; msPerItem: number }>;
}

export function summarize(
	profile: Profiler.Profile,
	items: number,
	categories: Category[] = CATEGORIES,
): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	const categoryMs = new Array(categories.length).fill(0) as number[];
	const selfMs = new Map<string, number>();
	const categoryOf = new Map<number, number>();
	let cpuMs = 0;
	for (let index = 0; index < samples.length; index++) {
		// A sample's time is the gap to the next one.
		const ms = (deltas[index + 1] ?? 0) / 1000;
		const leaf = byId.get(samples[index]);
		if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
		cpuMs += ms;
		const key = origin(leaf.callFrame);
		selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
		let category = categoryOf.get(leaf.id);
		if (category === undefined) {
			const stack: Runtime.CallFrame[] = [];
			for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
				const frame = byId.get(id)?.callFrame;
				if (frame) stack.push(frame);
			}
			category = categories.findIndex((candidate) => candidate.test(stack));
			categoryOf.set(leaf.id, category);
		}
		categoryMs[category] += ms;
	}
	return {
		items,
		cpuMs,
		categories: categories.map((category, index) => ({
			label: category.label,
			msPerItem: categoryMs[index] / items,
		})),
		selfByOrigin: [...selfMs.entries()]
			.map(([name, ms]) => ({ origin: name, msPerItem: ms / items }))
			.sort((a, b) => b.msPerItem - a.msPerItem),
	};
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
	return new Promise((resolve, reject) =>
		session.post(method, params ?? {}, (error, result) =>
			error ? reject(error) : resolve(result as T),
		),
	);
}

/** One summary from several: each row's median share, scaled to the median CPU time. */
export function medianSummary(summaries: ProfileSummary[]): ProfileSummary {
	if (summaries.length === 1) return summaries[0];
	const first = summaries[0];
	const shareOf = (summary: ProfileSummary, msPerItem: number) =>
		(msPerItem * summary.items) / summary.cpuMs;
	const cpuMs = median(summaries.map((summary) => summary.cpuMs));
	const measured = summaries
		.map((summary) => summary.measuredCpuMs)
		.filter((value): value is number => value !== undefined);
	const rows = <K extends 'label' | 'origin'>(
		pick: (summary: ProfileSummary) => Array<Record<K, string> & { msPerItem: number }>,
		key: K,
	) =>
		pick(first).map((row) => ({
			...row,
			msPerItem:
				(median(
					summaries.map((summary) =>
						shareOf(
							summary,
							pick(summary).find((other) => other[key] === row[key])?.msPerItem ?? 0,
						),
					),
				) *
					cpuMs) /
				first.items,
		}));
	return {
		items: first.items,
		cpuMs,
		measuredCpuMs: measured.length ? median(measured) : undefined,
		categories: rows((summary) => summary.categories, 'label'),
		selfByOrigin: rows((summary) => summary.selfByOrigin, 'origin'),
	};
}

/**
 * Profiles `reps` runs of `items` creates (ifExists create, warm token so that no IMS call is in
 * them) at the given concurrency against the emulator, after a warm-up run for the JIT, and
 * returns the median of each row's share.
 */
export async function profileCreates(
	emu: EmulatorProcess,
	options: { items: number; concurrency: number; reps?: number; save?: string },
): Promise<ProfileSummary> {
	const helper = new HarnessCredentialsHelper([benchCredential(emu)]);
	const workflow = createWorkflow({ ifExists: 'create', concurrency: options.concurrency });
	// Warm-up: JIT, and the token, which the helper then keeps as n8n keeps it in its database.
	await runWorkflow(workflow, {
		credentialsHelper: helper,
		inputItems: benchItems(options.items, 'warm'),
	});
	await emu.clearConnections();

	const session = new Session();
	session.connect();
	const summaries: ProfileSummary[] = [];
	try {
		await post(session, 'Profiler.enable');
		await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
		for (let rep = 0; rep < (options.reps ?? 3); rep++) {
			await post(session, 'Profiler.start');
			const cpuStart = process.cpuUsage();
			const run = await runWorkflow(workflow, {
				credentialsHelper: helper,
				inputItems: benchItems(options.items, `prof${rep}`),
			});
			const cpu = process.cpuUsage(cpuStart);
			const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
			const error = run.nodeError('Adobe');
			if (error) throw new Error(`profiled run failed: ${String(error.message)}`);
			if (options.save && rep === 0) writeFileSync(options.save, JSON.stringify(profile));
			summaries.push({
				...summarize(profile, options.items),
				measuredCpuMs: (cpu.user + cpu.system) / 1000,
			});
			await emu.clearConnections();
		}
		return medianSummary(summaries);
	} finally {
		session.disconnect();
		await emu.clearConnections();
	}
}

export function printProfile(summary: ProfileSummary, heading: string): void {
	console.log(`\n${heading}`);
	// Shares come from the profile; absolute ms scale them to the CPU time actually used, which,
	// unlike profiled time, does not grow when other processes hold the CPU.
	const totalPerItem = (summary.measuredCpuMs ?? summary.cpuMs) / summary.items;
	const share = (msPerItem: number) => (msPerItem * summary.items) / summary.cpuMs;
	console.log(
		table(
			['where the CPU goes (rows add up)', 'share', 'ms/item'],
			[
				...summary.categories.map((category) => [
					category.label,
					`${round(100 * share(category.msPerItem), 0)}%`,
					round(share(category.msPerItem) * totalPerItem, 3),
				]),
				[
					summary.measuredCpuMs === undefined
						? 'total (profiled time)'
						: 'total (process CPU time)',
					'100%',
					round(totalPerItem, 3),
				],
			],
		),
	);
	console.log(
		table(
			['self time by origin (adds up)', 'share', 'ms/item'],
			summary.selfByOrigin
				.slice(0, 12)
				.map((row) => [
					row.origin,
					`${round(100 * share(row.msPerItem), 0)}%`,
					round(share(row.msPerItem) * totalPerItem, 3),
				]),
		),
	);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const flag = (name: string, fallback: number) => {
		const at = args.indexOf(`--${name}`);
		return at >= 0 ? Number(args[at + 1]) : fallback;
	};
	const saveAt = args.indexOf('--save');
	const emu = await startEmulatorProcess();
	try {
		await emu.setLatency(flag('latency', 0));
		const summary = await profileCreates(emu, {
			items: flag('items', 200),
			concurrency: flag('concurrency', 1),
			save: saveAt >= 0 ? args[saveAt + 1] : undefined,
		});
		printProfile(summary, `CPU profile of ${summary.items} creates`);
	} finally {
		await emu.close();
	}
	process.exit(0);
}

if (require.main === module) void main();
