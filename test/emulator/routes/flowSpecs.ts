// GET /flowSpecs (property filters, e.g. name=="CRMToAEP") and GET /flowSpecs/{id}.
import { findFlowSpec, flowSpecs } from '../data/flowSpecs';
import { matchesAll, parseFilters } from '../filters';
import { flowErrors, sendJson } from '../http';
import type { RouteContext } from './context';

const FILTER_FIELDS = new Set([
	'id',
	'name',
	'providerId',
	'version',
	'sourceConnectionSpecIds[]',
	'targetConnectionSpecIds[]',
]);
const isFilterField = (field: string) =>
	FILTER_FIELDS.has(field) || /^attributes\.\w+$/.test(field);

export function listFlowSpecs(ctx: RouteContext): void {
	const filters = parseFilters(ctx.url.searchParams.getAll('property'), isFilterField);
	sendJson(ctx.res, 200, { items: flowSpecs.filter((spec) => matchesAll(spec, filters)) });
}

export function getFlowSpec(ctx: RouteContext, id: string): void {
	const spec = findFlowSpec(id);
	if (!spec) throw flowErrors.notFound(id);
	sendJson(ctx.res, 200, { items: [spec] });
}
