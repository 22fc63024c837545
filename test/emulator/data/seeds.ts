// The data every emulator starts with: tables behind each database connection, XDM schemas and
// Catalog datasets. Deterministic, so tests can name them; tests replace them through the
// emulator handle (seedTables, seedDatasets, seedSchemas).
import type { ExploreColumn, SeedColumnType, SeedDataset, SeedSchema, SeedTable } from './entities';

export const TENANT = '_emulatortenant';
export const PROFILE_SCHEMA_ID = `https://ns.adobe.com/${TENANT.slice(1)}/schemas/5f4c3d2e1b0a99887766554433221100`;
export const ORDER_SCHEMA_ID = `https://ns.adobe.com/${TENANT.slice(1)}/schemas/0a1b2c3d4e5f66778899aabbccddeeff`;
export const PROFILE_DATASET_ID = '6019e0e7c5dcf718db5ebc71';
export const ORDER_DATASET_ID = '6019e0e7c5dcf718db5ebc72';

const ISO = (day: number) => `2026-06-${String(day).padStart(2, '0')}T08:30:00`;

export const defaultTables: SeedTable[] = [
	{
		path: 'public.customers',
		columns: [
			{ name: 'customer_id', type: 'string' },
			{ name: 'email', type: 'string' },
			{ name: 'first_name', type: 'string' },
			{ name: 'last_name', type: 'string' },
			{ name: 'lifetime_value', type: 'double' },
			{ name: 'is_active', type: 'boolean' },
			{ name: 'updated_at', type: 'date-time' },
		],
		rows: [1, 2, 3, 4, 5].map((n) => ({
			customer_id: `C${1000 + n}`,
			email: `customer${n}@example.com`,
			first_name: ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara'][n - 1],
			last_name: ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov'][n - 1],
			lifetime_value: n * 125.5,
			is_active: n % 2 === 1,
			updated_at: ISO(n),
		})),
	},
	{
		path: 'public.orders',
		columns: [
			{ name: 'order_id', type: 'string' },
			{ name: 'customer_id', type: 'string' },
			{ name: 'amount', type: 'double' },
			{ name: 'quantity', type: 'integer' },
			{ name: 'ordered_at', type: 'date-time' },
		],
		rows: [1, 2, 3].map((n) => ({
			order_id: `O${5000 + n}`,
			customer_id: `C${1000 + n}`,
			amount: n * 19.99,
			quantity: n,
			ordered_at: ISO(10 + n),
		})),
	},
];

export const defaultSchemas: SeedSchema[] = [
	{
		id: PROFILE_SCHEMA_ID,
		title: 'Emulator CRM Profile',
		fields: [
			'_id',
			'personID',
			'personalEmail.address',
			'person.name.firstName',
			'person.name.lastName',
			'extSourceSystemAudit.lastUpdatedDate',
			`${TENANT}.lifetimeValue`,
			`${TENANT}.isActive`,
		],
	},
	{
		id: ORDER_SCHEMA_ID,
		title: 'Emulator Orders',
		fields: [
			'_id',
			'timestamp',
			'commerce.order.purchaseID',
			'commerce.order.priceTotal',
			`${TENANT}.customerId`,
			`${TENANT}.quantity`,
		],
	},
];

export const defaultDatasets: SeedDataset[] = [
	{
		id: PROFILE_DATASET_ID,
		name: 'CRM Profiles',
		description: 'Profiles ingested from the CRM database',
		schemaId: PROFILE_SCHEMA_ID,
	},
	{ id: ORDER_DATASET_ID, name: 'Orders', schemaId: ORDER_SCHEMA_ID },
];

/** How explore describes a column of each seed type. */
export function exploreColumn(name: string, type: SeedColumnType): ExploreColumn {
	switch (type) {
		case 'double':
			return { name, type: 'double', xdm: { type: 'number' } };
		case 'integer':
			return { name, type: 'integer', xdm: { type: 'integer' } };
		case 'boolean':
			return { name, type: 'boolean', xdm: { type: 'boolean' } };
		case 'date-time':
			return {
				name,
				type: 'string',
				'meta:xdmType': 'date-time',
				xdm: { type: 'string', format: 'date-time' },
			};
		default:
			return { name, type: 'string', xdm: { type: 'string' } };
	}
}
