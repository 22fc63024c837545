import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const connectionSpecOperations: Record<string, FlowServiceOperation<never>> = {
	get: get.operation as FlowServiceOperation<never>,
	getAll: getAll.operation as FlowServiceOperation<never>,
};

export const connectionSpecDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connectionSpec'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Look a connection spec up by name',
				action: 'Get connection spec',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List connection specs, optionally filtered',
				action: 'Get many connection specs',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
