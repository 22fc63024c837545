import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { oneOf, readSort, sortField } from '../../descriptions/listing';
import { checkFilterValue, listAll, quotedFilter, readLimit } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { UUID_PATTERN } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs, returnAllAndLimit } from '../common';

const showFor = { resource: ['dataflow'], operation: ['getAll'] };

const STATES = ['enabled', 'disabled', 'draft'];

const idFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. ae0a9777-b322-4ac1-b0ed-48ae9e497c7e',
	description,
});

/** Filter parameter → the flow field Adobe filters on (sort-and-filter docs). */
const ID_FILTERS = [
	['flowSpecId', 'Flow Spec ID', 'flowSpec.id'],
	['sourceConnectionId', 'Source Connection ID', 'sourceConnectionIds[]'],
	['targetConnectionId', 'Target Connection ID', 'targetConnectionIds[]'],
] as const;

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
			idFilter('Flow Spec ID', 'flowSpecId', 'Only flows of this flow spec, e.g. CRMToAEP'),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only flows with exactly this name',
			},
			idFilter(
				'Source Connection ID',
				'sourceConnectionId',
				'Only flows that read this source connection',
			),
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: [
					{ name: 'Disabled', value: 'disabled' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Enabled', value: 'enabled' },
				],
				default: 'enabled',
				description: 'Only flows in this state',
			},
			idFilter(
				'Target Connection ID',
				'targetConnectionId',
				'Only flows that write this target connection',
			),
		],
	},
	sortField(showFor, 'flows'),
	optionsCollection(showFor),
];

interface Params {
	/** `property` expressions, ANDed by Flow Service. */
	properties: string[];
	orderby: string;
	limit?: number;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const properties: string[] = [];
		const name = checkFilterValue(this, itemIndex, filters.name, { label: 'Filter "Name"' });
		if (name) properties.push(quotedFilter('name', name));
		for (const [parameter, label, field] of ID_FILTERS) {
			const id = checkFilterValue(this, itemIndex, filters[parameter], {
				label: `Filter "${label}"`,
				pattern: {
					test: UUID_PATTERN,
					expected: 'a UUID such as ae0a9777-b322-4ac1-b0ed-48ae9e497c7e',
				},
			});
			// Adobe's list-field syntax takes the bare ID: sourceConnectionIds[]==id.
			if (id)
				properties.push(
					field.endsWith('[]')
						? `${field}==${id.toLowerCase()}`
						: quotedFilter(field, id.toLowerCase()),
				);
		}
		if (filters.state !== undefined && filters.state !== '') {
			properties.push(
				quotedFilter('state', oneOf(this, itemIndex, filters.state, STATES, 'Filter "State"')),
			);
		}
		return {
			properties,
			orderby: readSort(this, itemIndex),
			limit: readLimit(this, itemIndex),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// Filters and sort go on the first page; `_links.next.href` carries them on.
		return await listAll.call(
			this,
			state,
			{
				path: '/flows',
				query: { property: params.properties, orderby: params.orderby },
				limit: params.limit,
				sendPageSize: true,
				timeoutMs: params.timeoutMs,
			},
			itemIndex,
		);
	},
};
