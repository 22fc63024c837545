import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { testConnection } from '../../helpers/baseConnections';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';
import { connectionLocator, prepareConnectionId } from '../../descriptions/connection';
import type { ConnectionIdParams } from '../../descriptions/connection';

const showFor = { resource: ['connection'], operation: ['test'] };

export const description: INodeProperties[] = [
	connectionLocator('test', 'test'),
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
		const result = await testConnection.call(this, state, params.id, itemIndex, params.timeoutMs);
		return { id: params.id, result };
	},
};
