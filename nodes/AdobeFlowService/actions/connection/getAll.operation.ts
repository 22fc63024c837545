import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { oneOf, readSort, sortField } from '../../descriptions/listing';
import { checkFilterValue, listAll, quotedFilter, readLimit } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { UUID_PATTERN } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs, returnAllAndLimit } from '../common';

const showFor = { resource: ['connection'], operation: ['getAll'] };

const STATES = ['enabled', 'disabled', 'draft'];

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
				placeholder: 'e.g. 3416976c-a9ca-4bba-901a-1f08f66978ff',
				description:
					"Only connections of this source type. Amazon Redshift's is 3416976c-a9ca-4bba-901a-1f08f66978ff.",
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Redshift analytics',
				description: 'Only connections with exactly this name (Adobe allows duplicates)',
			},
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
				description: 'Only connections in this state',
			},
		],
	},
	sortField(showFor, 'connections'),
	optionsCollection(showFor),
];

interface Params {
	/** `property` expressions, ANDed by Flow Service. */
	properties: string[];
	orderby: string;
	/** Undefined for Return All. */
	limit?: number;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const properties: string[] = [];
		const name = checkFilterValue(this, itemIndex, filters.name, { label: 'Filter "Name"' });
		if (name) properties.push(quotedFilter('name', name));
		const specId = checkFilterValue(this, itemIndex, filters.connectionSpecId, {
			label: 'Filter "Connection Spec ID"',
			pattern: {
				test: UUID_PATTERN,
				expected: 'a UUID such as 3416976c-a9ca-4bba-901a-1f08f66978ff',
			},
		});
		if (specId) properties.push(quotedFilter('connectionSpec.id', specId.toLowerCase()));
		if (filters.state !== undefined && filters.state !== '') {
			properties.push(
				quotedFilter('state', oneOf(this, itemIndex, filters.state, STATES, 'Filter "State"')),
			);
		}
		const orderby = readSort(this, itemIndex);
		return {
			properties,
			orderby,
			limit: readLimit(this, itemIndex),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// Only the first page gets filters, sort and page size: `_links.next.href` carries them on.
		// `count` is never sent: with `limit` Adobe refuses it (FLOW-1401-400).
		return await listAll.call(
			this,
			state,
			{
				path: '/connections',
				query: { property: params.properties, orderby: params.orderby },
				limit: params.limit,
				sendPageSize: true,
				timeoutMs: params.timeoutMs,
			},
			itemIndex,
		);
	},
};
