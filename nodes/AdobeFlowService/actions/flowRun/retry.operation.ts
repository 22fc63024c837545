import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	readRunId,
	readWaitOptions,
	runIdParameter,
	waitParameters,
} from '../../descriptions/flowRun';
import type { WaitOptions } from '../../descriptions/flowRun';
import { invalidParameter } from '../../helpers/errors';
import { firstItem, runPath, runStatus } from '../../helpers/flowRuns';
import { fetchRun, runMissing, waitForRun } from '../../helpers/runRequests';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { flowServiceRequest } from '../../transport';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['flowRun'], operation: ['retry'] };

export const description: INodeProperties[] = [
	runIdParameter('retry', 'run again'),
	...waitParameters('retry'),
	optionsCollection(showFor),
];

interface Params {
	id: string;
	wait?: WaitOptions;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		return {
			id: readRunId(this, itemIndex),
			wait: readWaitOptions(this, itemIndex),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// Adobe re-triggers failed runs only (1387-400 otherwise): say so before asking.
		const run = await fetchRun.call(this, state, params.id, itemIndex, params.timeoutMs);
		if (!run) throw runMissing(this, params.id, itemIndex);
		const status = runStatus(run);
		if (status !== 'failed') {
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'Run ID',
				`names a run whose status is "${status}": only failed runs can be retried (Adobe error 1387)`,
			);
		}
		// A POST that is never sent twice: if its answer is lost, the item fails and says so.
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				method: 'POST',
				path: `${runPath(params.id)}/action?op=RE_TRIGGER`,
				timeoutMs: params.timeoutMs,
			},
			itemIndex,
		);
		const answer = firstItem(response.body) ?? {};
		const id = typeof answer.id === 'string' && answer.id ? answer.id : params.id;
		if (params.wait) {
			return await waitForRun.call(this, state, id, params.wait, itemIndex, params.timeoutMs, {
				// The same run may still read "failed" until Adobe has picked the retry up.
				notBefore: id === params.id ? Number(run.updatedAt) || undefined : undefined,
			});
		}
		const output: IDataObject = { ...answer, id, retried: true, retriedRunId: params.id };
		return output;
	},
};
