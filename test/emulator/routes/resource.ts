// The handlers source and target connections share: 201 on create, list, get in `items`,
// PATCH with If-Match (answering the updated list response), and DELETE refused while a
// dataflow uses the entity (FLOW-1418-400).
import type { Audit } from '../data/entities';
import { onboardingErrors } from '../errors';
import { sendJson, sendNoContent } from '../http';
import { FLOW_BASE_PATH } from '../paths';
import type { RouteContext } from './context';
import { applyPatch, checkIfMatch, inSandbox, touch, visible } from './entity';
import { sendListing } from './listing';

type Entity = Audit & { id: string };

export interface Resource<T extends Entity> {
	/** In messages: 'source connection'. */
	kind: string;
	/** The collection path segment: 'sourceConnections'. */
	collection: string;
	store: (ctx: RouteContext) => Map<string, T>;
	filterFields: ReadonlySet<string>;
	patchable: RegExp;
	/** Checks a patched draft as a create would; may normalise it. */
	recheck: (ctx: RouteContext, draft: T) => void;
	present?: (ctx: RouteContext, entity: T) => Record<string, unknown>;
}

const ORDER_FIELDS = new Set(['name', 'createdAt', 'updatedAt']);

export function resourceHandlers<T extends Entity>(resource: Resource<T>) {
	const present = (ctx: RouteContext, entity: T) =>
		resource.present ? resource.present(ctx, entity) : ({ ...entity } as Record<string, unknown>);
	return {
		created(ctx: RouteContext, entity: T): void {
			resource.store(ctx).set(entity.id, entity);
			ctx.state.platform.track(entity.id);
			const location = `${FLOW_BASE_PATH}/${resource.collection}/${entity.id}`;
			sendJson(ctx.res, 201, { id: entity.id, etag: entity.etag }, { location });
		},
		list(ctx: RouteContext): void {
			sendListing(ctx, inSandbox(ctx, resource.store(ctx)), {
				path: `/${resource.collection}`,
				filterFields: resource.filterFields,
				orderFields: ORDER_FIELDS,
				sequenceOf: (entity) => ctx.state.platform.sequenceOf(entity.id),
				present: (entity) => present(ctx, entity),
			});
		},
		get(ctx: RouteContext, id: string): void {
			sendJson(ctx.res, 200, { items: [present(ctx, visible(ctx, resource.store(ctx), id))] });
		},
		patch(ctx: RouteContext, id: string): void {
			const entity = visible(ctx, resource.store(ctx), id);
			checkIfMatch(ctx, entity);
			const draft = applyPatch(ctx, entity, (path) => resource.patchable.test(path));
			if (!draft) return;
			resource.recheck(ctx, draft);
			touch(draft, ctx);
			resource.store(ctx).set(id, draft);
			sendJson(ctx.res, 200, { items: [present(ctx, draft)] });
		},
		remove(ctx: RouteContext, id: string): void {
			visible(ctx, resource.store(ctx), id);
			if (ctx.state.platform.flowsUsing(id).length > 0) {
				throw onboardingErrors.entityInUse(resource.kind, id);
			}
			resource.store(ctx).delete(id);
			sendNoContent(ctx.res);
		},
	};
}
