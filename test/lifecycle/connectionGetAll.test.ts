// Connection → Get Many: paging over `_links.next.href`, Limit, filters and sort, against the emulator.
import type { IDataObject } from 'n8n-workflow';

import { redshiftConnectionBody } from '../emulator/helpers';
import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator, StoredConnection } from '../emulator/server';
import { POSTGRESQL_SPEC_ID, REDSHIFT_SPEC_ID } from '../emulator/specs';
import { runWorkflow } from '../harness/runWorkflow';
import {
	BASE,
	connectionWorkflow,
	emulatorCredential,
	flowRequests,
	seedConnections,
} from './helpers';

let emu: FlowServiceEmulator;
const run = (parameters: Record<string, unknown>, inputItems?: IDataObject[]) =>
	runWorkflow(connectionWorkflow('getAll', parameters), {
		credentials: [emulatorCredential(emu)],
		inputItems,
	});
const names = (items: ReadonlyArray<{ name?: unknown }>) => items.map((item) => item.name);
/** The emulator's own order of creation (its createdAt tie-break). */
const created = (): StoredConnection[] => [...emu.connections.values()];

const postgresBody = (name: string) => ({
	name,
	auth: {
		specName: 'Connection String Based Authentication',
		params: {
			connectionString:
				'Server=pg.example.com;Database=shop;Port=5432;UID=reader;Password=pg-secret',
		},
	},
	connectionSpec: { id: POSTGRESQL_SPEC_ID, version: '1.0' },
});

beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

