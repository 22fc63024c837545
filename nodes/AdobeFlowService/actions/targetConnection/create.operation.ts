import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ifExistsOption } from '../../descriptions/createOptions';
import { datasetLocator, readDatasetId } from '../../descriptions/dataset';
import {
	DATA_LAKE_CONNECTION_SPEC,
	getDataset,
	schemaIdOf,
	XDM_FULL_SCHEMA_VERSION,
} from '../../helpers/catalog';
import { createOrReuse, readIfExists } from '../../helpers/createOrReuse';
import type { IfExists } from '../../helpers/createOrReuse';
import { operationError } from '../../helpers/errors';
import { nameInListing } from '../../helpers/flowEntities';
import { quotedFilter } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { checkText, readText } from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['targetConnection'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Customers to data lake',
		description: 'Name of the target connection in Experience Platform',
		displayOptions: { show: showFor },
	},
	datasetLocator(showFor, 'ingest into'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
			},
			{
				displayName: 'XDM Schema ID',
				name: 'schemaId',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://ns.adobe.com/acme/schemas/52b59140414aa6a370ef5e21155fd7a6',
				description:
					"The $ID of the dataset's XDM schema. Leave empty and the node reads it from the dataset (its schemaRef). The mapping set must use the same schema.",
			},
		],
	},
	optionsCollection(showFor, [ifExistsOption('Target Connection', 'name in this sandbox')]),
];

interface Params {
	name: string;
	description?: string;
	datasetId: string;
	/** Undefined: read from the dataset's schemaRef. */
	schemaId?: string;
	ifExists: IfExists;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const text = (raw: unknown, label: string, maxLength: number, allowLineBreaks = false) =>
			checkText(this, itemIndex, raw, { label, optional: true, maxLength, allowLineBreaks }) ||
			undefined;
		return {
			name: readText(this, 'name', itemIndex, { label: 'Name', maxLength: 256 }),
			description: text(additional.description, 'Description', 2000, true),
			datasetId: readDatasetId(this, itemIndex),
			schemaId: text(additional.schemaId, 'XDM Schema ID', 1024),
			ifExists: readIfExists(this, itemIndex, 'If a Target Connection With This Name Exists'),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const { timeoutMs } = params;
		let schemaId = params.schemaId;
		// Built only when a create is due: a re-run that reuses costs one listing, nothing more.
		const buildBody = async (): Promise<IDataObject> => {
			schemaId ??= schemaIdOf.call(
				this,
				await getDataset.call(this, state, params.datasetId, itemIndex, timeoutMs),
				itemIndex,
			);
			return {
				name: params.name,
				...(params.description && { description: params.description }),
				data: { schema: { id: schemaId, version: XDM_FULL_SCHEMA_VERSION } },
				params: { dataSetId: params.datasetId },
				connectionSpec: DATA_LAKE_CONNECTION_SPEC,
			};
		};
		const { entity, reused } = await createOrReuse.call(this, state, itemIndex, {
			ifExists: params.ifExists,
			existing: nameInListing.call(
				this,
				state,
				{
					collection: 'targetConnections',
					property: quotedFilter('connectionSpec.id', DATA_LAKE_CONNECTION_SPEC.id),
					name: params.name,
					timeoutMs,
				},
				itemIndex,
			),
			send: async (findCreated) => {
				const body = await buildBody();
				return await flowServiceRequest.call(
					this,
					state,
					{ method: 'POST', path: '/targetConnections', body, timeoutMs, findCreated },
					itemIndex,
				);
			},
			alreadyExists: (existing) =>
				operationError(
					this.getNode(),
					`A target connection named "${params.name}" already exists (ID ${String(existing.id)}) [item ${itemIndex}]`,
					{
						itemIndex,
						description:
							'Set "If a Target Connection With This Name Exists" to Reuse It to output the existing one, or pick another name.',
					},
				),
		});
		if (reused) checkSameDataset.call(this, entity, params, itemIndex);
		const existingSchema = ((entity.data as IDataObject | undefined)?.schema ?? undefined) as
			| IDataObject
			| undefined;
		return {
			id: String(entity.id ?? ''),
			etag: String(entity.etag ?? ''),
			name: params.name,
			dataSetId: params.datasetId,
			schema: schemaId ? { id: schemaId, version: XDM_FULL_SCHEMA_VERSION } : existingSchema,
			connectionSpec: DATA_LAKE_CONNECTION_SPEC,
			reused,
		};
	},
};

/** Reusing a same-named target that writes to another dataset would send data to the wrong place. */
function checkSameDataset(
	this: IExecuteFunctions,
	existing: IDataObject,
	params: Params,
	itemIndex: number,
): void {
	const existingDataset = (existing.params as IDataObject | undefined)?.dataSetId;
	if (existingDataset === undefined || existingDataset === params.datasetId) return;
	throw operationError(
		this.getNode(),
		`The target connection "${params.name}" (ID ${String(existing.id)}) already exists but writes to dataset ${String(existingDataset)}, not ${params.datasetId} [item ${itemIndex}]`,
		{
			itemIndex,
			description: 'Give this target connection another name, or delete the old one first.',
		},
	);
}
