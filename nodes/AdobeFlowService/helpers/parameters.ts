import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * Reads a node parameter, once per execution when its value cannot differ between items.
 *
 * n8n resolves a parameter per item only through expressions (`={{ … }}`). A parameter whose
 * stored value holds no expression, at any depth, resolves the same for every item, yet each
 * `getNodeParameter` call copies, resolves and validates it again (a measurable part of a
 * create's CPU in n8n 2.x). Such values are read at the first item and reused; anything that
 * holds an expression is read per item, as before. Callers get their own copy, as from n8n.
 *
 * The cache is keyed by the execution's context object, so it lives exactly as long as one
 * execution of the node and is never shared between executions or workers.
 */
interface ParameterCache {
	raw: INodeParameters;
	values: Map<string, NodeParameterValueType | object>;
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
	let cache = caches.get(context);
	if (!cache) {
		// getNode() hands out a deep copy of the node: take it once per execution.
		cache = { raw: context.getNode().parameters, values: new Map() };
		caches.set(context, cache);
	}
	const raw = rawValue(cache.raw, name);
	if (raw === EXPRESSION || holdsExpression(raw)) {
		return context.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType);
	}
	const key = `${name}\u0000${typeof fallback === 'object' ? JSON.stringify(fallback) : String(fallback)}`;
	if (!cache.values.has(key)) {
		cache.values.set(
			key,
			context.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType),
		);
	}
	const value = cache.values.get(key) as NodeParameterValueType | object;
	return value !== null && typeof value === 'object' ? structuredClone(value) : value;
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
