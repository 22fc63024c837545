import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import { operationError } from './errors';
import type { ExecutionState } from './types';

/**
 * GET of one Flow Service entity (`/flows/{id}`, `/sourceConnections/{id}`, …). Adobe wraps it
 * in a list, `{"items": [one]}`; an answer without it is an error that names the entity.
 */
export async function getEntity(
	this: IExecuteFunctions,
	state: ExecutionState,
	request: { path: string; noun: string; id: string; timeoutMs?: number },
	itemIndex: number,
): Promise<IDataObject> {
	const response = await flowServiceRequest.call(
		this,
		state,
		{ method: 'GET', path: request.path, timeoutMs: request.timeoutMs },
		itemIndex,
	);
	const items = response.body.items;
	const entity = Array.isArray(items) ? (items[0] as IDataObject | undefined) : undefined;
	if (!entity || typeof entity !== 'object') {
		throw operationError(
			this.getNode(),
			`Adobe answered without the ${request.noun} ${request.id} [item ${itemIndex}]`,
			{ itemIndex, description: 'The answer had no items. Check the ID and the Sandbox Name.' },
		);
	}
	return entity;
}
