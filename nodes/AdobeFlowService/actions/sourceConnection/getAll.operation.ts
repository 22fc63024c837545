import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readListParams, sortField } from '../../descriptions/listing';
import { listFlowEntities } from '../../helpers/flowEntities';
import type { ListParams } from '../../helpers/flowEntities';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { UUID_PATTERN } from '../../helpers/validation';
import { optionsCollection, returnAllAndLimit } from '../common';

const showFor = { resource: ['sourceConnection'], operation: ['getAll'] };
const UUID_RULE = {
	test: UUID_PATTERN,
	expected: 'a UUID such as 3416976c-a9ca-4bba-901a-1f08f66978ff',
};

export const description: INodeProperties[] = [
	...returnAllAndLimit(showFor),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Base Connection ID',
				name: 'baseConnectionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6990abad-977d-41b9-a85d-17ea8cf1c0e4',
				description: 'Only source connections reading from this base connection',
			},
			{
				displayName: 'Connection Spec ID',
				name: 'connectionSpecId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3416976c-a9ca-4bba-901a-1f08f66978ff',
				description: 'Only source connections of this source type',
			},
			{
				displayName: 'Table Name',
				name: 'tableName',
				type: 'string',
				default: '',
				placeholder: 'e.g. public.customers',
				description: 'Only source connections reading exactly this table (params.tableName)',
			},
		],
	},
	sortField(showFor, 'source connections'),
	optionsCollection(showFor),
];

export const operation: FlowServiceOperation<ListParams> = {
	prepare(this: IExecuteFunctions, itemIndex: number): ListParams {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return readListParams(this, itemIndex, [
			{
				raw: filters.baseConnectionId,
				path: 'baseConnectionId',
				rule: { label: 'Filter "Base Connection ID"', pattern: UUID_RULE },
			},
			{
				raw: filters.connectionSpecId,
				path: 'connectionSpec.id',
				rule: { label: 'Filter "Connection Spec ID"', pattern: UUID_RULE },
				lowerCase: true,
			},
			{
				raw: filters.tableName,
				path: 'params.tableName',
				rule: { label: 'Filter "Table Name"', maxLength: 1024 },
			},
		]);
	},

	async execute(
		this: IExecuteFunctions,
		params: ListParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		return await listFlowEntities.call(this, state, 'sourceConnections', params, itemIndex);
	},
};
