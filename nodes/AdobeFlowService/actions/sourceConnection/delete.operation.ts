import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { entityIdField, entityIdPrepare } from '../../descriptions/flowEntity';
import type { EntityIdParams } from '../../descriptions/flowEntity';
import { deleteFlowEntity } from '../../helpers/flowEntities';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

const showFor = { resource: ['sourceConnection'], operation: ['delete'] };

export const description: INodeProperties[] = [
	entityIdField(
		'sourceConnectionId',
		'Source Connection ID',
		showFor,
		'The source connection to delete. Delete the dataflows that read from it first.',
	),
	optionsCollection(showFor),
];

export const operation: FlowServiceOperation<EntityIdParams> = {
	prepare: entityIdPrepare('sourceConnectionId', 'Source Connection ID'),

	async execute(
		this: IExecuteFunctions,
		params: EntityIdParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		return await deleteFlowEntity.call(
			this,
			state,
			'sourceConnections',
			params.id,
			itemIndex,
			params.timeoutMs,
		);
	},
};
