// GET /connectionSpecs and GET /connectionSpecs/{id}.
import { matchesAll, parseFilters } from '../filters';
import { flowErrors, sendJson } from '../http';
import { connectionSpecs, findSpec } from '../specs';
import type { RouteContext } from './context';

const SPEC_FILTER_FIELDS = new Set(['id', 'name', 'providerId', 'version']);
const isSpecField = (field: string) =>
	SPEC_FILTER_FIELDS.has(field) || /^attributes\.\w+$/.test(field);

export function listConnectionSpecs(ctx: RouteContext): void {
	const filters = parseFilters(ctx.url.searchParams.getAll('property'), isSpecField);
	const items = connectionSpecs.filter((spec) => matchesAll(spec, filters));
	sendJson(ctx.res, 200, { items });
}

export function getConnectionSpec(ctx: RouteContext, id: string): void {
	const spec = findSpec(id);
	if (!spec) throw flowErrors.notFound(id);
	sendJson(ctx.res, 200, { items: [spec] });
}
