/**
 * helpers/hostFeatures.ts on both kinds of host: one whose n8n-workflow exports
 * `sleepWithAbort` (n8n 1.123.x, 2.x) and one whose does not (n8n 1.85.x, n8n-workflow 1.83).
 * The module is loaded afresh against a stand-in n8n-workflow for each case, so the detection
 * runs exactly as it does at run time in such a host.
 */
import type * as HostFeatures from '../../nodes/AdobeFlowService/helpers/hostFeatures';

type Sleep = (ms: number) => Promise<void>;
type SleepWithAbort = (ms: number, signal?: AbortSignal) => Promise<void>;

interface Host {
	features: typeof HostFeatures;
	sleep: jest.Mock<Promise<void>, [number]>;
	sleepWithAbort?: jest.Mock<Promise<void>, [number, AbortSignal?]>;
}

/** Loads hostFeatures against the real n8n-workflow, with `sleep` (and `sleepWithAbort`) watched or removed. */
function loadHost({
	hasSleepWithAbort,
	sleepImpl,
}: {
	hasSleepWithAbort: boolean;
	sleepImpl?: Sleep;
}): Host {
	const actual = jest.requireActual<Record<string, unknown>>('n8n-workflow');
	const sleep = jest.fn<Promise<void>, [number]>(sleepImpl ?? (actual.sleep as Sleep));
	const sleepWithAbort = hasSleepWithAbort
		? jest.fn<Promise<void>, [number, AbortSignal?]>(actual.sleepWithAbort as SleepWithAbort)
		: undefined;
	let features: typeof HostFeatures | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => {
			const stub: Record<string, unknown> = { ...actual, sleep };
			if (sleepWithAbort) stub.sleepWithAbort = sleepWithAbort;
			else delete stub.sleepWithAbort;
			return stub;
		});
		features = jest.requireActual<typeof HostFeatures>(
			'../../nodes/AdobeFlowService/helpers/hostFeatures',
		);
	});
	jest.dontMock('n8n-workflow');
	return { features: features as typeof HostFeatures, sleep, sleepWithAbort };
}

function contextWith(signal: AbortSignal | undefined) {
	return { getExecutionCancelSignal: () => signal };
}

/** Runs `work` and aborts `controller` after `afterMs`; returns the outcome and how long it took. */
async function abortDuring(
	controller: AbortController,
	afterMs: number,
	work: () => Promise<HostFeatures.PauseOutcome>,
): Promise<{ outcome: HostFeatures.PauseOutcome; ms: number }> {
	const started = Date.now();
	const timer = setTimeout(() => controller.abort(), afterMs);
	try {
		const outcome = await work();
		return { outcome, ms: Date.now() - started };
	} finally {
		clearTimeout(timer);
	}
}

describe.each([
	{ host: 'n8n 1.123 / 2.x (sleepWithAbort exported)', hasSleepWithAbort: true },
	{ host: 'n8n 1.85 (no sleepWithAbort)', hasSleepWithAbort: false },
])('hostFeatures on $host', ({ hasSleepWithAbort }) => {
	it('detects sleepWithAbort only where the host exports it', () => {
		const { features } = loadHost({ hasSleepWithAbort });
		expect(typeof features.hostSleepWithAbort()).toBe(hasSleepWithAbort ? 'function' : 'undefined');
	});

	it('waits the full time when nobody cancels, through the path this host has', async () => {
		const { features, sleep, sleepWithAbort } = loadHost({ hasSleepWithAbort });
		const signal = new AbortController().signal;
		const started = Date.now();
		await expect(features.pause(contextWith(signal), 40)).resolves.toBe('elapsed');
		expect(Date.now() - started).toBeGreaterThanOrEqual(35);
		if (hasSleepWithAbort) {
			expect(sleepWithAbort).toHaveBeenCalledTimes(1);
			expect(sleepWithAbort).toHaveBeenCalledWith(40, signal);
			expect(sleep).not.toHaveBeenCalled();
		} else {
			expect(sleep).toHaveBeenCalledTimes(1);
			expect(sleep).toHaveBeenCalledWith(40);
		}
	});

	it('ends at once when the execution is cancelled mid-wait', async () => {
		const { features, sleep, sleepWithAbort } = loadHost({ hasSleepWithAbort });
		const controller = new AbortController();
		const { outcome, ms } = await abortDuring(controller, 30, () =>
			features.pause(contextWith(controller.signal), 10_000),
		);
		expect(outcome).toBe('cancelled');
		expect(ms).toBeLessThan(2_000);
		expect((hasSleepWithAbort ? sleepWithAbort : sleep)?.mock.calls).toHaveLength(1);
	});

	it('does not wait at all when the execution is already cancelled', async () => {
		const { features, sleep, sleepWithAbort } = loadHost({ hasSleepWithAbort });
		const controller = new AbortController();
		controller.abort();
		await expect(features.pause(contextWith(controller.signal), 10_000)).resolves.toBe('cancelled');
		expect(sleep).not.toHaveBeenCalled();
		expect(sleepWithAbort ?? jest.fn()).not.toHaveBeenCalled();
	});

	it('uses plain sleep in a context without a cancel signal (a poll or load-options context)', async () => {
		const { features, sleep, sleepWithAbort } = loadHost({ hasSleepWithAbort });
		await expect(features.pause({}, 5)).resolves.toBe('elapsed');
		await expect(features.pause(contextWith(undefined), 5)).resolves.toBe('elapsed');
		expect(sleep.mock.calls).toEqual([[5], [5]]);
		expect(sleepWithAbort ?? jest.fn()).not.toHaveBeenCalled();
	});

	it('is bounded: a huge wait is capped, a negative or non-numeric one is none', async () => {
		const { features, sleep, sleepWithAbort } = loadHost({
			hasSleepWithAbort: false,
			sleepImpl: async () => undefined,
		});
		expect(sleepWithAbort).toBeUndefined();
		await features.pause({}, 10 * 24 * 3600 * 1000);
		await features.pause({}, -5);
		await features.pause({}, Number.NaN);
		expect(sleep.mock.calls).toEqual([[features.MAX_PAUSE_MS], [0], [0]]);
	});
});

describe('hostFeatures fallback', () => {
	it('removes its abort listener once the wait is over', async () => {
		const { features } = loadHost({ hasSleepWithAbort: false });
		const controller = new AbortController();
		const removed = jest.spyOn(controller.signal, 'removeEventListener');
		await expect(features.pause(contextWith(controller.signal), 5)).resolves.toBe('elapsed');
		expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
	});

	it("waits its own way if the host's sleepWithAbort fails for another reason", async () => {
		const { features, sleep, sleepWithAbort } = loadHost({ hasSleepWithAbort: true });
		sleepWithAbort?.mockRejectedValueOnce(new Error('host failure'));
		await expect(features.pause(contextWith(new AbortController().signal), 5)).resolves.toBe(
			'elapsed',
		);
		expect(sleepWithAbort).toHaveBeenCalledTimes(1);
		expect(sleep.mock.calls).toEqual([[5]]);
	});
});

describe('hostFeatures on the dev copy of n8n-workflow', () => {
	it('finds sleepWithAbort there (2.11.1), the path the 2.x hosts take', () => {
		const features = jest.requireActual<typeof HostFeatures>(
			'../../nodes/AdobeFlowService/helpers/hostFeatures',
		);
		expect(features.hostSleepWithAbort()).toBe(
			jest.requireActual<Record<string, unknown>>('n8n-workflow').sleepWithAbort,
		);
	});
});
