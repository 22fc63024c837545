import {
	buildSchedule,
	isScheduleProblem,
	toEpochSeconds,
} from '../../nodes/AdobeFlowService/helpers/schedule';
import type { ScheduleInput } from '../../nodes/AdobeFlowService/helpers/schedule';
import {
	mappingSetBody,
	mappingSetKey,
	readMappings,
	storedMappingSetKey,
} from '../../nodes/AdobeFlowService/helpers/mappings';
import type { Mapping } from '../../nodes/AdobeFlowService/helpers/mappings';

const START = 1_893_456_000; // 2030-01-01T00:00:00Z
const schedule = (input: Partial<ScheduleInput>) =>
	buildSchedule({ frequency: 'minute', startTime: START, deltaColumnRequired: true, ...input });

describe('buildSchedule: the rules of the CRMToAEP scheduleSpec', () => {
	it('builds native-typed scheduleParams for a periodic flow, backfill true by default', () => {
		expect(schedule({ interval: 15, deltaColumn: 'updated_at' })).toEqual({
			frequency: 'minute',
			scheduleParams: { startTime: START, frequency: 'minute', interval: 15, backfill: true },
			deltaColumn: 'updated_at',
		});
		expect(
			schedule({ frequency: 'week', interval: '2', backfill: 'false', deltaColumn: 'd' }),
		).toEqual({
			frequency: 'week',
			scheduleParams: { startTime: START, frequency: 'week', interval: 2, backfill: false },
			deltaColumn: 'd',
		});
	});

	it('builds a once flow with only startTime and frequency', () => {
		expect(schedule({ frequency: 'once' })).toEqual({
			frequency: 'once',
			scheduleParams: { startTime: START, frequency: 'once' },
		});
	});

	it.each([
		[{ frequency: 'once', interval: 15 }, 'Interval', /empty when Frequency is once.*1361-400/],
		[{ frequency: 'once', backfill: true }, 'Backfill', /empty when Frequency is once.*1364-400/],
		[{ frequency: 'once', backfill: false }, 'Backfill', /1364-400/],
		[{ frequency: 'once', deltaColumn: 'updated_at' }, 'Delta Column', /1369-400/],
		[{ interval: 14, deltaColumn: 'd' }, 'Interval', /at least 15 when Frequency is minute/],
		[{ interval: 1, deltaColumn: 'd' }, 'Interval', /at least 15/],
		[
			{ frequency: 'hour', interval: 0, deltaColumn: 'd' },
			'Interval',
			/at least 1 when Frequency is hour/,
		],
		[{ frequency: 'day', interval: 1.5, deltaColumn: 'd' }, 'Interval', /whole number/],
		[{ frequency: 'day', deltaColumn: 'd' }, 'Interval', /whole number of at least 1/],
		[{ frequency: 'day', interval: true, deltaColumn: 'd' }, 'Interval', /whole number/],
		[
			{ frequency: 'hour', interval: 1 },
			'Delta Column',
			/required when Frequency is hour.*1367-400/,
		],
		[
			{ frequency: 'hour', interval: 1, deltaColumn: 'd', backfill: 'yes' },
			'Backfill',
			/true or false/,
		],
		[
			{ frequency: 'month', interval: 1 },
			'Frequency',
			/once, minute, hour, day, week \(got "month"\)/,
		],
		[{ frequency: undefined }, 'Frequency', /got null/],
	])('%j breaks a rule of %s', (input, parameter, rule) => {
		const result = schedule(input as Partial<ScheduleInput>);
		expect(isScheduleProblem(result)).toBe(true);
		expect(result).toMatchObject({ parameter, rule: expect.stringMatching(rule) });
	});

	it('lets a flow spec without a Copy delta column go without one', () => {
		expect(schedule({ frequency: 'hour', interval: 3, deltaColumnRequired: false })).toMatchObject({
			scheduleParams: { interval: 3 },
			deltaColumn: undefined,
		});
	});
});

