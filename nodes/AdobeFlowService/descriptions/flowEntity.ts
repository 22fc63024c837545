import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTimeoutMs } from '../actions/common';
import { checkText, UUID_PATTERN } from '../helpers/validation';

/** The ID field of a source or target connection, for Get and Delete. */
export function entityIdField(
	name: string,
	displayName: string,
	show: Record<string, string[]>,
	hint: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. b7581b59-c603-4df1-a689-d23d7ac440f3',
		description: hint,
		displayOptions: { show },
	};
}

export function readEntityId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	return checkText(context, itemIndex, context.getNodeParameter(name, itemIndex, ''), {
		label,
		maxLength: 36,
		pattern: {
			test: UUID_PATTERN,
			expected: 'a UUID such as b7581b59-c603-4df1-a689-d23d7ac440f3',
		},
	});
}

/** What Get and Delete of a source or target connection read from an item. */
export interface EntityIdParams {
	id: string;
	timeoutMs: number;
}

export function entityIdPrepare(name: string, label: string) {
	return function (this: IExecuteFunctions, itemIndex: number): EntityIdParams {
		return {
			id: readEntityId(this, itemIndex, name, label),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	};
}
