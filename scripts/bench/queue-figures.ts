// Queue-mode throughput, handed from `npm run test:queue` to `npm run bench`: the queue test
// writes its scenario figures here after a passing run, and the bench reports the latest ones
// (or runs the queue test itself with --queue).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a bare-minimum node reached in the same queue scenario on this kind of machine. */
export const TOY_EXECUTIONS_PER_SECOND = 14;

export interface QueueScenario {
	label: string;
	ok: number;
	total: number;
	wallMs: number;
	executionsPerSecond: number;
}

export interface QueueFigures {
	at: string;
	n8nVersion: string;
	/** Scenario 1 (the load scenario) passed its checks: every call answered, 0 duplicates, 0 lost. */
	loadChecksPassed: boolean;
	scenarios: QueueScenario[];
}

export function queueFiguresPath(): string {
	const cache =
		process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-adobe-flow-service');
	return process.env.BENCH_QUEUE_FIGURES ?? join(cache, 'queue-figures.json');
}

export function writeQueueFigures(figures: QueueFigures): void {
	const file = queueFiguresPath();
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
}

export function readQueueFigures(): QueueFigures | undefined {
	const file = queueFiguresPath();
	if (!existsSync(file)) return undefined;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as QueueFigures;
	} catch {
		return undefined;
	}
}
