// Base connections: create, list, get, update (PATCH), delete, test, explore.
import { createHash, randomUUID } from 'node:crypto';
import { matchesAll, parseFilters } from '../filters';
import { FLOW_BASE_PATH } from '../paths';
import { flowErrors, sendJson, sendNoContent, sendProblem } from '../http';
import { validate } from '../schema';
import { findSpec, secretParamNames } from '../specs';
import { newEtag } from '../state';
import type { ConnectionSpec, StoredConnection } from '../types';
import { header, type RouteContext } from './context';

/** What GET shows instead of a secret auth param. */
export const MASK = '***';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const CONNECTION_FILTER_FIELDS = new Set([
	'id',
	'name',
	'description',
	'connectionSpec.id',
	'state',
]);
const ORDER_FIELDS = new Set(['name', 'createdAt', 'updatedAt']);

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Params whose schema says `format: password`, plus anything named like a secret. */
function isSecret(spec: ConnectionSpec | undefined, specName: string, param: string): boolean {
	const authSpec = spec?.authSpec.find((candidate) => candidate.name === specName);
	if (authSpec && secretParamNames(authSpec.spec).has(param)) return true;
	return /password|secret/i.test(param);
}

/** The public view of a connection: secrets masked, emulator-only state left out. */
export function presentConnection(connection: StoredConnection): Record<string, unknown> {
	const spec = findSpec(connection.connectionSpec.id);
	const params: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(connection.auth.params)) {
		params[name] = isSecret(spec, connection.auth.specName, name) ? MASK : value;
	}
	return { ...connection, auth: { specName: connection.auth.specName, params } };
}

export function visibleConnection(ctx: RouteContext, id: string): StoredConnection {
	const connection = ctx.state.connections.get(id);
	// Connections live in one sandbox of one org; elsewhere they do not exist.
	if (
		!connection ||
		connection.sandboxName !== ctx.sandboxName ||
		connection.imsOrgId !== ctx.state.config.imsOrgId
	) {
		throw flowErrors.notFound(id);
	}
	return connection;
}

export function readJsonBody(ctx: RouteContext): unknown | undefined {
	const contentType = header(ctx.req, 'content-type') ?? '';
	if (!/^application\/(json|json-patch\+json)\b/i.test(contentType)) {
		sendProblem(
			ctx.res,
			415,
			`Content-Type '${contentType || '(none)'}' is not supported. Send application/json.`,
			{ 'x-request-id': ctx.requestId },
		);
		return undefined;
	}
	if (ctx.body.trim() === '') throw flowErrors.emptyBody();
	try {
		return JSON.parse(ctx.body);
	} catch {
		throw flowErrors.invalidRequest('The request body is not valid JSON.');
	}
}

/** Checks auth against the spec: FLOW-1415 for an unknown auth spec, FLOW-1100 for bad params. */
function checkAuth(spec: ConnectionSpec, auth: unknown): StoredConnection['auth'] {
	if (!isObject(auth)) {
		throw flowErrors.invalidRequest('The field auth is required: {specName, params}.', {
			fields: ['auth'],
		});
	}
	const specName = typeof auth.specName === 'string' ? auth.specName : '';
	const authSpec = spec.authSpec.find((candidate) => candidate.name === specName);
	if (!authSpec) throw flowErrors.authSpecNotFound(specName, spec.id);
	const problems = validate(auth.params, authSpec.spec, 'auth.params');
	if (problems.length > 0) {
		const list = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
		throw flowErrors.invalidRequest(
			`The auth params do not match the auth spec '${specName}': ${list}.`,
			{ fields: problems.map((p) => p.field), problems },
		);
	}
	return { specName, params: { ...(auth.params as Record<string, unknown>) } };
}

