import type { IDataObject } from 'n8n-workflow';

/**
 * Plain references to the input item's own fields, resolved without n8n's expression engine.
 *
 * Only the narrowest form is recognised: the whole parameter is one `{{ $json.a.b }}` with
 * identifier keys and nothing around it (text outside the braces would make n8n build a string).
 * Such an expression has no code to run, so its value is the field itself.
 */
export const NOT_LOCAL = Symbol('not resolvable from the item alone');

const ITEM_FIELD_REFERENCE = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

/**
 * The parameter's value with every `={{ $json.field }}` replaced by the item's field, or
 * NOT_LOCAL when any part needs n8n: another kind of expression, a field the item lacks (own
 * properties only), or a field that is not a string, number or boolean.
 */
export function resolveItemReferences(raw: unknown, item: IDataObject | undefined): unknown {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return raw;
		const match = ITEM_FIELD_REFERENCE.exec(raw);
		return match && item ? fieldAt(item, match[1].slice(1).split('.')) : NOT_LOCAL;
	}
	if (Array.isArray(raw)) {
		const entries = raw.map((entry) => resolveItemReferences(entry, item));
		return entries.includes(NOT_LOCAL) ? NOT_LOCAL : entries;
	}
	if (raw !== null && typeof raw === 'object') {
		const resolved: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(raw)) {
			const value = resolveItemReferences(entry, item);
			if (value === NOT_LOCAL) return NOT_LOCAL;
			resolved[key] = value;
		}
		return resolved;
	}
	return raw;
}

function fieldAt(item: IDataObject, path: string[]): unknown {
	let value: unknown = item;
	for (const key of path) {
		if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return NOT_LOCAL;
		value = (value as Record<string, unknown>)[key];
	}
	const kind = typeof value;
	return kind === 'string' || kind === 'number' || kind === 'boolean' ? value : NOT_LOCAL;
}
