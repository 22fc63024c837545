import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataflowLocator, prepareDataflowId } from '../../descriptions/dataflow';
import type { DataflowIdParams } from '../../descriptions/dataflow';
import { flowAction } from '../../helpers/dataflows';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

export const description: INodeProperties[] = [
	dataflowLocator('disable', 'disable'),
	optionsCollection({ resource: ['dataflow'], operation: ['disable'] }),
];

export const operation: FlowServiceOperation<DataflowIdParams> = {
	prepare: prepareDataflowId,

	async execute(
		this: IExecuteFunctions,
		params: DataflowIdParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		// POST /flows/{id}/action?op=disable, no body.
		return await flowAction.call(
			this,
			state,
			{ id: params.id, op: 'disable', timeoutMs: params.timeoutMs },
			itemIndex,
		);
	},
};
