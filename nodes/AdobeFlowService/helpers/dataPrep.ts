import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import { createOrReuse } from './createOrReuse';
import type { IfExists } from './createOrReuse';
import { operationError } from './errors';
import { mappingSetBody, mappingSetKey, storedMappingSetKey } from './mappings';
import type { Mapping } from './mappings';
import { MAX_PAGES, PAGE_SIZE } from './pagination';
import type { ExecutionState } from './types';

/**
 * Data Prep (`/data/foundation/conversion`): mapping sets. Its lists page by offset, not by
 * Flow Service's continuation links: `start` and `limit` are both required, and an answer is
 * `{data: [...], _page: {count, limit}}`.
 */

export interface MappingSetCreate {
	schemaId: string;
	mappings: Mapping[];
	/** POST /mappingSets/validate first, and create only what Data Prep accepts. */
	validateFirst: boolean;
	ifExists: IfExists;
	timeoutMs: number;
}

/** Every mapping set of the sandbox, page by page. */
export async function listMappingSets(
	this: IExecuteFunctions,
	state: ExecutionState,
	timeoutMs: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				service: 'dataPrep',
				method: 'GET',
				path: `/mappingSets?start=${page * PAGE_SIZE}&limit=${PAGE_SIZE}`,
				timeoutMs,
			},
			itemIndex,
		);
		const data = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
		collected.push(...data.filter((set) => set && typeof set === 'object'));
		// A short page is the last one.
		if (data.length < PAGE_SIZE) return collected;
	}
	throw operationError(
		this.getNode(),
		`Stopped after ${MAX_PAGES} pages of mapping sets [item ${itemIndex}]`,
		{ itemIndex },
	);
}

/**
 * POST /mappingSets through the shared create path. A mapping set has no name: an existing
 * set with the same output schema and the same mappings is the one reused, and a create whose
 * answer was lost is looked for the same way before it is sent again.
 */
export async function createMappingSet(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: MappingSetCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const body = mappingSetBody(params.schemaId, params.mappings);
	const key = mappingSetKey(params.schemaId, params.mappings);
	const send = (path: string, findCreated?: () => Promise<IDataObject | undefined>) =>
		flowServiceRequest.call(
			this,
			state,
			{ service: 'dataPrep', method: 'POST', path, body, timeoutMs: params.timeoutMs, findCreated },
			itemIndex,
		);
	const findSame = async () =>
		(await listMappingSets.call(this, state, params.timeoutMs, itemIndex)).find(
			(set) => storedMappingSetKey(set) === key,
		);
	const { entity, reused } = await createOrReuse.call(this, state, itemIndex, {
		ifExists: params.ifExists,
		existing: {
			scope: 'mappingSets',
			key,
			keyOf: storedMappingSetKey,
			list: async () => await listMappingSets.call(this, state, params.timeoutMs, itemIndex),
			lookUp: findSame,
		},
		send: async (findCreated) => {
			// Validate is a read: Data Prep answers 400 naming the mapping it cannot take.
			if (params.validateFirst) await send('/mappingSets/validate');
			return await send('/mappingSets', findCreated);
		},
		alreadyExists: (existing) =>
			operationError(
				this.getNode(),
				`A mapping set with the same schema and mappings already exists (ID ${String(existing.id)}) [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Set "If the Same Mapping Set Exists" to Reuse It to output the existing one.',
				},
			),
	});
	return {
		id: String(entity.id ?? ''),
		version: typeof entity.version === 'number' ? entity.version : Number(entity.version ?? 0),
		outputSchema: body.outputSchema,
		mappings: params.mappings,
		...(params.validateFirst && !reused && { validated: true }),
		reused,
	};
}
