import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import { createOrReuse } from './createOrReuse';
import type { ExistingLookup, IfExists } from './createOrReuse';
import { operationError } from './errors';
import { FILTER_BREAKERS, listAll, quotedFilter } from './pagination';
import type { ExecutionState } from './types';

/** Base connections (`/connections`): what Create Redshift, Create, Update, Get, Test share. */

export function connectionPath(id: string): string {
	return `/connections/${encodeURIComponent(id)}`;
}

/** What a base connection create sends, and how it behaves when the name is taken. */
export interface BaseConnectionCreate {
	name: string;
	description?: string;
	connectionSpec: { id: string; version: string };
	auth: { specName: string; params: IDataObject };
	ifExists: IfExists;
	testAfterCreate: boolean;
	timeoutMs: number;
}

/**
 * POST /connections through the shared create path: reused by name and connection spec, and
 * a create whose answer was lost is looked up before it is sent again. The output never holds
 * the auth params.
 */
export async function createBaseConnection(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: BaseConnectionCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const body: IDataObject = {
		name: params.name,
		...(params.description && { description: params.description }),
		auth: params.auth,
		connectionSpec: params.connectionSpec,
	};
	const { entity, reused } = await createOrReuse.call(this, state, itemIndex, {
		ifExists: params.ifExists,
		existing: connectionsByName.call(this, state, params, itemIndex),
		send: async (findCreated) =>
			await flowServiceRequest.call(
				this,
				state,
				{ method: 'POST', path: '/connections', body, timeoutMs: params.timeoutMs, findCreated },
				itemIndex,
			),
		alreadyExists: (existing) =>
			operationError(
				this.getNode(),
				`A connection named "${params.name}" already exists for this connection spec (ID ${String(existing.id)}) [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Set "If a Connection With This Name Exists" to Reuse It to output the existing one, or pick another name.',
				},
			),
	});
	const output: IDataObject = {
		id: String(entity.id ?? ''),
		etag: String(entity.etag ?? ''),
		name: params.name,
		...(params.description && { description: params.description }),
		connectionSpec: params.connectionSpec,
		reused,
	};
	if (params.testAfterCreate) {
		output.testResult = await testConnection.call(
			this,
			state,
			String(output.id),
			itemIndex,
			params.timeoutMs,
		);
	}
	return output;
}

/**
 * A connection's identity is its name within its connection spec. A run of one item (a webhook
 * call, say) asks for its own name: one request, however many connections the sandbox holds.
 * Larger runs list the spec's connections once instead of one GET per item. A name Adobe's
 * filter syntax cannot carry is matched locally.
 */
function connectionsByName(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: BaseConnectionCreate,
	itemIndex: number,
): ExistingLookup {
	const specFilter = quotedFilter('connectionSpec.id', params.connectionSpec.id);
	const list = async (property: string[]) =>
		await listAll.call(
			this,
			state,
			{
				path: '/connections',
				query: { property },
				sendPageSize: true,
				timeoutMs: params.timeoutMs,
			},
			itemIndex,
		);
	const byOwnName =
		this.getInputData().length === 1 && !FILTER_BREAKERS.test(params.name)
			? [quotedFilter('name', params.name)]
			: [];
	return {
		scope: `connections:${params.connectionSpec.id}`,
		key: params.name,
		keyOf: (connection) => (typeof connection.name === 'string' ? connection.name : undefined),
		list: async () => await list([...byOwnName, specFilter]),
		lookUp: async () =>
			(await list([quotedFilter('name', params.name), specFilter])).find(
				(connection) => connection.name === params.name,
			),
	};
}

/**
 * GET /connections/{id}/test: Adobe tries the stored login against the source and answers
 * {"result": true|false}.
 */
export async function testConnection(
	this: IExecuteFunctions,
	state: ExecutionState,
	id: string,
	itemIndex: number,
	timeoutMs: number,
): Promise<IDataObject[string]> {
	const response = await flowServiceRequest.call(
		this,
		state,
		{ method: 'GET', path: `${connectionPath(id)}/test`, timeoutMs },
		itemIndex,
	);
	return response.body.result;
}
