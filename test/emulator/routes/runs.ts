// /runs: list and get flow runs, on-demand runs for `once` flows (POST /runs), and re-trigger.
import type { StoredFlow, StoredRun } from '../data/entities';
import { newRun } from '../data/runs';
import { onboardingErrors } from '../errors';
import { flowErrors, sendJson } from '../http';
import { isObject } from './connections';
import type { RouteContext } from './context';
import { readObject, touch } from './entity';
import { deltaColumnOf, findTransformation } from './flowRules';
import { sendListing } from './listing';

const STATUS = 'metrics.statusSummary.status';
const COMPARABLE = new Set([
	'createdAt',
	'updatedAt',
	'metrics.durationSummary.startedAtUTC',
	'metrics.durationSummary.completedAtUTC',
]);
const FILTER_FIELDS = new Set(['id', 'flowId', STATUS, ...COMPARABLE]);
const ORDER_FIELDS = new Set(['createdAt', 'updatedAt']);

function visibleRun(ctx: RouteContext, id: string): StoredRun {
	const run = ctx.state.platform.runs.get(id);
	if (!run || run.sandboxName !== ctx.sandboxName) throw flowErrors.notFound(id);
	return run;
}

export function storeRun(state: RouteContext['state'], run: StoredRun): StoredRun {
	state.platform.runs.set(run.id, run);
	state.platform.track(run.id);
	return run;
}

export function listRuns(ctx: RouteContext): void {
	const runs = [...ctx.state.platform.runs.values()].filter(
		(run) => run.sandboxName === ctx.sandboxName,
	);
	sendListing(ctx, runs, {
		path: '/runs',
		filterFields: FILTER_FIELDS,
		// The docs filter on `Failed`, aepp on `failed`: status compares case-insensitively.
		filterOptions: {
			isComparable: (field) => COMPARABLE.has(field),
			isCaseInsensitive: (field) => field === STATUS,
		},
		orderFields: ORDER_FIELDS,
		sequenceOf: (run) => ctx.state.platform.sequenceOf(run.id),
		present: (run) => ({ ...run }),
	});
}

export function getRun(ctx: RouteContext, id: string): void {
	sendJson(ctx.res, 200, { items: [visibleRun(ctx, id)], _links: {} });
}

/** Unix time as the docs send it (seconds, as a string or a number); milliseconds are taken too. */
function unixTime(params: Record<string, unknown>, name: string): number {
	const value = params[name];
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d+$/.test(text)) throw onboardingErrors.runParamMissing(name);
	return Number(text);
}

/** The first run's delta column becomes the flow's (1383 without one, 1382 for another one). */
function settleDeltaColumn(ctx: RouteContext, flow: StoredFlow, given: unknown): void {
	const current = deltaColumnOf(flow);
	const name = isObject(given) && typeof given.name === 'string' ? given.name : undefined;
	if (current) {
		if (name !== undefined && name !== current) throw onboardingErrors.deltaColumnChanged(current);
		return;
	}
	if (!name) throw onboardingErrors.deltaColumnMissing();
	const source = ctx.state.platform.sourceConnections.get(flow.sourceConnectionIds[0]);
	if (source && !source.params.columns.some((column) => column.name === name)) {
		throw onboardingErrors.deltaColumnRequired(
			`${name} is not a column of ${source.params.tableName}.`,
		);
	}
	const copy = findTransformation(flow.transformations, 'Copy');
	if (copy) copy.params = { ...copy.params, deltaColumn: { name } };
	else flow.transformations.unshift({ name: 'Copy', params: { deltaColumn: { name } } });
	touch(flow, ctx);
}

export function createRun(ctx: RouteContext): void {
	const body = readObject(ctx);
	if (!body) return;
	if (typeof body.flowId !== 'string') throw onboardingErrors.badRunRequest('flowId is required.');
	const flow = ctx.state.platform.flows.get(body.flowId);
	if (!flow || flow.sandboxName !== ctx.sandboxName)
		throw onboardingErrors.flowNotFound(body.flowId);
	const frequency = String(flow.scheduleParams.frequency);
	if (frequency !== 'once') throw onboardingErrors.onDemandNotOnce(frequency);
	if (flow.state !== 'enabled') throw onboardingErrors.flowNotEnabled(flow.id);
	if (!isObject(body.params)) throw onboardingErrors.badRunRequest('params is required.');
	unixTime(body.params, 'startTime');
	const start = unixTime(body.params, 'windowStartTime');
	const end = unixTime(body.params, 'windowEndTime');
	if (end < start) throw onboardingErrors.windowReversed();
	settleDeltaColumn(ctx, flow, body.params.deltaColumn);
	const run = storeRun(ctx.state, newRun(flow, { outcome: 'scheduled', window: { start, end } }));
	const created = { id: run.id, etag: run.etag };
	sendJson(
		ctx.res,
		201,
		ctx.state.platform.runResponseShape === 'items' ? { items: [created] } : created,
	);
}

export function runAction(ctx: RouteContext, id: string): void {
	const run = visibleRun(ctx, id);
	const op = ctx.url.searchParams.get('op') ?? '';
	if (op.toUpperCase() !== 'RE_TRIGGER')
		throw onboardingErrors.unsupportedRunAction(op || '(none)');
	const status = run.metrics.statusSummary.status;
	if (status.toLowerCase() !== 'failed') throw onboardingErrors.cannotReTrigger(status);
	const flow = ctx.state.platform.flows.get(run.flowId);
	if (!flow || flow.state !== 'enabled') throw onboardingErrors.flowNotEnabled(run.flowId);
	const extensions = (
		run.metrics.durationSummary as { extensions?: { windowStart: number; windowEnd: number } }
	).extensions;
	const retry = storeRun(
		ctx.state,
		newRun(flow, {
			outcome: 'scheduled',
			...(extensions
				? { window: { start: extensions.windowStart, end: extensions.windowEnd } }
				: {}),
		}),
	);
	sendJson(ctx.res, 200, { id: retry.id, etag: retry.etag });
}
