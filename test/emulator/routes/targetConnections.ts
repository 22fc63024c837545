// /targetConnections: the Data Lake target, one Catalog dataset and its XDM schema.
import type { StoredTargetConnection } from '../data/entities';
import { onboardingErrors } from '../errors';
import { flowErrors } from '../http';
import { isObject } from './connections';
import type { RouteContext } from './context';
import { newAudit, readObject, requireName } from './entity';
import { resourceHandlers } from './resource';

export const DATA_LAKE_SPEC_ID = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
/** "Latest minor version": the only schema version a Data Lake target takes. */
export const XED_FULL_V1 = 'application/vnd.adobe.xed-full+json;version=1';

const FILTER_FIELDS = new Set([
	'id',
	'name',
	'connectionSpec.id',
	'state',
	'params.dataSetId',
	'data.schema.id',
]);
const PATCHABLE = /^\/(name|description)$/;
const FORMATS = new Set(['tabular', 'parquet', 'json', 'delimited']);

function checkBody(ctx: RouteContext, body: Record<string, unknown>) {
	const name = requireName(body);
	const specRef = isObject(body.connectionSpec) ? body.connectionSpec : {};
	if (specRef.id !== DATA_LAKE_SPEC_ID)
		throw onboardingErrors.targetSpecNotDataLake(String(specRef.id));
	const data = isObject(body.data) ? body.data : {};
	const schema = isObject(data.schema) ? data.schema : {};
	if (typeof schema.id !== 'string' || schema.id === '') {
		throw flowErrors.invalidRequest('The field data.schema.id is required.', {
			fields: ['data.schema.id'],
		});
	}
	if (schema.version !== XED_FULL_V1) {
		throw flowErrors.invalidRequest(
			`Invalid data.schema.version ${String(schema.version)}: send ${XED_FULL_V1}.`,
			{ fields: ['data.schema.version'] },
		);
	}
	if (data.format !== undefined && !FORMATS.has(String(data.format))) {
		throw onboardingErrors.unsupportedFormat(String(data.format));
	}
	const params = isObject(body.params) ? body.params : {};
	if (typeof params.dataSetId !== 'string' || params.dataSetId === '') {
		throw flowErrors.invalidRequest('The field params.dataSetId is required.', {
			fields: ['params.dataSetId'],
		});
	}
	const dataset = ctx.state.platform.datasets.get(params.dataSetId);
	if (!dataset || dataset.sandboxName !== ctx.sandboxName)
		throw onboardingErrors.invalidDataSet(params.dataSetId);
	return {
		name,
		data: {
			...(data.format !== undefined ? { format: String(data.format) } : {}),
			schema: { id: schema.id, version: XED_FULL_V1 },
		},
		params: { ...params, dataSetId: params.dataSetId },
	};
}

const handlers = resourceHandlers<StoredTargetConnection>({
	kind: 'target connection',
	collection: 'targetConnections',
	store: (ctx) => ctx.state.platform.targetConnections,
	filterFields: FILTER_FIELDS,
	patchable: PATCHABLE,
	recheck: (ctx, draft) => void checkBody(ctx, draft as unknown as Record<string, unknown>),
});

export function createTargetConnection(ctx: RouteContext): void {
	const body = readObject(ctx);
	if (!body) return;
	const { name, data, params } = checkBody(ctx, body);
	handlers.created(ctx, {
		...newAudit(ctx),
		name,
		...(body.description !== undefined ? { description: body.description as string } : {}),
		state: 'enabled',
		data,
		params,
		connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' },
	});
}

export const {
	list: listTargetConnections,
	get: getTargetConnection,
	patch: patchTargetConnection,
	remove: deleteTargetConnection,
} = handlers;
