import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { entityIdField, entityIdPrepare } from '../../descriptions/flowEntity';
import type { EntityIdParams } from '../../descriptions/flowEntity';
import { getFlowEntity } from '../../helpers/flowEntities';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

const showFor = { resource: ['targetConnection'], operation: ['get'] };

export const description: INodeProperties[] = [
	entityIdField(
		'targetConnectionId',
		'Target Connection ID',
		showFor,
		'The target connection to get',
	),
	optionsCollection(showFor),
];

export const operation: FlowServiceOperation<EntityIdParams> = {
	prepare: entityIdPrepare('targetConnectionId', 'Target Connection ID'),

	async execute(
		this: IExecuteFunctions,
		params: EntityIdParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		return await getFlowEntity.call(
			this,
			state,
			'targetConnections',
			params.id,
			itemIndex,
			params.timeoutMs,
		);
	},
};