describe('toEpochSeconds', () => {
	it('reads a wall time in the workflow time zone, and instants as they are', () => {
		expect(toEpochSeconds('2030-01-01T00:00:00', 'UTC')).toBe(START);
		expect(toEpochSeconds('2030-01-01T01:00:00', 'Europe/Berlin')).toBe(START);
		expect(toEpochSeconds('2030-07-01T02:00:00', 'Europe/Berlin')).toBe(START + 181 * 86400);
		expect(toEpochSeconds('2029-12-31T19:00:00', 'America/New_York')).toBe(START);
		expect(toEpochSeconds('2030-01-01', 'UTC')).toBe(START);
		expect(toEpochSeconds('2030-01-01T09:00:00+09:00', 'Europe/Berlin')).toBe(START);
		expect(toEpochSeconds('2030-01-01T00:00:00.000Z', 'Asia/Tokyo')).toBe(START);
		expect(toEpochSeconds(START, 'UTC')).toBe(START);
		expect(toEpochSeconds(START * 1000, 'UTC')).toBe(START);
		expect(toEpochSeconds(String(START), 'UTC')).toBe(START);
		expect(toEpochSeconds(new Date(START * 1000), 'UTC')).toBe(START);
		expect(toEpochSeconds({ toMillis: () => START * 1000 }, 'UTC')).toBe(START);
	});

	it.each([[''], ['tomorrow'], ['2030-13-45T99:00:00x'], [-5], [Number.NaN], [null], [{}]])(
		'refuses %j',
		(raw) => {
			expect(toEpochSeconds(raw, 'UTC')).toBeUndefined();
		},
	);
});

describe('mappings', () => {
	const schemaId = 'https://ns.adobe.com/acme/schemas/0123abcd';
	const wanted: Mapping[] = [
		{ sourceType: 'ATTRIBUTE', source: 'id', destination: '_id' },
		{ sourceType: 'ATTRIBUTE', source: 'first_name', destination: 'person.name.firstName' },
	];

	it('reads pairs, Data Prep style and the legacy style alike, from a list or JSON text', () => {
		expect(
			readMappings([
				{ sourceColumn: 'id', destinationXdmPath: '_id' },
				{ source: 'first_name', destination: 'person.name.firstName', sourceType: 'attribute' },
			]),
		).toEqual(wanted);
		expect(
			readMappings(
				'[{"sourceAttribute":"id","destinationXdmPath":"_id"},{"source":"first_name","destination":"person.name.firstName"}]',
			),
		).toEqual(wanted);
	});

	it.each([
		['{}', /list of mappings/],
		[[], /at least one/],
		['[', /not valid JSON/],
		[[{ destination: '_id' }], /entry 1 has no source column/],
		[[{ source: 'id' }], /entry 1 \(id\) has no destination/],
		[[{ source: 'id', destination: 'person name' }], /not an XDM path/],
		[
			[
				{ source: 'a', destination: '_id' },
				{ source: 'b', destination: '_id' },
			],
			/entry 2 maps a second column onto _id/,
		],
		[[{ source: 'a', destination: '_id', sourceType: 'COLUMN' }], /ATTRIBUTE, EXPRESSION, STATIC/],
		[['id'], /entry 1 must be an object/],
	])('refuses %j', (raw, problem) => {
		expect(readMappings(raw)).toEqual({ problem: expect.stringMatching(problem) });
	});

	it('builds the current Data Prep body', () => {
		expect(mappingSetBody(schemaId, wanted)).toEqual({
			outputSchema: {
				schemaRef: { id: schemaId, contentType: 'application/vnd.adobe.xed-full+json;version=1' },
			},
			mappings: wanted,
		});
	});

	it('knows a stored set as the same whatever the order and spelling Adobe echoes', () => {
		const stored = {
			id: 'e7c80e4c0d8f4a98a7d400b4e178b635',
			outputSchema: { schemaRef: { id: schemaId, contentType: 'x' } },
			mappings: [
				{
					sourceType: 'text/x.schema-path',
					source: 'first_name',
					destination: 'person.name.firstName',
					sourceAttribute: 'first_name',
					destinationXdmPath: 'person.name.firstName',
				},
				{ sourceType: 'text/x.schema-path', sourceAttribute: 'id', destinationXdmPath: '_id' },
			],
		};
		expect(storedMappingSetKey(stored)).toBe(mappingSetKey(schemaId, wanted));
		expect(storedMappingSetKey({ ...stored, outputSchema: undefined, xdmSchema: schemaId })).toBe(
			mappingSetKey(schemaId, wanted),
		);
		expect(storedMappingSetKey({ ...stored, mappings: stored.mappings.slice(1) })).not.toBe(
			mappingSetKey(schemaId, wanted),
		);
		expect(mappingSetKey('https://ns.adobe.com/acme/schemas/other', wanted)).not.toBe(
			mappingSetKey(schemaId, wanted),
		);
		expect(storedMappingSetKey({ id: 'x' })).toBeUndefined();
	});
});
