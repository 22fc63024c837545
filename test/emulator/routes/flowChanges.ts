// Changes to a dataflow: PATCH (JSON Patch with If-Match), /action?op=enable|disable, DELETE.
import type { StoredFlow } from '../data/entities';
import { onboardingErrors } from '../errors';
import { flowErrors, sendJson, sendNoContent } from '../http';
import type { RouteContext } from './context';
import { applyPatch, checkIfMatch, touch, visible } from './entity';
import { checkFlow } from './flows';

const PATCHABLE =
	/^\/(name|description|scheduleParams(\/\w+)?|transformations(\/\d+(\/params(\/\w+)*)?)?)$/;

/** Once the first scheduled start has passed, some schedule changes are refused (§6). */
function checkLockedSchedule(before: StoredFlow, after: StoredFlow): void {
	const started = Number(before.scheduleParams.startTime) * 1000 <= Date.now();
	if (!started) return;
	const old = before.scheduleParams;
	const next = (after.scheduleParams ?? {}) as Record<string, unknown>;
	if (String(next.startTime) !== String(old.startTime)) throw onboardingErrors.startTimeLocked();
	if (next.frequency === 'once' && old.frequency !== 'once')
		throw onboardingErrors.frequencyLockedToOnce();
	if (String(next.backfill ?? true) !== String(old.backfill ?? true) && old.frequency !== 'once') {
		throw onboardingErrors.backfillLocked();
	}
}

export function patchFlow(ctx: RouteContext, id: string): void {
	const flow = visible(ctx, ctx.state.platform.flows, id);
	checkIfMatch(ctx, flow);
	const draft = applyPatch(ctx, flow, (path) => PATCHABLE.test(path));
	if (!draft) return;
	checkLockedSchedule(flow, draft);
	const checked = checkFlow(ctx, draft as unknown as Record<string, unknown>);
	Object.assign(draft, checked);
	touch(draft, ctx);
	ctx.state.platform.flows.set(id, draft);
	sendJson(ctx.res, 200, { id, etag: draft.etag });
}

/** op is enable or disable in any case; the OpenAPI's subOp is optional here, as in the docs. */
export function flowAction(ctx: RouteContext, id: string): void {
	const flow = visible(ctx, ctx.state.platform.flows, id);
	checkIfMatch(ctx, flow, false);
	const op = ctx.url.searchParams.get('op');
	if (!op)
		throw flowErrors.invalidRequest('The query parameter op is required: enable or disable.');
	const target = { enable: 'enabled', disable: 'disabled' }[op.toLowerCase()] as
		| StoredFlow['state']
		| undefined;
	if (!target)
		throw flowErrors.invalidRequest(
			`The action ${op} is not supported here; use enable or disable.`,
		);
	if (flow.state === target) throw onboardingErrors.actionNotApplicable(op, flow.state);
	flow.state = target;
	touch(flow, ctx);
	sendJson(ctx.res, 200, { id, etag: flow.etag });
}

export function deleteFlow(ctx: RouteContext, id: string): void {
	visible(ctx, ctx.state.platform.flows, id);
	ctx.state.platform.flows.delete(id);
	sendNoContent(ctx.res);
}
