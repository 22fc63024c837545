import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as create from './create.operation';
import * as deleteTargetConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const targetConnectionOperations: Record<string, FlowServiceOperation<never>> = {
	create: create.operation as FlowServiceOperation<never>,
	delete: deleteTargetConnection.operation as FlowServiceOperation<never>,
	get: get.operation as FlowServiceOperation<never>,
	getAll: getAll.operation as FlowServiceOperation<never>,
};

export const targetConnectionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['targetConnection'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a Data Lake target connection that writes to a dataset',
				action: 'Create target connection',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a target connection that no dataflow uses',
				action: 'Delete target connection',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a target connection by ID',
				action: 'Get target connection',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List target connections, with filters and sorting',
				action: 'Get many target connections',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...deleteTargetConnection.description,
];
