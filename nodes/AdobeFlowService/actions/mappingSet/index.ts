import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as create from './create.operation';
import * as get from './get.operation';

export const mappingSetOperations: Record<string, FlowServiceOperation<never>> = {
	create: create.operation as FlowServiceOperation<never>,
	get: get.operation as FlowServiceOperation<never>,
};

export const mappingSetDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mappingSet'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a Data Prep mapping set from source columns to XDM paths, optionally validated first',
				action: 'Create mapping set',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a mapping set and its mappings',
				action: 'Get mapping set',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];
