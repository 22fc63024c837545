import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readIfExists } from '../../helpers/createOrReuse';
import { createMappingSet } from '../../helpers/dataPrep';
import type { MappingSetCreate } from '../../helpers/dataPrep';
import { describeValue, invalidParameter } from '../../helpers/errors';
import { readMappings, SOURCE_TYPES } from '../../helpers/mappings';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { readText } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['mappingSet'], operation: ['create'] };

/** An XDM schema's $id, e.g. https://ns.adobe.com/acme/schemas/52b59140… */
const SCHEMA_ID = /^https:\/\/ns\.adobe\.com\/[^\s"]+$/;

export const description: INodeProperties[] = [
	{
		displayName: 'XDM Schema ID',
		name: 'schemaId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://ns.adobe.com/acme/schemas/52b59140414aa6a370ef5e21155fd7a6',
		description:
			"The target schema's $ID: the same schema as the target connection's dataset, or Adobe refuses the dataflow (1425-400)",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Mappings',
		name: 'mappingsInput',
		type: 'options',
		options: [
			{
				name: 'Define Below',
				value: 'pairs',
				description: 'One source column → XDM path pair per row',
			},
			{
				name: 'From a List (JSON)',
				value: 'json',
				description:
					'A list mapped in from an earlier node with an expression: entries with a source and a destination',
			},
		],
		default: 'pairs',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Mapping',
		name: 'mappingPairs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Mapping',
		default: {},
		displayOptions: { show: { ...showFor, mappingsInput: ['pairs'] } },
		options: [
			{
				displayName: 'Mapping',
				name: 'mapping',
				values: [
					{
						displayName: 'Source Column',
						name: 'source',
						type: 'string',
						default: '',
						placeholder: 'e.g. first_name',
						description:
							'A column of the source table (or an expression or constant, per the type)',
					},
					{
						displayName: 'XDM Path',
						name: 'destination',
						type: 'string',
						default: '',
						placeholder: 'e.g. person.name.firstName',
						description: 'The field of the XDM schema it lands on',
					},
					{
						displayName: 'Source Type',
						name: 'sourceType',
						type: 'options',
						options: SOURCE_TYPES.map((type) => ({
							name: type.charAt(0) + type.slice(1).toLowerCase(),
							value: type,
						})),
						default: 'ATTRIBUTE',
						description:
							'Attribute: a source column. Expression: a calculated field. Static: a constant.',
					},
				],
			},
		],
	},
	{
		displayName: 'Mappings (JSON)',
		name: 'mappingsJson',
		type: 'json',
		default: '[]',
		description:
			'Each entry has source and destination (or sourceAttribute and destinationXdmPath), and optionally sourceType',
		displayOptions: { show: { ...showFor, mappingsInput: ['json'] } },
	},
	optionsCollection(showFor, [
		{
			displayName: 'If the Same Mapping Set Exists',
			name: 'ifExists',
			type: 'options',
			options: [
				{
					name: 'Reuse It',
					value: 'reuse',
					description:
						'Output the existing set (same schema, same mappings) with reused: true. Safe for scheduled runs.',
				},
				{ name: 'Create Another', value: 'create', description: 'Always create, as the API does' },
				{ name: 'Fail', value: 'fail', description: 'Stop with an error naming the existing set' },
			],
			default: 'reuse',
			description:
				'Mapping sets have no name: the same output schema and the same mappings, in any order, make the same set',
		},
		{
			displayName: 'Validate Before Creating',
			name: 'validateFirst',
			type: 'boolean',
			default: false,
			description:
				'Whether to have Data Prep check the mappings against the schema first (POST /mappingSets/validate) and create only if they pass',
		},
	]),
];

export const operation: FlowServiceOperation<MappingSetCreate> = {
	prepare(this: IExecuteFunctions, itemIndex: number): MappingSetCreate {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const schemaId = readText(this, 'schemaId', itemIndex, {
			label: 'XDM Schema ID',
			maxLength: 512,
			pattern: {
				test: SCHEMA_ID,
				expected: "a schema's $id such as https://ns.adobe.com/acme/schemas/52b59140…",
			},
		});
		const input = this.getNodeParameter('mappingsInput', itemIndex, 'pairs') as unknown;
		let label: string;
		let raw: unknown;
		if (input === 'pairs') {
			label = 'Mapping';
			raw = (this.getNodeParameter('mappingPairs', itemIndex, {}) as IDataObject).mapping ?? [];
		} else if (input === 'json') {
			label = 'Mappings (JSON)';
			raw = this.getNodeParameter('mappingsJson', itemIndex, '[]');
		} else {
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'Mappings',
				`must be pairs or json (got ${describeValue(input)})`,
			);
		}
		const mappings = readMappings(raw);
		if ('problem' in mappings) {
			throw invalidParameter(this.getNode(), itemIndex, label, mappings.problem);
		}
		return {
			schemaId,
			mappings,
			validateFirst: options.validateFirst === true,
			ifExists: readIfExists(this, itemIndex, 'If the Same Mapping Set Exists'),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(
		this: IExecuteFunctions,
		params: MappingSetCreate,
		itemIndex: number,
		state: ExecutionState,
	) {
		return await createMappingSet.call(this, state, params, itemIndex);
	},
};
