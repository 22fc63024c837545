// Where a node's CPU goes in a real n8n: `n8n execute` of the create workflow under --cpu-prof,
// one node kind at a time (ours, then the HTTP Request node), and the top entries of the main
// process's profile while that node ran.
//
//   npm run build && flock /tmp/real-n8n.lock tsx scripts/bench/n8n-profile.ts \
//     [--items 200] [--latency 20] [--reps 3] [--variants ours,http] [--top 15] [--save dir]
//
// Also used by scripts/bench/run.ts (profileNodesInN8n) for the CPU ms per item it reports.
import './env';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EmulatorProcess } from './lib';
import { round, startEmulatorProcess, table } from './lib';
import { HTTP_NODE, nodeCpu, OUR_PACKAGE } from './n8n-cpu';
import type { NodeCpu, TopEntry } from './n8n-cpu';
import { benchRealN8n, VARIANTS } from './real-n8n-bench';
import type { Variant } from './real-n8n-bench';

export interface NodeProfile extends NodeCpu {
	variant: Variant;
	n8nVersion: string;
	/** executionTime of each repetition, ms. */
	executionMs: number[];
}

/** Runs each variant alone in its own `n8n execute` under --cpu-prof and cuts up its profile. */
export async function profileNodesInN8n(
	emu: EmulatorProcess,
	options: {
		items: number;
		latencyMs: number;
		reps: number;
		variants: Variant[];
		top?: number;
		save?: string;
		log: (line: string) => void;
	},
): Promise<NodeProfile[]> {
	const results: NodeProfile[] = [];
	for (const variant of options.variants) {
		// A warm-up run of the node, then one of the other kind: the profile is read from the
		// end of that one on, so only warm, measured runs count.
		const separator: Variant = variant === 'http' ? 'ours' : 'http';
		const run = await benchRealN8n(emu, {
			warmUp: [variant, separator],
			items: options.items,
			latencyMs: options.latencyMs,
			concurrency: 20,
			repetitions: options.reps,
			variants: [variant],
			profile: true,
			log: options.log,
		});
		if (!run.cpuProfile) throw new Error(`no CPU profile of n8n's main process for ${variant}`);
		if (options.save) {
			writeFileSync(join(options.save, `${variant}.cpuprofile`), JSON.stringify(run.cpuProfile));
		}
		const isNode = (kind: Variant) => (kind === 'http' ? HTTP_NODE : OUR_PACKAGE);
		results.push({
			variant,
			n8nVersion: run.n8nVersion,
			executionMs: run.executionMs[variant] ?? [],
			...nodeCpu(run.cpuProfile, isNode(variant), options.items * options.reps, {
				after: isNode(separator),
				top: options.top,
			}),
		});
	}
	return results;
}

export function printNodeProfiles(profiles: NodeProfile[], heading: string): void {
	console.log(`\n${heading}`);
	console.log(
		table(
			['node', 'CPU ms/item', 'of which our code', 'executionTime ms (runs)'],
			profiles.map((profile) => [
				VARIANTS[profile.variant],
				round(profile.cpuMsPerItem, 2),
				profile.variant === 'http' ? '-' : round(profile.ownCodeMsPerItem, 3),
				profile.executionMs.join(' '),
			]),
		),
	);
	const rows = (entries: TopEntry[]) =>
		entries.map((entry) => [
			entry.name,
			round(entry.msPerItem, 3),
			`${round(100 * entry.share, 1)}%`,
		]);
	for (const profile of profiles) {
		const label = `"${VARIANTS[profile.variant]}" (n8n ${profile.n8nVersion})`;
		console.log(`\ntop self time while ${label} ran:`);
		console.log(table(['function (file:line)', 'ms/item', 'share'], rows(profile.topSelf)));
		console.log(`\ntop inclusive time (n8n's and our functions) while ${label} ran:`);
		console.log(table(['function (file:line)', 'ms/item', 'share'], rows(profile.topInclusive)));
	}
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const flag = (name: string, fallback: string) => {
		const at = args.indexOf(`--${name}`);
		return at >= 0 ? args[at + 1] : fallback;
	};
	const items = Number(flag('items', '200'));
	const latencyMs = Number(flag('latency', '20'));
	const reps = Number(flag('reps', '3'));
	const variants = flag('variants', 'ours,http').split(',') as Variant[];
	const log = (line: string) => process.stderr.write(`[n8n-profile] ${line}\n`);
	const emu = await startEmulatorProcess();
	try {
		const profiles = await profileNodesInN8n(emu, {
			items,
			latencyMs,
			reps,
			variants,
			top: Number(flag('top', '15')),
			save: flag('save', '') || undefined,
			log,
		});
		printNodeProfiles(
			profiles,
			`CPU of n8n's main process per item, ${items} creates × ${reps} at ${latencyMs} ms latency`,
		);
	} finally {
		await emu.close();
	}
	process.exit(0);
}

if (require.main === module) void main();
