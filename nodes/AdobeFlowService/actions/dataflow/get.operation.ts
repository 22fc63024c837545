import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataflowLocator, dataflowPath, prepareDataflowId } from '../../descriptions/dataflow';
import type { DataflowIdParams } from '../../descriptions/dataflow';
import { getEntity } from '../../helpers/entities';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

export const description: INodeProperties[] = [
	dataflowLocator('get', 'get'),
	optionsCollection({ resource: ['dataflow'], operation: ['get'] }),
];

export const operation: FlowServiceOperation<DataflowIdParams> = {
	prepare: prepareDataflowId,

	async execute(
		this: IExecuteFunctions,
		params: DataflowIdParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		// Adobe answers {"items": [the flow]}: its state, schedule, transformations, last run.
		return await getEntity.call(
			this,
			state,
			{
				path: dataflowPath(params.id),
				noun: 'dataflow',
				id: params.id,
				timeoutMs: params.timeoutMs,
			},
			itemIndex,
		);
	},
};
