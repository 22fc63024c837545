import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAPPING_SET_ID_PATTERN } from '../../descriptions/dataflow';
import { describeValue, invalidParameter, operationError } from '../../helpers/errors';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { readText } from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['mappingSet'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Mapping Set ID',
		name: 'mappingSetId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. e7c80e4c0d8f4a98a7d400b4e178b635',
		displayOptions: { show: showFor },
	},
	optionsCollection(showFor, [
		{
			displayName: 'Version',
			name: 'version',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description: 'A version of the set other than its latest',
		},
	]),
];

interface Params {
	id: string;
	version?: number;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const id = readText(this, 'mappingSetId', itemIndex, {
			label: 'Mapping Set ID',
			maxLength: 36,
			pattern: {
				test: MAPPING_SET_ID_PATTERN,
				expected: 'a mapping set ID such as e7c80e4c0d8f4a98a7d400b4e178b635',
			},
		});
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const version = options.version;
		if (
			version !== undefined &&
			(typeof version !== 'number' || !Number.isInteger(version) || version < 0)
		) {
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'Version',
				`must be a whole number of at least 0 (got ${describeValue(version)})`,
			);
		}
		return { id, version, timeoutMs: readTimeoutMs(this, itemIndex) };
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// Data Prep answers with the set itself, not wrapped in `items` as Flow Service does.
		const query = params.version === undefined ? '' : `?version=${params.version}`;
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				service: 'dataPrep',
				method: 'GET',
				path: `/mappingSets/${encodeURIComponent(params.id)}${query}`,
				timeoutMs: params.timeoutMs,
			},
			itemIndex,
		);
		const mappingSet = response.body;
		// Anything but a set (an error report under a 200, say) is an error, whose text is scrubbed;
		// the set itself is scrubbed too, since Data Prep echoes whatever a mapping was given.
		if (typeof mappingSet.id !== 'string' || !Array.isArray(mappingSet.mappings)) {
			throw operationError(
				this.getNode(),
				`Adobe answered without the mapping set ${params.id} [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'The answer had no id and mappings. Check the ID and the Sandbox Name.',
				},
			);
		}
		return JSON.parse(state.scrub(JSON.stringify(mappingSet))) as IDataObject;
	},
};
