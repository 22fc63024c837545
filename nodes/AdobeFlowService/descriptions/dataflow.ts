import type { IExecuteFunctions, INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { describeValue, invalidParameter } from '../helpers/errors';
import { checkText, UUID_PATTERN } from '../helpers/validation';
import { readTimeoutMs } from '../actions/common';

/**
 * The dataflow picker, for every operation that acts on one dataflow. Other resources (Flow
 * Run) name theirs, may make it optional, and say what it is for in their own words.
 */
export function dataflowLocator(
	operation: string,
	action: string,
	{
		resource = 'dataflow',
		required = true,
		description = `The dataflow to ${action}`,
	}: { resource?: string; required?: boolean; description?: string } = {},
): INodeProperties {
	return {
		displayName: 'Dataflow',
		name: 'dataflowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		displayOptions: { show: { resource: [resource], operation: [operation] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a dataflow...',
				typeOptions: { searchListMethod: 'searchDataflows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. ae0a9777-b322-4ac1-b0ed-48ae9e497c7e',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: UUID_PATTERN.source,
							errorMessage:
								'Not a dataflow ID: expected a UUID such as ae0a9777-b322-4ac1-b0ed-48ae9e497c7e',
						},
					},
				],
			},
		],
	};
}

/** The dataflow's ID from the picker, whichever mode it is in; '' when optional and empty. */
export function readDataflowId(
	context: IExecuteFunctions,
	itemIndex: number,
	{ optional = false }: { optional?: boolean } = {},
): string {
	const raw = context.getNodeParameter('dataflowId', itemIndex, '', { extractValue: true });
	return checkText(context, itemIndex, raw, {
		label: 'Dataflow',
		optional,
		maxLength: 36,
		pattern: {
			test: UUID_PATTERN,
			expected: 'a dataflow ID (a UUID such as ae0a9777-b322-4ac1-b0ed-48ae9e497c7e)',
		},
	}).toLowerCase();
}

export function dataflowPath(id: string): string {
	return `/flows/${encodeURIComponent(id)}`;
}

/** What Get, Enable, Disable and Delete read from an item: the dataflow and the timeout. */
export interface DataflowIdParams {
	id: string;
	timeoutMs: number;
}

export function prepareDataflowId(this: IExecuteFunctions, itemIndex: number): DataflowIdParams {
	return { id: readDataflowId(this, itemIndex), timeoutMs: readTimeoutMs(this, itemIndex) };
}

/** Frequency, as Dataflow → Create and Update offer it (Adobe's scheduleSpec enum). */
export const FREQUENCY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Once', value: 'once', description: 'One ingestion at the start time' },
	{ name: 'Every N Minutes', value: 'minute', description: 'At least every 15 minutes' },
	{ name: 'Hourly', value: 'hour' },
	{ name: 'Daily', value: 'day' },
	{ name: 'Weekly', value: 'week' },
];

/** Data Prep IDs are 32 hex digits (some answers write them as a UUID). */
export const MAPPING_SET_ID_PATTERN =
	/^(?:[0-9a-f]{32}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$/i;

/** Mapping Set ID and Version, as the dataflow's Mapping transformation names them. */
export function checkMappingSetRef(
	context: IExecuteFunctions,
	itemIndex: number,
	rawId: unknown,
	rawVersion: unknown,
): { id: string; version: number } {
	const id = checkText(context, itemIndex, rawId, {
		label: 'Mapping Set ID',
		maxLength: 36,
		pattern: {
			test: MAPPING_SET_ID_PATTERN,
			expected: 'a mapping set ID such as e7c80e4c0d8f4a98a7d400b4e178b635',
		},
	});
	const version = Number(rawVersion);
	if (
		rawVersion === '' ||
		typeof rawVersion === 'boolean' ||
		!Number.isInteger(version) ||
		version < 0
	) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			'Mapping Set Version',
			`must be a whole number of at least 0 (got ${describeValue(rawVersion)})`,
		);
	}
	return { id, version };
}
