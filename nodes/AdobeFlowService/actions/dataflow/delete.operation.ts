import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataflowLocator, dataflowPath, prepareDataflowId } from '../../descriptions/dataflow';
import type { DataflowIdParams } from '../../descriptions/dataflow';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { flowServiceRequest } from '../../transport';
import { optionsCollection } from '../common';

export const description: INodeProperties[] = [
	dataflowLocator('delete', 'delete'),
	optionsCollection({ resource: ['dataflow'], operation: ['delete'] }),
];

export const operation: FlowServiceOperation<DataflowIdParams> = {
	prepare: prepareDataflowId,

	async execute(
		this: IExecuteFunctions,
		params: DataflowIdParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		// 204, no body. The flow goes first in a teardown: its connections can go after it.
		await flowServiceRequest.call(
			this,
			state,
			{ method: 'DELETE', path: dataflowPath(params.id), timeoutMs: params.timeoutMs },
			itemIndex,
		);
		return { deleted: true, id: params.id };
	},
};
