import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { flowServiceRequest } from '../../transport';
import { optionsCollection, readConcurrency, readTimeoutMs } from '../common';
import { connectionLocator, connectionPath, readConnectionId } from './get.operation';

const showFor = { resource: ['connection'], operation: ['test'] };

export const description: INodeProperties[] = [
	connectionLocator('test', 'test'),
	optionsCollection(showFor),
];

interface Params {
	id: string;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		return { id: readConnectionId(this, itemIndex), timeoutMs: readTimeoutMs(this, itemIndex) };
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const result = await testConnection.call(this, state, params.id, itemIndex, params.timeoutMs);
		return { id: params.id, result };
	},

	concurrency: readConcurrency,
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
