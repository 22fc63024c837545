import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { WaitOptions } from '../descriptions/flowRun';
import { flowServiceRequest } from '../transport';
import type { FlowServiceContext } from '../transport';
import { operationError } from './errors';
import { finishedStatus, firstItem, runPath, runStatus, shapeRun } from './flowRuns';
import { cancelSignalOf, pause } from './hostFeatures';
import type { ExecutionState } from './types';

/** Waits between looks at a running run double up to this. */
const MAX_POLL_INTERVAL_MS = 60_000;

/** GET /runs/{id}: Adobe answers {"items": [run]}. Undefined when the answer holds no run. */
export async function fetchRun(
	this: FlowServiceContext,
	state: ExecutionState,
	id: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<IDataObject | undefined> {
	const response = await flowServiceRequest.call(
		this,
		state,
		{ method: 'GET', path: runPath(id), timeoutMs },
		itemIndex,
	);
	return firstItem(response.body);
}

export function runMissing(context: FlowServiceContext, id: string, itemIndex: number) {
	return operationError(
		context.getNode(),
		`Adobe answered without the run ${id} [item ${itemIndex}]`,
		{
			itemIndex,
			description: 'The answer had no items. Check the run ID and the Sandbox Name.',
		},
	);
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * Polls the run until it succeeds or fails, with back-off, for at most `maxWaitMs`. A run
 * that is not visible yet (404 right after it was created) is looked at again. The wait ends
 * early, with an error, when the execution is cancelled. With `notBefore` (a retried run's
 * `updatedAt`), a finished status counts only once the run has been seen running or updated.
 */
export async function waitForRun(
	this: IExecuteFunctions,
	state: ExecutionState,
	id: string,
	options: WaitOptions,
	itemIndex: number,
	timeoutMs?: number,
	{ notBefore }: { notBefore?: number } = {},
): Promise<IDataObject> {
	const startedAt = Date.now();
	// A retried run keeps its ID: until it has been seen running or updated, "failed" is old news.
	let restarted = notBefore === undefined;
	let interval = options.pollIntervalMs;
	let lastStatus = 'not visible yet';
	for (;;) {
		const remaining = options.maxWaitMs - (Date.now() - startedAt);
		if (remaining <= 0) {
			throw operationError(
				this.getNode(),
				`Run ${id} has not finished after ${options.maxWaitMs / 1000} s (Max Wait); its status is "${lastStatus}" [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'The run goes on in Adobe. Look at it later with Flow Run → Get, or raise Max Wait.',
				},
			);
		}
		if ((await pause(this, Math.min(interval, remaining))) === 'cancelled') {
			throw cancelled(this, id, itemIndex);
		}
		interval = Math.min(interval * 2, MAX_POLL_INTERVAL_MS);
		const run = await fetchRun
			.call(this, state, id, itemIndex, timeoutMs)
			.catch((error: unknown) => {
				// Transport's errors are NodeApiErrors already; only "not visible yet" is waited out.
				if (cancelSignalOf(this)?.aborted) throw cancelled(this, id, itemIndex);
				if (isNotFound(error)) return undefined;
				throw error as NodeApiError;
			});
		if (!run) continue;
		lastStatus = runStatus(run);
		if (!restarted && Number(run.updatedAt) > (notBefore as number)) restarted = true;
		if (!finishedStatus(run)) restarted = true;
		else if (restarted) return shapeRun(run);
	}
}

/** n8n records an execution whose node stops with a "canceled" message as canceled, not failed. */
function cancelled(context: IExecuteFunctions, id: string, itemIndex: number) {
	return operationError(
		context.getNode(),
		`Stopped waiting for run ${id}: the execution was canceled [item ${itemIndex}]`,
		{ itemIndex, description: 'The run goes on in Adobe.' },
	);
}
