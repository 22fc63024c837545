import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as create from './create.operation';
import * as deleteDataflow from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const dataflowOperations: Record<string, FlowServiceOperation<never>> = {
	create: create.operation as FlowServiceOperation<never>,
	delete: deleteDataflow.operation as FlowServiceOperation<never>,
	disable: disable.operation as FlowServiceOperation<never>,
	enable: enable.operation as FlowServiceOperation<never>,
	get: get.operation as FlowServiceOperation<never>,
	getAll: getAll.operation as FlowServiceOperation<never>,
	update: update.operation as FlowServiceOperation<never>,
};

export const dataflowDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataflow'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a scheduled dataflow from a source connection through a mapping set to a target connection',
				action: 'Create dataflow',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a dataflow; its source and target connections can go after it',
				action: 'Delete dataflow',
			},
			{
				name: 'Disable',
				value: 'disable',
				description: 'Stop a dataflow from running on its schedule',
				action: 'Disable dataflow',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Let a disabled dataflow run on its schedule again',
				action: 'Enable dataflow',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a dataflow: its state, schedule, transformations and last run',
				action: 'Get dataflow',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List dataflows, with filters and sorting',
				action: 'Get many dataflows',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a dataflow's name, schedule or mapping set (JSON Patch with its etag)",
				action: 'Update dataflow',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...enable.description,
	...disable.description,
	...deleteDataflow.description,
];
