// GET /connections/{id}/explore: tables (objectType=root), a table's columns (objectType=table
// &object=PATH) and its rows (&preview=true, optionally &filters=BASE64_PQL). Database sources
// list their seeded tables; file-based ones a bucket, and nothing deeper.
import type { SeedTable } from '../data/entities';
import { exploreColumn } from '../data/seeds';
import { onboardingErrors } from '../errors';
import { flowErrors, sendJson } from '../http';
import { findSpec } from '../specs';
import { visibleConnection } from './connections';
import type { RouteContext } from './context';

// The OpenAPI enum is upper case, the docs send lower case: Adobe takes either.
const OBJECT_TYPES = new Set(['root', 'table', 'file', 'folder', 'rest']);

/** The table as explore describes it: `format` and `schema.columns`. */
export function describeTable(table: SeedTable): {
	format: string;
	schema: { columns: unknown[] };
} {
	return {
		format: 'flat',
		schema: { columns: table.columns.map((column) => exploreColumn(column.name, column.type)) },
	};
}

function readFilters(raw: string): unknown {
	try {
		const decoded = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Record<
			string,
			unknown
		>;
		if (decoded?.type !== 'PQL' || typeof decoded.value !== 'object') throw new Error('not PQL');
		return decoded;
	} catch {
		throw onboardingErrors.filterNotReadable();
	}
}

export function exploreConnection(ctx: RouteContext, id: string): void {
	const connection = visibleConnection(ctx, id);
	const query = ctx.url.searchParams;
	const rawType = query.get('objectType');
	if (!rawType) throw flowErrors.invalidRequest('The query parameter objectType is required.');
	const objectType = rawType.toLowerCase();
	if (!OBJECT_TYPES.has(objectType)) throw onboardingErrors.badObjectType(rawType);
	const spec = findSpec(connection.connectionSpec.id);
	const isDatabase = spec?.attributes.category === 'database';

	if (objectType === 'root') {
		if (!isDatabase) {
			return sendJson(ctx.res, 200, [
				{
					type: 'folder',
					name: 'emulator-bucket',
					path: '/emulator-bucket',
					canPreview: false,
					canFetchSchema: false,
				},
			]);
		}
		const tables = ctx.state.platform.tablesOf(id).map((table) => ({
			type: 'table',
			name: table.path,
			path: table.path,
			canPreview: true,
			canFetchSchema: true,
		}));
		return sendJson(ctx.res, 200, tables);
	}
	if (objectType !== 'table' || !isDatabase) {
		throw onboardingErrors.exploreNotSupported(rawType, connection.connectionSpec.id);
	}
	const object = query.get('object');
	if (!object) throw onboardingErrors.exploreParamMissing('object', rawType);
	const table = ctx.state.platform.tablesOf(id).find((candidate) => candidate.path === object);
	if (!table) throw flowErrors.notFound(object);
	const described = describeTable(table);
	const filters = query.get('filters');
	if (filters !== null) readFilters(filters);
	if (query.get('preview') !== 'true') return sendJson(ctx.res, 200, described);
	// Row filters are checked for shape only: the emulator previews every seeded row.
	sendJson(ctx.res, 200, { ...described, data: table.rows ?? [] });
}
