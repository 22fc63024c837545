// The `property` filter grammar of Flow Service list endpoints:
//   property=name=="amazon-redshift"     quoted value
//   property=name==amazon-redshift       unquoted value
//   property=id==a,b                     comma list: any of
//   property=attributes.isSource==true   dotted paths into nested objects
//   property=state!=disabled             none of
//   property=sourceConnectionIds[]==a,b  `[]` looks inside arrays: any element matches
//   property=createdAt>1670880253121     >, <, >=, <= on numbers, where the endpoint allows them
// Repeated `property` parameters AND together.
import { flowErrors } from './http';

export type FilterOperator = '==' | '!=' | '>' | '<' | '>=' | '<=';

export interface PropertyFilter {
	field: string;
	operator: FilterOperator;
	values: string[];
}

export interface FilterOptions {
	/** Fields that take >, <, >= and <= with a number; none unless given. */
	isComparable?: (field: string) => boolean;
	/** Fields whose values compare case-insensitively. */
	isCaseInsensitive?: (field: string) => boolean;
}

const EXPRESSION = /^([A-Za-z_][\w.[\]]*?)\s*(==|!=|>=|<=|>|<)(.*)$/;

/**
 * Splits on commas outside double quotes and strips the quotes. Each value is either wholly
 * quoted or has no quotes; an unquoted value that holds an operator is a second expression
 * joined by a comma, which Flow Service reads as one more value of the first field, so the
 * emulator refuses it (FLOW-1453): repeat `property` to AND two filters.
 */
function splitValues(raw: string, expression: string): string[] {
	const pieces: string[] = [];
	let current = '';
	let quoted = false;
	for (const char of raw) {
		if (char === '"') quoted = !quoted;
		if (char === ',' && !quoted) {
			pieces.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	if (quoted) throw flowErrors.badFilterValue(expression);
	pieces.push(current);
	return pieces.map((piece) => {
		const wrapped = /^"[^"]*"$/.test(piece);
		if (!wrapped && piece.includes('"')) throw flowErrors.badFilterValue(expression);
		if (!wrapped && /[=!<>]=|[<>]/.test(piece)) throw flowErrors.badFilterValue(expression);
		// An empty unquoted value (`name==`) is a client bug; `name==""` asks for an empty string.
		if (piece === '') throw flowErrors.badFilterValue(expression);
		return wrapped ? piece.slice(1, -1) : piece;
	});
}

/**
 * Parses every `property` expression. `isAllowed` says which fields the endpoint filters on;
 * other fields fail with FLOW-1449, other operators with FLOW-1450, empty values with FLOW-1453.
 */
export function parseFilters(
	expressions: string[],
	isAllowed: (field: string) => boolean,
	options: FilterOptions = {},
): PropertyFilter[] {
	return expressions.map((expression) => {
		const match = EXPRESSION.exec(expression.trim());
		if (!match) {
			const field = /^[\w.[\]]+/.exec(expression)?.[0];
			if (field && !isAllowed(field)) throw flowErrors.badFilterField(field);
			throw flowErrors.badFilterOperator(expression);
		}
		const [, field, operator, raw] = match;
		if (!isAllowed(field)) throw flowErrors.badFilterField(field);
		if (operator !== '==' && operator !== '!=') {
			if (!options.isComparable?.(field)) throw flowErrors.badFilterOperator(expression);
			if (!/^\d+$/.test(raw.trim())) throw flowErrors.badFilterValue(expression);
			return { field, operator: operator as FilterOperator, values: [raw.trim()] };
		}
		const values = splitValues(raw.trim(), expression);
		const folded = options.isCaseInsensitive?.(field)
			? values.map((value) => value.toLowerCase())
			: values;
		return { field, operator: operator as FilterOperator, values: folded };
	});
}

/** The values at a dotted path; a `key[]` step fans out over the array's elements. */
function valuesAt(item: unknown, path: string): unknown[] {
	let current: unknown[] = [item];
	for (const step of path.split('.')) {
		const key = step.replace(/\[\]$/, '');
		const next: unknown[] = [];
		for (const value of current) {
			if (value === null || typeof value !== 'object') continue;
			const child = (value as Record<string, unknown>)[key];
			if (step.endsWith('[]') && Array.isArray(child)) next.push(...child);
			else next.push(child);
		}
		current = next;
	}
	return current.filter((value) => value !== undefined && value !== null);
}

function compare(value: unknown, operator: FilterOperator, bound: number): boolean {
	const number = Number(value);
	if (!Number.isFinite(number)) return false;
	if (operator === '>') return number > bound;
	if (operator === '<') return number < bound;
	if (operator === '>=') return number >= bound;
	return number <= bound;
}

/**
 * Values compare as strings, so `isSource==true` matches the boolean true. Filters whose
 * values were folded to lower case (case-insensitive fields) compare against lower case.
 */
export function matchesAll(
	item: unknown,
	filters: PropertyFilter[],
	options: FilterOptions = {},
): boolean {
	return filters.every((filter) => {
		const found = valuesAt(item, filter.field);
		if (filter.operator !== '==' && filter.operator !== '!=') {
			return found.some((value) => compare(value, filter.operator, Number(filter.values[0])));
		}
		const fold = options.isCaseInsensitive?.(filter.field) ?? false;
		const texts = found.map((value) => (fold ? String(value).toLowerCase() : String(value)));
		const hit = texts.some((text) => filter.values.includes(text));
		return filter.operator === '==' ? hit : !hit;
	});
}
