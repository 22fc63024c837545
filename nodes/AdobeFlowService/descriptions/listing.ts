import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, invalidParameter } from '../helpers/errors';

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