export function createConnection(ctx: RouteContext): void {
	const body = readJsonBody(ctx);
	if (body === undefined) return;
	if (!isObject(body)) throw flowErrors.invalidRequest('The request body must be a JSON object.');
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
	const specRef = isObject(body.connectionSpec) ? body.connectionSpec : {};
	const spec = typeof specRef.id === 'string' ? findSpec(specRef.id) : undefined;
	if (!spec) throw flowErrors.badSpecId();
	if (specRef.version !== undefined && specRef.version !== spec.version) {
		throw flowErrors.badSpecId(
			` Version ${String(specRef.version)} does not exist for spec ${spec.id}.`,
		);
	}
	const auth = checkAuth(spec, body.auth);

	const now = Date.now();
	const technicalAccount = `${ctx.clientId}@techacct.adobe.com`;
	const connection: StoredConnection = {
		id: randomUUID(),
		name: body.name,
		...(body.description !== undefined ? { description: body.description as string } : {}),
		state: 'enabled',
		auth,
		connectionSpec: { id: spec.id, version: spec.version },
		etag: newEtag(),
		createdAt: now,
		updatedAt: now,
		createdBy: technicalAccount,
		updatedBy: technicalAccount,
		createdClient: ctx.clientId,
		updatedClient: ctx.clientId,
		sandboxName: ctx.sandboxName,
		imsOrgId: ctx.state.config.imsOrgId,
	};
	ctx.state.addConnection(connection);
	sendJson(
		ctx.res,
		201,
		{ id: connection.id, etag: connection.etag },
		{ location: `${FLOW_BASE_PATH}/connections/${connection.id}` },
	);
}

interface PageToken {
	offset: number;
	query: string;
}

/** Ties a continuation token to its query, so following it with other filters fails loudly. */
function queryFingerprint(ctx: RouteContext, properties: string[], orderby: string | null): string {
	return createHash('sha256')
		.update(JSON.stringify([ctx.sandboxName, properties, orderby]))
		.digest('base64url')
		.slice(0, 16);
}

function decodeToken(token: string, fingerprint: string): number {
	let parsed: PageToken;
	try {
		parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
	} catch {
		throw flowErrors.invalidRequest(`Invalid continuationToken ${token}.`);
	}
	if (!Number.isInteger(parsed?.offset) || parsed.offset < 0) {
		throw flowErrors.invalidRequest(`Invalid continuationToken ${token}.`);
	}
	if (parsed.query !== fingerprint) {
		throw flowErrors.invalidRequest(
			'The continuationToken belongs to a query with other property, orderby or sandbox values; send the same query with it.',
		);
	}
	return parsed.offset;
}

function parseLimit(raw: string | null): number {
	if (raw === null) return DEFAULT_LIMIT;
	const limit = Number(raw);
	if (!/^\d+$/.test(raw) || limit < 1) {
		throw flowErrors.invalidRequest(`Invalid limit ${raw}: give a positive integer.`);
	}
	return Math.min(limit, MAX_LIMIT);
}

function sorter(ctx: RouteContext, orderby: string | null) {
	const spec = orderby ?? 'createdAt';
	const descending = spec.startsWith('-');
	const field = spec.replace(/^[+-]/, '');
	if (!ORDER_FIELDS.has(field)) throw flowErrors.badOrderBy(field);
	return (a: StoredConnection, b: StoredConnection): number => {
		const left = a[field as 'name' | 'createdAt' | 'updatedAt'];
		const right = b[field as 'name' | 'createdAt' | 'updatedAt'];
		const order = left < right ? -1 : left > right ? 1 : 0;
		const tieBreak = ctx.state.sequenceOf(a.id) - ctx.state.sequenceOf(b.id);
		return (descending ? -order : order) || (descending ? -tieBreak : tieBreak);
	};
}

