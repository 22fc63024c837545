// Connection → Get and the connection picker (listSearch), against the emulator.
import type { IDataObject } from 'n8n-workflow';

import { MASK, startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import { runWorkflow } from '../harness/runWorkflow';
import {
	BASE,
	byId,
	connectionWorkflow,
	emulatorCredential,
	flowRequests,
	fromList,
	runListSearch,
	seedConnections,
} from './helpers';

let emu: FlowServiceEmulator;
const run = (parameters: Record<string, unknown>, inputItems?: IDataObject[], extra = {}) =>
	runWorkflow(connectionWorkflow('get', parameters, extra), {
		credentials: [emulatorCredential(emu)],
		inputItems,
	});

beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

describe('Connection → Get', () => {
	it('gets a connection by ID: the item as Adobe returns it, secrets masked', async () => {
		const [id] = await seedConnections(emu, ['Redshift analytics']);
		const result = await run({ connectionId: byId(id) });
		expect(result.nodeError('Adobe')).toBeUndefined();
		const [connection] = result.output('Adobe');
		expect(connection).toMatchObject({
			id,
			name: 'Redshift analytics',
			state: 'enabled',
			connectionSpec: { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' },
			auth: { specName: 'Basic Authentication', params: { password: MASK, username: 'awsuser' } },
		});
		expect(result.serialized).not.toContain('hunter2');
		const requests = flowRequests(emu);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ path: `${BASE}/connections/${id}`, query: {} });
	});

	it('gets a connection picked from the list (mode "list")', async () => {
		const [, id] = await seedConnections(emu, ['First', 'Second']);
		const result = await run({ connectionId: fromList(id, 'Second') });
		expect(result.output('Adobe')).toMatchObject([{ id, name: 'Second' }]);
	});

	it('takes the ID from an expression, one request per item, output paired', async () => {
		const seeded = await seedConnections(emu, ['A', 'B', 'C']);
		const result = await run(
			{ connectionId: byId('={{ $json.id }}') },
			seeded.map((id) => ({ id })),
		);
		expect(result.output('Adobe').map((item) => item.id)).toEqual(seeded);
		expect(result.items('Adobe').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it("turns a 404 (FLOW-1101-404) into a NodeApiError with Adobe's code and a hint", async () => {
		const missing = '00000000-0000-4000-8000-00000000dead';
		const result = await run({ connectionId: byId(missing) });
		const error = result.nodeError('Adobe');
		expect(error).toBeDefined();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Resource not found [FLOW-1101-404]');
		expect(error?.httpCode).toBe('404');
		expect(String(error?.description)).toContain('Nothing with this ID exists in this sandbox');
		expect(String(error?.description)).toMatch(/Adobe request ID: [0-9a-f-]{36}/);
		expect(flowRequests(emu)).toHaveLength(1);
	});

	it("lets n8n refuse a literal ID that is not a UUID (the By ID mode's regex)", async () => {
		await expect(run({ connectionId: byId('not-a-uuid') })).rejects.toThrow(/workflow has issues/);
		expect(emu.requests).toHaveLength(0);
	});

	it('refuses an ID from an expression that is not a UUID before sending anything', async () => {
		const result = await run({ connectionId: byId('={{ "../connectionSpecs" }}') });
		expect(String(result.nodeError('Adobe')?.message)).toBe(
			'Connection must be a connection ID (a UUID such as 9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c) (got "../connectionSpecs") [item 0]',
		);
		expect(emu.requests).toHaveLength(0);
	});

	it('refuses an empty picker', async () => {
		const result = await run({ connectionId: fromList('={{ "" }}') });
		expect(String(result.nodeError('Adobe')?.message)).toBe('Connection is empty [item 0]');
		expect(emu.requests).toHaveLength(0);
	});

	it('with continue-on-fail, a missing connection yields an error item in its place', async () => {
		const [id] = await seedConnections(emu, ['Kept']);
		const result = await run(
			{ connectionId: byId('={{ $json.id }}') },
			[{ id }, { id: '00000000-0000-4000-8000-00000000dead' }, { id: 'nope' }],
			{ onError: 'continueRegularOutput' },
		);
		const items = result.items('Adobe');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ id, name: 'Kept' });
		expect(items[1].json).toMatchObject({
			error: 'Resource not found [FLOW-1101-404]',
			httpCode: '404',
			adobeCode: 'FLOW-1101-404',
		});
		expect(String(items[2].json.error)).toContain('Connection must be a connection ID');
	});
});

describe('Connection picker: searchConnections (listSearch)', () => {
	it('lists connections sorted by name, with name, value (the ID) and a link', async () => {
		const [zed, alpha, mid] = await seedConnections(emu, [
			'Zed warehouse',
			'alpha lake',
			'Mid mart',
		]);
		const result = await runListSearch(emu);
		expect(result.results.map(({ name, value }) => ({ name, value }))).toEqual([
			{ name: 'Mid mart', value: mid },
			{ name: 'Zed warehouse', value: zed },
			{ name: 'alpha lake', value: alpha },
		]);
		for (const item of result.results) {
			expect(item.url).toBe(
				`https://experience.adobe.com/#/sname:prod/platform/source/accounts/${item.value}/activity`,
			);
		}
		expect(result.paginationToken).toBeUndefined();
		const requests = flowRequests(emu);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			path: `${BASE}/connections`,
			query: { orderby: 'name', limit: '50' },
		});
	});

	it('filters by a part of the name or ID, in any case', async () => {
		const [, redshiftProd, , redshiftDev] = await seedConnections(emu, [
			'S3 landing',
			'Redshift prod',
			'Postgres',
			'redshift DEV',
		]);
		const byName = await runListSearch(emu, 'REDSHIFT');
		expect(byName.results.map((item) => item.value)).toEqual([redshiftProd, redshiftDev]);

		const byIdPart = await runListSearch(emu, redshiftDev.slice(0, 13));
		expect(byIdPart.results.map((item) => item.name)).toEqual(['redshift DEV']);

		const none = await runListSearch(emu, 'snowflake');
		expect(none.results).toEqual([]);
		expect(none.paginationToken).toBeUndefined();
	});

	it('pages with the next link as the pagination token', async () => {
		const names = Array.from(
			{ length: 55 },
			(_, index) => `conn-${String(index).padStart(2, '0')}`,
		);
		await seedConnections(emu, names, undefined, 10);
		const first = await runListSearch(emu);
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toBe('conn-00');
		expect(typeof first.paginationToken).toBe('string');
		expect(first.paginationToken).toMatch(/^\/connections\?/);

		emu.requests.length = 0;
		const second = await runListSearch(emu, undefined, first.paginationToken as string);
		expect(second.results.map((item) => item.name)).toEqual(names.slice(50));
		expect(second.paginationToken).toBeUndefined();
		const [request] = flowRequests(emu);
		expect(request.query).toMatchObject({ orderby: 'name', limit: '50' });
		expect(typeof request.query.continuationToken).toBe('string');
	});

	it('with search text, reads on across pages until it has matches', async () => {
		const names = Array.from(
			{ length: 60 },
			(_, index) => `conn-${String(index).padStart(2, '0')}`,
		);
		names[57] = 'needle in page two';
		await seedConnections(emu, names, undefined, 10);
		const result = await runListSearch(emu, 'needle');
		expect(result.results.map((item) => item.name)).toEqual(['needle in page two']);
		expect(result.paginationToken).toBeUndefined();
		expect(flowRequests(emu)).toHaveLength(2);
	});

	it('reports Adobe errors as the usual NodeApiError', async () => {
		emu.inject({
			kind: 'status',
			status: 403,
			match: { path: '/connections' },
			body: {
				type: 'https://ns.adobe.com/aep/errors/FLOW-2118-403',
				title: 'Permission missing',
				status: 403,
			},
		});
		await expect(runListSearch(emu)).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Permission missing [FLOW-2118-403]',
		});
	});
});
