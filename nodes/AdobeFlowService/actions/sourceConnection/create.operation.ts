import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionLocator, readConnectionId } from '../../descriptions/connection';
import { ifExistsOption } from '../../descriptions/createOptions';
import { readTablePath, tableLocator } from '../../descriptions/table';
import { createOrReuse, readIfExists } from '../../helpers/createOrReuse';
import type { IfExists } from '../../helpers/createOrReuse';
import { operationError } from '../../helpers/errors';
import { exploreTable } from '../../helpers/explore';
import { baseConnectionSpec, nameInListing } from '../../helpers/flowEntities';
import { readColumns, readJsonValue, readRowFilter } from '../../helpers/jsonParameters';
import type { PqlFilter } from '../../helpers/jsonParameters';
import { quotedFilter } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { checkText, readText } from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['sourceConnection'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Redshift public.customers',
		description: 'Name of the source connection in Experience Platform',
		displayOptions: { show: showFor },
	},
	connectionLocator('create', 'read the table from', 'sourceConnection'),
	tableLocator(showFor, 'ingest'),
	{
		displayName: 'Columns',
		name: 'columns',
		type: 'json',
		default: '',
		placeholder: 'e.g. {{ $json.columns }}',
		description:
			"The table's columns as Get Table Schema outputs them. Leave empty and the node fetches them from the table.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Change Data Capture',
				name: 'cdcEnabled',
				type: 'boolean',
				default: false,
				description:
					'Whether to ingest changes only (cdcEnabled). Adobe offers it for Azure Databricks, Google BigQuery and Snowflake, with Data Mirror and a relational schema.',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
			},
			{
				displayName: 'Row Filter (PQL)',
				name: 'rowFilter',
				type: 'json',
				default: '',
				description:
					'Only ingest rows that match this PQL filter (params.filters), given whole or as its "value" part',
			},
		],
	},
	optionsCollection(showFor, [ifExistsOption('Source Connection', 'name on this base connection')]),
];

interface Params {
	name: string;
	description?: string;
	baseConnectionId: string;
	tableName: string;
	/** Undefined: fetched from explore. */
	columns?: IDataObject[];
	cdcEnabled: boolean;
	rowFilter?: PqlFilter;
	ifExists: IfExists;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const columns = readJsonValue(
			this,
			itemIndex,
			this.getNodeParameter('columns', itemIndex, ''),
			'Columns',
		);
		return {
			name: readText(this, 'name', itemIndex, { label: 'Name', maxLength: 256 }),
			description:
				checkText(this, itemIndex, additional.description, {
					label: 'Description',
					optional: true,
					maxLength: 2000,
					allowLineBreaks: true,
				}) || undefined,
			baseConnectionId: readConnectionId(this, itemIndex),
			tableName: readTablePath(this, itemIndex),
			columns: columns === undefined ? undefined : readColumns(this, itemIndex, columns, 'Columns'),
			cdcEnabled: additional.cdcEnabled === true,
			rowFilter: readRowFilter(this, itemIndex, additional.rowFilter, 'Row Filter (PQL)'),
			ifExists: readIfExists(this, itemIndex, 'If a Source Connection With This Name Exists'),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const { timeoutMs } = params;
		let connectionSpec: IDataObject | undefined;
		// Built only when a create is due: a re-run that reuses costs one listing, nothing more.
		const buildBody = async (): Promise<IDataObject> => {
			// The source connection carries its base connection's spec; Adobe refuses any other.
			connectionSpec = await baseConnectionSpec.call(
				this,
				state,
				params.baseConnectionId,
				itemIndex,
				timeoutMs,
			);
			const columns =
				params.columns ??
				(
					await exploreTable.call(
						this,
						state,
						params.baseConnectionId,
						params.tableName,
						itemIndex,
						{
							timeoutMs,
						},
					)
				).columns;
			return {
				name: params.name,
				...(params.description && { description: params.description }),
				baseConnectionId: params.baseConnectionId,
				data: { format: 'tabular' },
				params: {
					tableName: params.tableName,
					columns,
					...(params.cdcEnabled && { cdcEnabled: true }),
					...(params.rowFilter && { filters: params.rowFilter }),
				},
				connectionSpec,
			};
		};
		const { entity, reused } = await createOrReuse.call(this, state, itemIndex, {
			ifExists: params.ifExists,
			existing: nameInListing.call(
				this,
				state,
				{
					collection: 'sourceConnections',
					property: quotedFilter('baseConnectionId', params.baseConnectionId),
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
					{ method: 'POST', path: '/sourceConnections', body, timeoutMs, findCreated },
					itemIndex,
				);
			},
			alreadyExists: (existing) =>
				operationError(
					this.getNode(),
					`A source connection named "${params.name}" already exists on this base connection (ID ${String(existing.id)}) [item ${itemIndex}]`,
					{
						itemIndex,
						description:
							'Set "If a Source Connection With This Name Exists" to Reuse It to output the existing one, or pick another name.',
					},
				),
		});
		if (reused) checkSameTable.call(this, entity, params, itemIndex);
		return {
			id: String(entity.id ?? ''),
			etag: String(entity.etag ?? ''),
			name: params.name,
			baseConnectionId: params.baseConnectionId,
			tableName: params.tableName,
			connectionSpec: connectionSpec ?? entity.connectionSpec,
			reused,
		};
	},
};

/** Reusing a same-named source connection that reads another table would ingest the wrong data. */
function checkSameTable(
	this: IExecuteFunctions,
	existing: IDataObject,
	params: Params,
	itemIndex: number,
): void {
	const existingTable = (existing.params as IDataObject | undefined)?.tableName;
	if (existingTable === undefined || existingTable === params.tableName) return;
	throw operationError(
		this.getNode(),
		`The source connection "${params.name}" (ID ${String(existing.id)}) already exists on this base connection but reads table "${String(existingTable)}", not "${params.tableName}" [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Give this source connection another name, or delete the old one first. Adobe advises a new source connection (and dataflow) rather than changing one in use.',
		},
	);
}
