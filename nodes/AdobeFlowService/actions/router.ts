import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { operationError } from '../helpers/errors';
import { cancelSignalOf } from '../helpers/hostFeatures';
import { DEFAULT_CONCURRENCY, readConcurrency } from './common';
import { createExecutionState } from '../helpers/types';
import type { FlowServiceOperation } from '../helpers/types';
import { connectionOperations } from './connection';
import { connectionSpecOperations } from './connectionSpec';
import { dataflowOperations } from './dataflow';
import { flowSpecOperations } from './flowSpec';
import { mappingSetOperations } from './mappingSet';
import { sourceConnectionOperations } from './sourceConnection';
import { targetConnectionOperations } from './targetConnection';
import { flowRunOperations } from './flowRun';

const operationsByResource: Record<string, Record<string, FlowServiceOperation<never>>> = {
	connection: connectionOperations,
	connectionSpec: connectionSpecOperations,
	dataflow: dataflowOperations,
	flowSpec: flowSpecOperations,
	mappingSet: mappingSetOperations,
	sourceConnection: sourceConnectionOperations,
	targetConnection: targetConnectionOperations,
	flowRun: flowRunOperations,
};

type Prepared = { params: unknown } | { error: Error };

/**
 * The per-item loop, in one place for every operation: it checks all items' parameters before
 * the first request, runs the operation with bounded concurrency, keeps output in input order
 * with `pairedItem`, and applies continue-on-fail so that every input item yields one output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName] as
		| FlowServiceOperation<unknown>
		| undefined;
	if (!operation) {
		throw operationError(
			this.getNode(),
			`The operation "${operationName}" is not known for resource "${resource}"`,
		);
	}
	const continueOnFail = this.continueOnFail();
	const state = createExecutionState();

	// 1. Read and check every item's parameters: bad input fails before anything is sent.
	const prepared: Prepared[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ params: await operation.prepare.call(this, itemIndex) });
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			prepared.push({ error: nodeError });
		}
	}

	// 2. Check what needs Adobe's own definitions (read-only): still nothing is written.
	if (operation.check) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const entry = prepared[itemIndex];
			if ('error' in entry) continue;
			try {
				entry.params = await operation.check.call(this, entry.params, itemIndex, state);
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (!continueOnFail) throw nodeError;
				prepared[itemIndex] = { error: nodeError };
			}
		}
	}

	// 3. Run the operation, a bounded number of items at a time.
	const results: INodeExecutionData[][] = new Array(items.length);
	let concurrency: number;
	try {
		concurrency = readConcurrency.call(this);
	} catch (error) {
		// The option is read at the first item and holds for the whole run. A broken expression
		// there stops the run, unless failures are to be output, item by item, instead.
		if (!continueOnFail) throw asNodeError(this, error, 0);
		concurrency = DEFAULT_CONCURRENCY;
	}
	await forEachWithConcurrency(items.length, concurrency, async (itemIndex) => {
		const pairedItem = { item: itemIndex };
		const entry = prepared[itemIndex];
		if ('error' in entry) {
			results[itemIndex] = [errorItem(entry.error, itemIndex)];
			return;
		}
		try {
			const output = await operation.execute.call(this, entry.params, itemIndex, state);
			results[itemIndex] = (Array.isArray(output) ? output : [output]).map((json) => ({
				json,
				pairedItem,
			}));
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			// A cancelled execution stops; it does not go on to the next item.
			if (!continueOnFail || cancelSignalOf(this)?.aborted) throw nodeError;
			results[itemIndex] = [errorItem(nodeError, itemIndex)];
		}
	});
	return [results.flat()];
}

/**
 * Anything that is not already our kind of n8n error (a TypeError, or n8n's own error for an
 * expression that does not parse) is wrapped, never thrown raw, and names its item.
 */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return operationError(
		context.getNode(),
		message.includes('[item ') ? message : `${message} [item ${itemIndex}]`,
		{ itemIndex },
	);
}

/** The output item of a failed input item under continue-on-fail. */
function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const details = error as Error & {
		description?: string | null;
		httpCode?: string | null;
		errorResponse?: JsonObject;
	};
	if (details.description) json.description = details.description;
	if (details.httpCode) json.httpCode = details.httpCode;
	const adobeCode = details.errorResponse?.adobeCode;
	if (adobeCode) json.adobeCode = adobeCode;
	const requestId = details.errorResponse?.requestId;
	if (requestId) json.requestId = requestId;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs `task` for 0..count-1 with at most `limit` in flight. After the first failure no new
 * task starts; the ones in flight finish, then that failure is thrown.
 */
async function forEachWithConcurrency(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	let firstError: unknown;
	const worker = async () => {
		while (next < count && firstError === undefined) {
			const index = next++;
			try {
				await task(index);
			} catch (error) {
				if (firstError === undefined) firstError = error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
	if (firstError !== undefined) throw firstError;
}
