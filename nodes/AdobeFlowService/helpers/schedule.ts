import type { IDataObject } from 'n8n-workflow';

/**
 * A dataflow's schedule and its Copy transformation, checked against the rules of the CRMToAEP
 * flow spec's scheduleSpec and transformationSpec, so that a flow Adobe would refuse is refused
 * here, naming the rule, before a single request.
 */

export const FREQUENCIES = ['once', 'minute', 'hour', 'day', 'week'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** The smallest interval Adobe accepts per frequency (scheduleSpec). */
export const MIN_INTERVAL: Record<Exclude<Frequency, 'once'>, number> = {
	minute: 15,
	hour: 1,
	day: 1,
	week: 1,
};

/** Flow Service's table-source flow spec: its Copy transformation requires a delta column. */
export const CRM_TO_AEP_FLOW_SPEC_ID = '14518937-270c-4525-bdec-c2ba7cce3860';

export interface ScheduleInput {
	frequency: unknown;
	/** Empty (undefined, null or '') means not set. */
	interval?: unknown;
	backfill?: unknown;
	/** The Copy transformation's delta column name; empty means none. */
	deltaColumn?: unknown;
	/** Epoch seconds, already read from the Start Time parameter. */
	startTime: number;
	/** Whether the flow spec's Copy transformation needs a delta column (CRMToAEP does). */
	deltaColumnRequired: boolean;
}

export interface Schedule {
	frequency: Frequency;
	scheduleParams: IDataObject;
	deltaColumn?: string;
}

/** A broken schedule rule: which parameter, and what the rule says. */
export interface ScheduleProblem {
	parameter: 'Frequency' | 'Interval' | 'Backfill' | 'Delta Column';
	rule: string;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Checks the schedule and returns Adobe's `scheduleParams` in the types its schema gives
 * (startTime and interval as integers, backfill as a boolean), or the first rule broken.
 */
export function buildSchedule(input: ScheduleInput): Schedule | ScheduleProblem {
	const raw = typeof input.frequency === 'string' ? input.frequency.trim() : input.frequency;
	if (!FREQUENCIES.includes(raw as Frequency)) {
		return {
			parameter: 'Frequency',
			rule: `must be one of ${FREQUENCIES.join(', ')} (got ${JSON.stringify(raw ?? null)})`,
		};
	}
	const frequency = raw as Frequency;
	const deltaColumn =
		typeof input.deltaColumn === 'string' ? input.deltaColumn.trim() : input.deltaColumn;
	if (frequency === 'once') {
		// A one-time flow ingests one window: Adobe rejects each of these on it.
		if (!isEmpty(input.interval)) {
			return {
				parameter: 'Interval',
				rule: 'must be empty when Frequency is once (Adobe: 1361-400)',
			};
		}
		if (!isEmpty(input.backfill)) {
			return {
				parameter: 'Backfill',
				rule: 'must be empty when Frequency is once (Adobe: 1364-400)',
			};
		}
		if (!isEmpty(deltaColumn)) {
			return {
				parameter: 'Delta Column',
				rule: 'must be empty when Frequency is once (Adobe: 1369-400)',
			};
		}
		return { frequency, scheduleParams: { startTime: input.startTime, frequency } };
	}

	const minimum = MIN_INTERVAL[frequency];
	const interval = Number(input.interval);
	if (
		isEmpty(input.interval) ||
		typeof input.interval === 'boolean' ||
		!Number.isInteger(interval)
	) {
		return {
			parameter: 'Interval',
			rule: `must be a whole number of at least ${minimum} when Frequency is ${frequency} (got ${JSON.stringify(input.interval ?? null)})`,
		};
	}
	if (interval < minimum) {
		return {
			parameter: 'Interval',
			rule: `must be at least ${minimum} when Frequency is ${frequency} (got ${interval})${frequency === 'minute' ? ': Adobe runs minute flows every 15 minutes at most' : ''}`,
		};
	}
	let backfill = true;
	if (!isEmpty(input.backfill)) {
		if (input.backfill === true || input.backfill === 'true') backfill = true;
		else if (input.backfill === false || input.backfill === 'false') backfill = false;
		else {
			return {
				parameter: 'Backfill',
				rule: `must be true or false (got ${JSON.stringify(input.backfill)})`,
			};
		}
	}
	if (!isEmpty(deltaColumn) && typeof deltaColumn !== 'string') {
		return { parameter: 'Delta Column', rule: 'must be a column name (text)' };
	}
	if (isEmpty(deltaColumn) && input.deltaColumnRequired) {
		return {
			parameter: 'Delta Column',
			rule: `is required when Frequency is ${frequency}: the Copy transformation reads new rows by it (Adobe: 1367-400)`,
		};
	}
	return {
		frequency,
		scheduleParams: { startTime: input.startTime, frequency, interval, backfill },
		deltaColumn: isEmpty(deltaColumn) ? undefined : (deltaColumn as string),
	};
}

export function isScheduleProblem(value: Schedule | ScheduleProblem): value is ScheduleProblem {
	return 'rule' in value;
}

/**
 * Epoch seconds from a Start Time parameter: a date-time text (n8n's date picker gives one
 * without an offset, meant in the workflow's time zone), a Date or Luxon DateTime from an
 * expression, or a number (seconds; a value this large can only be milliseconds).
 */
export function toEpochSeconds(raw: unknown, timeZone: string): number | undefined {
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw) || raw <= 0) return undefined;
		return Math.floor(raw >= 1e11 ? raw / 1000 : raw);
	}
	if (raw instanceof Date) return dateSeconds(raw.getTime());
	if (
		raw &&
		typeof raw === 'object' &&
		typeof (raw as { toMillis?: unknown }).toMillis === 'function'
	) {
		return dateSeconds((raw as { toMillis: () => number }).toMillis());
	}
	if (typeof raw !== 'string' || !raw.trim()) return undefined;
	const text = raw.trim();
	if (/^\d+$/.test(text)) return toEpochSeconds(Number(text), timeZone);
	const wallTime = text.match(
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/,
	);
	if (wallTime) {
		const [year, month, day, hour = '0', minute = '0', second = '0'] = wallTime.slice(1);
		const asUtc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
		if (Number.isNaN(asUtc)) return undefined;
		// The zone's offset at that wall time; a second look settles days when clocks change.
		const guess = asUtc - zoneOffsetMs(asUtc, timeZone);
		return dateSeconds(asUtc - zoneOffsetMs(guess, timeZone));
	}
	// Anything with an offset or a Z says which instant it means.
	return /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? dateSeconds(Date.parse(text)) : undefined;
}

function dateSeconds(ms: number): number | undefined {
	return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : undefined;
}

/** How far `timeZone` is ahead of UTC around the given instant, in milliseconds. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(utcMs));
	} catch {
		return 0; // an unknown zone name: read the time as UTC
	}
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const shown = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return shown - Math.floor(utcMs / 1000) * 1000;
}
