import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { PAGE_SIZE, readListPage, toQueryString, toRelativePath } from '../helpers/pagination';
import { createExecutionState } from '../helpers/types';
import type { ExecutionState } from '../helpers/types';
import { platformUiUrl } from '../helpers/uiLinks';
import { flowServiceRequest } from '../transport';

/** Pages read per search call at most, so a search over a large sandbox answers quickly. */
const MAX_PAGES_PER_SEARCH = 10;

/**
 * The "From list" picker for connections. Without search text it lists one page sorted by
 * name. With search text it keeps the connections whose name or ID contains it (any case):
 * Flow Service filters by exact name only, which is no use while typing. The next page's link
 * goes back to n8n as the pagination token.
 */
export async function searchConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchListing.call(this, '/connections', filter, paginationToken, toSearchItem);
}

/** The "From list" picker for dataflows: the sandbox's flows, searched as connections are. */
export async function searchDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchListing.call(this, '/flows', filter, paginationToken, (flow) => {
		if (typeof flow.id !== 'string' || !flow.id) return undefined;
		const name = typeof flow.name === 'string' && flow.name ? flow.name : flow.id;
		return {
			name: typeof flow.state === 'string' ? `${name} (${flow.state})` : name,
			value: flow.id,
		};
	});
}

async function searchListing(
	this: ILoadOptionsFunctions,
	listPath: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (entity: IDataObject, state: ExecutionState) => INodeListSearchItems | undefined,
): Promise<INodeListSearchResult> {
	const state = createExecutionState();
	const needle = (filter ?? '').trim().toLowerCase();
	let path: string | undefined =
		typeof paginationToken === 'string' && paginationToken
			? toRelativePath(paginationToken)
			: `${listPath}${toQueryString({ orderby: 'name', limit: PAGE_SIZE })}`;

	const results: INodeListSearchItems[] = [];
	for (let page = 0; path !== undefined && page < MAX_PAGES_PER_SEARCH; page++) {
		const response = await flowServiceRequest.call(this, state, { method: 'GET', path }, 0);
		const { items, next } = readListPage(response.body);
		for (const entity of items) {
			const item = toItem(entity, state);
			if (!item) continue;
			if (needle && !`${item.name}\n${item.value}`.toLowerCase().includes(needle)) continue;
			results.push(item);
		}
		path = next;
		// Without search text every page is full, so one is enough; with it, read on until a
		// page's worth of matches is in.
		if (!needle || results.length >= PAGE_SIZE) break;
	}
	return { results, paginationToken: path };
}

function toSearchItem(
	connection: IDataObject,
	state: ExecutionState,
): INodeListSearchItems | undefined {
	if (typeof connection.id !== 'string' || !connection.id) return undefined;
	const name =
		typeof connection.name === 'string' && connection.name ? connection.name : connection.id;
	return { name, value: connection.id, url: accountUrl(connection.id, state) };
}

/** The account's page in the Experience Platform UI (Sources → Accounts). */
function accountUrl(id: string, state: ExecutionState): string {
	return platformUiUrl(
		state.credentials?.data,
		`source/accounts/${encodeURIComponent(id)}/activity`,
	);
}

/**
 * The "From list" picker for connection specs: sources only (attributes.isSource), by name.
 * Adobe answers every spec in one page; search text keeps the names and IDs that contain it.
 */
export async function searchConnectionSpecs(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const state = createExecutionState();
	const needle = (filter ?? '').trim().toLowerCase();
	const response = await flowServiceRequest.call(
		this,
		state,
		{
			method: 'GET',
			path: `/connectionSpecs${toQueryString({ property: 'attributes.isSource==true' })}`,
		},
		0,
	);
	const results: INodeListSearchItems[] = [];
	for (const spec of readListPage(response.body).items) {
		if (typeof spec.id !== 'string' || typeof spec.name !== 'string') continue;
		if (!isSourceSpec(spec)) continue;
		if (needle && !`${spec.name}\n${spec.id}`.toLowerCase().includes(needle)) continue;
		results.push({ name: spec.name, value: spec.id });
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Checked here too, in case a gateway ignores the filter: the spec says it is a source. */
function isSourceSpec(spec: IDataObject): boolean {
	const attributes = (spec.attributes ?? {}) as IDataObject;
	const ui = (((spec.sourceSpec as IDataObject | undefined)?.attributes as IDataObject | undefined)
		?.uiAttributes ?? {}) as IDataObject;
	return attributes.isSource === true || ui.isSource === true;
}
