import type { IDataObject } from 'n8n-workflow';

import { finishedStatus, runStartedAtMs, summarizeRun } from './flowRuns';

/**
 * The trigger's memory between polls, kept in the node's static data. Runs are found by start
 * time, the one time filter Adobe documents, and a run can finish long after it started, so:
 *
 * - `cursor` is the latest start time seen; each poll lists the runs that started after
 *   `cursor - LOOKBACK_MS`, which also catches runs that show up in listings a little late;
 * - `handled` holds the finished runs already dealt with in that window (by ID, with their start
 *   time), so runs sharing a timestamp, or listed again, fire once;
 * - `pending` holds the runs seen unfinished; each poll asks for them by ID until they finish.
 *
 * Every step is idempotent: n8n saves static data only after a poll that emitted, so a poll
 * whose changes are lost is simply done again by the next one.
 */

export const LOOKBACK_MS = 10 * 60_000;
/** Unfinished runs followed at once; asked for by ID, 50 a request. */
export const MAX_PENDING = 200;
const MAX_HANDLED = 2000;

export type TriggerOn = 'runFailed' | 'runSucceeded' | 'anyFinished' | 'runWithFailedRecords';

export interface RunCursor {
	cursor: number;
	handled: Record<string, number>;
	pending: string[];
}

export function isSeeded(data: IDataObject): boolean {
	return typeof data.cursor === 'number';
}

export function readCursor(data: IDataObject): RunCursor {
	return {
		cursor: typeof data.cursor === 'number' ? data.cursor : 0,
		handled:
			data.handled && typeof data.handled === 'object' && !Array.isArray(data.handled)
				? { ...(data.handled as Record<string, number>) }
				: {},
		pending: Array.isArray(data.pending) ? (data.pending as string[]).slice() : [],
	};
}

export function writeCursor(data: IDataObject, cursor: RunCursor): void {
	data.cursor = cursor.cursor;
	data.handled = cursor.handled;
	data.pending = cursor.pending;
}

/** Whether a finished run is one the user asked to hear about. */
export function matchesTrigger(run: IDataObject, on: TriggerOn): boolean {
	const status = finishedStatus(run);
	if (!status) return false;
	switch (on) {
		case 'runFailed':
			return status === 'failed';
		case 'runSucceeded':
			return status === 'success';
		case 'runWithFailedRecords':
			return status === 'success' && (summarizeRun(run).failedRecordCount ?? 0) > 0;
		default:
			return true;
	}
}

/**
 * Takes the runs a poll saw (listed in the window, or asked for as pending) and returns the
 * finished ones not handled before, oldest first, with the cursor moved on. `seedOnly` records
 * everything without returning anything (the first production poll).
 */
export function advanceCursor(
	previous: RunCursor,
	runs: IDataObject[],
	{ seedAt }: { seedAt?: number } = {},
): { cursor: RunCursor; finished: IDataObject[] } {
	const next: RunCursor = {
		cursor: Math.max(previous.cursor, seedAt ?? 0),
		handled: { ...previous.handled },
		pending: previous.pending.slice(),
	};
	const pending = new Set(next.pending);
	const finished: IDataObject[] = [];
	const seen = new Set<string>();
	for (const run of runs) {
		const id = typeof run.id === 'string' ? run.id : undefined;
		if (!id || seen.has(id)) continue;
		seen.add(id);
		const startedAt = runStartedAtMs(run) ?? next.cursor;
		if (!finishedStatus(run)) {
			pending.add(id);
		} else {
			pending.delete(id);
			if (!(id in next.handled)) {
				next.handled[id] = startedAt;
				if (seedAt === undefined) finished.push(run);
			}
		}
		if (startedAt > next.cursor && startedAt <= Date.now() + LOOKBACK_MS) next.cursor = startedAt;
	}
	// Runs that can no longer be listed need no memory; the newest are kept if there are too many.
	const horizon = next.cursor - LOOKBACK_MS;
	const kept = Object.entries(next.handled)
		.filter(([, startedAt]) => startedAt >= horizon)
		.sort((a, b) => b[1] - a[1])
		.slice(0, MAX_HANDLED);
	next.handled = Object.fromEntries(kept);
	next.pending = [...pending].slice(-MAX_PENDING);
	finished.sort((a, b) => (runStartedAtMs(a) ?? 0) - (runStartedAtMs(b) ?? 0));
	return { cursor: next, finished };
}

/** The lower bound of the next listing (exclusive), in epoch ms. */
export function listingStart(cursor: RunCursor): number {
	return cursor.cursor - LOOKBACK_MS - 1;
}
