import type { IDataObject } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import type { FlowServiceContext } from '../transport';
import { operationError } from './errors';
import { isJsonObject } from './jsonParameters';
import { once } from './memo';
import { toQueryString } from './pagination';
import type { ExecutionState } from './types';

/**
 * Catalog Service datasets (`/data/foundation/catalog/dataSets`), and the Data Lake target that
 * writes to them. Catalog answers an object keyed by dataset ID, not a list, and pages by
 * offset (`start`, `limit` of at most 100).
 */

/** The Data Lake target connection spec, the only one database dataflows accept (1307-400). */
export const DATA_LAKE_CONNECTION_SPEC = {
	id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c',
	version: '1.0',
} as const;

/** "The latest minor version" of the target XDM schema, in the exact form Adobe wants. */
export const XDM_FULL_SCHEMA_VERSION = 'application/vnd.adobe.xed-full+json;version=1';

/** What the node reads of a dataset. */
export const DATASET_PROPERTIES = 'name,schemaRef';

export interface Dataset extends IDataObject {
	id: string;
	name?: string;
	schemaRef?: { id?: string; contentType?: string };
}

/** A Catalog listing or look-up as datasets with their IDs, in Catalog's order. */
export function readDatasets(body: unknown): Dataset[] {
	if (!isJsonObject(body)) return [];
	return Object.entries(body)
		.filter(([, value]) => isJsonObject(value))
		.map(([id, value]) => ({ ...(value as IDataObject), id }) as Dataset);
}

/** One dataset by ID, read once per execution. */
export async function getDataset(
	this: FlowServiceContext,
	state: ExecutionState,
	datasetId: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<Dataset> {
	const dataset = await once(state, `dataset:${datasetId}`, async () => {
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				service: 'catalog',
				method: 'GET',
				path: `/dataSets/${encodeURIComponent(datasetId)}${toQueryString({ properties: DATASET_PROPERTIES })}`,
				timeoutMs,
			},
			itemIndex,
		);
		return readDatasets(response.body).find((candidate) => candidate.id === datasetId);
	});
	if (!dataset) {
		throw operationError(
			this.getNode(),
			`Catalog answered without the dataset ${datasetId} [item ${itemIndex}]`,
			{ itemIndex, description: 'Check the dataset ID and the Sandbox Name.' },
		);
	}
	return dataset;
}

/** The XDM schema a dataset is built on, which its target connection must name too. */
export function schemaIdOf(this: FlowServiceContext, dataset: Dataset, itemIndex: number): string {
	const schemaId = dataset.schemaRef?.id;
	if (typeof schemaId === 'string' && schemaId) return schemaId;
	throw operationError(
		this.getNode(),
		`The dataset ${dataset.id} has no XDM schema (schemaRef) in Catalog [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Give the XDM Schema ID in Additional Fields, or pick a dataset built on an XDM schema.',
		},
	);
}

/** A page of the sandbox's datasets, sorted by name; `next` is the offset of the next page. */
export async function listDatasetPage(
	this: FlowServiceContext,
	state: ExecutionState,
	start: number,
	limit: number,
): Promise<{ datasets: Dataset[]; next?: number }> {
	const response = await flowServiceRequest.call(
		this,
		state,
		{
			service: 'catalog',
			method: 'GET',
			path: `/dataSets${toQueryString({ start, limit, properties: DATASET_PROPERTIES, orderBy: 'asc:name' })}`,
		},
		0,
	);
	const datasets = readDatasets(response.body);
	// A short page is the last one: Catalog sends no link to the next.
	return { datasets, next: datasets.length < limit ? undefined : start + datasets.length };
}
