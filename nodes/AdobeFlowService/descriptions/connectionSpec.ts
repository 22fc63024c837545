import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText, UUID_PATTERN } from '../helpers/validation';

/** The connection spec picker: source specs from a searchable list, or an ID. */
export function connectionSpecLocator(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Connection Spec',
		name: 'connectionSpec',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The source to connect to. To chain from Get Connection Spec, choose By ID and map its ID output.',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a source...',
				typeOptions: { searchListMethod: 'searchConnectionSpecs', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. b2e08744-4f1a-40ce-af30-7abac3e23cf3',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: UUID_PATTERN.source,
							errorMessage:
								'Not a connection spec ID: expected a UUID such as b2e08744-4f1a-40ce-af30-7abac3e23cf3',
						},
					},
				],
			},
		],
	};
}

export function readConnectionSpecId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('connectionSpec', itemIndex, '', { extractValue: true });
	return checkText(context, itemIndex, raw, {
		label: 'Connection Spec',
		maxLength: 36,
		pattern: {
			test: UUID_PATTERN,
			expected: 'a connection spec ID (a UUID such as b2e08744-4f1a-40ce-af30-7abac3e23cf3)',
		},
	}).toLowerCase();
}
