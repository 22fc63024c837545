// The `property` filter grammar of Flow Service list endpoints:
//   property=name=="amazon-redshift"     quoted value
//   property=name==amazon-redshift       unquoted value
//   property=id==a,b                     comma list: any of
//   property=attributes.isSource==true   dotted paths into nested objects
//   property=state!=disabled             none of
// Repeated `property` parameters AND together.
import { flowErrors } from './http';

export interface PropertyFilter {
	field: string;
	operator: '==' | '!=';
	values: string[];
}

const EXPRESSION = /^([A-Za-z_][\w.]*)\s*(==|!=)(.*)$/;

/** Splits on commas outside double quotes and strips the quotes. */
function splitValues(raw: string, expression: string): string[] {
	const values: string[] = [];
	let current = '';
	let quoted = false;
	let wasQuoted = false;
	for (const char of raw) {
		if (char === '"') {
			quoted = !quoted;
			wasQuoted = true;
		} else if (char === ',' && !quoted) {
			values.push(current);
			current = '';
			wasQuoted = false;
		} else {
			current += char;
		}
	}
	if (quoted) throw flowErrors.badFilterValue(expression);
	values.push(current);
	// An empty unquoted value (`name==`) is a client bug; `name==""` asks for an empty string.
	if (values.some((value) => value === '') && !wasQuoted) {
		throw flowErrors.badFilterValue(expression);
	}
	return values;
}

/**
 * Parses every `property` expression. `isAllowed` says which fields the endpoint filters on;
 * other fields fail with FLOW-1449, other operators with FLOW-1450, empty values with FLOW-1453.
 */
export function parseFilters(
	expressions: string[],
	isAllowed: (field: string) => boolean,
): PropertyFilter[] {
	return expressions.map((expression) => {
		const match = EXPRESSION.exec(expression.trim());
		if (!match) {
			const field = /^[\w.]+/.exec(expression)?.[0];
			if (field && !isAllowed(field)) throw flowErrors.badFilterField(field);
			throw flowErrors.badFilterOperator(expression);
		}
		const [, field, operator, raw] = match;
		if (!isAllowed(field)) throw flowErrors.badFilterField(field);
		return {
			field,
			operator: operator as PropertyFilter['operator'],
			values: splitValues(raw.trim(), expression),
		};
	});
}

export function getPath(item: unknown, path: string): unknown {
	let value: unknown = item;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** Values compare as strings, so `isSource==true` matches the boolean true. */
export function matchesAll(item: unknown, filters: PropertyFilter[]): boolean {
	return filters.every((filter) => {
		const value = getPath(item, filter.field);
		const text = value === undefined || value === null ? undefined : String(value);
		const hit = text !== undefined && filter.values.includes(text);
		return filter.operator === '==' ? hit : !hit;
	});
}
