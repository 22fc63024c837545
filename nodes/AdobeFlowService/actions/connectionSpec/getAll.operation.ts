import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkFilterValue, listAll, quotedFilter, readLimit } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { SPEC_NAME_PATTERN, UUID_PATTERN } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs, returnAllAndLimit } from '../common';

const showFor = { resource: ['connectionSpec'], operation: ['getAll'] };

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
				displayName: 'Category',
				name: 'category',
				type: 'string',
				default: '',
				placeholder: 'e.g. database',
				description:
					'Only specs of this category (attributes.category), such as database or cloudStorage',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. amazon-redshift',
				description: 'Only the spec with exactly this name',
			},
			{
				displayName: 'Provider ID',
				name: 'providerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0ed90a81-07f4-4586-8190-b40eccef1c5a',
				description: 'Only specs of this provider',
			},
			{
				displayName: 'Source Only',
				name: 'sourceOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only sources (attributes.isSource is true), leaving destinations out',
			},
		],
	},
	optionsCollection(showFor),
];

// Categories are plain identifiers too (database, cloudStorage).
const CATEGORY = /^[a-z][a-z0-9_-]*$/i;

interface Params {
	/** `property` expressions, ANDed by Flow Service. */
	properties: string[];
	/** Undefined for Return All. */
	limit?: number;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const properties: string[] = [];
		const name = checkFilterValue(this, itemIndex, filters.name, {
			label: 'Filter "Name"',
			maxLength: 128,
			pattern: {
				test: SPEC_NAME_PATTERN,
				expected: 'a connection spec name such as amazon-redshift',
			},
		});
		if (name) properties.push(quotedFilter('name', name));
		const providerId = checkFilterValue(this, itemIndex, filters.providerId, {
			label: 'Filter "Provider ID"',
			pattern: {
				test: UUID_PATTERN,
				expected: 'a UUID such as 0ed90a81-07f4-4586-8190-b40eccef1c5a',
			},
		});
		if (providerId) properties.push(quotedFilter('providerId', providerId.toLowerCase()));
		const category = checkFilterValue(this, itemIndex, filters.category, {
			label: 'Filter "Category"',
			maxLength: 64,
			pattern: { test: CATEGORY, expected: 'a category such as database or cloudStorage' },
		});
		if (category) properties.push(quotedFilter('attributes.category', category));
		if (filters.sourceOnly === true) properties.push('attributes.isSource==true');

		return {
			properties,
			limit: readLimit(this, itemIndex),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// Many items asking for the same listing share one set of requests per execution.
		const key = `spec-list:${JSON.stringify([params.properties, params.limit ?? 'all'])}`;
		let lookup = state.memo.get(key) as Promise<IDataObject[]> | undefined;
		if (!lookup) {
			lookup = listAll.call(
				this,
				state,
				{
					path: '/connectionSpecs',
					query: { property: params.properties },
					limit: params.limit,
					// The spec catalogue is one short list; Flow Service filters it but is not asked to page it.
					sendPageSize: false,
					timeoutMs: params.timeoutMs,
				},
				itemIndex,
			);
			// A failed lookup is not remembered: the next item may succeed.
			lookup.catch(() => state.memo.delete(key));
			state.memo.set(key, lookup);
		}
		// Each item gets its own copies, so that a later node editing one cannot change another.
		return (await lookup).map(copyOf);
	},
};

function copyOf(value: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(value)) as IDataObject;
}
