import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as retry from './retry.operation';

export const flowRunOperations: Record<string, FlowServiceOperation<never>> = {
	create: create.operation as FlowServiceOperation<never>,
	get: get.operation as FlowServiceOperation<never>,
	getAll: getAll.operation as FlowServiceOperation<never>,
	retry: retry.operation as FlowServiceOperation<never>,
};

export const flowRunDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flowRun'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Run a dataflow that is scheduled to run once, now, over a time window',
				action: 'Create flow run',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a flow run with its status, record counts and errors',
				action: 'Get flow run',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List flow runs, newest first, by dataflow, status and start time',
				action: 'Get many flow runs',
			},
			{
				name: 'Retry',
				value: 'retry',
				description: 'Run a failed flow run again',
				action: 'Retry flow run',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...retry.description,
];
