import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText, UUID_PATTERN } from '../helpers/validation';
import { readTimeoutMs } from '../actions/common';

/** The new connection's name, for every create of a base connection. */
export function connectionNameField(
	show: Record<string, string[]>,
	placeholder: string,
): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description: 'Name of the base connection in Experience Platform',
		displayOptions: { show },
	};
}

/**
 * The base connection picker, for every operation that acts on one connection, and for the
 * creates of other resources that start from one (`resource`, shown as "Base Connection").
 */
export function connectionLocator(
	operation: string,
	action: string,
	resource = 'connection',
): INodeProperties {
	return {
		displayName: resource === 'connection' ? 'Connection' : 'Base Connection',
		name: 'connectionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The base connection to ${action}`,
		displayOptions: { show: { resource: [resource], operation: [operation] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a connection...',
				typeOptions: { searchListMethod: 'searchConnections', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: UUID_PATTERN.source,
							errorMessage:
								'Not a connection ID: expected a UUID such as 9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c',
						},
					},
				],
			},
		],
	};
}

/** The connection's ID from the picker, whichever mode it is in. */
export function readConnectionId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('connectionId', itemIndex, '', { extractValue: true });
	return checkText(context, itemIndex, raw, {
		label: 'Connection',
		maxLength: 36,
		pattern: {
			test: UUID_PATTERN,
			expected: 'a connection ID (a UUID such as 9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c)',
		},
	});
}

/** What Get, Delete and Test read from an item: the connection and the timeout. */
export interface ConnectionIdParams {
	id: string;
	timeoutMs: number;
}

export function prepareConnectionId(
	this: IExecuteFunctions,
	itemIndex: number,
): ConnectionIdParams {
	return { id: readConnectionId(this, itemIndex), timeoutMs: readTimeoutMs(this, itemIndex) };
}
