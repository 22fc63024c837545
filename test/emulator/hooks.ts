// Test hooks of the onboarding chain on the emulator handle: seed explore tables, datasets and
// schemas; add runs at chosen times with chosen outcomes, and finish unfinished ones.
import type {
	SeedDataset,
	SeedSchema,
	SeedTable,
	StoredFlow,
	StoredMappingSet,
	StoredRun,
	StoredSourceConnection,
	StoredTargetConnection,
} from './data/entities';
import { newRun, settleRun, type FinishedOutcome, type RunOptions } from './data/runs';
import type { RunResponseShape } from './data/store';
import { newEtag, type EmulatorState } from './state';
import { storeRun } from './routes/runs';

export interface OnboardingHooks {
	/** Tables explore lists for one base connection, or for every connection without its own. */
	seedTables(tables: SeedTable[], connectionId?: string): void;
	/** Adds (or replaces, by id) Catalog datasets; sandbox prod unless the seed says otherwise. */
	seedDatasets(datasets: SeedDataset[]): void;
	/** Adds (or replaces, by id) XDM schemas that mapping sets may target. */
	seedSchemas(schemas: SeedSchema[]): void;
	/** Adds a run of the flow; default outcome success, started now. */
	addRun(flowId: string, options?: RunOptions): StoredRun;
	/** Moves an unfinished run (inProgress, scheduled) to a finished outcome, now or at `completedAt`. */
	finishRun(
		runId: string,
		outcome?: FinishedOutcome,
		options?: RunOptions & { completedAt?: number | Date },
	): StoredRun;
	/** Sets metrics.statusSummary.status as sent, e.g. 'inProgress' after 'scheduled'. */
	setRunStatus(runId: string, status: string): StoredRun;
	/** Which documented body POST /runs answers with; default items. */
	setRunResponseShape(shape: RunResponseShape): void;
	readonly sourceConnections: ReadonlyMap<string, StoredSourceConnection>;
	readonly targetConnections: ReadonlyMap<string, StoredTargetConnection>;
	readonly mappingSets: ReadonlyMap<string, StoredMappingSet>;
	readonly flows: ReadonlyMap<string, StoredFlow>;
	readonly runs: ReadonlyMap<string, StoredRun>;
}

export function onboardingHooks(state: EmulatorState): OnboardingHooks {
	const { platform } = state;
	const runOf = (runId: string) => {
		const run = platform.runs.get(runId);
		if (!run) throw new Error(`No run ${runId} in the emulator.`);
		return run;
	};
	return {
		seedTables: (tables, connectionId) => {
			if (connectionId) platform.tables.set(connectionId, tables);
			else platform.defaultTables = tables;
		},
		seedDatasets: (datasets) => platform.seedDatasets(datasets, state.config.clientId),
		seedSchemas: (schemas) => platform.seedSchemas(schemas),
		addRun: (flowId, options) => {
			const flow = platform.flows.get(flowId);
			if (!flow) throw new Error(`No dataflow ${flowId} in the emulator.`);
			return storeRun(state, newRun(flow, options));
		},
		finishRun: (runId, outcome = 'success', options = {}) => {
			const run = runOf(runId);
			const completedAt =
				options.completedAt instanceof Date ? options.completedAt.getTime() : options.completedAt;
			return settleRun(run, outcome, options, completedAt ?? Math.max(Date.now(), run.createdAt));
		},
		setRunStatus: (runId, status) => {
			const run = runOf(runId);
			run.metrics.statusSummary = { ...run.metrics.statusSummary, status };
			run.updatedAt = Math.max(Date.now(), run.updatedAt);
			run.etag = newEtag();
			return run;
		},
		setRunResponseShape: (shape) => {
			platform.runResponseShape = shape;
		},
		sourceConnections: platform.sourceConnections,
		targetConnections: platform.targetConnections,
		mappingSets: platform.mappingSets,
		flows: platform.flows,
		runs: platform.runs,
	};
}
