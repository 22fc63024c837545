/** Webhook load: N POSTs, P at a time, each answer timed and kept for the checks. */
import { Agent } from 'node:http';

import { httpCall } from './cluster';

export interface Answer {
	name: string;
	/** HTTP status; 0 when no HTTP answer came (network error or client time-out). */
	status: number;
	body: string;
	/** The parsed JSON answer, when the body was JSON. */
	json?: Record<string, unknown>;
	/** Why there was no HTTP answer. */
	error?: string;
	startedAt: number;
	ms: number;
}

export interface LoadResult {
	answers: Answer[];
	wallMs: number;
}

export interface LoadOptions {
	port: number;
	path: string;
	names: string[];
	parallel: number;
	timeoutMs: number;
	/** Called after each answer with the number answered so far. */
	onAnswer?: (answered: number, answer: Answer) => void;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const agent = new Agent({ keepAlive: true, maxSockets: options.parallel });
	const answers: Answer[] = new Array(options.names.length);
	let next = 0;
	let answered = 0;
	const started = Date.now();
	const lane = async () => {
		for (;;) {
			const index = next++;
			if (index >= options.names.length) return;
			const name = options.names[index];
			const startedAt = Date.now();
			let answer: Answer;
			try {
				const reply = await httpCall(
					options.port,
					'POST',
					options.path,
					{ name },
					{
						agent,
						timeoutMs: options.timeoutMs,
					},
				);
				let json: Record<string, unknown> | undefined;
				try {
					const parsed: unknown = JSON.parse(reply.body);
					if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
				} catch {
					// not JSON
				}
				answer = {
					name,
					status: reply.status,
					body: reply.body,
					json,
					startedAt,
					ms: Date.now() - startedAt,
				};
			} catch (error) {
				answer = {
					name,
					status: 0,
					body: '',
					error: error instanceof Error ? error.message : String(error),
					startedAt,
					ms: Date.now() - startedAt,
				};
			}
			answers[index] = answer;
			answered++;
			options.onAnswer?.(answered, answer);
		}
	};
	await Promise.all(Array.from({ length: options.parallel }, lane));
	agent.destroy();
	return { answers, wallMs: Date.now() - started };
}

/** An answer the caller can use: HTTP 200 with a connection id. */
export function isSuccess(answer: Answer): boolean {
	return answer.status === 200 && typeof answer.json?.id === 'string' && answer.json.id !== '';
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length) - 1;
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** A plain-text table with right-aligned numeric columns. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map((row) => row.map(String))];
	const widths = headers.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
	const line = (row: string[]) =>
		row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
	return [
		line(cells[0]),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...cells.slice(1).map(line),
	].join('\n');
}
