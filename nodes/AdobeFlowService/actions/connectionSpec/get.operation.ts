import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findConnectionSpecByName } from '../../helpers/connectionSpecs';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { readText, SPEC_NAME_PATTERN } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs } from '../common';

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
			"The connection spec's name, as Adobe lists it. The output's ID and version feed Create Redshift Connection.",
		displayOptions: { show: showFor },
	},
	optionsCollection(showFor, [], { perItem: false }),
];

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
				pattern: {
					test: SPEC_NAME_PATTERN,
					expected: 'a connection spec name such as amazon-redshift',
				},
			}),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		return await findConnectionSpecByName.call(
			this,
			state,
			params.specName,
			itemIndex,
			params.timeoutMs,
		);
	},
};
