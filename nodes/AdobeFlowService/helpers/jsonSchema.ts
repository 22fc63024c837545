import type { IDataObject } from 'n8n-workflow';

/**
 * A small JSON Schema check for the auth specs Adobe publishes on connection specs: `type`,
 * `required`, `properties`, `enum`, `minLength`/`maxLength`, `pattern`. It covers what those
 * schemas use, so a dry run needs no validation library (community nodes ship none).
 */
export function validateAgainstSchema(value: unknown, schema: unknown, path = ''): string[] {
	if (!schema || typeof schema !== 'object') return [];
	const rules = schema as IDataObject;
	const where = path || 'value';
	const errors: string[] = [];

	const expected = rules.type;
	if (typeof expected === 'string' || Array.isArray(expected)) {
		const types = (Array.isArray(expected) ? expected : [expected]) as string[];
		if (!types.some((type) => hasType(value, type))) {
			return [`${where} must be of type ${types.join(' or ')} (got ${describeType(value)})`];
		}
	}
	if (Array.isArray(rules.enum) && !rules.enum.some((option) => option === value)) {
		errors.push(
			`${where} must be one of ${rules.enum.map((option) => JSON.stringify(option)).join(', ')}`,
		);
	}
	if (typeof value === 'string') {
		if (typeof rules.minLength === 'number' && value.length < rules.minLength) {
			errors.push(`${where} must be at least ${rules.minLength} characters long`);
		}
		if (typeof rules.maxLength === 'number' && value.length > rules.maxLength) {
			errors.push(`${where} must be at most ${rules.maxLength} characters long`);
		}
		if (typeof rules.pattern === 'string' && !safePattern(rules.pattern)?.test(value)) {
			errors.push(`${where} does not match the pattern ${rules.pattern}`);
		}
	}
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const object = value as IDataObject;
		for (const field of Array.isArray(rules.required) ? (rules.required as string[]) : []) {
			if (object[field] === undefined || object[field] === null) {
				errors.push(`${path ? `${path}.` : ''}${field} is required`);
			}
		}
		const properties = (rules.properties ?? {}) as IDataObject;
		for (const [field, fieldSchema] of Object.entries(properties)) {
			if (object[field] !== undefined) {
				errors.push(
					...validateAgainstSchema(object[field], fieldSchema, `${path ? `${path}.` : ''}${field}`),
				);
			}
		}
	}
	return errors;
}

function hasType(value: unknown, type: string): boolean {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'integer':
			return Number.isInteger(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return !!value && typeof value === 'object' && !Array.isArray(value);
		case 'null':
			return value === null;
		default:
			return true;
	}
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function safePattern(pattern: string): RegExp | undefined {
	try {
		return new RegExp(pattern);
	} catch {
		return undefined;
	}
}
