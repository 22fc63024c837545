// Which service a platform path belongs to: Flow Service, Catalog or Data Prep. All three sit
// behind the same gateway checks, fault injection and request log.
import { CATALOG_BASE_PATH, CONVERSION_BASE_PATH, FLOW_BASE_PATH } from '../paths';
import { getDataset, listDatasets } from './catalog';
import type { RouteContext } from './context';
import { routeFlow, runRoutes, type Route } from './flow';
import {
	createMappingSet,
	getMappingSet,
	listMappingSets,
	validateMappingSet,
} from './mappingSets';

const catalogRoutes: Route[] = [
	{ pattern: /^\/dataSets$/, methods: { GET: listDatasets } },
	{ pattern: /^\/dataSets\/([^/]+)$/, methods: { GET: getDataset } },
];

const conversionRoutes: Route[] = [
	{ pattern: /^\/mappingSets$/, methods: { GET: listMappingSets, POST: createMappingSet } },
	{ pattern: /^\/mappingSets\/validate$/, methods: { POST: validateMappingSet } },
	{ pattern: /^\/mappingSets\/([^/]+)$/, methods: { GET: getMappingSet } },
];

const services: Array<[string, (ctx: RouteContext) => void]> = [
	[FLOW_BASE_PATH, routeFlow],
	[CATALOG_BASE_PATH, (ctx) => runRoutes(ctx, catalogRoutes)],
	[CONVERSION_BASE_PATH, (ctx) => runRoutes(ctx, conversionRoutes)],
];

/** The base path a request path falls under, and the router for it. */
export function platformService(
	path: string,
): { base: string; route: (ctx: RouteContext) => void } | undefined {
	const found = services.find(([base]) => path === base || path.startsWith(`${base}/`));
	return found ? { base: found[0], route: found[1] } : undefined;
}
