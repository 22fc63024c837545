import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionLocator, prepareConnectionId } from '../../descriptions/connection';
import type { ConnectionIdParams } from '../../descriptions/connection';
import { connectionPath } from '../../helpers/baseConnections';
import { operationError } from '../../helpers/errors';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { flowServiceRequest } from '../../transport';
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
		const response = await flowServiceRequest.call(
			this,
			state,
			{ method: 'GET', path: connectionPath(params.id), timeoutMs: params.timeoutMs },
			itemIndex,
		);
		// Adobe answers {"items": [one]}, secrets already masked.
		const items = response.body.items;
		const connection = Array.isArray(items) ? (items[0] as IDataObject | undefined) : undefined;
		if (!connection || typeof connection !== 'object') {
			throw operationError(
				this.getNode(),
				`Adobe answered without the connection ${params.id} [item ${itemIndex}]`,
				{ itemIndex, description: 'The answer had no items. Check the ID and the Sandbox Name.' },
			);
		}
		return connection;
	},
};
