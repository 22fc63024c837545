import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { listDatasetPage } from '../helpers/catalog';
import { createExecutionState } from '../helpers/types';

const PAGE_SIZE = 50;
/** Pages read per search call at most, so a search over a large sandbox answers quickly. */
const MAX_PAGES_PER_SEARCH = 10;

/**
 * The "From list" picker for datasets, from Catalog, sorted by name. With search text it keeps
 * the datasets whose name or ID contains it (any case). The next offset goes back to n8n as the
 * pagination token.
 */
export async function searchDatasets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const state = createExecutionState();
	const needle = (filter ?? '').trim().toLowerCase();
	let start: number | undefined = Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const results: INodeListSearchItems[] = [];
	for (let page = 0; start !== undefined && page < MAX_PAGES_PER_SEARCH; page++) {
		const { datasets, next }: { datasets: Array<{ id: string; name?: string }>; next?: number } =
			await listDatasetPage.call(this, state, start, PAGE_SIZE);
		for (const dataset of datasets) {
			const name = typeof dataset.name === 'string' && dataset.name ? dataset.name : dataset.id;
			if (needle && !`${name}\n${dataset.id}`.toLowerCase().includes(needle)) continue;
			results.push({ name, value: dataset.id });
		}
		start = next;
		if (!needle || results.length >= PAGE_SIZE) break;
	}
	return { results, paginationToken: start === undefined ? undefined : String(start) };
}
