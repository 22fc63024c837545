// Reads a --cpu-prof profile of a real n8n's main process and says what one node costs per item:
// the CPU time of the stretch of the run in which that node executed (from the first sample with
// its code on the stack to the last, idle time left out), the functions that time went to, and
// the share of it that was our package's own code.
import type { Profiler, Runtime } from 'node:inspector';

import type { Category } from './profile';

type Frame = Runtime.CallFrame;

export const OUR_PACKAGE = (frame: { url: string }) =>
	frame.url.includes('/node_modules/n8n-nodes-adobe-flow-service/');
export const HTTP_NODE = (frame: { url: string }) => frame.url.includes('/HttpRequest/V3/');

export interface TopEntry {
	/** `function (file:line)`, the file shortened to its package and path. */
	name: string;
	msPerItem: number;
	/** Of the window's CPU time. */
	share: number;
}

/** n8n's and our package's functions: what the inclusive list ranks (not Node's event loop). */
function isLibraryFrame(frame: Frame): boolean {
	return /\/node_modules\/(n8n|n8n-core|n8n-workflow|@n8n\/[^/]+|n8n-nodes-[^/]+)\//.test(
		frame.url,
	);
}

export interface NodeCpu {
	items: number;
	/** Non-idle profiled time while the node ran, ms per item. */
	cpuMsPerItem: number;
	/** Of which our package's own functions (self time), ms per item. */
	ownCodeMsPerItem: number;
	/** Wall time of the window, ms. */
	windowMs: number;
	/** Functions by self time. */
	topSelf: TopEntry[];
	/** n8n's and our functions by inclusive time (callees included). */
	topInclusive: TopEntry[];
	categories: Array<{ label: string; msPerItem: number }>;
}

function shortUrl(url: string): string {
	if (!url) return 'native';
	const at = url.lastIndexOf('/node_modules/');
	return at >= 0 ? url.slice(at + '/node_modules/'.length) : url.replace(/^file:\/\//, '');
}

export function frameName(frame: Frame): string {
	const fn = frame.functionName || '(anonymous)';
	return frame.url ? `${fn} (${shortUrl(frame.url)}:${frame.lineNumber + 1})` : fn;
}

/** Per sample: its leaf node, and the time it stands for (the gap to the next sample), in ms. */
function samplesOf(profile: Profiler.Profile): Array<{ id: number; ms: number }> {
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	return samples.map((id, index) => ({ id, ms: (deltas[index + 1] ?? 0) / 1000 }));
}

/** Whether a node's stack (itself and its callers) has a frame that passes `test`, memoized. */
function stackTester(profile: Profiler.Profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id: number): Frame[] => {
		const stack: Frame[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at)?.callFrame;
			if (frame) stack.push(frame);
		}
		return stack;
	};
	return { byId, stackOf };
}

/**
 * The CPU one node spent per item, from a profile in which it ran `items` items in all (its
 * repetitions added up), with no other node running in between. The window starts at the
 * node's first sample after the last one of `after` (a different node run in between, which
 * marks the end of a warm-up), and ends at the node's last sample.
 */
export function nodeCpu(
	profile: Profiler.Profile,
	isNodeFrame: (frame: Frame) => boolean,
	items: number,
	options: { after?: (frame: Frame) => boolean; categories?: Category[]; top?: number } = {},
): NodeCpu {
	const categories = options.categories ?? [];
	const { byId, stackOf } = stackTester(profile);
	const tester = (test: (frame: Frame) => boolean) => {
		const known = new Map<number, boolean>();
		return (id: number) => {
			let found = known.get(id);
			if (found === undefined) {
				found = stackOf(id).some(test);
				known.set(id, found);
			}
			return found;
		};
	};
	const hasNode = tester(isNodeFrame);
	const samples = samplesOf(profile);
	let start = 0;
	if (options.after) {
		const hasMarker = tester(options.after);
		samples.forEach((sample, index) => {
			if (hasMarker(sample.id)) start = index + 1;
		});
	}
	let first = -1;
	let last = -1;
	for (let index = start; index < samples.length; index++) {
		if (!hasNode(samples[index].id)) continue;
		if (first < 0) first = index;
		last = index;
	}
	const inclusive = new Map<string, number>();
	const namesOnStack = new Map<number, string[]>();
	const self = new Map<string, number>();
	const categoryMs = new Array(categories.length).fill(0) as number[];
	const categoryOf = new Map<number, number>();
	let cpuMs = 0;
	let ownMs = 0;
	let windowMs = 0;
	for (let index = Math.max(first, 0); first >= 0 && index <= last; index++) {
		const { id, ms } = samples[index];
		windowMs += ms;
		const leaf = byId.get(id)?.callFrame;
		if (!leaf || leaf.functionName === '(idle)') continue;
		cpuMs += ms;
		if (OUR_PACKAGE(leaf)) ownMs += ms;
		const name = frameName(leaf);
		self.set(name, (self.get(name) ?? 0) + ms);
		// Inclusive: each function once per sample, however deep it recurses.
		let names = namesOnStack.get(id);
		if (!names) {
			names = [...new Set(stackOf(id).filter(isLibraryFrame).map(frameName))];
			namesOnStack.set(id, names);
		}
		for (const frameKey of names) {
			inclusive.set(frameKey, (inclusive.get(frameKey) ?? 0) + ms);
		}
		if (categories.length) {
			let category = categoryOf.get(id);
			if (category === undefined) {
				category = categories.findIndex((candidate) => candidate.test(stackOf(id)));
				categoryOf.set(id, category);
			}
			if (category >= 0) categoryMs[category] += ms;
		}
	}
	const ranked = (entries: Map<string, number>) =>
		[...entries.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, options.top ?? 15)
			.map(([name, ms]) => ({ name, msPerItem: ms / items, share: cpuMs ? ms / cpuMs : 0 }));
	return {
		items,
		cpuMsPerItem: cpuMs / items,
		ownCodeMsPerItem: ownMs / items,
		windowMs,
		topSelf: ranked(self),
		topInclusive: ranked(inclusive),
		categories: categories.map((category, index) => ({
			label: category.label,
			msPerItem: categoryMs[index] / items,
		})),
	};
}
