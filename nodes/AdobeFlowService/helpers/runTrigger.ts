import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { RUNS_PATH, runFilterProperties, shapeRun } from './flowRuns';
import type { FinishedStatus } from './flowRuns';
import { listAll } from './pagination';
import {
	advanceCursor,
	isSeeded,
	listingStart,
	LOOKBACK_MS,
	matchesTrigger,
	MAX_PENDING,
	readCursor,
	writeCursor,
} from './runCursor';
import type { TriggerOn } from './runCursor';
import type { ExecutionState } from './types';
import { dataflowActivityUrl } from './uiLinks';

/** IDs per `property=id==a,b` expression, so that a URL stays a few kilobytes long. */
const IDS_PER_REQUEST = 50;
/** Pages Fetch Test Event reads at most to find a matching run. */
const MANUAL_MAX_PAGES = 5;

export interface TriggerScope {
	on: TriggerOn;
	/** Empty: every dataflow in the sandbox, in one listing. */
	flowIds: string[];
}

function listRuns(
	this: IPollFunctions,
	state: ExecutionState,
	properties: string[],
	options: { limit?: number; keep?: (run: IDataObject) => boolean; maxPages?: number } = {},
): Promise<IDataObject[]> {
	return listAll.call(
		this,
		state,
		{
			path: RUNS_PATH,
			query: { property: properties, orderby: '-createdAt' },
			sendPageSize: true,
			resendQuery: true,
			...options,
		},
		0,
	);
}

/**
 * One production poll. The first one only remembers what exists; later ones return each run
 * that finished since, once. Requests: one per page of runs in the window, one per 50 runs
 * still followed as unfinished, one per 50 dataflows named in the output.
 */
export async function fetchTriggerEvents(
	this: IPollFunctions,
	state: ExecutionState,
	staticData: IDataObject,
	scope: TriggerScope,
): Promise<IDataObject[]> {
	const seeding = !isSeeded(staticData);
	const previous = readCursor(staticData);
	const now = Date.now();
	const startedAfterMs = seeding ? now - LOOKBACK_MS - 1 : listingStart(previous);
	const listed = await listRuns.call(
		this,
		state,
		runFilterProperties({ flowIds: scope.flowIds, startedAfterMs }),
	);
	const listedIds = new Set(listed.map((run) => run.id));
	const followed = previous.pending.filter((id) => !listedIds.has(id)).slice(-MAX_PENDING);
	const runs = [...listed];
	for (let index = 0; index < followed.length; index += IDS_PER_REQUEST) {
		const ids = followed.slice(index, index + IDS_PER_REQUEST);
		runs.push(...(await listRuns.call(this, state, runFilterProperties({ ids }))));
	}
	const { cursor, finished } = advanceCursor(previous, runs, seeding ? { seedAt: now } : {});
	const events = finished.filter((run) => matchesTrigger(run, scope.on));
	const output = events.length ? await withDataflowNames.call(this, state, events) : [];
	// Only now, after every request succeeded: a failed poll leaves the cursor where it was.
	writeCursor(staticData, cursor);
	return output;
}

/** Fetch Test Event: the latest run that matches, as production would output it. */
export async function latestMatchingRun(
	this: IPollFunctions,
	state: ExecutionState,
	scope: TriggerScope,
): Promise<IDataObject | undefined> {
	const status: FinishedStatus | undefined =
		scope.on === 'runFailed' ? 'failed' : scope.on === 'anyFinished' ? undefined : 'success';
	const [run] = await listRuns.call(
		this,
		state,
		runFilterProperties({ flowIds: scope.flowIds, status }),
		{
			limit: 1,
			keep: (candidate) => matchesTrigger(candidate, scope.on),
			maxPages: MANUAL_MAX_PAGES,
		},
	);
	return run ? (await withDataflowNames.call(this, state, [run]))[0] : undefined;
}

/** The runs shaped as Flow Run → Get Many outputs them, plus their dataflow's name and page. */
async function withDataflowNames(
	this: IPollFunctions,
	state: ExecutionState,
	runs: IDataObject[],
): Promise<IDataObject[]> {
	const flowIds = [
		...new Set(runs.map((run) => run.flowId).filter((id) => typeof id === 'string')),
	] as string[];
	const names = new Map<string, string>();
	for (let index = 0; index < flowIds.length; index += IDS_PER_REQUEST) {
		const ids = flowIds.slice(index, index + IDS_PER_REQUEST);
		const flows = await listAll.call(
			this,
			state,
			{
				path: '/flows',
				query: { property: [`id==${ids.join(',')}`] },
				sendPageSize: true,
				resendQuery: true,
			},
			0,
		);
		for (const flow of flows) {
			if (typeof flow.id === 'string' && typeof flow.name === 'string')
				names.set(flow.id, flow.name);
		}
	}
	const credential = state.credentials?.data;
	return runs.map((run) => {
		const flowId = typeof run.flowId === 'string' ? run.flowId : '';
		return {
			...shapeRun(run),
			dataflowName: names.get(flowId) ?? null,
			dataflowUrl: flowId ? dataflowActivityUrl(credential, flowId) : null,
		};
	});
}
