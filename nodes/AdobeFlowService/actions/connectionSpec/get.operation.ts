import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { maskedNode } from '../../helpers/secrets';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { readText } from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { readConcurrency, readTimeoutMs, timeoutOption } from '../common';

const showFor = { resource: ['connectionSpec'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Spec Name',
		name: 'specName',
		type: 'string',
		default: 'amazon-redshift',
		required: true,
		placeholder: 'e.g. amazon-redshift',
		description:
			'The connection spec\'s name, as Adobe lists it. The output\'s ID and version feed Create Redshift Connection.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [timeoutOption],
	},
];

// Spec names are plain identifiers; anything else (a quote, say) would break the filter syntax.
const SPEC_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

interface Params {
	specName: string;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		return {
			specName: readText(this, 'specName', itemIndex, {
				label: 'Spec Name',
				maxLength: 128,
				pattern: { test: SPEC_NAME, expected: 'a connection spec name such as amazon-redshift' },
			}),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		return await findConnectionSpecByName.call(this, state, params.specName, itemIndex, params.timeoutMs);
	},

	concurrency: readConcurrency,
};

/**
 * Looks a spec up by name, once per execution and name: a hundred items asking for
 * amazon-redshift cost one request.
 */
export async function findConnectionSpecByName(
	this: IExecuteFunctions,
	state: ExecutionState,
	specName: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<IDataObject> {
	const key = `spec-by-name:${specName}`;
	let lookup = state.memo.get(key) as Promise<IDataObject[]> | undefined;
	if (!lookup) {
		lookup = flowServiceRequest
			.call(this, state, {
				method: 'GET',
				path: '/connectionSpecs',
				qs: { property: `name=="${specName}"` },
				timeoutMs,
			}, itemIndex)
			.then((response) => (Array.isArray(response.body.items) ? response.body.items : []) as IDataObject[]);
		// A failed lookup is not remembered: the next item may succeed.
		lookup.catch(() => state.memo.delete(key));
		state.memo.set(key, lookup);
	}
	const specs = await lookup;
	const spec = specs.find((candidate) => candidate.name === specName);
	if (!spec) {
		throw new NodeOperationError(
			maskedNode(this.getNode()),
			`No connection spec named "${specName}" exists in this sandbox [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Check the Spec Name: Adobe names specs in lower case with hyphens, e.g. amazon-redshift. Get Many Connection Specs lists them all.',
			},
		);
	}
	return spec;
}
