// Connection Spec → Get Many, against the emulator.
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import {
	connectionSpecs,
	BIGQUERY_SPEC_ID,
	POSTGRESQL_SPEC_ID,
	SNOWFLAKE_SPEC_ID,
	REDSHIFT_PROVIDER_ID,
	REDSHIFT_SPEC_ID,
	S3_EXPORT_SPEC_ID,
	S3_PROVIDER_ID,
	S3_SPEC_ID,
} from '../emulator/specs';
import { runWorkflow } from '../harness/runWorkflow';
import { BASE, emulatorCredential, flowRequests, specWorkflow } from './helpers';

let emu: FlowServiceEmulator;
const run = (parameters: Record<string, unknown>, inputItems?: IDataObject[]) =>
	runWorkflow(specWorkflow(parameters), { credentials: [emulatorCredential(emu)], inputItems });
const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.id);

beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

describe('Connection Spec → Get Many', () => {
	it('lists every spec with Return All, one item per spec as Adobe returns it', async () => {
		const result = await run({ returnAll: true });
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(result.output('Adobe')).toEqual(JSON.parse(JSON.stringify(connectionSpecs)));
		const requests = flowRequests(emu);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			path: `${BASE}/connectionSpecs`,
			query: {},
		});
	});

	it('stops at Limit (default 50 when not set), without asking Adobe to page the catalogue', async () => {
		const limited = await run({ returnAll: false, limit: 2 });
		expect(ids(limited.output('Adobe'))).toEqual([REDSHIFT_SPEC_ID, POSTGRESQL_SPEC_ID]);
		expect(limited.items('Adobe').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
		]);

		const byDefault = await run({});
		expect(byDefault.output('Adobe')).toHaveLength(connectionSpecs.length);
		for (const request of flowRequests(emu)) expect(request.query).toEqual({});
	});

	it('filters by name with the same quoting as Get', async () => {
		const result = await run({ returnAll: true, filters: { name: 'postgre-sql' } });
		expect(ids(result.output('Adobe'))).toEqual([POSTGRESQL_SPEC_ID]);
		expect(flowRequests(emu)[0].query).toEqual({ property: 'name=="postgre-sql"' });
	});

	it('filters by provider ID (lower-cased)', async () => {
		const result = await run({
			returnAll: true,
			filters: { providerId: S3_PROVIDER_ID.toUpperCase() },
		});
		expect(ids(result.output('Adobe'))).toEqual([S3_SPEC_ID, S3_EXPORT_SPEC_ID]);
		expect(flowRequests(emu)[0].query).toEqual({ property: `providerId=="${S3_PROVIDER_ID}"` });
	});

	it('filters by category (attributes.category)', async () => {
		const result = await run({ returnAll: true, filters: { category: 'cloudStorage' } });
		expect(ids(result.output('Adobe'))).toEqual([S3_SPEC_ID, S3_EXPORT_SPEC_ID]);
		expect(flowRequests(emu)[0].query).toEqual({ property: 'attributes.category=="cloudStorage"' });
	});

	it('keeps sources only (attributes.isSource==true), and sends nothing when it is off', async () => {
		const sources = await run({ returnAll: true, filters: { sourceOnly: true } });
		expect(ids(sources.output('Adobe'))).toEqual([
			REDSHIFT_SPEC_ID,
			POSTGRESQL_SPEC_ID,
			S3_SPEC_ID,
			SNOWFLAKE_SPEC_ID,
			BIGQUERY_SPEC_ID,
		]);
		expect(flowRequests(emu)[0].query).toEqual({ property: 'attributes.isSource==true' });

		emu.reset();
		await run({ returnAll: true, filters: { sourceOnly: false } });
		expect(flowRequests(emu)[0].query).toEqual({});
	});

	it('ANDs filters as repeated property parameters', async () => {
		const result = await run({
			returnAll: true,
			filters: { providerId: S3_PROVIDER_ID, category: 'cloudStorage', sourceOnly: true },
		});
		expect(ids(result.output('Adobe'))).toEqual([S3_SPEC_ID]);
		expect(flowRequests(emu)[0].query).toEqual({
			property: [
				`providerId=="${S3_PROVIDER_ID}"`,
				'attributes.category=="cloudStorage"',
				'attributes.isSource==true',
			],
		});
	});

	it('outputs nothing (and no error) when no spec matches', async () => {
		const result = await run({
			returnAll: true,
			filters: { providerId: REDSHIFT_PROVIDER_ID, category: 'crm' },
		});
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(result.output('Adobe')).toEqual([]);
	});

	it('lists once per execution when many items ask the same', async () => {
		const result = await run({ returnAll: true, filters: { name: 'amazon-redshift' } }, [
			{},
			{},
			{},
		]);
		expect(ids(result.output('Adobe'))).toEqual([
			REDSHIFT_SPEC_ID,
			REDSHIFT_SPEC_ID,
			REDSHIFT_SPEC_ID,
		]);
		expect(result.items('Adobe').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(flowRequests(emu)).toHaveLength(1);
	});

	it.each([
		[{ providerId: 'not-a-uuid' }, 'Filter "Provider ID" must be a UUID'],
		[{ name: 'amazon-redshift" or name=="x' }, 'Filter "Name" must be a connection spec name'],
		[{ name: 'a,b' }, 'Filter "Name" must be a connection spec name'],
		[{ category: 'cloud"Storage' }, 'Filter "Category" must be a category'],
	])('refuses the filter %j before sending anything', async (filters, message) => {
		const result = await run({ returnAll: true, filters });
		const error = result.nodeError('Adobe');
		expect(String(error?.message)).toContain(message);
		expect(String(error?.message)).toContain('[item 0]');
		expect(flowRequests(emu)).toHaveLength(0);
	});

	it('refuses a Limit below 1', async () => {
		const result = await run({ returnAll: false, limit: 0 });
		expect(String(result.nodeError('Adobe')?.message)).toContain(
			'Limit must be a whole number of at least 1',
		);
		expect(flowRequests(emu)).toHaveLength(0);
	});
});
