import type { IDataObject } from 'n8n-workflow';

/**
 * What the Flow Run operations and the trigger share: reading a run's status, the flat summary
 * that sits beside Adobe's raw fields, and the `/runs` filter expressions.
 */

export const RUNS_PATH = '/runs';

export function runPath(id: string): string {
	return `${RUNS_PATH}/${encodeURIComponent(id)}`;
}

/** The two statuses that end a run. Adobe's full list is not published; anything else runs on. */
export type FinishedStatus = 'success' | 'failed';

export interface RunError {
	code: string;
	message: string;
}

export interface RunSummary {
	status: string;
	startedAt: string | null;
	completedAt: string | null;
	durationSeconds: number | null;
	inputRecordCount: number | null;
	outputRecordCount: number | null;
	failedRecordCount: number | null;
	errors: RunError[];
}

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function asNumber(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/**
 * The run's status as Adobe wrote it (`metrics.statusSummary.status`, else the run's `state`).
 * Success and failed are lower-cased whatever their case (the docs show "Failed" and "failed").
 */
export function runStatus(run: IDataObject): string {
	const summary = asObject(asObject(run.metrics).statusSummary);
	const raw = [summary.status, run.state].find((value) => typeof value === 'string' && value);
	if (typeof raw !== 'string') return 'unknown';
	const lower = raw.trim().toLowerCase();
	return lower === 'success' || lower === 'failed' ? lower : raw.trim();
}

export function finishedStatus(run: IDataObject): FinishedStatus | undefined {
	const status = runStatus(run);
	return status === 'success' || status === 'failed' ? status : undefined;
}

/** Epoch milliseconds the run started at (falling back to when it was created), or undefined. */
export function runStartedAtMs(run: IDataObject): number | undefined {
	const duration = asObject(asObject(run.metrics).durationSummary);
	return asNumber(duration.startedAtUTC) ?? asNumber(run.createdAt) ?? undefined;
}

function isoTime(ms: number | null): string | null {
	if (ms === null || ms <= 0) return null;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The run's activities; the OpenAPI spells the array `activites`. */
function activitiesOf(run: IDataObject): IDataObject[] {
	const list = Array.isArray(run.activities) ? run.activities : run.activites;
	return Array.isArray(list)
		? (list.filter((a) => a && typeof a === 'object') as IDataObject[])
		: [];
}

/** Errors from the run and its activities (their status summaries and extensions), each once. */
export function runErrors(run: IDataObject): RunError[] {
	const summaries = [
		asObject(asObject(run.metrics).statusSummary),
		...activitiesOf(run).map((activity) => asObject(activity.statusSummary)),
	];
	const lists = summaries.flatMap((summary) => [
		summary.errors,
		asObject(summary.extensions).errors,
	]);
	const seen = new Set<string>();
	const errors: RunError[] = [];
	for (const list of lists) {
		if (!Array.isArray(list)) continue;
		for (const entry of list) {
			const error = asObject(entry);
			const code = typeof error.code === 'string' ? error.code : String(error.code ?? '');
			const message = typeof error.message === 'string' ? error.message : '';
			if (!code && !message) continue;
			const key = `${code}\n${message}`;
			if (seen.has(key)) continue;
			seen.add(key);
			errors.push({ code, message });
		}
	}
	return errors;
}

export function summarizeRun(run: IDataObject): RunSummary {
	const metrics = asObject(run.metrics);
	const duration = asObject(metrics.durationSummary);
	const records = asObject(metrics.recordSummary);
	const started = asNumber(duration.startedAtUTC);
	const completed = asNumber(duration.completedAtUTC);
	return {
		status: runStatus(run),
		startedAt: isoTime(started),
		completedAt: isoTime(completed),
		durationSeconds:
			started !== null && completed !== null && completed >= started
				? Math.round(completed - started) / 1000
				: null,
		inputRecordCount: asNumber(records.inputRecordCount),
		outputRecordCount: asNumber(records.outputRecordCount),
		failedRecordCount: asNumber(records.failedRecordCount),
		errors: runErrors(run),
	};
}

/** A run as the nodes output it: Adobe's fields, and the flat summary beside them. */
export function shapeRun(run: IDataObject): IDataObject {
	return { ...run, ...(summarizeRun(run) as unknown as IDataObject) };
}

/** The run inside a `{items: [run]}` answer (GET by ID), or the answer itself if bare. */
export function firstItem(body: IDataObject): IDataObject | undefined {
	if (Array.isArray(body.items)) {
		const first = body.items[0] as unknown;
		return first && typeof first === 'object' ? (first as IDataObject) : undefined;
	}
	return typeof body.id === 'string' ? body : undefined;
}

export interface RunFilters {
	/** Dataflow IDs (UUIDs); several mean "any of them". Empty means every dataflow. */
	flowIds?: string[];
	status?: FinishedStatus;
	/** Epoch ms, exclusive. */
	startedAfterMs?: number;
	startedBeforeMs?: number;
	/** Run IDs (UUIDs); several mean "any of them". */
	ids?: string[];
}

/**
 * The `property` expressions for a `/runs` listing, as Adobe documents them: a comma list is
 * "any of", repeated expressions are ANDed, times are epoch milliseconds. IDs are checked UUIDs
 * and need no quoting. The status goes out in lower case, the form runs carry it in.
 */
export function runFilterProperties(filters: RunFilters): string[] {
	const properties: string[] = [];
	if (filters.ids?.length) properties.push(`id==${filters.ids.join(',')}`);
	if (filters.flowIds?.length) properties.push(`flowId==${filters.flowIds.join(',')}`);
	if (filters.status) properties.push(`metrics.statusSummary.status==${filters.status}`);
	const started = 'metrics.durationSummary.startedAtUTC';
	if (filters.startedAfterMs !== undefined) {
		properties.push(`${started}>${Math.floor(filters.startedAfterMs)}`);
	}
	if (filters.startedBeforeMs !== undefined) {
		properties.push(`${started}<${Math.ceil(filters.startedBeforeMs)}`);
	}
	return properties;
}
