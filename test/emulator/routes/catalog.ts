// Catalog Service below /data/foundation/catalog: GET /dataSets and GET /dataSets/{id}.
// Both answer an object keyed by dataset id, not a list. Paging is by offset (`start`, `limit`
// 1-100, default 20), `orderBy=asc:name|desc:created|...`, `properties=a,b` trims each object,
// and `name=a,b` filters.
import type { StoredDataset } from '../data/entities';
import { serviceError } from '../errors';
import { sendJson } from '../http';
import type { RouteContext } from './context';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const ORDER_FIELDS = new Set(['name', 'created', 'updated']);
const RESERVED = new Set(['limit', 'start', 'orderBy', 'properties']);

const catalogError = (status: number, detail: string) =>
	serviceError('XCAT', String(status === 404 ? 1004 : 1100), status, detail);

function number(
	raw: string | null,
	name: string,
	fallback: number,
	min: number,
	max: number,
): number {
	if (raw === null) return fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw) || value < min || value > max) {
		throw catalogError(400, `Invalid ${name} ${raw}: give a whole number from ${min} to ${max}.`);
	}
	return value;
}

function pick(
	record: Record<string, unknown>,
	properties: string[] | undefined,
): Record<string, unknown> {
	if (!properties) return record;
	const picked: Record<string, unknown> = {};
	for (const property of properties)
		if (record[property] !== undefined) picked[property] = record[property];
	return picked;
}

function propertiesOf(ctx: RouteContext): string[] | undefined {
	const raw = ctx.url.searchParams.get('properties');
	return raw
		? raw
				.split(',')
				.map((property) => property.trim())
				.filter(Boolean)
		: undefined;
}

function visibleDatasets(ctx: RouteContext): StoredDataset[] {
	return [...ctx.state.platform.datasets.values()].filter(
		(dataset) => dataset.sandboxName === ctx.sandboxName,
	);
}

export function listDatasets(ctx: RouteContext): void {
	const query = ctx.url.searchParams;
	const limit = number(query.get('limit'), 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
	const start = number(query.get('start'), 'start', 0, 0, Number.MAX_SAFE_INTEGER);
	const orderBy = query.get('orderBy');
	let datasets = visibleDatasets(ctx);
	for (const [key, value] of query) {
		if (RESERVED.has(key)) continue;
		if (key !== 'name') throw catalogError(400, `Unsupported filter ${key}.`);
		const names = value.split(',');
		datasets = datasets.filter((dataset) => names.includes(String(dataset.record.name)));
	}
	if (orderBy !== null) {
		const match = /^(asc|desc):(\w+)$/.exec(orderBy);
		if (!match || !ORDER_FIELDS.has(match[2])) {
			throw catalogError(
				400,
				`Invalid orderBy ${orderBy}: use asc:FIELD or desc:FIELD, FIELD one of name, created, updated.`,
			);
		}
		const [, direction, field] = match;
		const sign = direction === 'desc' ? -1 : 1;
		datasets.sort((a, b) => {
			const left = a.record[field] as string | number;
			const right = b.record[field] as string | number;
			return sign * (left < right ? -1 : left > right ? 1 : a.id < b.id ? -1 : 1);
		});
	}
	const properties = propertiesOf(ctx);
	const body: Record<string, unknown> = {};
	for (const dataset of datasets.slice(start, start + limit))
		body[dataset.id] = pick(dataset.record, properties);
	sendJson(ctx.res, 200, body);
}

export function getDataset(ctx: RouteContext, id: string): void {
	const dataset = visibleDatasets(ctx).find((candidate) => candidate.id === id);
	if (!dataset) throw catalogError(404, `Dataset ${id} was not found.`);
	sendJson(ctx.res, 200, { [id]: pick(dataset.record, propertiesOf(ctx)) });
}
