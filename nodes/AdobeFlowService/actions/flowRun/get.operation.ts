import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRunId, runIdParameter } from '../../descriptions/flowRun';
import { shapeRun } from '../../helpers/flowRuns';
import { fetchRun, runMissing } from '../../helpers/runRequests';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['flowRun'], operation: ['get'] };

export const description: INodeProperties[] = [
	runIdParameter('get', 'get'),
	optionsCollection(showFor),
];

interface Params {
	id: string;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		return { id: readRunId(this, itemIndex), timeoutMs: readTimeoutMs(this, itemIndex) };
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const run = await fetchRun.call(this, state, params.id, itemIndex, params.timeoutMs);
		if (!run) throw runMissing(this, params.id, itemIndex);
		return shapeRun(run);
	},
};
