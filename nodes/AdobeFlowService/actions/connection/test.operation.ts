import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { flowServiceRequest } from '../../transport';
import { optionsCollection } from '../common';
import { connectionLocator, connectionPath, prepareConnectionId } from './get.operation';
import type { ConnectionIdParams } from './get.operation';

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

/**
 * GET /connections/{id}/test: Adobe tries the stored login against the source and answers
 * {"result": true|false}. Also used by Create Redshift's Test After Create.
 */
export async function testConnection(
	this: IExecuteFunctions,
	state: ExecutionState,
	id: string,
	itemIndex: number,
	timeoutMs: number,
): Promise<IDataObject[string]> {
	const response = await flowServiceRequest.call(
		this,
		state,
		{ method: 'GET', path: `${connectionPath(id)}/test`, timeoutMs },
		itemIndex,
	);
	return response.body.result;
}
