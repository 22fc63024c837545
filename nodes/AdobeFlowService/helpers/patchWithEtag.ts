import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import { getEntity } from './entities';
import { operationError } from './errors';
import type { ExecutionState } from './types';

/**
 * JSON Patch on a Flow Service entity, the way Adobe wants it: with `If-Match` carrying the
 * entity's current etag (quotes included, as Adobe sent it). The node reads the etag itself.
 * Should someone else change the entity between that read and the PATCH (412, FLOW-1404-412),
 * it reads again and sends once more, rebuilding the operations from the fresh entity.
 */

export interface PatchOperation extends IDataObject {
	op: 'add' | 'replace' | 'remove';
	path: string;
}

export interface PatchRequest {
	/** The entity's path, e.g. `/flows/{id}`: GET reads it, PATCH changes it. */
	path: string;
	/** What it is, for messages: "dataflow", "connection". */
	noun: string;
	id: string;
	timeoutMs?: number;
	/** The operations, built from the entity as just read (a Mapping's index, say). */
	operations: (entity: IDataObject) => PatchOperation[] | Promise<PatchOperation[]>;
}

export interface PatchOutcome {
	/** Adobe's answer to the PATCH: `{id, etag}`, the new etag. */
	body: IDataObject;
	/** The entity as read before the change that was sent. */
	before: IDataObject;
	operations: PatchOperation[];
	/** 1, or 2 when the first PATCH met a changed etag. */
	attempts: number;
}

export async function patchWithEtag(
	this: IExecuteFunctions,
	state: ExecutionState,
	request: PatchRequest,
	itemIndex: number,
): Promise<PatchOutcome> {
	for (let attempt = 1; ; attempt++) {
		const before = await getEntity.call(this, state, request, itemIndex);
		const etag = before.etag;
		if (typeof etag !== 'string' || !etag) {
			throw operationError(
				this.getNode(),
				`Adobe sent the ${request.noun} ${request.id} without an etag, which an update needs [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		const operations = await request.operations(before);
		const sent = await flowServiceRequest
			.call(
				this,
				state,
				{
					method: 'PATCH',
					path: request.path,
					headers: { 'If-Match': etag },
					// A JSON Patch document is a list; transport sends whatever JSON it is given.
					body: operations as unknown as IDataObject,
					timeoutMs: request.timeoutMs,
				},
				itemIndex,
			)
			.then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
		if ('response' in sent) {
			return { body: sent.response.body, before, operations, attempts: attempt };
		}
		const { error } = sent;
		if (!(error instanceof NodeApiError) || !isEtagMismatch(error)) {
			// Transport fails with n8n's errors only; the router wraps anything else itself.
			throw error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: operationError(this.getNode(), String(error), { itemIndex });
		}
		if (attempt === 1) continue;
		error.description = [
			error.description,
			`The ${request.noun} changed again between reading it and sending the update, twice. Run the node again.`,
		]
			.filter(Boolean)
			.join(' ');
		throw error;
	}
}

/** 412 Precondition Failed: the etag sent is no longer the entity's (FLOW-1404-412). */
function isEtagMismatch(error: NodeApiError): boolean {
	const code = String((error.errorResponse as IDataObject | undefined)?.adobeCode ?? '');
	return error.httpCode === '412' || code.includes('1404-412');
}
