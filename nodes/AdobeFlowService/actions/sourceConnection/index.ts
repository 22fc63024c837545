import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as create from './create.operation';
import * as deleteSourceConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const sourceConnectionOperations: Record<string, FlowServiceOperation<never>> = {
	create: create.operation as FlowServiceOperation<never>,
	delete: deleteSourceConnection.operation as FlowServiceOperation<never>,
	get: get.operation as FlowServiceOperation<never>,
	getAll: getAll.operation as FlowServiceOperation<never>,
};

export const sourceConnectionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sourceConnection'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a source connection for one table of a base connection',
				action: 'Create source connection',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a source connection that no dataflow uses',
				action: 'Delete source connection',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a source connection by ID',
				action: 'Get source connection',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List source connections, with filters and sorting',
				action: 'Get many source connections',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...deleteSourceConnection.description,
];
