import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readListParams, sortField } from '../../descriptions/listing';
import { listFlowEntities } from '../../helpers/flowEntities';
import type { ListParams } from '../../helpers/flowEntities';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { UUID_PATTERN } from '../../helpers/validation';
import { optionsCollection, returnAllAndLimit } from '../common';

const showFor = { resource: ['targetConnection'], operation: ['getAll'] };

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
				displayName: 'Connection Spec ID',
				name: 'connectionSpecId',
				type: 'string',
				default: '',
				placeholder: 'e.g. c604ff05-7f1a-43c0-8e18-33bf874cb11c',
				description:
					'Only target connections of this kind; the Data Lake is c604ff05-7f1a-43c0-8e18-33bf874cb11c',
			},
			{
				displayName: 'Dataset ID',
				name: 'dataSetId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6019e0e7c5dcf718db5ebc71',
				description: 'Only target connections that write to this dataset (params.dataSetId)',
			},
		],
	},
	sortField(showFor, 'target connections'),
	optionsCollection(showFor),
];

export const operation: FlowServiceOperation<ListParams> = {
	prepare(this: IExecuteFunctions, itemIndex: number): ListParams {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return readListParams(this, itemIndex, [
			{
				raw: filters.connectionSpecId,
				path: 'connectionSpec.id',
				rule: {
					label: 'Filter "Connection Spec ID"',
					pattern: {
						test: UUID_PATTERN,
						expected: 'a UUID such as c604ff05-7f1a-43c0-8e18-33bf874cb11c',
					},
				},
				lowerCase: true,
			},
			{
				raw: filters.dataSetId,
				path: 'params.dataSetId',
				rule: { label: 'Filter "Dataset ID"', maxLength: 128 },
			},
		]);
	},

	async execute(
		this: IExecuteFunctions,
		params: ListParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		return await listFlowEntities.call(this, state, 'targetConnections', params, itemIndex);
	},
};
