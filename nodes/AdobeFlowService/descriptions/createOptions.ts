import type { INodeProperties } from 'n8n-workflow';

/** Options every create shares; the shared create path (helpers/createOrReuse) reads them. */

/** "If a … With This Name Exists": Reuse It (default), Create Another, Fail. */
export function ifExistsOption(noun: string, sameWhat: string): INodeProperties {
	return {
		displayName: `If a ${noun} With This Name Exists`,
		name: 'ifExists',
		type: 'options',
		options: [
			{
				name: 'Reuse It',
				value: 'reuse',
				description: `Output the existing ${noun.toLowerCase()} with reused: true instead of creating a second one. Safe for scheduled runs.`,
			},
			{
				name: 'Create Another',
				value: 'create',
				description: 'Always create, as the API does (Adobe allows duplicate names)',
			},
			{
				name: 'Fail',
				value: 'fail',
				description: `Stop with an error naming the existing ${noun.toLowerCase()}`,
			},
		],
		default: 'reuse',
		description: `What to do when a ${noun.toLowerCase()} with the same ${sameWhat} already exists`,
	};
}

export function validateOnlyOption(checkedAgainst: string): INodeProperties {
	return {
		displayName: 'Validate Only (Dry Run)',
		name: 'validateOnly',
		type: 'boolean',
		default: false,
		description: `Whether to only check the parameters against ${checkedAgainst} and output { valid, errors }, creating nothing`,
	};
}

export function testAfterCreateOption(source: string): INodeProperties {
	return {
		displayName: 'Test After Create',
		name: 'testAfterCreate',
		type: 'boolean',
		default: false,
		description: `Whether to ask Adobe to test the connection to ${source} afterwards and add testResult to the output`,
	};
}
