import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionPath } from '../../helpers/baseConnections';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { flowServiceRequest } from '../../transport';
import { optionsCollection } from '../common';
import { connectionLocator, prepareConnectionId } from '../../descriptions/connection';
import type { ConnectionIdParams } from '../../descriptions/connection';

const showFor = { resource: ['connection'], operation: ['delete'] };

export const description: INodeProperties[] = [
	connectionLocator('delete', 'delete'),
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
		// 204 with no body. FLOW-1418-400 (still used by dataflows) becomes a NodeApiError in transport.
		await flowServiceRequest.call(
			this,
			state,
			{ method: 'DELETE', path: connectionPath(params.id), timeoutMs: params.timeoutMs },
			itemIndex,
		);
		return { deleted: true, id: params.id };
	},
};
