import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../actions/common';
import { dataflowLocator, prepareDataflowId } from '../descriptions/dataflow';
import type { DataflowIdParams } from '../descriptions/dataflow';

import { flowServiceRequest } from '../transport';
import { createOrReuse } from './createOrReuse';
import type { ExistingLookup, IfExists } from './createOrReuse';
import { operationError } from './errors';
import { FILTER_BREAKERS, listAll, quotedFilter } from './pagination';
import type { ExecutionState, FlowServiceOperation } from './types';

/** Dataflows (`/flows`): the create body and the shared create path for it. */

export interface DataflowCreate {
	name: string;
	description?: string;
	flowSpec: { id: string; version: string };
	sourceConnectionId: string;
	targetConnectionId: string;
	mapping: { id: string; version: number };
	/** The Copy transformation's delta column; absent for a once flow. */
	deltaColumn?: { name: string; dateFormat?: string; timezone?: string };
	scheduleParams: IDataObject;
	ifExists: IfExists;
	timeoutMs: number;
}

/**
 * The body of POST /flows for a table source: the Copy transformation (with the delta
 * column by which new rows are found, when the schedule has one) and the Mapping
 * transformation. `state` is never sent: Adobe refuses it on create (1410-400).
 */
export function dataflowBody(params: DataflowCreate): IDataObject {
	const transformations: IDataObject[] = [];
	if (params.deltaColumn) {
		transformations.push({ name: 'Copy', params: { deltaColumn: { ...params.deltaColumn } } });
	}
	transformations.push({
		name: 'Mapping',
		params: { mappingId: params.mapping.id, mappingVersion: params.mapping.version },
	});
	return {
		name: params.name,
		...(params.description && { description: params.description }),
		flowSpec: params.flowSpec,
		sourceConnectionIds: [params.sourceConnectionId],
		targetConnectionIds: [params.targetConnectionId],
		transformations,
		scheduleParams: params.scheduleParams,
	};
}

/** POST /flows, reused by name within the flow spec; a lost create is looked up before a re-send. */
export async function createDataflow(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: DataflowCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const body = dataflowBody(params);
	const { entity, reused } = await createOrReuse.call(this, state, itemIndex, {
		ifExists: params.ifExists,
		existing: flowsByName.call(this, state, params, itemIndex),
		send: async (findCreated) =>
			await flowServiceRequest.call(
				this,
				state,
				{ method: 'POST', path: '/flows', body, timeoutMs: params.timeoutMs, findCreated },
				itemIndex,
			),
		alreadyExists: (existing) =>
			operationError(
				this.getNode(),
				`A dataflow named "${params.name}" already exists for this flow spec (ID ${String(existing.id)}) [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Set "If a Dataflow With This Name Exists" to Reuse It to output the existing one, or pick another name.',
				},
			),
	});
	// A reused flow is described as Adobe holds it, not as this item would have made it.
	const held = reused ? entity : body;
	return {
		id: String(entity.id ?? ''),
		etag: String(entity.etag ?? ''),
		name: params.name,
		flowSpec: held.flowSpec ?? params.flowSpec,
		sourceConnectionIds: held.sourceConnectionIds ?? body.sourceConnectionIds,
		targetConnectionIds: held.targetConnectionIds ?? body.targetConnectionIds,
		scheduleParams: held.scheduleParams ?? body.scheduleParams,
		...(reused && typeof entity.state === 'string' && { state: entity.state }),
		reused,
	};
}

/**
 * A dataflow's identity is its name within its flow spec. One item asks for its own name;
 * larger runs list the flow spec's flows once.
 */
function flowsByName(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: DataflowCreate,
	itemIndex: number,
): ExistingLookup {
	const specFilter = quotedFilter('flowSpec.id', params.flowSpec.id);
	const list = async (property: string[]) =>
		await listAll.call(
			this,
			state,
			{ path: '/flows', query: { property }, sendPageSize: true, timeoutMs: params.timeoutMs },
			itemIndex,
		);
	const byOwnName =
		this.getInputData().length === 1 && !FILTER_BREAKERS.test(params.name)
			? [quotedFilter('name', params.name)]
			: [];
	return {
		scope: `flows:${params.flowSpec.id}`,
		key: params.name,
		keyOf: (flow) => (typeof flow.name === 'string' ? flow.name : undefined),
		list: async () => await list([...byOwnName, specFilter]),
		lookUp: async () =>
			(await list([quotedFilter('name', params.name), specFilter])).find(
				(flow) => flow.name === params.name,
			),
	};
}

/** POST /flows/{id}/action?op=enable|disable, no body; Adobe answers {id, etag}. */
/**
 * Dataflow → Enable and Disable are the same operation but for the action: a dataflow picker,
 * the Options collection, and `POST /flows/{id}/action?op=…` with no body.
 */
export function flowActionOperation(op: 'enable' | 'disable'): {
	description: INodeProperties[];
	operation: FlowServiceOperation<DataflowIdParams>;
} {
	return {
		description: [
			dataflowLocator(op, op),
			optionsCollection({ resource: ['dataflow'], operation: [op] }),
		],
		operation: {
			prepare: prepareDataflowId,
			async execute(this: IExecuteFunctions, params, itemIndex, state) {
				return await flowAction.call(
					this,
					state,
					{ id: params.id, op, timeoutMs: params.timeoutMs },
					itemIndex,
				);
			},
		},
	};
}

export async function flowAction(
	this: IExecuteFunctions,
	state: ExecutionState,
	request: { id: string; op: 'enable' | 'disable'; timeoutMs: number },
	itemIndex: number,
): Promise<IDataObject> {
	const response = await flowServiceRequest.call(
		this,
		state,
		{
			method: 'POST',
			path: `/flows/${encodeURIComponent(request.id)}/action?op=${request.op}`,
			timeoutMs: request.timeoutMs,
		},
		itemIndex,
	);
	return {
		id: String(response.body.id ?? request.id),
		etag: String(response.body.etag ?? ''),
		state: request.op === 'enable' ? 'enabled' : 'disabled',
	};
}
