// Flow runs as Flow Service reports them (FlowRunItemDTO): success, failed with run- and
// activity-level errors, success with failed records, and the unfinished states.
import { randomUUID } from 'node:crypto';
import { newEtag } from '../state';
import type { RunError, StoredFlow, StoredRun } from './entities';

export type FinishedOutcome = 'success' | 'failed' | 'failedRecords';
export type RunOutcome = FinishedOutcome | 'inProgress' | 'scheduled';

export interface RunOptions {
	outcome?: RunOutcome;
	/** When the run started (epoch ms or a Date); default now. It is also its createdAt. */
	startedAt?: number | Date;
	/** Finished runs: how long they took; default 60 s. */
	durationMs?: number;
	/** Records read; default 1000. */
	records?: number;
	/** failedRecords: how many records failed; default 3. */
	failedRecords?: number;
	/** failed: the run-level errors; default CONNECTOR-2001-500. */
	errors?: RunError[];
	/** Overrides metrics.statusSummary.status as sent, e.g. 'Failed' or 'partialSuccess'. */
	status?: string;
	/** Window of an on-demand run, epoch seconds. */
	window?: { start: number; end: number };
}

const DEFAULT_RUN_ERRORS: RunError[] = [
	{ code: 'CONNECTOR-2001-500', message: 'Error occurred at promotion activity.' },
];

const epochMs = (value: number | Date | undefined, fallback: number) =>
	value === undefined ? fallback : value instanceof Date ? value.getTime() : value;

function activity(
	run: StoredRun,
	name: string,
	status: string,
	summary: Record<string, unknown>,
): Record<string, unknown> {
	const { startedAtUTC, completedAtUTC } = run.metrics.durationSummary;
	return {
		id: randomUUID(),
		name,
		updatedAtUTC: completedAtUTC ?? startedAtUTC,
		durationSummary: { startedAtUTC, completedAtUTC },
		...summary,
		statusSummary: { status, ...(summary.statusSummary as object) },
	};
}

/** Sets the run's metrics and activities to a finished outcome. */
export function settleRun(
	run: StoredRun,
	outcome: FinishedOutcome,
	options: RunOptions = {},
	completedAt?: number,
): StoredRun {
	const started = run.metrics.durationSummary.startedAtUTC;
	const completed = completedAt ?? started + (options.durationMs ?? 60_000);
	const input = options.records ?? 1000;
	const failed = outcome === 'failedRecords' ? (options.failedRecords ?? 3) : 0;
	const output = outcome === 'failed' ? 0 : input - failed;
	const status = options.status ?? (outcome === 'failed' ? 'failed' : 'success');
	const batchId = `01${randomUUID().replace(/-/g, '').slice(0, 24).toUpperCase()}`;
	const recordSummary = {
		inputRecordCount: input,
		outputRecordCount: output,
		failedRecordCount: failed,
	};
	const runErrors = outcome === 'failed' ? (options.errors ?? DEFAULT_RUN_ERRORS) : [];
	run.updatedAt = completed;
	run.etag = newEtag();
	run.metrics = {
		durationSummary: {
			...run.metrics.durationSummary,
			startedAtUTC: started,
			completedAtUTC: completed,
		},
		sizeSummary: { inputBytes: input * 88, outputBytes: output * 64 },
		recordSummary,
		fileSummary: {
			inputFileCount: 1,
			outputFileCount: outcome === 'failed' ? 0 : 1,
			activityRefs: ['copyActivity'],
		},
		statusSummary: {
			status,
			...(runErrors.length > 0 ? { errors: runErrors, activityRefs: ['promotionActivity'] } : {}),
		},
	};
	const rowErrors: RunError[] = [
		{
			code: 'INGEST-1212-400',
			message: `Encountered ${failed} errors in the data. Ingestion failed for those rows.`,
		},
		{ code: 'MAPPER-3700-400', recordCount: failed, message: 'Mapper Transform Error' },
	];
	const manifest = `https://platform.adobe.io/data/foundation/export/batches/${batchId}/meta`;
	run.activities = [
		activity(run, 'Copy Activity', 'success', {
			recordSummary: { inputRecordCount: input, outputRecordCount: input, failedRecordCount: 0 },
			sourceInfo: [
				{
					id: run.flowId,
					type: 'SourceConnection',
					reference: { type: 'AdfRunId', ids: [randomUUID()] },
				},
			],
		}),
		activity(run, 'Promotion Activity', outcome === 'failed' ? 'failed' : 'success', {
			recordSummary,
			fileSummary: { extensions: { manifest: { fileInfo: `${manifest}?path=input_files` } } },
			statusSummary: {
				...(outcome === 'failed' ? { errors: runErrors } : {}),
				...(outcome === 'failedRecords'
					? {
							extensions: {
								manifest: {
									failedRecords: `${manifest}?path=row_errors`,
									sampleErrors: `${manifest}?path=row_error_samples.json`,
								},
								errors: rowErrors,
							},
						}
					: {}),
			},
			targetInfo: [
				{
					id: randomUUID(),
					type: 'TargetConnection',
					reference: { type: 'Batch', ids: [batchId] },
				},
			],
		}),
	];
	return run;
}

export function newRun(flow: StoredFlow, options: RunOptions = {}): StoredRun {
	const outcome = options.outcome ?? 'success';
	const startedAt = epochMs(options.startedAt, Date.now());
	const run: StoredRun = {
		id: randomUUID(),
		flowId: flow.id,
		flowSpec: flow.flowSpec,
		createdAt: startedAt,
		updatedAt: startedAt,
		createdBy: flow.createdBy,
		updatedBy: flow.createdBy,
		createdClient: flow.createdClient,
		updatedClient: flow.createdClient,
		sandboxName: flow.sandboxName,
		imsOrgId: flow.imsOrgId,
		providerRefId: randomUUID(),
		etag: newEtag(),
		metrics: {
			durationSummary: {
				startedAtUTC: startedAt,
				...(options.window
					? { extensions: { windowStart: options.window.start, windowEnd: options.window.end } }
					: {}),
			},
			statusSummary: { status: options.status ?? outcome },
		},
		activities: [],
	};
	if (outcome === 'inProgress' || outcome === 'scheduled') return run;
	return settleRun(run, outcome, options);
}
