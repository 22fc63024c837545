import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameter } from '../helpers/parameters';

/** Items in flight at once, for operations that call Adobe once per item. */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items are sent to Adobe at once. Output order is kept. Lower it if Adobe answers 429 (too many requests).',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 300, numberPrecision: 0 },
	default: 30,
	description: 'How long one call to Adobe may take before it counts as failed',
};

/** Reads `options.concurrency`, clamped to 1..MAX_CONCURRENCY. */
export function readConcurrency(this: IExecuteFunctions): number {
	const value = Number(readParameter(this, 'options.concurrency', 0, DEFAULT_CONCURRENCY));
	if (!Number.isFinite(value)) return DEFAULT_CONCURRENCY;
	return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value)));
}

/** Reads `options.timeout` (seconds) as milliseconds. */
export function readTimeoutMs(context: IExecuteFunctions, itemIndex: number): number {
	const seconds = Number(readParameter(context, 'options.timeout', itemIndex, 30));
	return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 300) * 1000 : 30_000;
}

/**
 * The `options` collection every operation ends with: its own options first, then Concurrency
 * (for operations that call Adobe once per item) and Timeout.
 */
export function optionsCollection(
	show: Record<string, string[]>,
	own: INodeProperties[] = [],
	{ perItem = true }: { perItem?: boolean } = {},
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...own, ...(perItem ? [concurrencyOption] : []), timeoutOption],
	};
}

/** Return All and Limit, the pair every Get Many operation starts with. */
export function returnAllAndLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
