import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	NodeParameterValueType,
} from 'n8n-workflow';

import { canonicalKey } from './canonicalKey';
import { resolveItemReferences, NOT_LOCAL } from './itemReferences';

/**
 * Reads a node parameter with as little of n8n's per-call cost as its semantics allow.
 *
 * - A parameter whose stored value holds no expression, at any depth, resolves the same for
 *   every item, yet each `getNodeParameter` call copies, resolves and validates it again (a
 *   measurable part of a create's CPU in n8n 2.x). Such values are read at the first item and
 *   reused.
 * - A parameter whose expressions are all plain references to the item's own fields
 *   (`={{ $json.server }}`) is resolved here, from the input item, once n8n has resolved it for
 *   one item and the two answers agreed. n8n 2.x evaluates every expression in an isolated VM,
 *   about 0.25 ms each; a create that maps 8 fields paid that 8 times per item. Any other
 *   expression, a field the item lacks, or a value that is not a string, number or boolean goes
 *   to n8n, as before, for that item.
 *
 * Callers get their own copy, as from n8n. The cache is keyed by the execution's context
 * object, so it lives exactly as long as one execution of the node and is never shared between
 * executions or workers.
 *
 * This relies on none of our parameters declaring `validateType`: n8n validates such values
 * after resolving them (test/unit/parameters.test.ts checks that none does).
 */
interface ParameterCache {
	raw: INodeParameters;
	values: Map<string, NodeParameterValueType | object>;
	/** Per parameter: did the local reading match n8n's at the item where both were taken? */
	localAgrees: Map<string, boolean>;
	inputItems?: INodeExecutionData[];
}

const caches = new WeakMap<object, ParameterCache>();

/** Marks a path that runs through an expression. */
const EXPRESSION = Symbol('expression');

export function readParameter(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): NodeParameterValueType | object {
	const cache = cacheOf(context);
	const raw = rawValue(cache.raw, name);
	if (raw === EXPRESSION) return fromN8n(context, name, itemIndex, fallback);
	if (holdsExpression(raw)) return readPerItem(context, cache, name, raw, itemIndex, fallback);
	const key = `${name}\u0000${typeof fallback === 'object' ? JSON.stringify(fallback) : String(fallback)}`;
	if (!cache.values.has(key)) cache.values.set(key, fromN8n(context, name, itemIndex, fallback));
	const value = cache.values.get(key) as NodeParameterValueType | object;
	return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

function cacheOf(context: IExecuteFunctions): ParameterCache {
	let cache = caches.get(context);
	if (!cache) {
		// getNode() hands out a deep copy of the node: take it once per execution.
		cache = { raw: context.getNode().parameters, values: new Map(), localAgrees: new Map() };
		caches.set(context, cache);
	}
	return cache;
}

function fromN8n(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): NodeParameterValueType | object {
	return context.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType);
}

function readPerItem(
	context: IExecuteFunctions,
	cache: ParameterCache,
	name: string,
	raw: unknown,
	itemIndex: number,
	fallback: unknown,
): NodeParameterValueType | object {
	const agrees = cache.localAgrees.get(name);
	if (agrees === false) return fromN8n(context, name, itemIndex, fallback);
	cache.inputItems ??= context.getInputData();
	const local = resolveItemReferences(raw, cache.inputItems[itemIndex]?.json);
	if (local === NOT_LOCAL) return fromN8n(context, name, itemIndex, fallback);
	if (agrees === true) return local as NodeParameterValueType | object;
	// The first item this parameter can be read locally: n8n's answer decides, and is the one used.
	const resolved = fromN8n(context, name, itemIndex, fallback);
	cache.localAgrees.set(name, canonicalKey(local) === canonicalKey(resolved));
	return resolved;
}

/** The stored value at a dotted path (`options.timeout`), or EXPRESSION if the path passes one. */
function rawValue(parameters: INodeParameters, name: string): unknown {
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (isExpression(value)) return EXPRESSION;
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

function holdsExpression(value: unknown): boolean {
	if (isExpression(value)) return true;
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') {
		return Object.values(value as Record<string, unknown>).some(holdsExpression);
	}
	return false;
}
