import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidParameter } from './errors';
export { canonicalKey } from './canonicalKey';
import { readParameter } from './parameters';
import type { ExecutionState } from './types';

/**
 * The one create path. Every operation that creates something in Adobe (base, source and
 * target connections, mapping sets, dataflows, on-demand flow runs) goes through
 * `createOrReuse`, so that a re-run, two items in one run, or a create whose answer was lost
 * never leaves a duplicate behind.
 *
 * How a new create uses it, in its `execute`:
 *
 *   const { entity, reused } = await createOrReuse.call(this, state, itemIndex, {
 *     ifExists: params.ifExists,             // 'reuse' | 'create' | 'fail' (readIfExists)
 *     existing: {                            // how "the same thing" is recognised
 *       scope: `flows:${params.flowSpecId}`, // one listing per scope per execution
 *       key: params.name,                    // this create's identity...
 *       keyOf: (flow) => flow.name,          // ...and a listed entity's (same form)
 *       list: () => listAll.call(...),       // what exists in the scope
 *       lookUp: () => listAll.call(...),     // one narrow look-up for `key` alone
 *     },
 *     send: (findCreated) => flowServiceRequest.call(this, state,
 *       { method: 'POST', path: '/flows', body, findCreated }, itemIndex),
 *     alreadyExists: (flow) => operationError(...), // the error for ifExists 'fail'
 *   });
 *
 * Things without a name (a Data Prep mapping set) make their key from what defines them,
 * e.g. `canonicalKey({ outputSchema, mappings })`, and `keyOf` builds the same from a listed
 * one. A create that must never be sent twice blindly but has nothing to reuse (an on-demand
 * run) passes `ifExists: 'create'` and `findLost`, which alone decides whether a lost POST
 * went through. A dry run (Validate Only) collects problems with `problemCollector` in
 * `prepare` and reports them with `dryRunResult` instead of calling `createOrReuse`.
 */

export type IfExists = 'reuse' | 'create' | 'fail';

/** Looks for what a create whose answer was lost would have made; undefined proves nothing was. */
export type FindCreated = () => Promise<IDataObject | undefined>;

export interface ExistingLookup {
	/** Items whose creates share a scope share one listing per execution. */
	scope: string;
	/** This create's identity within the scope: its name, or a fingerprint of what defines it. */
	key: string;
	/** The identity of a listed entity, in the form of `key`; undefined leaves it out. */
	keyOf: (entity: IDataObject) => string | undefined;
	/** Everything that exists in the scope. Called at most once per scope per execution. */
	list: () => Promise<IDataObject[]>;
	/** One narrow look-up for `key`, used only after a create failed without a clear answer. */
	lookUp: FindCreated;
}

export interface CreateRequest {
	ifExists: IfExists;
	/** Required unless ifExists is 'create'. */
	existing?: ExistingLookup;
	/** Sends the POST, passing `findCreated` on to transport (undefined: never sent twice). */
	send: (findCreated: FindCreated | undefined) => Promise<{ body: IDataObject }>;
	/** The error thrown when ifExists is 'fail' and `existing` found one. */
	alreadyExists?: (entity: IDataObject) => Error;
	/** With ifExists 'create': how to learn whether a lost create went through. */
	findLost?: FindCreated;
}

export interface CreateOutcome {
	/** Adobe's answer to the create ({id, etag}), or the reused entity as listed. */
	entity: IDataObject;
	reused: boolean;
}

type ExistingByKey = Map<string, Promise<IDataObject | undefined>>;

/**
 * Reuses what exists, or creates it. The claim on a key is made in the same tick as the
 * look-up, so two items with one key in flight at once create one entity between them.
 */
export async function createOrReuse(
	this: IExecuteFunctions,
	state: ExecutionState,
	itemIndex: number,
	request: CreateRequest,
): Promise<CreateOutcome> {
	const { existing } = request;
	if (request.ifExists === 'create' || !existing) {
		const response = await request.send(request.findLost);
		return { entity: response.body, reused: false };
	}
	const byKey = await existingByKey(state, existing);
	const known = byKey.get(existing.key);
	// A create with the same key that failed earlier in this execution is no reason to fail this item.
	const found = known ? await known.catch(() => undefined) : undefined;
	if (found) {
		if (request.ifExists === 'fail' && request.alreadyExists) throw request.alreadyExists(found);
		return { entity: found, reused: true };
	}
	// Read again after the await above: another item may have claimed the key meanwhile.
	const claimed = byKey.get(existing.key);
	if (claimed && claimed !== known) {
		const sibling = await claimed.catch(() => undefined);
		if (sibling) return { entity: sibling, reused: true };
	}
	const creating = request.send(existing.lookUp).then((response) => response.body);
	// Items that find this claim handle its failure themselves; it must not go unhandled here.
	creating.catch(() => undefined);
	byKey.set(existing.key, creating);
	return { entity: await creating, reused: false };
}

/**
 * What exists in a scope, by key: listed once per execution (not one GET per item), then kept
 * current with what this execution creates. A failed listing is forgotten, so the next item
 * lists again.
 */
async function existingByKey(
	state: ExecutionState,
	existing: ExistingLookup,
): Promise<ExistingByKey> {
	const memoKey = `create-or-reuse:${existing.scope}`;
	let listing = state.memo.get(memoKey) as Promise<ExistingByKey> | undefined;
	if (!listing) {
		listing = existing.list().then((entities) => {
			const byKey: ExistingByKey = new Map();
			// Oldest first, so that among duplicates the original is the one reused.
			const sorted = [...entities].sort(
				(a, b) => Number(a.createdAt ?? 0) - Number(b.createdAt ?? 0),
			);
			for (const entity of sorted) {
				const key = existing.keyOf(entity);
				if (key !== undefined && !byKey.has(key)) byKey.set(key, Promise.resolve(entity));
			}
			return byKey;
		});
		listing.catch(() => state.memo.delete(memoKey));
		state.memo.set(memoKey, listing);
	}
	return await listing;
}

/** Reads `options.ifExists`, which an expression could set to anything. */
export function readIfExists(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
): IfExists {
	const raw = readParameter(context, 'options.ifExists', itemIndex, 'reuse');
	if (raw === 'reuse' || raw === 'create' || raw === 'fail') return raw;
	throw invalidParameter(
		context.getNode(),
		itemIndex,
		label,
		`must be reuse, create or fail (got ${describeValue(raw)})`,
	);
}

/**
 * For a dry run's `prepare`: runs a field check and, instead of throwing, notes its problem
 * (without the item suffix) and leaves the field out, so that the schema check can still
 * report what is missing. Without a list it is the check itself.
 */
export function problemCollector(problems?: string[]) {
	return <T>(read: () => T): T | undefined => {
		if (!problems) return read();
		try {
			return read();
		} catch (error) {
			problems.push((error as Error).message.replace(/ \[item \d+\]$/, ''));
			return undefined;
		}
	};
}

/** The output of a dry run: { valid, errors } and what would have been created. */
export function dryRunResult(errors: string[], described: IDataObject): IDataObject {
	return { valid: errors.length === 0, errors, ...described };
}
