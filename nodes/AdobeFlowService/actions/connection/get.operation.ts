import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionLocator, prepareConnectionId } from '../../descriptions/connection';
import type { ConnectionIdParams } from '../../descriptions/connection';
import { getFlowEntity } from '../../helpers/flowEntities';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

const showFor = { resource: ['connection'], operation: ['get'] };

export const description: INodeProperties[] = [
	connectionLocator('get', 'get'),
	optionsCollection(showFor),
];

export const operation: FlowServiceOperation<ConnectionIdParams> = {
	prepare: prepareConnectionId,

	async execute(
		this: IExecuteFunctions,
		params: ConnectionIdParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		// Adobe answers {"items": [one]}, secrets already masked.
		return await getFlowEntity.call(
			this,
			state,
			'connections',
			params.id,
			itemIndex,
			params.timeoutMs,
		);
	},
};
