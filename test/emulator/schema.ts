// A small JSON Schema checker for auth params: the keywords the auth specs use (type, required,
// properties, enum, minLength, additionalProperties) and nothing more.
import type { JsonSchema } from './types';

export interface SchemaProblem {
	field: string;
	problem: string;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function hasType(value: unknown, type: string): boolean {
	const actual = typeOf(value);
	// JSON Schema: every integer is also a number.
	return actual === type || (type === 'number' && actual === 'integer');
}

/** Checks `value` against `schema`; field names are dotted paths below `prefix`. */
export function validate(value: unknown, schema: JsonSchema, prefix = ''): SchemaProblem[] {
	const problems: SchemaProblem[] = [];
	const field = prefix || '(root)';
	if (schema.type && !hasType(value, schema.type)) {
		problems.push({ field, problem: `expected ${schema.type}, got ${typeOf(value)}` });
		return problems;
	}
	if (schema.enum && !schema.enum.includes(value)) {
		problems.push({ field, problem: `must be one of ${schema.enum.map(String).join(', ')}` });
	}
	if (
		typeof value === 'string' &&
		schema.minLength !== undefined &&
		value.length < schema.minLength
	) {
		problems.push({ field, problem: `must be at least ${schema.minLength} characters long` });
	}
	if (typeOf(value) === 'object') {
		const object = value as Record<string, unknown>;
		const properties = schema.properties ?? {};
		const join = (name: string) => (prefix ? `${prefix}.${name}` : name);
		for (const name of schema.required ?? []) {
			if (object[name] === undefined) problems.push({ field: join(name), problem: 'is required' });
		}
		for (const [name, propertyValue] of Object.entries(object)) {
			const propertySchema = properties[name];
			if (propertySchema) {
				if (propertyValue !== undefined) {
					problems.push(...validate(propertyValue, propertySchema, join(name)));
				}
			} else if (schema.additionalProperties === false) {
				problems.push({ field: join(name), problem: 'is not allowed by the auth spec' });
			}
		}
	}
	return problems;
}
