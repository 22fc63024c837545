// What source connections, target connections and dataflows share: who made them, where they
// live, If-Match, and JSON Patch.
import { randomUUID } from 'node:crypto';
import type { Audit } from '../data/entities';
import { flowErrors } from '../http';
import { newEtag } from '../state';
import { isObject, readJsonBody } from './connections';
import { header, type RouteContext } from './context';

export function newAudit(ctx: RouteContext): Audit & { id: string } {
	const now = Date.now();
	const account = `${ctx.clientId}@techacct.adobe.com`;
	return {
		id: randomUUID(),
		createdAt: now,
		updatedAt: now,
		createdBy: account,
		updatedBy: account,
		createdClient: ctx.clientId,
		updatedClient: ctx.clientId,
		sandboxName: ctx.sandboxName,
		imsOrgId: ctx.state.config.imsOrgId,
		etag: newEtag(),
	};
}

/** A new etag and updatedAt/By, after a change. */
export function touch(entity: Audit, ctx: RouteContext): void {
	entity.etag = newEtag();
	entity.updatedAt = Math.max(Date.now(), entity.updatedAt + 1);
	entity.updatedBy = `${ctx.clientId}@techacct.adobe.com`;
	entity.updatedClient = ctx.clientId;
}

/** The entity if it lives in the caller's sandbox and org; FLOW-1101-404 otherwise. */
export function visible<T extends Audit>(ctx: RouteContext, map: Map<string, T>, id: string): T {
	const entity = map.get(id);
	if (
		!entity ||
		entity.sandboxName !== ctx.sandboxName ||
		entity.imsOrgId !== ctx.state.config.imsOrgId
	) {
		throw flowErrors.notFound(id);
	}
	return entity;
}

export function inSandbox<T extends Audit>(ctx: RouteContext, map: Map<string, T>): T[] {
	return [...map.values()].filter(
		(entity) =>
			entity.sandboxName === ctx.sandboxName && entity.imsOrgId === ctx.state.config.imsOrgId,
	);
}

/** FLOW-1403-400 without If-Match, FLOW-1404-412 when it is not the current etag. */
export function checkIfMatch(ctx: RouteContext, entity: Audit, required = true): void {
	const ifMatch = header(ctx.req, 'if-match');
	if (!ifMatch) {
		if (required) throw flowErrors.ifMatchMissing();
		return;
	}
	if (ifMatch !== entity.etag) throw flowErrors.versionMismatch(ifMatch, entity.etag);
}

/** The JSON body as an object; undefined when a 415 has been sent. */
export function readObject(ctx: RouteContext): Record<string, unknown> | undefined {
	const body = readJsonBody(ctx);
	if (body === undefined) return undefined;
	if (!isObject(body)) throw flowErrors.invalidRequest('The request body must be a JSON object.');
	return body;
}

export function requireName(body: Record<string, unknown>): string {
	if (typeof body.name !== 'string' || body.name.trim() === '') {
		throw flowErrors.invalidRequest('The field name is required and must be a non-empty string.', {
			fields: ['name'],
		});
	}
	if (body.description !== undefined && typeof body.description !== 'string') {
		throw flowErrors.invalidRequest('The field description must be a string.', {
			fields: ['description'],
		});
	}
	return body.name;
}

/**
 * Applies a JSON Patch array to a copy of `entity`. Ops are case-insensitive (the docs use
 * lowercase, the OpenAPI uppercase); `isPatchable` says which paths the entity accepts.
 */
export function applyPatch<T extends object>(
	ctx: RouteContext,
	entity: T,
	isPatchable: (path: string) => boolean,
): T | undefined {
	const operations = readJsonBody(ctx);
	if (operations === undefined) return undefined;
	if (!Array.isArray(operations) || operations.length === 0) {
		throw flowErrors.badPatch('the body must be a non-empty JSON Patch array.');
	}
	const draft = structuredClone(entity) as Record<string, unknown>;
	for (const operation of operations as unknown[]) {
		if (
			!isObject(operation) ||
			typeof operation.path !== 'string' ||
			typeof operation.op !== 'string'
		) {
			throw flowErrors.badPatch('every operation needs op and path.');
		}
		const { path, value } = operation;
		const op = operation.op.toLowerCase();
		if (path.startsWith('/connectionSpec')) throw flowErrors.specNotUpdatable();
		if (!isPatchable(path)) throw flowErrors.badPatch(`Missing field "${path}".`);
		const keys = path.slice(1).split('/');
		let parent: Record<string, unknown> = draft;
		for (const key of keys.slice(0, -1)) {
			if (!isObject(parent[key]) && !Array.isArray(parent[key])) {
				throw flowErrors.badPatch(`Missing field "${path}".`);
			}
			parent = parent[key] as Record<string, unknown>;
		}
		const key = keys[keys.length - 1];
		if (op === 'add' || op === 'replace') parent[key] = value;
		else if (op === 'remove') delete parent[key];
		else throw flowErrors.badPatch(`Unsupported operation '${operation.op}'.`);
	}
	return draft as T;
}
