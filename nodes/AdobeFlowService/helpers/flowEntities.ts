import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import type { ExistingLookup } from './createOrReuse';
import { getEntity } from './entities';
import { operationError } from './errors';
import { once } from './memo';
import { listAll } from './pagination';
import type { ExecutionState } from './types';

/**
 * Reading and deleting Flow Service entities by ID, the same for base, source and target
 * connections: a GET answers `{"items": [one]}`, a DELETE 204.
 */

export type FlowCollection = 'connections' | 'sourceConnections' | 'targetConnections';

const NOUNS: Record<FlowCollection, string> = {
	connections: 'connection',
	sourceConnections: 'source connection',
	targetConnections: 'target connection',
};

export function entityPath(collection: FlowCollection, id: string): string {
	return `/${collection}/${encodeURIComponent(id)}`;
}

export async function getFlowEntity(
	this: IExecuteFunctions,
	state: ExecutionState,
	collection: FlowCollection,
	id: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<IDataObject> {
	return await getEntity.call(
		this,
		state,
		{ path: entityPath(collection, id), noun: NOUNS[collection], id, timeoutMs },
		itemIndex,
	);
}

export async function deleteFlowEntity(
	this: IExecuteFunctions,
	state: ExecutionState,
	collection: FlowCollection,
	id: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<IDataObject> {
	await flowServiceRequest.call(
		this,
		state,
		{ method: 'DELETE', path: entityPath(collection, id), timeoutMs },
		itemIndex,
	);
	return { deleted: true, id };
}

/**
 * The connection spec of a base connection, which its source connections must carry too. Read
 * once per connection per execution.
 */
export async function baseConnectionSpec(
	this: IExecuteFunctions,
	state: ExecutionState,
	connectionId: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<{ id: string; version: string }> {
	const connection = await once(state, `base-connection:${connectionId}`, async () =>
		getFlowEntity.call(this, state, 'connections', connectionId, itemIndex, timeoutMs),
	);
	const spec = connection.connectionSpec as IDataObject | undefined;
	if (!spec || typeof spec.id !== 'string' || !spec.id) {
		throw operationError(
			this.getNode(),
			`The base connection ${connectionId} has no connection spec in Adobe's answer [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return { id: spec.id, version: typeof spec.version === 'string' ? spec.version : '1.0' };
}

/** What a Get Many over a Flow Service listing reads from an item. */
export interface ListParams {
	/** `property` expressions, ANDed by Flow Service. */
	properties: string[];
	orderby: string;
	/** Undefined for Return All. */
	limit?: number;
	timeoutMs: number;
}

/**
 * A Get Many: only the first page gets filters, sort and page size, since `_links.next.href`
 * carries them on. `count` is never sent: with `limit` Adobe refuses it (FLOW-1401-400).
 */
export async function listFlowEntities(
	this: IExecuteFunctions,
	state: ExecutionState,
	collection: FlowCollection,
	params: ListParams,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await listAll.call(
		this,
		state,
		{
			path: `/${collection}`,
			query: { property: params.properties, orderby: params.orderby },
			limit: params.limit,
			sendPageSize: true,
			timeoutMs: params.timeoutMs,
		},
		itemIndex,
	);
}

/**
 * A create-or-reuse identity by name within one Flow Service listing (a base connection's
 * source connections, the sandbox's Data Lake targets): listed once per execution with the
 * documented `property` filter, matched by name here, since `name` is not a documented filter.
 */
export function nameInListing(
	this: IExecuteFunctions,
	state: ExecutionState,
	request: { collection: FlowCollection; property: string; name: string; timeoutMs?: number },
	itemIndex: number,
): ExistingLookup {
	const list = async () =>
		await listAll.call(
			this,
			state,
			{
				path: `/${request.collection}`,
				query: { property: [request.property] },
				sendPageSize: true,
				timeoutMs: request.timeoutMs,
			},
			itemIndex,
		);
	const nameOf = (entity: IDataObject) =>
		typeof entity.name === 'string' ? entity.name : undefined;
	return {
		scope: `${request.collection}:${request.property}`,
		key: request.name,
		keyOf: nameOf,
		list,
		lookUp: async () => (await list()).find((entity) => nameOf(entity) === request.name),
	};
}
