import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText, UUID_PATTERN } from '../helpers/validation';
import { readTimeoutMs } from '../actions/common';

/** The dataflow picker, for every operation that acts on one dataflow. */
export function dataflowLocator(operation: string, action: string): INodeProperties {
	return {
		displayName: 'Dataflow',
		name: 'dataflowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The dataflow to ${action}`,
		displayOptions: { show: { resource: ['dataflow'], operation: [operation] } },
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

/** The dataflow's ID from the picker, whichever mode it is in. */
export function readDataflowId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('dataflowId', itemIndex, '', { extractValue: true });
	return checkText(context, itemIndex, raw, {
		label: 'Dataflow',
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
