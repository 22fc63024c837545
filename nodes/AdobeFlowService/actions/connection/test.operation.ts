import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { flowServiceRequest } from '../../transport';
import { concurrencyOption, readConcurrency, readTimeoutMs, timeoutOption } from '../common';
import { connectionLocator, connectionPath, readConnectionId } from './get.operation';

const showFor = { resource: ['connection'], operation: ['test'] };

export const description: INodeProperties[] = [
	connectionLocator('test', 'test'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [concurrencyOption, timeoutOption],
	},
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
		// Adobe tries the stored login against the source and answers {"result": true|false}.
		const response = await flowServiceRequest.call(
			this,
			state,
			{ method: 'GET', path: `${connectionPath(params.id)}/test`, timeoutMs: params.timeoutMs },
			itemIndex,
		);
		return { id: params.id, result: response.body.result };
	},

	concurrency: readConcurrency,
};