export function listConnections(ctx: RouteContext): void {
	const query = ctx.url.searchParams;
	const count = query.get('count') === 'true';
	if (count && query.has('limit')) throw flowErrors.countWithLimit();

	const properties = query.getAll('property');
	const filters = parseFilters(properties, (field) => CONNECTION_FILTER_FIELDS.has(field));
	const orderby = query.get('orderby');
	const compare = sorter(ctx, orderby);
	const items = [...ctx.state.connections.values()]
		.filter(
			(connection) =>
				connection.sandboxName === ctx.sandboxName &&
				connection.imsOrgId === ctx.state.config.imsOrgId &&
				matchesAll(connection, filters),
		)
		.sort(compare);

	if (count) return sendJson(ctx.res, 200, { count: items.length });

	const limit = parseLimit(query.get('limit'));
	const fingerprint = queryFingerprint(ctx, properties, orderby);
	const token = query.get('continuationToken');
	const offset = token ? decodeToken(token, fingerprint) : 0;
	const page = items.slice(offset, offset + limit);

	const body: Record<string, unknown> = { items: page.map(presentConnection) };
	if (offset + limit < items.length) {
		const next = new URLSearchParams();
		const nextToken: PageToken = { offset: offset + limit, query: fingerprint };
		next.set('continuationToken', Buffer.from(JSON.stringify(nextToken)).toString('base64url'));
		next.set('limit', String(limit));
		for (const property of properties) next.append('property', property);
		if (orderby !== null) next.set('orderby', orderby);
		// Relative to the base path, as Flow Service sends it.
		body._links = { next: { href: `/connections?${next.toString()}` } };
	}
	sendJson(ctx.res, 200, body);
}

export function getConnection(ctx: RouteContext, id: string): void {
	sendJson(ctx.res, 200, { items: [presentConnection(visibleConnection(ctx, id))] });
}

export function deleteConnection(ctx: RouteContext, id: string): void {
	visibleConnection(ctx, id);
	if (ctx.state.isInUse(id)) throw flowErrors.inUse(id);
	ctx.state.deleteConnection(id);
	sendNoContent(ctx.res);
}

export function testConnection(ctx: RouteContext, id: string): void {
	visibleConnection(ctx, id);
	sendJson(ctx.res, 200, { result: ctx.state.testResults.get(id) ?? true });
}

// JSON Patch paths a base connection accepts.
const PATCHABLE = /^\/(name|description|auth\/params(\/[^/]+)?)$/;

/** PATCH with a JSON Patch array; needs If-Match with the current etag (1403 / 1404-412). */
export function patchConnection(ctx: RouteContext, id: string): void {
	const connection = visibleConnection(ctx, id);
	const ifMatch = header(ctx.req, 'if-match');
	if (!ifMatch) throw flowErrors.ifMatchMissing();
	if (ifMatch !== connection.etag) throw flowErrors.versionMismatch(ifMatch, connection.etag);
	const operations = readJsonBody(ctx);
	if (operations === undefined) return;
	if (!Array.isArray(operations) || operations.length === 0) {
		throw flowErrors.badPatch('the body must be a non-empty JSON Patch array.');
	}

	const draft = structuredClone(connection);
	for (const operation of operations as unknown[]) {
		if (!isObject(operation) || typeof operation.path !== 'string') {
			throw flowErrors.badPatch('every operation needs op and path.');
		}
		const { op, path, value } = operation;
		if (path.startsWith('/connectionSpec')) throw flowErrors.specNotUpdatable();
		if (!PATCHABLE.test(path)) throw flowErrors.badPatch(`Missing field "${path}".`);
		const keys = path.slice(1).split('/');
		const parent = keys
			.slice(0, -1)
			.reduce<
				Record<string, unknown>
			>((node, key) => node[key] as Record<string, unknown>, draft as never);
		const key = keys[keys.length - 1];
		if (op === 'add' || op === 'replace') parent[key] = value;
		else if (op === 'remove') delete parent[key];
		else throw flowErrors.badPatch(`Unsupported operation '${String(op)}'.`);
	}
	if (typeof draft.name !== 'string' || draft.name.trim() === '') {
		throw flowErrors.invalidRequest('The field name is required and must be a non-empty string.', {
			fields: ['name'],
		});
	}
	const spec = findSpec(draft.connectionSpec.id);
	if (!spec) throw flowErrors.badSpecId();
	draft.auth = checkAuth(spec, draft.auth);
	draft.etag = newEtag();
	draft.updatedAt = Math.max(Date.now(), connection.updatedAt + 1);
	draft.updatedBy = `${ctx.clientId}@techacct.adobe.com`;
	draft.updatedClient = ctx.clientId;
	ctx.state.connections.set(id, draft);
	sendJson(ctx.res, 200, { id, etag: draft.etag });
}
