// /flows: create (every check of §5, §6 and §9), get and list. Changes live in flowChanges.ts.
import type { StoredFlow, StoredSourceConnection, StoredTargetConnection } from '../data/entities';
import { findFlowSpec } from '../data/flowSpecs';
import { onboardingErrors } from '../errors';
import { sendJson } from '../http';
import { FLOW_BASE_PATH } from '../paths';
import { isObject } from './connections';
import type { RouteContext } from './context';
import { inSandbox, newAudit, readObject, requireName, visible } from './entity';
import { checkSameSchema, checkSchedule, checkTransformations } from './flowRules';
import { sendListing } from './listing';

const FILTER_FIELDS = new Set([
	'id',
	'name',
	'state',
	'flowSpec.id',
	'sourceConnectionIds[]',
	'targetConnectionIds[]',
	'inheritedAttributes.properties.isSourceFlow',
	'inheritedAttributes.properties.isDestinationFlow',
	'inheritedAttributes.sourceConnections[].connectionSpec.id',
	'inheritedAttributes.targetConnections[].connectionSpec.id',
	'lastRunDetails.startedAtUTC',
	'createdAt',
	'updatedAt',
]);
const COMPARABLE = new Set(['lastRunDetails.startedAtUTC', 'createdAt', 'updatedAt']);
const ORDER_FIELDS = new Set(['name', 'createdAt', 'updatedAt']);

function connectionsOf<T extends StoredSourceConnection | StoredTargetConnection>(
	ctx: RouteContext,
	raw: unknown,
	field: string,
	map: Map<string, T>,
): T[] {
	if (!Array.isArray(raw) || raw.length === 0 || raw.some((id) => typeof id !== 'string')) {
		throw onboardingErrors.missingEntity(field, String(raw));
	}
	return (raw as string[]).map((id) => {
		const entity = map.get(id);
		if (!entity || entity.sandboxName !== ctx.sandboxName)
			throw onboardingErrors.missingEntity(field, id);
		return entity;
	});
}

/** Everything a flow body must satisfy, for create and for the result of a patch. */
export function checkFlow(ctx: RouteContext, body: Record<string, unknown>) {
	const name = requireName(body);
	const specRef = isObject(body.flowSpec) ? body.flowSpec : {};
	const spec = typeof specRef.id === 'string' ? findFlowSpec(specRef.id) : undefined;
	if (!spec) throw onboardingErrors.badFlowSpec(` Unknown flow spec ${String(specRef.id)}.`);
	const { platform } = ctx.state;
	const sources = connectionsOf(
		ctx,
		body.sourceConnectionIds,
		'source connection',
		platform.sourceConnections,
	);
	const targets = connectionsOf(
		ctx,
		body.targetConnectionIds,
		'target connection',
		platform.targetConnections,
	);
	for (const source of sources) {
		if (!spec.sourceConnectionSpecIds.includes(source.connectionSpec.id)) {
			throw onboardingErrors.badFlowSpec(
				` The source connection spec ${source.connectionSpec.id} is not among the sourceConnectionSpecIds of flow spec ${spec.name}.`,
			);
		}
	}
	for (const target of targets) {
		if (!spec.targetConnectionSpecIds.includes(target.connectionSpec.id)) {
			throw onboardingErrors.targetSpecNotDataLake(target.connectionSpec.id);
		}
	}
	const scheduleParams = checkSchedule(body.scheduleParams);
	const allowed = spec.transformationSpecs.map((transformation) => transformation.name);
	const { transformations, mappingSet } = checkTransformations(
		ctx,
		body.transformations,
		String(scheduleParams.frequency),
		sources[0],
		allowed,
	);
	for (const target of targets)
		checkSameSchema(ctx, mappingSet, target.data.schema.id, target.params.dataSetId);
	return {
		name,
		flowSpec: { id: spec.id, version: String(specRef.version ?? spec.version) },
		sourceConnectionIds: sources.map((source) => source.id),
		targetConnectionIds: targets.map((target) => target.id),
		transformations,
		scheduleParams,
	};
}

export function createFlow(ctx: RouteContext): void {
	const body = readObject(ctx);
	if (!body) return;
	if (body.state !== undefined) throw onboardingErrors.stateInBody();
	if (body.mode !== undefined) throw onboardingErrors.modeInBody();
	const checked = checkFlow(ctx, body);
	const flow: StoredFlow = {
		...newAudit(ctx),
		...checked,
		...(typeof body.description === 'string' ? { description: body.description } : {}),
		state: 'enabled',
	};
	ctx.state.platform.flows.set(flow.id, flow);
	ctx.state.platform.track(flow.id);
	sendJson(
		ctx.res,
		201,
		{ id: flow.id, etag: flow.etag },
		{ location: `${FLOW_BASE_PATH}/flows/${flow.id}` },
	);
}

/** The flow as GET shows it, with what it inherits from its connections and its last run. */
export function presentFlow(ctx: RouteContext, flow: StoredFlow): Record<string, unknown> {
	const { platform, connections } = ctx.state;
	const lastRun = [...platform.runs.values()]
		.filter((run) => run.flowId === flow.id)
		.sort(
			(a, b) => b.createdAt - a.createdAt || platform.sequenceOf(b.id) - platform.sequenceOf(a.id),
		)[0];
	return {
		...flow,
		inheritedAttributes: {
			properties: { isSourceFlow: true },
			sourceConnections: flow.sourceConnectionIds.map((id) => {
				const source = platform.sourceConnections.get(id);
				const base = source ? connections.get(source.baseConnectionId) : undefined;
				return {
					id,
					connectionSpec: source?.connectionSpec,
					baseConnection: base ? { id: base.id, connectionSpec: base.connectionSpec } : undefined,
				};
			}),
			targetConnections: flow.targetConnectionIds.map((id) => ({
				id,
				connectionSpec: platform.targetConnections.get(id)?.connectionSpec,
			})),
		},
		runs: `/runs?property=flowId==${flow.id}`,
		lastOperation: {
			operation: 'create',
			started: flow.createdAt,
			updated: flow.updatedAt,
			status: { value: 'completed' },
		},
		...(lastRun
			? {
					lastRunDetails: {
						id: lastRun.id,
						state: lastRun.metrics.statusSummary.status,
						startedAtUTC: lastRun.metrics.durationSummary.startedAtUTC,
						completedAtUTC: lastRun.metrics.durationSummary.completedAtUTC,
					},
				}
			: {}),
	};
}

export function getFlow(ctx: RouteContext, id: string): void {
	sendJson(ctx.res, 200, { items: [presentFlow(ctx, visible(ctx, ctx.state.platform.flows, id))] });
}

export function listFlows(ctx: RouteContext): void {
	sendListing(ctx, inSandbox(ctx, ctx.state.platform.flows), {
		path: '/flows',
		filterFields: FILTER_FIELDS,
		filterOptions: { isComparable: (field) => COMPARABLE.has(field) },
		orderFields: ORDER_FIELDS,
		sequenceOf: (flow) => ctx.state.platform.sequenceOf(flow.id),
		present: (flow) => presentFlow(ctx, flow),
	});
}
