import type { IDataObject } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import type { FlowServiceContext } from '../transport';
import { operationError } from './errors';
import { isJsonObject } from './jsonParameters';
import type { PqlFilter } from './jsonParameters';
import { once } from './memo';
import { toQueryString } from './pagination';
import type { ExecutionState } from './types';

/**
 * Exploring a base connection (`GET /connections/{id}/explore`): its tables, a table's columns,
 * and preview rows. Shared by the Connection operations, the Table picker and Source
 * Connection → Create, which fetches the columns it is not given.
 */

/** A table as explore lists it; `path`, not `name`, is what the later calls take. */
export interface TableEntry extends IDataObject {
	type: string;
	name: string;
	path: string;
}

/** A table's schema: `columns` go unchanged into a source connection's `params.columns`. */
export interface TableSchema extends IDataObject {
	format?: string;
	columns: IDataObject[];
	/** Only with preview: one object per row, keyed by column name. */
	data?: IDataObject[];
}

export interface ExploreOptions {
	timeoutMs?: number;
}

function explorePath(connectionId: string, query: Record<string, string | undefined>): string {
	return `/connections/${encodeURIComponent(connectionId)}/explore${toQueryString(query)}`;
}

/**
 * The tables at the connection's root (`objectType=root`). Adobe answers a bare array; an
 * `items` wrapper, as its other listings have, is read too. Folders are left out.
 */
export async function listTables(
	this: FlowServiceContext,
	state: ExecutionState,
	connectionId: string,
	itemIndex: number,
	options: ExploreOptions = {},
): Promise<TableEntry[]> {
	return await once(state, `explore-root:${connectionId}`, async () => {
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				method: 'GET',
				path: explorePath(connectionId, { objectType: 'root' }),
				timeoutMs: options.timeoutMs,
			},
			itemIndex,
		);
		const body = response.body as unknown;
		const entries = Array.isArray(body)
			? body
			: isJsonObject(body) && Array.isArray(body.items)
				? body.items
				: undefined;
		if (!entries) {
			throw operationError(
				this.getNode(),
				`Adobe answered the table listing of connection ${connectionId} without a list [item ${itemIndex}]`,
				{ itemIndex, description: 'Check that the connection is a database or table source.' },
			);
		}
		return entries.filter(
			(entry): entry is TableEntry =>
				isJsonObject(entry) &&
				typeof entry.path === 'string' &&
				entry.path !== '' &&
				String(entry.type ?? 'table').toLowerCase() === 'table',
		);
	});
}

/**
 * One table's columns (`objectType=table&object=<path>`), and with `preview` its sample rows.
 * Without preview the answer is shared by all items of the execution that ask for the same table.
 */
export async function exploreTable(
	this: FlowServiceContext,
	state: ExecutionState,
	connectionId: string,
	tablePath: string,
	itemIndex: number,
	options: ExploreOptions & { preview?: boolean; rowFilter?: PqlFilter } = {},
): Promise<TableSchema> {
	const load = async (): Promise<TableSchema> => {
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				method: 'GET',
				path: explorePath(connectionId, {
					objectType: 'table',
					object: tablePath,
					preview: options.preview ? 'true' : undefined,
					// Base64 here, unlike a source connection's params.filters, which is the object itself.
					filters: options.rowFilter ? encodeBase64Json(options.rowFilter) : undefined,
				}),
				timeoutMs: options.timeoutMs,
			},
			itemIndex,
		);
		return readTableSchema.call(this, response.body, connectionId, tablePath, itemIndex, options);
	};
	if (options.preview) return await load();
	return await once(state, `explore-table:${connectionId}:${tablePath}`, load);
}

function readTableSchema(
	this: FlowServiceContext,
	body: IDataObject,
	connectionId: string,
	tablePath: string,
	itemIndex: number,
	options: { preview?: boolean },
): TableSchema {
	const schema = isJsonObject(body.schema) ? body.schema : undefined;
	const columns = Array.isArray(schema?.columns) ? schema.columns.filter(isJsonObject) : [];
	if (columns.length === 0) {
		throw operationError(
			this.getNode(),
			`Adobe found no columns in table "${tablePath}" of connection ${connectionId} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Check the table path: List Tables outputs it. A table without columns cannot feed a source connection.',
			},
		);
	}
	const result: TableSchema = { columns };
	if (typeof body.format === 'string') result.format = body.format;
	if (options.preview) {
		result.data = Array.isArray(body.data) ? body.data.filter(isJsonObject) : [];
	}
	return result;
}

function encodeBase64Json(value: IDataObject): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}
