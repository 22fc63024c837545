import * as n8nWorkflow from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * Optional n8n APIs, detected at run time. The package is compiled against a 2.x n8n-workflow
 * but runs on the host's copy, and the oldest supported host (n8n 1.85, n8n-workflow 1.83)
 * lacks some of what 2.x has. Every API newer than that floor is looked up here, with a
 * fallback, so no other module has to know which host it runs in.
 *
 * - `sleepWithAbort(ms, signal)`: not in n8n-workflow 1.83 (n8n 1.85.x); present in 1.120
 *   (n8n 1.123.x) and 2.x.
 * - `getExecutionCancelSignal()`: on execute contexts since before 1.85, but not on every
 *   context (poll and load-options contexts have none), so it is optional here too.
 */

type SleepWithAbort = (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/** The part of a node context this module reads; every n8n context fits it. */
export interface CancellableContext {
	getExecutionCancelSignal?: () => AbortSignal | undefined;
}

/** No single pause lasts longer than this, whatever a caller (or a Retry-After) asks for. */
export const MAX_PAUSE_MS = 5 * 60_000;

export type PauseOutcome = 'elapsed' | 'cancelled';

/** The host's `sleepWithAbort`, or undefined where its n8n-workflow does not export one. */
export function hostSleepWithAbort(): SleepWithAbort | undefined {
	const candidate = (n8nWorkflow as Record<string, unknown>).sleepWithAbort;
	return typeof candidate === 'function' ? (candidate as SleepWithAbort) : undefined;
}

/** The signal n8n aborts when the user stops the execution, where the context offers one. */
export function cancelSignalOf(context: CancellableContext): AbortSignal | undefined {
	return typeof context.getExecutionCancelSignal === 'function'
		? context.getExecutionCancelSignal()
		: undefined;
}

/**
 * Waits `ms` (clamped to 0..MAX_PAUSE_MS), or less if the execution is cancelled meanwhile.
 * Resolves with what happened instead of throwing, so the caller decides what a cancelled
 * wait means (stop polling, end the item) and which error, if any, to raise.
 */
export async function pause(context: CancellableContext, ms: number): Promise<PauseOutcome> {
	const waitMs = Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_PAUSE_MS) : 0;
	const signal = cancelSignalOf(context);
	if (signal?.aborted) return 'cancelled';
	if (!signal) {
		await sleep(waitMs);
		return 'elapsed';
	}
	const sleepWithAbort = hostSleepWithAbort();
	if (sleepWithAbort) {
		try {
			await sleepWithAbort(waitMs, signal);
			return 'elapsed';
		} catch {
			// It rejects when the signal aborts; any other failure of the host's helper is not
			// worth failing the item for: wait our own way instead.
			if (signal.aborted) return 'cancelled';
		}
	}
	return await sleepUnlessAborted(waitMs, signal);
}

/**
 * The fallback for hosts without `sleepWithAbort`: `sleep` raced against the signal. The
 * node may not use timers itself, so the sleep's own timer runs out in the background after
 * a cancel (at most MAX_PAUSE_MS); the caller is released at once.
 */
async function sleepUnlessAborted(waitMs: number, signal: AbortSignal): Promise<PauseOutcome> {
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<PauseOutcome>((resolve) => {
		onAbort = () => resolve('cancelled');
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([sleep(waitMs).then((): PauseOutcome => 'elapsed'), aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}
