import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listTables } from '../helpers/explore';
import { createExecutionState } from '../helpers/types';
import { UUID_PATTERN } from '../helpers/validation';

/**
 * The "From list" picker for tables: the tables of the connection chosen above it, filtered
 * by the search text (any case, anywhere in the path). Explore does not page, so neither does this.
 */
export async function searchTables(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const connectionId = this.getNodeParameter('connectionId', undefined, {
		extractValue: true,
	}) as unknown;
	if (typeof connectionId !== 'string' || !UUID_PATTERN.test(connectionId.trim())) {
		throw new NodeOperationError(this.getNode(), 'Choose a connection first', {
			level: 'warning',
			description: 'The table list comes from the base connection picked above.',
		});
	}
	const tables = await listTables.call(this, createExecutionState(), connectionId.trim(), 0);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = tables
		.filter((table) => !needle || table.path.toLowerCase().includes(needle))
		.map((table) => ({
			name: typeof table.name === 'string' && table.name ? table.name : table.path,
			value: table.path,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