describe('Connection → Get Many: pages', () => {
	// 160 connections at 50 a page: four pages, so Return All follows _links.next.href 3 times.
	const COUNT = 160;
	const seedMany = () =>
		seedConnections(
			emu,
			// Names in an order unlike creation order, so that name and createdAt sorts differ.
			Array.from(
				{ length: COUNT },
				(_, index) => `conn-${String((index * 37) % COUNT).padStart(3, '0')}`,
			),
			undefined,
			20,
		);

	it('Return All follows _links.next.href to the last page, adding nothing to it', async () => {
		await seedMany();
		const result = await run({ returnAll: true });
		expect(result.nodeError('Adobe')).toBeUndefined();
		// The default sort is newest first.
		expect(names(result.output('Adobe'))).toEqual(names(created().reverse()));
		expect(new Set(result.output('Adobe').map((item) => item.id)).size).toBe(COUNT);

		const requests = flowRequests(emu);
		expect(requests.map((request) => [request.method, request.path])).toEqual(
			Array(4).fill(['GET', `${BASE}/connections`]),
		);
		expect(requests[0].query).toEqual({ orderby: '-createdAt', limit: '50' });
		for (const request of requests.slice(1)) {
			// Exactly what the emulator put in the link: token, page size, sort. No count, ever.
			expect(Object.keys(request.query).sort()).toEqual(['continuationToken', 'limit', 'orderby']);
			expect(request.query).toMatchObject({ orderby: '-createdAt', limit: '50' });
		}
		expect(new Set(requests.slice(1).map((request) => request.query.continuationToken)).size).toBe(
			3,
		);
		for (const request of requests) expect(request.query.count).toBeUndefined();
	});

	it('Limit asks for min(Limit, 50) and stops once it has enough', async () => {
		await seedMany();
		const sixty = await run({ returnAll: false, limit: 60 });
		expect(names(sixty.output('Adobe'))).toEqual(names(created().reverse().slice(0, 60)));
		expect(flowRequests(emu).map((request) => request.query.limit)).toEqual(['50', '50']);

		emu.requests.length = 0;
		const three = await run({ returnAll: false, limit: 3 });
		expect(three.output('Adobe')).toHaveLength(3);
		expect(flowRequests(emu)).toHaveLength(1);
		expect(flowRequests(emu)[0].query).toEqual({ orderby: '-createdAt', limit: '3' });

		emu.requests.length = 0;
		const byDefault = await run({});
		expect(byDefault.output('Adobe')).toHaveLength(50);
		expect(flowRequests(emu)).toHaveLength(1);
		expect(flowRequests(emu)[0].query).toEqual({ orderby: '-createdAt', limit: '50' });
	});

	it('keeps the sort across pages (name ascending, Return All)', async () => {
		await seedMany();
		const result = await run({ returnAll: true, sort: 'name' });
		const expected = created()
			.map((connection) => connection.name)
			.sort();
		expect(names(result.output('Adobe'))).toEqual(expected);
		for (const request of flowRequests(emu)) expect(request.query.orderby).toBe('name');
	});

	it('outputs one item per connection, paired with its input item, for each input item', async () => {
		await seedConnections(emu, ['A', 'B']);
		const result = await run({ returnAll: true, sort: 'name' }, [{}, {}]);
		expect(names(result.output('Adobe'))).toEqual(['A', 'B', 'A', 'B']);
		expect(result.items('Adobe').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	it('outputs nothing (and no error) for an empty sandbox', async () => {
		const result = await run({ returnAll: true });
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(result.output('Adobe')).toEqual([]);
	});
});

describe('Connection → Get Many: sort', () => {
	const byName = (list: StoredConnection[]) => list.map((connection) => connection.name).sort();
	it.each([
		['name', () => byName(created())],
		['-name', () => byName(created()).reverse()],
		['createdAt', () => names(created())],
		['-createdAt', () => names(created().reverse())],
	])('sends orderby=%s', async (sort, expected) => {
		await seedConnections(emu, ['delta', 'alpha', 'charlie', 'bravo']);
		const result = await run({ returnAll: true, sort });
		expect(names(result.output('Adobe'))).toEqual(expected());
		expect(flowRequests(emu)[0].query).toEqual({ orderby: sort, limit: '50' });
	});

	it('refuses a sort that an expression set to something else', async () => {
		const result = await run({ sort: '={{ "createdAt desc" }}' });
		expect(String(result.nodeError('Adobe')?.message)).toBe(
			'Sort must be one of name, -name, -createdAt, createdAt (got "createdAt desc") [item 0]',
		);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('Connection → Get Many: filters', () => {
	let redshiftIds: string[];
	let postgresIds: string[];
	beforeEach(async () => {
		redshiftIds = await seedConnections(emu, ['dup', 'dup', 'Redshift prod', "Bob's warehouse"]);
		postgresIds = await seedConnections(emu, ['dup', 'Postgres shop'], postgresBody);
		emu.connections.get(redshiftIds[1])!.state = 'disabled';
		emu.connections.get(postgresIds[1])!.state = 'disabled';
	});

	it('filters by exact name', async () => {
		const result = await run({ returnAll: true, sort: 'createdAt', filters: { name: 'dup' } });
		expect(result.output('Adobe').map((item) => item.id)).toEqual([
			...redshiftIds.slice(0, 2),
			postgresIds[0],
		]);
		expect(flowRequests(emu)[0].query).toEqual({
			property: 'name=="dup"',
			orderby: 'createdAt',
			limit: '50',
		});
	});

	it('lets an apostrophe through (only double quotes break the filter)', async () => {
		const result = await run({ returnAll: true, filters: { name: "Bob's warehouse" } });
		expect(result.output('Adobe').map((item) => item.id)).toEqual([redshiftIds[3]]);
	});

	it('filters by connection spec ID', async () => {
		const result = await run({
			returnAll: true,
			sort: 'createdAt',
			filters: { connectionSpecId: POSTGRESQL_SPEC_ID.toUpperCase() },
		});
		expect(result.output('Adobe').map((item) => item.id)).toEqual(postgresIds);
		expect(flowRequests(emu)[0].query.property).toBe(`connectionSpec.id=="${POSTGRESQL_SPEC_ID}"`);
	});

	it.each([
		['enabled', () => [redshiftIds[0], redshiftIds[2], redshiftIds[3], postgresIds[0]]],
		['disabled', () => [redshiftIds[1], postgresIds[1]]],
		['draft', () => []],
	])('filters by state %s', async (state, expected) => {
		const result = await run({ returnAll: true, sort: 'createdAt', filters: { state } });
		expect(result.output('Adobe').map((item) => item.id)).toEqual(expected());
		expect(flowRequests(emu)[0].query.property).toBe(`state=="${state}"`);
	});

	it('ANDs the filters as repeated property parameters, on every page', async () => {
		// Enough enabled Redshift "dup" connections for three pages.
		await seedConnections(
			emu,
			Array.from({ length: 120 }, () => 'dup'),
			(name) => redshiftConnectionBody(name),
			20,
		);
		const result = await run({
			returnAll: true,
			filters: { name: 'dup', connectionSpecId: REDSHIFT_SPEC_ID, state: 'enabled' },
		});
		expect(result.output('Adobe')).toHaveLength(121);
		for (const item of result.output('Adobe')) {
			expect(item).toMatchObject({
				name: 'dup',
				state: 'enabled',
				connectionSpec: { id: REDSHIFT_SPEC_ID },
			});
		}
		const requests = flowRequests(emu);
		expect(requests).toHaveLength(3);
		for (const request of requests) {
			expect(request.query.property).toEqual([
				'name=="dup"',
				`connectionSpec.id=="${REDSHIFT_SPEC_ID}"`,
				'state=="enabled"',
			]);
		}
	});

	it.each([
		[
			{ name: 'dup" or name=="x' },
			'Filter "Name" must not contain double quotes, commas or backslashes',
		],
		[{ name: 'a,b' }, 'Filter "Name" must not contain double quotes, commas or backslashes'],
		[
			{ name: 'back\\slash' },
			'Filter "Name" must not contain double quotes, commas or backslashes',
		],
		[{ connectionSpecId: 'redshift' }, 'Filter "Connection Spec ID" must be a UUID'],
	])('refuses the filter %j before sending anything', async (filters, message) => {
		emu.requests.length = 0;
		const result = await run({ returnAll: true, filters });
		const error = result.nodeError('Adobe');
		expect(String(error?.message)).toContain(message);
		expect(String(error?.message)).toContain('[item 0]');
		expect(emu.requests).toHaveLength(0);
	});
});

describe('Connection → Get Many: odd next links', () => {
	it("sends an absolute next link to the credential's host, never to the one named in it", async () => {
		await seedConnections(emu, ['one', 'two']);
		emu.inject({
			kind: 'status',
			status: 200,
			match: { method: 'GET', path: '/connections' },
			body: {
				items: [{ id: 'first-page', name: 'from the first page' }],
				_links: {
					next: { href: `https://elsewhere.example${BASE}/connections?orderby=name&limit=50` },
				},
			},
		});
		const result = await run({ returnAll: true });
		expect(names(result.output('Adobe'))).toEqual(['from the first page', 'one', 'two']);
		const requests = flowRequests(emu);
		expect(requests).toHaveLength(2);
		expect(requests[1]).toMatchObject({
			path: `${BASE}/connections`,
			query: { orderby: 'name', limit: '50' },
		});
	});

	it('stops when a next link repeats one already followed', async () => {
		const page = {
			items: [{ id: 'x', name: 'looping' }],
			_links: { next: { href: '/connections?continuationToken=same' } },
		};
		emu.inject({
			kind: 'status',
			status: 200,
			match: { path: '/connections' },
			body: page,
			times: 5,
		});
		const result = await run({ returnAll: true });
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(result.output('Adobe')).toHaveLength(2);
		expect(flowRequests(emu)).toHaveLength(2);
	});
});
