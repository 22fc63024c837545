// One memory measurement, in a fresh process started by scripts/bench/run.ts with --expose-gc:
//
//   memory-child.ts <operation> <items> <emulatorUrl>
//
// operation: specGet (Get Connection Spec), dryRun (Create Redshift, Validate Only), noOp (n8n's
// own cost per item, for reference: the harness's No Operation node). After a warm-up run and a
// full GC, the workflow runs through the harness; its peak RSS is the kernel's high-water mark
// (VmHWM, reset just before the run through /proc/self/clear_refs), or where Linux does not offer
// that, the highest of samples taken every 2 ms. The peak growth over the settled baseline, and
// the heap still held after the run and a full GC, are sent back to the parent.
import './env';

import type { IDataObject } from 'n8n-workflow';

import { readFileSync, writeFileSync } from 'node:fs';

import { DEFAULT_CREDENTIALS } from '../../test/emulator/server';
import { HarnessCredentialsHelper } from '../../test/harness/credentials';
import { adobeCredential, REDSHIFT_SPEC_ID } from '../../test/harness/fixtures';
import { runWorkflow, singleNodeWorkflow } from '../../test/harness/runWorkflow';
import type { WorkflowJson } from '../../test/harness/runWorkflow';
import { connectionWorkflow } from '../../test/lifecycle/helpers';

export type MemoryOperation = 'specGet' | 'dryRun' | 'noOp';

export interface MemoryResult {
	operation: MemoryOperation;
	items: number;
	baselineRssMb: number;
	peakRssGrowthMb: number;
	peakHeapGrowthMb: number;
	/** Heap still used after the run once its result is dropped and GC ran (a leak shows here). */
	retainedHeapMb: number;
	/** Whether the peak came from the kernel's VmHWM (exact) or from sampling. */
	peakSource: 'VmHWM' | 'sampled';
	outputItems: number;
	wallMs: number;
}

const MB = 1024 * 1024;

function workflowFor(operation: MemoryOperation): WorkflowJson {
	if (operation === 'specGet') {
		return singleNodeWorkflow({
			resource: 'connectionSpec',
			operation: 'get',
			specName: 'amazon-redshift',
		});
	}
	if (operation === 'dryRun') {
		// The name comes from the item; the rest is typed, as in a typical bulk workflow.
		return connectionWorkflow('createRedshift', {
			name: '={{ $json.name }}',
			connectionSpecId: REDSHIFT_SPEC_ID,
			redshiftCredentials: 'parameters',
			server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
			database: 'dev',
			username: 'aep_reader',
			password: 'Bench-P@ss',
			options: { validateOnly: true },
		});
	}
	const json = singleNodeWorkflow({});
	json.nodes[1] = {
		...json.nodes[1],
		type: 'n8n-nodes-base.noOp',
		parameters: {},
		credentials: undefined,
	};
	return json;
}

function items(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ name: `memory-${index}`, index }));
}

/** Resets the kernel's peak-RSS mark for this process; false where that is not possible. */
function resetPeakRss(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return peakRssFromKernel() !== undefined;
	} catch {
		return false;
	}
}

function peakRssFromKernel(): number | undefined {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

const gc = (): void => {
	const collect = (globalThis as { gc?: () => void }).gc;
	if (!collect) throw new Error('run with --expose-gc');
	collect();
	collect();
};

async function main(): Promise<void> {
	const [operation, countText, url] = process.argv.slice(2) as [MemoryOperation, string, string];
	const count = Number(countText);
	const workflow = workflowFor(operation);
	const { clientId, clientSecret, imsOrgId } = DEFAULT_CREDENTIALS;
	const helper = new HarnessCredentialsHelper([
		adobeCredential({ platformUrl: url, imsUrl: url, clientId, clientSecret, imsOrgId }),
	]);
	const run = async (input: IDataObject[]) => {
		const result = await runWorkflow(workflow, { credentialsHelper: helper, inputItems: input });
		const error = result.nodeError('Adobe');
		if (error) throw new Error(`${operation} failed: ${String(error.message)}`);
		return result.output('Adobe').length;
	};

	// Warm-up: modules loaded, code compiled, token fetched and stored.
	await run(items(200));
	await new Promise((resolve) => setTimeout(resolve, 50));
	gc();
	const baseline = process.memoryUsage();

	let peakRss = baseline.rss;
	let peakHeap = baseline.heapUsed;
	const sample = () => {
		const usage = process.memoryUsage();
		if (usage.rss > peakRss) peakRss = usage.rss;
		if (usage.heapUsed > peakHeap) peakHeap = usage.heapUsed;
	};
	const kernelPeak = resetPeakRss();
	const timer = setInterval(sample, 2);
	const started = performance.now();
	let input: IDataObject[] | undefined = items(count);
	let outputItems = await run(input);
	const wallMs = performance.now() - started;
	sample();
	clearInterval(timer);
	if (kernelPeak) peakRss = Math.max(peakRss, peakRssFromKernel() ?? 0);
	input = undefined;
	void input;
	await new Promise((resolve) => setTimeout(resolve, 50));
	gc();
	const after = process.memoryUsage();

	const result: MemoryResult = {
		operation,
		items: count,
		baselineRssMb: baseline.rss / MB,
		peakRssGrowthMb: (peakRss - baseline.rss) / MB,
		peakHeapGrowthMb: (peakHeap - baseline.heapUsed) / MB,
		retainedHeapMb: (after.heapUsed - baseline.heapUsed) / MB,
		peakSource: kernelPeak ? 'VmHWM' : 'sampled',
		outputItems,
		wallMs,
	};
	outputItems = 0;
	process.send?.(result);
	process.exit(0);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
