import type { IDataObject } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import type { FlowServiceContext } from '../transport';
import { operationError } from './errors';
import { once } from './memo';
import type { ExecutionState } from './types';

/** Connection spec lookups, each done once per execution and shared by all items. */

export async function findConnectionSpecByName(
	this: FlowServiceContext,
	state: ExecutionState,
	specName: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<IDataObject> {
	const specs = await once(state, `spec-by-name:${specName}`, async () => {
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				method: 'GET',
				path: '/connectionSpecs',
				qs: { property: `name=="${specName}"` },
				timeoutMs,
			},
			itemIndex,
		);
		return (Array.isArray(response.body.items) ? response.body.items : []) as IDataObject[];
	});
	const spec = specs.find((candidate) => candidate.name === specName);
	if (!spec) {
		throw operationError(
			this.getNode(),
			`No connection spec named "${specName}" exists in this sandbox [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Check the Spec Name: Adobe names specs in lower case with hyphens, e.g. amazon-redshift. Get Many Connection Specs lists them all.',
			},
		);
	}
	return spec;
}

export async function findConnectionSpecById(
	this: FlowServiceContext,
	state: ExecutionState,
	specId: string,
	itemIndex: number,
	timeoutMs?: number,
): Promise<IDataObject> {
	const spec = await once(state, `spec-by-id:${specId}`, async () => {
		const response = await flowServiceRequest.call(
			this,
			state,
			{ method: 'GET', path: `/connectionSpecs/${encodeURIComponent(specId)}`, timeoutMs },
			itemIndex,
		);
		const items = (
			Array.isArray(response.body.items) ? response.body.items : [response.body]
		) as IDataObject[];
		return items.find((candidate) => candidate.id === specId) ?? items[0];
	});
	if (!spec) {
		throw operationError(
			this.getNode(),
			`No connection spec with ID "${specId}" exists in this sandbox [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return spec;
}
