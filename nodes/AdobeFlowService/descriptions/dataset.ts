import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText } from '../helpers/validation';

/** Catalog IDs are 24 hexadecimal characters; anything ID-like is let through to Adobe. */
const DATASET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The dataset picker: the sandbox's datasets from Catalog, or an ID. */
export function datasetLocator(show: Record<string, string[]>, action: string): INodeProperties {
	return {
		displayName: 'Dataset',
		name: 'datasetId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The Experience Platform dataset to ${action}`,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a dataset...',
				typeOptions: { searchListMethod: 'searchDatasets', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6019e0e7c5dcf718db5ebc71',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: DATASET_ID_PATTERN.source,
							errorMessage: 'Not a dataset ID: expected one such as 6019e0e7c5dcf718db5ebc71',
						},
					},
				],
			},
		],
	};
}

export function readDatasetId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('datasetId', itemIndex, '', { extractValue: true });
	return checkText(context, itemIndex, raw, {
		label: 'Dataset',
		maxLength: 128,
		pattern: {
			test: DATASET_ID_PATTERN,
			expected: 'a dataset ID such as 6019e0e7c5dcf718db5ebc71',
		},
	});
}
