// Data Prep below /data/foundation/conversion: mapping sets. Create answers 200, not 201.
// Two body styles are documented and both are taken:
//   (a) legacy:  {xdmSchema, xdmVersion, mappings: [{sourceAttribute, destinationXdmPath, ...}]}
//   (b) current: {outputSchema: {schemaRef: {id, contentType}}, mappings: [{sourceType, source, destination}]}
// Destinations must be fields of the target XDM schema; sourceType must be in the enum.
import { randomBytes } from 'node:crypto';
import type { StoredMapping, StoredMappingSet } from '../data/entities';
import { serviceError } from '../errors';
import { sendJson } from '../http';
import { isObject } from './connections';
import type { RouteContext } from './context';
import { readObject } from './entity';

const SOURCE_TYPES = new Set(['ATTRIBUTE', 'EXPRESSION', 'STATIC']);
/** What stored mappings of legacy-style sets echo as their sourceType. */
const LEGACY_SOURCE_TYPE = 'text/x.schema-path';

const prepError = (status: number, detail: string, details?: Record<string, unknown>) => {
	const error = serviceError('DATAPREP', status === 404 ? '1404' : '1400', status, detail);
	if (details) error.input.details = details;
	return error;
};

interface CheckedSet {
	schemaId: string;
	contentType: string;
	mappings: StoredMapping[];
}

function checkMapping(
	raw: unknown,
	index: number,
	legacy: boolean,
	fields: Set<string>,
): StoredMapping {
	const where = `mappings[${index}]`;
	if (!isObject(raw)) throw prepError(400, `${where} must be an object.`);
	const source = legacy ? raw.sourceAttribute : raw.source;
	const destination = legacy ? raw.destinationXdmPath : raw.destination;
	const sourceType = legacy ? (raw.sourceType ?? LEGACY_SOURCE_TYPE) : raw.sourceType;
	const names = legacy ? ['sourceAttribute', 'destinationXdmPath'] : ['source', 'destination'];
	if (typeof source !== 'string' || source === '')
		throw prepError(400, `${where}.${names[0]} is required.`);
	if (typeof destination !== 'string' || destination === '')
		throw prepError(400, `${where}.${names[1]} is required.`);
	if (!legacy && !SOURCE_TYPES.has(String(sourceType))) {
		throw prepError(
			400,
			`${where}.sourceType ${String(sourceType)} is invalid: use ATTRIBUTE, EXPRESSION or STATIC.`,
		);
	}
	if (!fields.has(destination)) {
		throw prepError(
			400,
			`${where}: the destination ${destination} is not a field of the target schema.`,
			{
				field: destination,
			},
		);
	}
	return {
		id: randomBytes(16).toString('hex'),
		sourceType: String(sourceType),
		source,
		destination,
		sourceAttribute: source,
		destinationXdmPath: destination,
		...(typeof raw.name === 'string' ? { name: raw.name } : {}),
		...(typeof raw.description === 'string' ? { description: raw.description } : {}),
		identity: raw.identity === true,
		version: 0,
	};
}

function checkSet(ctx: RouteContext, body: Record<string, unknown>): CheckedSet {
	const legacy = body.outputSchema === undefined;
	let schemaId: unknown;
	let contentType = 'application/vnd.adobe.xed-full+json;version=1';
	if (legacy) {
		if (body.xdmSchema === undefined)
			throw prepError(400, 'Either outputSchema.schemaRef or xdmSchema is required.');
		schemaId = body.xdmSchema;
	} else {
		const schemaRef =
			isObject(body.outputSchema) && isObject(body.outputSchema.schemaRef)
				? body.outputSchema.schemaRef
				: {};
		schemaId = schemaRef.id;
		if (typeof schemaRef.contentType !== 'string')
			throw prepError(400, 'outputSchema.schemaRef.contentType is required.');
		contentType = schemaRef.contentType;
	}
	if (typeof schemaId !== 'string' || schemaId === '')
		throw prepError(400, 'The output schema id is required.');
	const schema = ctx.state.platform.schemas.get(schemaId);
	if (!schema) throw prepError(400, `The XDM schema ${schemaId} does not exist in this sandbox.`);
	if (!Array.isArray(body.mappings) || body.mappings.length === 0)
		throw prepError(400, 'mappings must be a non-empty array.');
	const fields = new Set(schema.fields);
	const mappings = (body.mappings as unknown[]).map((raw, index) =>
		checkMapping(raw, index, legacy, fields),
	);
	return { schemaId, contentType, mappings };
}

export function createMappingSet(ctx: RouteContext): void {
	const body = readObject(ctx);
	if (!body) return;
	const checked = checkSet(ctx, body);
	const now = Date.now();
	const author = `${ctx.clientId}@AdobeID`;
	const set: StoredMappingSet = {
		id: randomBytes(16).toString('hex'),
		version: 0,
		createdDate: now,
		modifiedDate: now,
		createdBy: author,
		modifiedBy: author,
		sandboxName: ctx.sandboxName,
		outputSchema: { schemaRef: { id: checked.schemaId, contentType: checked.contentType } },
		xdmSchema: checked.schemaId,
		xdmVersion: '1.0',
		mappings: checked.mappings,
	};
	ctx.state.platform.mappingSets.set(set.id, set);
	ctx.state.platform.track(set.id);
	const { id, version, createdDate, modifiedDate, createdBy, modifiedBy } = set;
	sendJson(ctx.res, 200, { id, version, createdDate, modifiedDate, createdBy, modifiedBy });
}

/** UNCONFIRMED answer shape: 200 with the mappings as they would be stored, or 400 naming the problem. */
export function validateMappingSet(ctx: RouteContext): void {
	const body = readObject(ctx);
	if (!body) return;
	const checked = checkSet(ctx, body);
	sendJson(ctx.res, 200, {
		valid: true,
		outputSchema: { schemaRef: { id: checked.schemaId, contentType: checked.contentType } },
		mappings: checked.mappings,
	});
}

function present(set: StoredMappingSet): Record<string, unknown> {
	const { sandboxName: _sandbox, ...rest } = set;
	return rest;
}

export function listMappingSets(ctx: RouteContext): void {
	const query = ctx.url.searchParams;
	const start = query.get('start');
	const limit = query.get('limit');
	if (start === null || limit === null)
		throw prepError(400, 'The query parameters start and limit are both required.');
	if (!/^\d+$/.test(start) || !/^\d+$/.test(limit) || Number(limit) < 1) {
		throw prepError(400, `Invalid start ${start} or limit ${limit}.`);
	}
	const sets = [...ctx.state.platform.mappingSets.values()]
		.filter((set) => set.sandboxName === ctx.sandboxName)
		.sort((a, b) => ctx.state.platform.sequenceOf(a.id) - ctx.state.platform.sequenceOf(b.id));
	const page = sets.slice(Number(start), Number(start) + Number(limit));
	sendJson(ctx.res, 200, {
		data: page.map(present),
		_page: { count: page.length, limit: Number(limit) },
	});
}

export function getMappingSet(ctx: RouteContext, id: string): void {
	const set = ctx.state.platform.mappingSets.get(id);
	if (!set || set.sandboxName !== ctx.sandboxName)
		throw prepError(404, `Mapping set ${id} was not found.`);
	const version = ctx.url.searchParams.get('version');
	if (version !== null && Number(version) !== set.version) {
		throw prepError(404, `Mapping set ${id} has no version ${version}.`);
	}
	sendJson(ctx.res, 200, present(set));
}
