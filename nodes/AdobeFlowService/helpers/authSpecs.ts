import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findConnectionSpecById } from './connectionSpecs';
import { dryRunResult } from './createOrReuse';
import { operationError } from './errors';
import { validateAgainstSchema } from './jsonSchema';
import type { ExecutionState } from './types';

/**
 * A connection spec's `authSpec[]`: one JSON Schema per way of logging in. Its properties
 * marked `format: "password"` are the secrets, which only ever come from a credential.
 */

/** Field names that say "secret" even where a schema does not mark them (unknown fields). */
const SECRET_LIKE_NAME =
	/pass(word|phrase)|secret|token|private.?key|connection.?string|api.?key|access.?key/i;

export function authSpecsOf(spec: IDataObject): IDataObject[] {
	return (Array.isArray(spec.authSpec) ? spec.authSpec : []).filter(
		(entry): entry is IDataObject => !!entry && typeof entry === 'object',
	);
}

export function findAuthSpec(spec: IDataObject, name: string): IDataObject | undefined {
	return authSpecsOf(spec).find((candidate) => candidate.name === name);
}

export interface AuthSchema {
	properties: Record<string, IDataObject>;
	required: string[];
}

export function authSchemaOf(authSpec: IDataObject): AuthSchema {
	const schema = (authSpec.spec ?? {}) as IDataObject;
	const properties = (
		schema.properties && typeof schema.properties === 'object' ? schema.properties : {}
	) as Record<string, IDataObject>;
	const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
	return { properties, required };
}

/** The auth spec's secrets: every property with `format: "password"`. */
export function secretFieldsOf(schema: AuthSchema): string[] {
	return Object.entries(schema.properties)
		.filter(([, property]) => property?.format === 'password')
		.map(([name]) => name);
}

/** A field that must not travel in a plain parameter: a secret of the schema, or named like one. */
export function isSecretField(schema: AuthSchema, field: string): boolean {
	const property = schema.properties[field];
	return property ? property.format === 'password' : SECRET_LIKE_NAME.test(field);
}

/**
 * A form value in the type its schema asks for: n8n hands numbers and booleans over as text
 * in some versions. Anything that does not convert cleanly is left for the schema check.
 */
export function coerceToSchema(value: unknown, property: IDataObject | undefined): unknown {
	const type = property?.type;
	if (typeof value === 'string' && (type === 'integer' || type === 'number')) {
		const number = Number(value);
		return value.trim() !== '' && Number.isFinite(number) ? number : value;
	}
	if (typeof value === 'string' && type === 'boolean') {
		return value === 'true' ? true : value === 'false' ? false : value;
	}
	if (typeof value === 'number' && type === 'string') return String(value);
	return value;
}

/** The auth spec names a spec offers, for messages. */
export function authSpecNames(spec: IDataObject): string {
	return authSpecsOf(spec)
		.map((authSpec) => `"${String(authSpec.name)}"`)
		.join(', ');
}

/** The error for an auth spec name the spec does not have; it lists the ones it has. */
export function missingAuthSpec(
	context: IExecuteFunctions,
	spec: IDataObject,
	name: string,
	itemIndex: number,
): Error {
	return operationError(
		context.getNode(),
		`Authentication Method "${name}" is not an auth spec of the connection spec "${String(spec.name ?? spec.id)}" [item ${itemIndex}]`,
		{
			itemIndex,
			description: `It offers ${authSpecNames(spec) || 'none'}. Adobe renames auth specs now and then: pick one from the list again.`,
		},
	);
}

/** What a create's dry run reports on. */
export interface AuthDryRun {
	name: string;
	connectionSpec: { id: string; version: string };
	specName: string;
	params: IDataObject;
	/** Problems already found while reading the parameters. */
	problems: string[];
	timeoutMs: number;
}

/** Dry run: the login checked against the spec's own auth spec; nothing is sent but the spec lookup. */
export async function dryRunAuth(
	this: IExecuteFunctions,
	state: ExecutionState,
	run: AuthDryRun,
	itemIndex: number,
): Promise<IDataObject> {
	const spec = await findConnectionSpecById.call(
		this,
		state,
		run.connectionSpec.id,
		itemIndex,
		run.timeoutMs,
	);
	const errors = [...run.problems];
	const authSpec = findAuthSpec(spec, run.specName);
	if (!authSpec) {
		errors.push(
			`The connection spec "${String(spec.name ?? run.connectionSpec.id)}" has no "${run.specName}" auth spec`,
		);
	} else {
		errors.push(...validateAgainstSchema(run.params, authSpec.spec, 'auth.params'));
	}
	return dryRunResult(errors, {
		name: run.name,
		connectionSpec: run.connectionSpec,
		authSpec: run.specName,
	});
}
