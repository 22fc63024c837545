// Shared set-up of the reliability suites: the operations under test, as workflow parameters,
// the emulator-backed credential, seeding, and where results are written.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { PROFILE_DATASET_ID, PROFILE_SCHEMA_ID } from '../emulator/data/seeds';
import { callFlow, getToken, redshiftConnectionBody } from '../emulator/helpers';
import type { FlowServiceEmulator, RecordedRequest } from '../emulator/server';
import type { StoredCredential } from '../harness/credentials';
import {
	redshiftCredential,
	REDSHIFT_SPEC_ID,
	SECRETS,
	sourceSecretsCredential,
} from '../harness/fixtures';
import { flowOperations } from './flowCases';

/**
 * How an operation's requests may be retried by the transport. `update` reads an etag, then
 * PATCHes; `action` is a POST that is neither a create nor a delete (…/action). Neither is
 * ever replayed.
 */
export type OperationKind = 'read' | 'createReuse' | 'createOnly' | 'delete' | 'update' | 'action';

export interface OperationCase {
	key: string;
	kind: OperationKind;
	/** Needs an existing connection (Get, Delete, Test). */
	needsConnection: boolean;
	/**
	 * Creates, after the base connection, what the operation acts on (a source connection, say);
	 * its ID then stands for the connection's in `target` and `parameters`.
	 */
	seedEntity?: (emu: FlowServiceEmulator, connectionId: string, token: string) => Promise<string>;
	/** Calls sent before the target request, where the token is to expire (default: 1 for a create-or-reuse, its listing). */
	callsBeforeTarget?: number;
	/** What the operation creates or deletes, as the emulator holds it (default: base connections). */
	stored?: (emu: FlowServiceEmulator) => ReadonlyMap<string, { name?: unknown }>;
	/** The request that faults are injected into. */
	target(connectionId: string): { method: string; path: string };
	parameters(connectionId: string, timeoutSeconds?: number): INodeParameters;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const options = (timeoutSeconds: number | undefined, extra: INodeParameters = {}) => ({
	...extra,
	...(timeoutSeconds !== undefined && { timeout: timeoutSeconds }),
});

export const CONNECTION_NAME = 'Reliability Redshift';

/**
 * Operations that output any number of items per input item (none included: a connection with
 * no tables, a preview with no matching rows), so the fuzzers do not expect one output per input.
 */
export function outputsManyPerItem(operationKey: string): boolean {
	return /\.(getAll|listTables|previewTable)$/.test(operationKey);
}

const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
const ENTITY_PLACEHOLDER = 'b7581b59-c603-4df1-a689-d23d7ac440f3';

/** Explore, source and target connections, flow specs. */
const ONBOARDING_OPERATIONS: OperationCase[] = [
	...(['listTables', 'getTableSchema', 'previewTable'] as const).map(
		(operation): OperationCase => ({
			key: `connection.${operation}`,
			kind: 'read',
			needsConnection: true,
			target: (id) => ({ method: 'GET', path: `/connections/${id}/explore` }),
			parameters: (id, timeout) => ({
				resource: 'connection',
				operation,
				connectionId: byId(id),
				...(operation !== 'listTables' && { table: byPath('public.customers') }),
				options: options(timeout),
			}),
		}),
	),
	{
		key: 'sourceConnection.create(reuse)',
		kind: 'createReuse',
		needsConnection: true,
		// The listing, the base connection (its spec), explore (the columns), then the POST.
		callsBeforeTarget: 3,
		stored: (emu) => emu.sourceConnections,
		target: () => ({ method: 'POST', path: '/sourceConnections' }),
		parameters: (id, timeout) => ({
			resource: 'sourceConnection',
			operation: 'create',
			name: CONNECTION_NAME,
			connectionId: byId(id),
			table: byPath('public.customers'),
			options: options(timeout, { ifExists: 'reuse' }),
		}),
	},
	...entityOperations('sourceConnection', (emu) => emu.sourceConnections, seedSourceConnection),
	{
		key: 'targetConnection.create(reuse)',
		kind: 'createReuse',
		needsConnection: false,
		// The listing and the dataset (its schema, from Catalog), then the POST.
		callsBeforeTarget: 2,
		stored: (emu) => emu.targetConnections,
		target: () => ({ method: 'POST', path: '/targetConnections' }),
		parameters: (_id, timeout) => ({
			resource: 'targetConnection',
			operation: 'create',
			name: CONNECTION_NAME,
			datasetId: byId(PROFILE_DATASET_ID),
			options: options(timeout, { ifExists: 'reuse' }),
		}),
	},
	...entityOperations('targetConnection', (emu) => emu.targetConnections, seedTargetConnection),
	{
		key: 'flowSpec.get',
		kind: 'read',
		needsConnection: false,
		target: () => ({ method: 'GET', path: '/flowSpecs' }),
		parameters: (_id, timeout) => ({
			resource: 'flowSpec',
			operation: 'get',
			flowSpecName: 'CRMToAEP',
			sourceConnectionSpecId: REDSHIFT_SPEC_ID,
			options: options(timeout),
		}),
	},
];

/** Connection → Create (any source; Redshift's spec here) and Update (a password rotation). */
const LOGIN_OPERATIONS: OperationCase[] = [
	{
		key: 'connection.create(reuse)',
		kind: 'createReuse',
		needsConnection: false,
		// The spec (its auth spec's schema), the listing, then the POST.
		callsBeforeTarget: 2,
		target: () => ({ method: 'POST', path: '/connections' }),
		parameters: (_id, timeout) => ({
			resource: 'connection',
			operation: 'create',
			name: CONNECTION_NAME,
			connectionSpec: byId(REDSHIFT_SPEC_ID),
			authSpecName: 'Basic Authentication',
			authParams: {
				mappingMode: 'defineBelow',
				value: { server: 'cluster.example.com', database: 'dev', username: 'aep_reader' },
				matchingColumns: [],
				schema: [],
			},
			options: options(timeout, { ifExists: 'reuse' }),
		}),
	},
	{
		key: 'connection.update',
		kind: 'update',
		needsConnection: true,
		// The connection (its etag), its spec, then the PATCH.
		callsBeforeTarget: 2,
		target: (id) => ({ method: 'PATCH', path: `/connections/${id}` }),
		parameters: (id, timeout) => ({
			resource: 'connection',
			operation: 'update',
			connectionId: byId(id),
			newSecretFrom: 'redshiftCredential',
			options: options(timeout),
		}),
	},
];

/** The login credentials every suite hands over: both carry the Redshift password. */
export function loginCredentials(): StoredCredential[] {
	return [
		redshiftCredential({ password: SECRETS.redshiftPassword }),
		sourceSecretsCredential({ password: SECRETS.redshiftPassword }),
	];
}

/** Get, Get Many and Delete of source or target connections, on a seeded one. */
function entityOperations(
	resource: 'sourceConnection' | 'targetConnection',
	stored: OperationCase['stored'],
	seed: (emu: FlowServiceEmulator, connectionId: string, token: string) => Promise<string>,
): OperationCase[] {
	const collection = `/${resource}s`;
	const idParameter = `${resource}Id`;
	return [
		{ operation: 'get', kind: 'read' as const },
		{ operation: 'getAll', kind: 'read' as const },
		{ operation: 'delete', kind: 'delete' as const },
	].map(({ operation, kind }) => ({
		key: `${resource}.${operation}`,
		kind,
		needsConnection: true,
		seedEntity: seed,
		stored,
		target: (id) => ({
			method: kind === 'delete' ? 'DELETE' : 'GET',
			path: operation === 'getAll' ? collection : `${collection}/${id}`,
		}),
		parameters: (id, timeout) => ({
			resource,
			operation,
			...(operation === 'getAll'
				? { returnAll: false, limit: 10 }
				: { [idParameter]: id || ENTITY_PLACEHOLDER }),
			options: options(timeout),
		}),
	}));
}

/** Every operation of the node; Create Redshift once per ifExists policy that sends a POST. */
export const OPERATIONS: OperationCase[] = [
	{
		key: 'connectionSpec.get',
		kind: 'read',
		needsConnection: false,
		target: () => ({ method: 'GET', path: '/connectionSpecs' }),
		parameters: (_id, timeout) => ({
			resource: 'connectionSpec',
			operation: 'get',
			specName: 'amazon-redshift',
			options: options(timeout),
		}),
	},
	{
		key: 'connectionSpec.getAll',
		kind: 'read',
		needsConnection: false,
		target: () => ({ method: 'GET', path: '/connectionSpecs' }),
		parameters: (_id, timeout) => ({
			resource: 'connectionSpec',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { category: 'database' },
			options: options(timeout),
		}),
	},
	{
		key: 'connection.createRedshift(reuse)',
		kind: 'createReuse',
		needsConnection: false,
		target: () => ({ method: 'POST', path: '/connections' }),
		parameters: (_id, timeout) => ({
			resource: 'connection',
			operation: 'createRedshift',
			name: CONNECTION_NAME,
			connectionSpecId: REDSHIFT_SPEC_ID,
			redshiftCredentials: 'credential',
			options: options(timeout, { ifExists: 'reuse' }),
		}),
	},
	{
		key: 'connection.createRedshift(create)',
		kind: 'createOnly',
		needsConnection: false,
		target: () => ({ method: 'POST', path: '/connections' }),
		parameters: (_id, timeout) => ({
			resource: 'connection',
			operation: 'createRedshift',
			name: CONNECTION_NAME,
			connectionSpecId: REDSHIFT_SPEC_ID,
			redshiftCredentials: 'credential',
			options: options(timeout, { ifExists: 'create' }),
		}),
	},
	{
		key: 'connection.get',
		kind: 'read',
		needsConnection: true,
		target: (id) => ({ method: 'GET', path: `/connections/${id}` }),
		parameters: (id, timeout) => ({
			resource: 'connection',
			operation: 'get',
			connectionId: byId(id),
			options: options(timeout),
		}),
	},
	{
		key: 'connection.getAll',
		kind: 'read',
		needsConnection: true,
		target: () => ({ method: 'GET', path: '/connections' }),
		parameters: (_id, timeout) => ({
			resource: 'connection',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { connectionSpecId: REDSHIFT_SPEC_ID },
			options: options(timeout),
		}),
	},
	{
		key: 'connection.delete',
		kind: 'delete',
		needsConnection: true,
		target: (id) => ({ method: 'DELETE', path: `/connections/${id}` }),
		parameters: (id, timeout) => ({
			resource: 'connection',
			operation: 'delete',
			connectionId: byId(id),
			options: options(timeout),
		}),
	},
	{
		key: 'connection.test',
		kind: 'read',
		needsConnection: true,
		target: (id) => ({ method: 'GET', path: `/connections/${id}/test` }),
		parameters: (id, timeout) => ({
			resource: 'connection',
			operation: 'test',
			connectionId: byId(id),
			options: options(timeout),
		}),
	},
	...ONBOARDING_OPERATIONS,
	...LOGIN_OPERATIONS,
	...flowOperations(CONNECTION_NAME),
];

/**
 * Creates one Redshift connection straight through the emulator's HTTP API and returns its ID
 * and the token used (so a test can hand that token to the credential as its stored one).
 */
export async function seedConnection(
	emu: FlowServiceEmulator,
	name = 'Seeded Redshift',
): Promise<{ id: string; token: string }> {
	const token = await getToken(emu);
	const result = await callFlow(emu, '/connections', {
		method: 'POST',
		body: redshiftConnectionBody(name, { password: SECRETS.redshiftPassword }),
		token,
	});
	if (result.status !== 201) throw new Error(`seeding failed: ${result.text}`);
	return { id: result.body.id as string, token };
}

/** A source connection for the seeded base connection's customers table, created over HTTP with `token`. */
export async function seedSourceConnection(
	emu: FlowServiceEmulator,
	connectionId: string,
	token: string,
): Promise<string> {
	const explored = await callFlow(
		emu,
		`/connections/${connectionId}/explore?objectType=table&object=public.customers`,
		{ token },
	);
	const result = await callFlow(emu, '/sourceConnections', {
		method: 'POST',
		token,
		body: {
			name: 'Seeded source',
			baseConnectionId: connectionId,
			data: { format: 'tabular' },
			params: {
				tableName: 'public.customers',
				columns: (explored.body.schema as { columns: unknown[] }).columns,
			},
			connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
		},
	});
	if (result.status !== 201) throw new Error(`seeding failed: ${result.text}`);
	return result.body.id as string;
}

/** A Data Lake target connection to the emulator's profile dataset, created over HTTP with `token`. */
export async function seedTargetConnection(
	emu: FlowServiceEmulator,
	_connectionId: string,
	token: string,
): Promise<string> {
	const result = await callFlow(emu, '/targetConnections', {
		method: 'POST',
		token,
		body: {
			name: 'Seeded target',
			data: {
				schema: { id: PROFILE_SCHEMA_ID, version: 'application/vnd.adobe.xed-full+json;version=1' },
			},
			params: { dataSetId: PROFILE_DATASET_ID },
			connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' },
		},
	});
	if (result.status !== 201) throw new Error(`seeding failed: ${result.text}`);
	return result.body.id as string;
}

/** Whether a run of the operation sends (and so could see echoed) the Redshift password. */
export function holdsRedshiftPassword(operation: OperationCase): boolean {
	return operation.key.startsWith('connection.create') || operation.key === 'connection.update';
}

/** `GET 200, POST 503, ...`: what the emulator saw, for the record. */
export function describeRequests(requests: readonly RecordedRequest[]): string {
	return requests
		.map((request) =>
			request.service === 'ims' ? `IMS ${request.status}` : `${request.method} ${request.status}`,
		)
		.join(', ');
}

/** Results go to .n8n-test/reliability/ (git-ignored), next to n8n's own test user folder. */
export const RESULTS_DIR = path.resolve(__dirname, '..', '..', '.n8n-test', 'reliability');

export function writeResult(fileName: string, data: unknown): string {
	mkdirSync(RESULTS_DIR, { recursive: true });
	const file = path.join(RESULTS_DIR, fileName);
	writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
	return file;
}

/** Pads a table for the summaries printed after each suite. */
export function table(rows: string[][]): string {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows
		.map((row) =>
			row
				.map((cell, column) => cell.padEnd(widths[column]))
				.join('  ')
				.trimEnd(),
		)
		.join('\n');
}
