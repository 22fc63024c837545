import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from './errors';

/**
 * JSON parameters arrive as text when typed in and as a value when mapped with an expression
 * ({{ $json.columns }}). Both read the same here; empty means "not given".
 */
export function readJsonValue(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
): unknown {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch (error) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			label,
			`is not valid JSON (${(error as Error).message})`,
		);
	}
}

/** A plain JSON object (not a list, not text). */
export function isJsonObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shape Adobe's row filters take: a PQL expression in its JSON form. */
export interface PqlFilter extends IDataObject {
	type: 'PQL';
	format: 'pql/json';
	value: IDataObject;
}

/**
 * A row filter, given whole ({"type":"PQL","format":"pql/json","value":{…}}) or as its `value`
 * alone, which is wrapped. Checked before any request: Adobe's own answer to a bad filter
 * (1335-400) does not say which part is wrong.
 */
export function readRowFilter(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
): PqlFilter | undefined {
	const value = readJsonValue(context, itemIndex, raw, label);
	if (value === undefined) return undefined;
	const fail = (problem: string) => invalidParameter(context.getNode(), itemIndex, label, problem);
	if (!isJsonObject(value)) {
		throw fail(
			'must be a JSON object: a PQL filter such as {"type":"PQL","format":"pql/json","value":{…}}',
		);
	}
	if (value.type === undefined && value.format === undefined) {
		if (Object.keys(value).length === 0) throw fail('is an empty object');
		return { type: 'PQL', format: 'pql/json', value };
	}
	if (value.type !== 'PQL' || value.format !== 'pql/json') {
		throw fail(
			'must have "type": "PQL" and "format": "pql/json", the only row filter Adobe documents',
		);
	}
	if (!isJsonObject(value.value) || Object.keys(value.value).length === 0) {
		throw fail('must carry the expression in "value", a non-empty object');
	}
	return { type: 'PQL', format: 'pql/json', value: value.value };
}

/**
 * Table columns as explore describes them ({name, type, xdm…}), mapped in from Get Table
 * Schema. They go to Adobe unchanged; only their shape is checked.
 */
export function readColumns(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): IDataObject[] {
	const fail = (problem: string) => invalidParameter(context.getNode(), itemIndex, label, problem);
	if (!Array.isArray(value)) {
		throw fail(
			`must be a list of columns, e.g. {{ $json.columns }} from Get Table Schema (got ${isJsonObject(value) ? 'an object' : `a ${typeof value}`})`,
		);
	}
	if (value.length === 0)
		throw fail('is an empty list. Leave it empty to fetch the columns instead.');
	value.forEach((column, index) => {
		if (!isJsonObject(column)) throw fail(`has an entry that is not an object (entry ${index})`);
		for (const field of ['name', 'type']) {
			if (typeof column[field] !== 'string' || !(column[field] as string).trim()) {
				throw fail(`has a column without a "${field}" (entry ${index})`);
			}
		}
	});
	return value as IDataObject[];
}
