import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText } from '../helpers/validation';

/**
 * The table picker: it lists the tables of the connection chosen in `connectionId` (the
 * editor reloads it when that changes), or takes a path as List Tables outputs it.
 */
export function tableLocator(show: Record<string, string[]>, action: string): INodeProperties {
	return {
		displayName: 'Table',
		name: 'table',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The table to ${action}, as the base connection's explore lists it`,
		typeOptions: { loadOptionsDependsOn: ['connectionId.value'] },
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a table...',
				typeOptions: { searchListMethod: 'searchTables', searchable: true },
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'e.g. public.customers',
				hint: 'The path List Tables outputs, usually schema.table',
			},
		],
	};
}

/** The table's path from the picker, whichever mode it is in. */
export function readTablePath(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('table', itemIndex, '', { extractValue: true });
	return checkText(context, itemIndex, raw, { label: 'Table', maxLength: 1024 });
}
