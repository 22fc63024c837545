import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as get from './get.operation';

export const flowSpecOperations: Record<string, FlowServiceOperation<never>> = {
	get: get.operation as FlowServiceOperation<never>,
};

export const flowSpecDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flowSpec'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a flow spec by name and check that it accepts a source connection spec',
				action: 'Get flow spec',
			},
		],
		default: 'get',
	},
	...get.description,
];
