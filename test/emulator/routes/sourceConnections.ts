// /sourceConnections: a table of a base connection, with the columns explore gave for it.
import type { ExploreColumn, StoredSourceConnection } from '../data/entities';
import { onboardingErrors } from '../errors';
import { flowErrors } from '../http';
import { findSpec } from '../specs';
import { isObject, visibleConnection } from './connections';
import type { RouteContext } from './context';
import { newAudit, readObject, requireName } from './entity';
import { describeTable } from './explore';
import { resourceHandlers } from './resource';

const FILTER_FIELDS = new Set([
	'id',
	'name',
	'baseConnectionId',
	'connectionSpec.id',
	'state',
	'params.tableName',
	'params.columns[].name',
]);
const PATCHABLE = /^\/(name|description|params\/(columns|cdcEnabled|filters))$/;

/** The columns must be explore's, by name and type. */
function checkColumns(given: unknown, known: ExploreColumn[], table: string): ExploreColumn[] {
	if (!Array.isArray(given) || given.length === 0) throw onboardingErrors.noColumns(table);
	for (const column of given as unknown[]) {
		const name = isObject(column) ? column.name : undefined;
		const match = known.find((candidate) => candidate.name === name);
		if (!match) {
			throw flowErrors.invalidRequest(
				`The column ${String(name)} does not exist in table ${table}.`,
				{
					fields: ['params.columns'],
				},
			);
		}
		if ((column as Record<string, unknown>).type !== match.type) {
			throw flowErrors.invalidRequest(
				`The column ${match.name} of table ${table} has type ${match.type}, not ${String((column as Record<string, unknown>).type)}.`,
				{ fields: ['params.columns'] },
			);
		}
	}
	return given as ExploreColumn[];
}

function checkBody(ctx: RouteContext, body: Record<string, unknown>) {
	const name = requireName(body);
	if (typeof body.baseConnectionId !== 'string') {
		throw flowErrors.invalidRequest('The field baseConnectionId is required.', {
			fields: ['baseConnectionId'],
		});
	}
	const base = visibleConnection(ctx, body.baseConnectionId);
	const specRef = isObject(body.connectionSpec) ? body.connectionSpec : {};
	if (typeof specRef.id !== 'string' || !findSpec(specRef.id)) throw flowErrors.badSpecId();
	if (specRef.id !== base.connectionSpec.id) {
		throw flowErrors.badSpecId(
			` The source connection's spec ${specRef.id} is not the spec of base connection ${base.id} (${base.connectionSpec.id}).`,
		);
	}
	const data = isObject(body.data) ? body.data : {};
	if (data.format === undefined) {
		throw flowErrors.invalidRequest('The field data.format is required.', {
			fields: ['data.format'],
		});
	}
	if (data.format !== 'tabular') throw onboardingErrors.unsupportedFormat(String(data.format));
	const params = isObject(body.params) ? body.params : {};
	if (typeof params.tableName !== 'string') {
		throw flowErrors.invalidRequest('The field params.tableName is required.', {
			fields: ['params.tableName'],
		});
	}
	const table = ctx.state.platform
		.tablesOf(base.id)
		.find((candidate) => candidate.path === params.tableName);
	if (!table) {
		throw flowErrors.invalidRequest(
			`The table ${params.tableName} does not exist in base connection ${base.id}.`,
			{
				fields: ['params.tableName'],
			},
		);
	}
	const columns = checkColumns(
		params.columns,
		describeTable(table).schema.columns as ExploreColumn[],
		table.path,
	);
	return {
		name,
		base,
		specRef: { id: specRef.id, version: String(specRef.version ?? '1.0') },
		params: { ...params, tableName: table.path, columns },
	};
}

const handlers = resourceHandlers<StoredSourceConnection>({
	kind: 'source connection',
	collection: 'sourceConnections',
	store: (ctx) => ctx.state.platform.sourceConnections,
	filterFields: FILTER_FIELDS,
	patchable: PATCHABLE,
	recheck: (ctx, draft) => {
		draft.params = checkBody(ctx, draft as unknown as Record<string, unknown>).params;
	},
	present: (ctx, connection) => {
		const base = ctx.state.connections.get(connection.baseConnectionId);
		return {
			...connection,
			inheritedAttributes: {
				baseConnection: base ? { id: base.id, connectionSpec: base.connectionSpec } : undefined,
			},
		};
	},
});

export function createSourceConnection(ctx: RouteContext): void {
	const body = readObject(ctx);
	if (!body) return;
	const { name, base, specRef, params } = checkBody(ctx, body);
	handlers.created(ctx, {
		...newAudit(ctx),
		name,
		...(body.description !== undefined ? { description: body.description as string } : {}),
		baseConnectionId: base.id,
		state: 'enabled',
		data: { format: 'tabular' },
		params,
		connectionSpec: specRef,
	});
}

export const {
	list: listSourceConnections,
	get: getSourceConnection,
	patch: patchSourceConnection,
	remove: deleteSourceConnection,
} = handlers;
