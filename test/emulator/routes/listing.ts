// Flow Service list endpoints: property filters, orderby, limit, count and continuation tokens.
// Tokens are keyset cursors (the last item's sort key), so a page does not shift when items
// are added between calls. They are standard Base64 with padding, like Adobe's, so they carry
// `=`, `+` and `/`: a client must take them from `_links.next.href` with a real URL parser.
import { createHash } from 'node:crypto';
import { matchesAll, parseFilters, type FilterOptions } from '../filters';
import { flowErrors, sendJson } from '../http';
import { DEFAULT_LIMIT, MAX_LIMIT } from './connections';
import type { RouteContext } from './context';

export interface ListingSpec<T> {
	/** Below the Flow Service base path, e.g. `/runs`; the next link starts with it. */
	path: string;
	filterFields: ReadonlySet<string>;
	filterOptions?: FilterOptions;
	orderFields: ReadonlySet<string>;
	sequenceOf: (item: T) => number;
	/** The public shape; filters apply to it. */
	present: (item: T) => Record<string, unknown>;
}

interface Cursor {
	after: [string | number, number];
	query: string;
}

function encodeCursor(cursor: Cursor): string {
	let text = JSON.stringify(cursor);
	// Pad so the Base64 ends with `=`, as the tokens Adobe sends do.
	while (text.length % 3 !== 1) text += ' ';
	return Buffer.from(text, 'utf8').toString('base64');
}

function decodeCursor(token: string, fingerprint: string): Cursor['after'] {
	// Only the token as sent: one cut short (its padding lost to a split on '=') is refused.
	if (Buffer.from(token, 'base64').toString('base64') !== token) {
		throw flowErrors.invalidRequest(`Invalid continuationToken ${token}.`);
	}
	let cursor: Cursor;
	try {
		cursor = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Cursor;
	} catch {
		throw flowErrors.invalidRequest(`Invalid continuationToken ${token}.`);
	}
	if (!Array.isArray(cursor?.after) || cursor.after.length !== 2) {
		throw flowErrors.invalidRequest(`Invalid continuationToken ${token}.`);
	}
	if (cursor.query !== fingerprint) {
		throw flowErrors.invalidRequest(
			'The continuationToken belongs to a query with other property, orderby or sandbox values; send the same query with it.',
		);
	}
	return cursor.after;
}

function parseLimit(raw: string | null): number {
	if (raw === null) return DEFAULT_LIMIT;
	if (!/^\d+$/.test(raw) || Number(raw) < 1) {
		throw flowErrors.invalidRequest(`Invalid limit ${raw}: give a positive integer.`);
	}
	return Math.min(Number(raw), MAX_LIMIT);
}

type Key = [string | number, number];

function compareKeys(a: Key, b: Key, descending: boolean): number {
	const order = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
	return descending ? -order : order;
}

export function sendListing<T>(ctx: RouteContext, items: T[], spec: ListingSpec<T>): void {
	const query = ctx.url.searchParams;
	const count = query.get('count') === 'true';
	if (count && query.has('limit')) throw flowErrors.countWithLimit();
	const properties = query.getAll('property');
	const filters = parseFilters(
		properties,
		(field) => spec.filterFields.has(field),
		spec.filterOptions,
	);
	const orderby = query.get('orderby');
	const descending = (orderby ?? '').startsWith('-');
	const field = (orderby ?? 'createdAt').replace(/^[+-]/, '');
	if (!spec.orderFields.has(field)) throw flowErrors.badOrderBy(field);

	const keyed = items
		.map((item) => ({ view: spec.present(item), sequence: spec.sequenceOf(item) }))
		.filter(({ view }) => matchesAll(view, filters, spec.filterOptions))
		.map(({ view, sequence }) => ({ view, key: [view[field] as string | number, sequence] as Key }))
		.sort((a, b) => compareKeys(a.key, b.key, descending));
	if (count) return sendJson(ctx.res, 200, { count: keyed.length });

	const limit = parseLimit(query.get('limit'));
	const fingerprint = createHash('sha256')
		.update(JSON.stringify([ctx.sandboxName, spec.path, properties, orderby]))
		.digest('base64url')
		.slice(0, 16);
	const token = query.get('continuationToken');
	const after = token ? decodeCursor(token, fingerprint) : undefined;
	const rest = after ? keyed.filter(({ key }) => compareKeys(key, after, descending) > 0) : keyed;
	const page = rest.slice(0, limit);

	const body: Record<string, unknown> = { items: page.map(({ view }) => view) };
	if (rest.length > limit) {
		const next = new URLSearchParams();
		next.set(
			'continuationToken',
			encodeCursor({ after: page[page.length - 1].key, query: fingerprint }),
		);
		next.set('limit', String(limit));
		for (const property of properties) next.append('property', property);
		if (orderby !== null) next.set('orderby', orderby);
		body._links = { next: { href: `${spec.path}?${next.toString()}` } };
	} else {
		body._links = {};
	}
	sendJson(ctx.res, 200, body);
}
