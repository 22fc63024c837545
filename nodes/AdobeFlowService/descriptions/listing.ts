import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTimeoutMs } from '../actions/common';
import { describeValue, invalidParameter } from '../helpers/errors';
import type { ListParams } from '../helpers/flowEntities';
import { checkFilterValue, quotedFilter, readLimit } from '../helpers/pagination';
import type { TextRule } from '../helpers/validation';

/** Orders Flow Service listings accept in `orderby`. */
const SORT_ORDERS = ['name', '-name', '-createdAt', 'createdAt'];

/** The Sort field of a Get Many over a Flow Service listing. */
export function sortField(show: Record<string, string[]>, plural: string): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Name Ascending', value: 'name' },
			{ name: 'Name Descending', value: '-name' },
			{ name: 'Newest First', value: '-createdAt' },
			{ name: 'Oldest First', value: 'createdAt' },
		],
		default: '-createdAt',
		description: `Order in which Adobe lists the ${plural}`,
		displayOptions: { show },
	};
}

export function readSort(context: IExecuteFunctions, itemIndex: number): string {
	return oneOf(
		context,
		itemIndex,
		context.getNodeParameter('sort', itemIndex, '-createdAt'),
		SORT_ORDERS,
		'Sort',
	);
}

/** An options value, which an expression could still set to anything. */
export function oneOf(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	allowed: string[],
	label: string,
): string {
	if (typeof raw === 'string' && allowed.includes(raw)) return raw;
	throw invalidParameter(
		context.getNode(),
		itemIndex,
		label,
		`must be one of ${allowed.join(', ')} (got ${describeValue(raw)})`,
	);
}

/** A Get Many filter: the field's value, the `property` path it filters and its check. */
export interface FilterField {
	raw: unknown;
	path: string;
	rule: TextRule;
	/** IDs are matched in lower case, as Adobe stores them. */
	lowerCase?: boolean;
}

/** A Get Many's filters as `path=="value"` expressions, then its sort, limit and timeout. */
export function readListParams(
	context: IExecuteFunctions,
	itemIndex: number,
	filters: FilterField[],
): ListParams {
	const properties: string[] = [];
	for (const filter of filters) {
		const value = checkFilterValue(context, itemIndex, filter.raw, filter.rule);
		if (value)
			properties.push(quotedFilter(filter.path, filter.lowerCase ? value.toLowerCase() : value));
	}
	return {
		properties,
		orderby: readSort(context, itemIndex),
		limit: readLimit(context, itemIndex),
		timeoutMs: readTimeoutMs(context, itemIndex),
	};
}
