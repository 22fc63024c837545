// Pins the onboarding fixtures (flow specs, Data Lake target, error codes) to
// /work/shared/docs/flow-service-onboarding.md, so the emulator cannot drift from the facts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
	CLOUD_STORAGE_TO_AEP_ID,
	crmToAepFlowSpec,
	DATABASE_SPEC_IDS,
	DATA_LAKE_TARGET_SPEC_ID,
} from './data/flowSpecs';
import { onboardingErrors } from './errors';
import { DATA_LAKE_SPEC_ID, XED_FULL_V1 } from './routes/targetConnections';
import { REDSHIFT_SPEC_ID } from './specs';

const FACTS_FILE = resolve(__dirname, '../../../shared/docs/flow-service-onboarding.md');

describe('CRMToAEP flow spec fixture', () => {
	it('has the ids of §5 and lists Redshift and the Data Lake target', () => {
		expect(crmToAepFlowSpec).toMatchObject({
			id: '14518937-270c-4525-bdec-c2ba7cce3860',
			name: 'CRMToAEP',
			providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
			targetConnectionSpecIds: ['c604ff05-7f1a-43c0-8e18-33bf874cb11c'],
			attributes: { defaultRecordType: 'profile', frequency: 'batch', isSourceFlow: true },
		});
		expect(crmToAepFlowSpec.sourceConnectionSpecIds).toEqual(
			expect.arrayContaining(DATABASE_SPEC_IDS),
		);
		expect(crmToAepFlowSpec.sourceConnectionSpecIds).toContain(REDSHIFT_SPEC_ID);
		expect(DATA_LAKE_SPEC_ID).toBe(DATA_LAKE_TARGET_SPEC_ID);
	});

	it('carries the validation blocks of §5: schedule, Copy with a required deltaColumn, Mapping', () => {
		const schedule = crmToAepFlowSpec.scheduleSpec.spec;
		expect(schedule.properties.frequency.enum).toEqual(['once', 'minute', 'hour', 'day', 'week']);
		expect(schedule.required).toEqual(['startTime', 'frequency']);
		expect(schedule.else.then.properties.interval.minimum).toBe(15);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const [copy, mapping] = crmToAepFlowSpec.transformationSpecs as any[];
		expect(copy.name).toBe('Copy');
		expect(copy.spec.required).toEqual(['deltaColumn']);
		expect(copy.spec.properties.deltaColumn.required).toEqual(['name']);
		expect(mapping.name).toBe('Mapping');
		expect(mapping.spec.properties).toEqual({
			mappingId: { type: 'string' },
			mappingVersion: { type: 'string' },
		});
		expect(crmToAepFlowSpec.runSpec.spec.required).toEqual([
			'startTime',
			'windowStartTime',
			'windowEndTime',
			'deltaColumn',
		]);
	});

	(existsSync(FACTS_FILE) ? it : it.skip)('matches the values written in the facts file', () => {
		const facts = readFileSync(FACTS_FILE, 'utf8');
		for (const value of [
			crmToAepFlowSpec.id,
			crmToAepFlowSpec.providerId,
			DATA_LAKE_SPEC_ID,
			CLOUD_STORAGE_TO_AEP_ID,
			XED_FULL_V1,
			...DATABASE_SPEC_IDS,
		]) {
			expect(facts).toContain(value);
		}
		expect(facts).toContain('`frequency` enum: `once | minute | hour | day | week`');
		expect(facts).toContain('minimum 15 for `minute`');
		expect(facts).toContain(
			'`Copy`: requires `deltaColumn{name (required), dateFormat, timezone}`',
		);
	});

	(existsSync(FACTS_FILE) ? it : it.skip)(
		'uses the error codes the facts file gives for each rule',
		() => {
			const facts = readFileSync(FACTS_FILE, 'utf8');
			const pinned: Array<[keyof typeof onboardingErrors, string]> = [
				['targetSpecNotDataLake', '1307-400'],
				['intervalWithOnce', '1361-400'],
				['backfillWithOnce', '1364-400'],
				['startTimeLocked', '1366-400'],
				['deltaColumnRequired', '1367-400'],
				['modeInBody', '1368-400'],
				['deltaColumnWithOnce', '1369-400'],
				['mappingMissing', '1370-400'],
				['windowReversed', '1381-400'],
				['deltaColumnChanged', '1382-400'],
				['deltaColumnMissing', '1383-400'],
				['onDemandNotOnce', '1386-400'],
				['cannotReTrigger', '1387-400'],
				['flowNotEnabled', '1388-400'],
				['frequencyLockedToOnce', '1403-400'],
				['backfillLocked', '1404-400'],
				['stateInBody', '1410-400'],
				['badMappingVersion', '1412-400'],
				['entityInUse', '1418-400'],
				['actionNotApplicable', '1422-400'],
				['schemaMismatch', '1425-400'],
				['flowNotFound', '1430-400'],
			];
			for (const [name, code] of pinned) {
				const make = onboardingErrors[name] as (...args: string[]) => {
					input: { code: string; status: number };
				};
				const { input } = make('x', 'y');
				expect(`${input.code}-${input.status}`).toBe(code);
				expect(facts).toContain(code.split('-')[0]);
			}
		},
	);
});
