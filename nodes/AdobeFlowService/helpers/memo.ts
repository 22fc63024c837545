import type { ExecutionState } from './types';

/**
 * A lookup done once per execution and shared by all items: a hundred items asking for the
 * same thing cost one request. A failed lookup is not remembered, so the next item tries again.
 */
export function once<T>(state: ExecutionState, key: string, load: () => Promise<T>): Promise<T> {
	let pending = state.memo.get(key) as Promise<T> | undefined;
	if (!pending) {
		pending = load();
		pending.catch(() => state.memo.delete(key));
		state.memo.set(key, pending);
	}
	return pending;
}
