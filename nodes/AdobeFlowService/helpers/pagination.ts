import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { flowServiceRequest } from '../transport';
import type { FlowServiceContext } from '../transport';
import { describeValue, invalidParameter, operationError } from './errors';
import type { ExecutionState } from './types';
import { FLOW_SERVICE_BASE_PATH } from './types';
import { checkText } from './validation';
import type { TextRule } from './validation';

/**
 * Listing helpers shared by the Get Many operations and the connection picker: `property`
 * filter expressions, and following Flow Service's `_links.next.href` from page to page.
 */

/**
 * Items asked for per page. Flow Service documents no maximum; 50 keeps each answer small and
 * quick, and a Get Many at its default limit (50) costs exactly one request.
 */
export const PAGE_SIZE = 50;

/**
 * A safety stop for Return All: a server that kept sending new "next" links would otherwise
 * keep the node running forever. 1,000 pages of 50 are 50,000 items.
 */
export const MAX_PAGES = 1000;

/** Characters that would change the meaning of a `property` expression. */
export const FILTER_BREAKERS = /[",\\]/;

/**
 * Checks a filter value typed by the user. A double quote would end the quoted value early, a
 * comma turns `name=="a,b"` into "a or b", and a backslash may be read as an escape. They are
 * refused rather than escaped: Flow Service documents no escape syntax.
 */
export function checkFilterValue(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	rule: TextRule,
): string {
	const value = checkText(context, itemIndex, raw, { maxLength: 256, ...rule, optional: true });
	if (value && FILTER_BREAKERS.test(value)) {
		throw operationError(
			context.getNode(),
			`${rule.label} must not contain double quotes, commas or backslashes: Adobe's filter syntax cannot carry them [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Leave this filter out and keep the items you want with an n8n Filter node after this one.',
			},
		);
	}
	return value;
}

/** `field=="value"`, the quoting Get Connection Spec uses. */
export function quotedFilter(field: string, value: string): string {
	return `${field}=="${value}"`;
}

/** Return All / Limit, as every Get Many operation has them. Undefined means all. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const raw = context.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = Number(raw);
	if (typeof raw === 'boolean' || raw === '' || !Number.isInteger(limit) || limit < 1) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			'Limit',
			`must be a whole number of at least 1 (got ${describeValue(raw)})`,
		);
	}
	return limit;
}

/** What a page of a Flow Service listing looks like. */
export interface ListPage {
	items: IDataObject[];
	/** The `_links.next.href`, made safe to pass as a transport path, or undefined on the last page. */
	next?: string;
}

/** Reads `items` and `_links.next.href` from a listing answer. */
export function readListPage(body: IDataObject): ListPage {
	const items = Array.isArray(body.items)
		? (body.items.filter((item) => item && typeof item === 'object') as IDataObject[])
		: [];
	const links = body._links as IDataObject | undefined;
	const next = (links?.next as IDataObject | undefined)?.href;
	return {
		items,
		next: typeof next === 'string' && next.trim() ? toRelativePath(next) : undefined,
	};
}

/**
 * Flow Service sends `_links.next.href` relative to its base path (`/connections?...`). Should
 * it ever send an absolute URL, or a path that repeats the base path, only the part below the
 * base path is kept: the next request then goes to the credential's own host, never to one
 * named in an answer.
 */
export function toRelativePath(href: string): string {
	let path = href.trim();
	const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
	if (absolute) path = path.slice(absolute[0].length);
	if (path.startsWith(FLOW_SERVICE_BASE_PATH)) path = path.slice(FLOW_SERVICE_BASE_PATH.length);
	if (!path.startsWith('/')) path = `/${path}`;
	return path;
}

/** Query values: a list repeats the key (`property=a&property=b`), which Flow Service ANDs. */
export type ListQuery = Record<string, string | number | string[] | undefined>;

/**
 * Builds `?a=1&property=x&property=y`. Transport's `qs` would send a list as `property[0]=…`
 * (n8n's default array format), which Flow Service does not read, so listings put their query
 * in the path themselves.
 */
export function toQueryString(query: ListQuery): string {
	const parts: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		for (const entry of Array.isArray(value) ? value : [value]) {
			parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(entry))}`);
		}
	}
	return parts.length ? `?${parts.join('&')}` : '';
}

export interface ListRequest {
	/** The listing path, e.g. `/connections`. */
	path: string;
	/** Filters and sort for the first page. Later pages follow `_links.next.href` as it is. */
	query: ListQuery;
	/** Stop once this many items are in; undefined means all of them. */
	limit?: number;
	/** Ask for `limit=min(limit, PAGE_SIZE)` on the first page (endpoints that page). */
	sendPageSize: boolean;
	timeoutMs?: number;
	/**
	 * Send every later page as `path` + the first page's query + the `continuationToken` read
	 * from `_links.next.href`, rather than the link as it is (the `/runs` loop §11 recommends).
	 */
	resendQuery?: boolean;
	/** Count and return only the items this keeps (a filter Adobe cannot apply itself). */
	keep?: (item: IDataObject) => boolean;
	/** Stop quietly after this many pages (a search for a first match) instead of failing at MAX_PAGES. */
	maxPages?: number;
}

/**
 * The next page's path when the query is sent again: the continuation token is read from the
 * link with a URL parser (a token may hold `=` or `&`, encoded). Without a token the link is
 * followed as it is.
 */
export function continuationPath(next: string, path: string, query: ListQuery): string {
	const token = new URL(next, 'http://flow-service.invalid').searchParams.get('continuationToken');
	if (!token) return next;
	return `${path}${toQueryString({ ...query, continuationToken: token })}`;
}

/**
 * Reads a listing page by page until `limit` items are in or there is no next page. Later
 * pages follow `_links.next.href` as it is, query string included (it carries the continuation
 * token, filters and page size), so nothing is added to it. With a limit the last page may
 * hold more than is needed: the rest is dropped rather than rewriting Adobe's link.
 */
export async function listAll(
	this: FlowServiceContext,
	state: ExecutionState,
	request: ListRequest,
	itemIndex: number,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	const query: ListQuery = { ...request.query };
	if (request.sendPageSize) query.limit = Math.min(request.limit ?? PAGE_SIZE, PAGE_SIZE);
	let path: string | undefined = `${request.path}${toQueryString(query)}`;
	const seen = new Set<string>();
	for (let page = 0; path !== undefined; page++) {
		if (request.maxPages !== undefined && page >= request.maxPages) break;
		if (page >= MAX_PAGES) {
			throw operationError(
				this.getNode(),
				`Stopped after ${MAX_PAGES} pages: Adobe kept sending a next page [item ${itemIndex}]`,
				{ itemIndex, description: 'Turn off Return All and set a Limit, or add filters.' },
			);
		}
		const response = await flowServiceRequest.call(
			this,
			state,
			{ method: 'GET', path, timeoutMs: request.timeoutMs },
			itemIndex,
		);
		const { items, next } = readListPage(response.body);
		collected.push(...(request.keep ? items.filter(request.keep) : items));
		if (request.limit !== undefined && collected.length >= request.limit) {
			return collected.slice(0, request.limit);
		}
		// A next link already followed would loop forever.
		seen.add(path);
		const nextPath =
			next !== undefined && request.resendQuery
				? continuationPath(next, request.path, query)
				: next;
		path = nextPath !== undefined && !seen.has(nextPath) ? nextPath : undefined;
	}
	return collected;
}
