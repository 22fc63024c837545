// The bad-input table: every operation's parameters, the Redshift credential and the Adobe
// credential, each row refused with a NodeOperationError that names the parameter and the item,
// before a single request (IMS or Flow Service, or anywhere else) is sent. Unicode where it is
// fine (a connection's name) is accepted and sent intact.
//
// test/workflows/badInput.test.ts holds the first rows written for Create Redshift (empty name,
// scheme in Server, port 70000...); this table does not repeat them.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import {
	redshiftCredential,
	REDSHIFT_SPEC_ID,
	SECRETS,
	sourceSecretsCredential,
} from '../harness/fixtures';
import { watchUnmatchedRequests } from '../harness/nockAdobe';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';
import { emulatorCredential } from '../lifecycle/helpers';
import { table, writeResult } from './support';
import { captureLogs, everythingVisible, knownSecrets, leaksIn } from './visible';

/** The parameter under test reads this item field: item 1 carries the bad value. */
const V = '={{ $json.v }}';
const UUID = '9e2a6b3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c';
/** Replaced by the emulator's origin at run time (the table is built before it starts). */
const EMU = '<emulator>';
const EMU_WITH_USER = '<emulator-with-user>';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
const DATASET = '6019e0e7c5dcf718db5ebc71';
const COLUMN = { name: 'id', type: 'string', xdm: { type: 'string' } };

const base: Record<string, INodeParameters> = {
	'connectionSpec.get': {
		resource: 'connectionSpec',
		operation: 'get',
		specName: 'amazon-redshift',
	},
	'connectionSpec.getAll': {
		resource: 'connectionSpec',
		operation: 'getAll',
		returnAll: false,
		limit: 5,
		filters: {},
	},
	'connection.createRedshift': {
		resource: 'connection',
		operation: 'createRedshift',
		name: 'Reliability',
		connectionSpecId: REDSHIFT_SPEC_ID,
		redshiftCredentials: 'parameters',
		server: 'cluster.example.com',
		database: 'dev',
		username: 'reader',
		password: SECRETS.parameterPassword,
		additionalFields: {},
		options: {},
	},
	'connection.get': { resource: 'connection', operation: 'get', connectionId: rl(UUID) },
	'connection.getAll': {
		resource: 'connection',
		operation: 'getAll',
		returnAll: false,
		limit: 5,
		filters: {},
		sort: '-createdAt',
	},
	'connection.delete': { resource: 'connection', operation: 'delete', connectionId: rl(UUID) },
	'connection.test': { resource: 'connection', operation: 'test', connectionId: rl(UUID) },
	'connection.create': {
		resource: 'connection',
		operation: 'create',
		name: 'Reliability',
		connectionSpec: rl(REDSHIFT_SPEC_ID),
		authSpecName: 'Basic Authentication',
		authParams: {
			mappingMode: 'defineBelow',
			value: { server: 'cluster.example.com', database: 'dev', username: 'reader' },
		},
		options: {},
	},
	'connection.update': {
		resource: 'connection',
		operation: 'update',
		connectionId: rl(UUID),
		newSecretFrom: 'none',
		updateFields: { name: 'Renamed' },
	},
	'connection.getTableSchema': {
		resource: 'connection',
		operation: 'getTableSchema',
		connectionId: rl(UUID),
		table: byPath('public.customers'),
	},
	'connection.previewTable': {
		resource: 'connection',
		operation: 'previewTable',
		connectionId: rl(UUID),
		table: byPath('public.customers'),
		options: {},
	},
	'sourceConnection.create': {
		resource: 'sourceConnection',
		operation: 'create',
		name: 'Reliability source',
		connectionId: rl(UUID),
		table: byPath('public.customers'),
		columns: '',
		additionalFields: {},
		options: {},
	},
	'sourceConnection.getAll': {
		resource: 'sourceConnection',
		operation: 'getAll',
		returnAll: false,
		limit: 5,
		filters: {},
		sort: '-createdAt',
	},
	'targetConnection.create': {
		resource: 'targetConnection',
		operation: 'create',
		name: 'Reliability target',
		datasetId: rl(DATASET),
		additionalFields: {},
		options: {},
	},
	'targetConnection.delete': {
		resource: 'targetConnection',
		operation: 'delete',
		targetConnectionId: UUID,
	},
	'flowSpec.get': { resource: 'flowSpec', operation: 'get', flowSpecName: 'CRMToAEP' },
};

interface Row {
	operation: string;
	label: string;
	/** Parameters that differ from the operation's valid base (one of them reads V). */
	change: INodeParameters;
	/** Item 1's value of V; items 0 and 2 get `good`. */
	bad?: unknown;
	good?: unknown;
	/** The message, which must also start with the parameter's label and end with [item N]. */
	message: RegExp;
	/** Credential rows: the Adobe or Redshift credential carries the bad value (item 0). */
	adobe?: Record<string, unknown>;
	redshift?: Record<string, unknown>;
}

/** A parameter row: item 1 of 3 carries `bad`. */
const param = (
	operation: string,
	label: string,
	change: INodeParameters,
	bad: unknown,
	good: unknown,
	message: RegExp,
): Row => ({ operation, label, change, bad, good, message });

const huge = (length: number) => 'x'.repeat(length);

// One row per line, read as a table.
// prettier-ignore
const rows: Row[] = [
	// Connection Spec → Get: Spec Name
	param('connectionSpec.get', 'empty spec name', { specName: V }, '', 'amazon-redshift', /^Spec Name is empty \[item 1\]$/),
	param('connectionSpec.get', 'whitespace spec name', { specName: V }, ' \t ', 'amazon-redshift', /^Spec Name contains only white space \[item 1\]$/),
	param('connectionSpec.get', 'unicode spec name', { specName: V }, 'amazon-rédshift', 'amazon-redshift', /^Spec Name must be a connection spec name such as amazon-redshift \(got "amazon-rédshift"\)/),
	param('connectionSpec.get', 'huge spec name', { specName: V }, huge(129), 'amazon-redshift', /^Spec Name is too long: 129 characters, at most 128/),
	param('connectionSpec.get', 'spec name from an object', { specName: V }, { name: 'amazon-redshift' }, 'amazon-redshift', /^Spec Name must be text, but it resolved to an object/),
	param('connectionSpec.get', 'spec name from a list', { specName: V }, ['amazon-redshift'], 'amazon-redshift', /^Spec Name must be text, but it resolved to a list/),
	param('connectionSpec.get', 'spec name from a boolean', { specName: V }, true, 'amazon-redshift', /^Spec Name must be text, but it resolved to a boolean/),
	param('connectionSpec.get', 'spec name with a line break', { specName: V }, 'amazon\nredshift', 'amazon-redshift', /^Spec Name contains control characters/),

	// Connection Spec → Get Many: filters and limit
	param('connectionSpec.getAll', 'name filter with a comma', { filters: { name: V } }, 'a,b', 'amazon-redshift', /^Filter "Name" must be a connection spec name such as amazon-redshift \(got "a,b"\)/),
	param('connectionSpec.getAll', 'unicode name filter', { filters: { name: V } }, 'rédshift', 'amazon-redshift', /^Filter "Name" must be a connection spec name/),
	param('connectionSpec.getAll', 'non-UUID provider ID', { filters: { providerId: V } }, 'adobe', '0ed90a81-07f4-4586-8190-b40eccef1c5a', /^Filter "Provider ID" must be a UUID/),
	param('connectionSpec.getAll', 'category with a space', { filters: { category: V } }, 'cloud storage', 'database', /^Filter "Category" must be a category such as database/),
	param('connectionSpec.getAll', 'category from an object', { filters: { category: V } }, { key: 'database' }, 'database', /^Filter "Category" must be text, but it resolved to an object/),
	param('connectionSpec.getAll', 'limit 0', { limit: V }, 0, 5, /^Limit must be a whole number of at least 1 \(got "0"\) \[item 1\]$/),
	param('connectionSpec.getAll', 'negative limit', { limit: V }, -3, 5, /^Limit must be a whole number of at least 1 \(got "-3"\)/),
	param('connectionSpec.getAll', 'fractional limit', { limit: V }, 2.5, 5, /^Limit must be a whole number of at least 1 \(got "2.5"\)/),
	param('connectionSpec.getAll', 'non-numeric limit', { limit: V }, 'ten', 5, /^Limit must be a whole number of at least 1 \(got "ten"\)/),
	param('connectionSpec.getAll', 'boolean limit', { limit: V }, true, 5, /^Limit must be a whole number of at least 1 \(got "true"\)/),

	// Connection → Get: the resource locator
	param('connection.get', 'empty connection ID', { connectionId: rl(V) }, '', UUID, /^Connection is empty \[item 1\]$/),
	param('connection.get', 'whitespace connection ID', { connectionId: rl(V) }, '   ', UUID, /^Connection contains only white space \[item 1\]$/),
	param('connection.get', 'non-UUID connection ID', { connectionId: rl(V) }, 'my-connection', UUID, /^Connection must be a connection ID \(a UUID/),
	param('connection.get', 'connection ID with a path after it', { connectionId: rl(V) }, `${UUID}/test`, UUID, /^Connection is too long: 41 characters, at most 36/),
	param('connection.get', 'connection ID in braces', { connectionId: rl(V) }, `{${UUID}}`, UUID, /^Connection is too long: 38 characters, at most 36/),
	param('connection.get', 'connection ID from an object', { connectionId: rl(V) }, { id: UUID }, UUID, /^Connection must be text, but it resolved to an object/),
	param('connection.get', 'numeric connection ID', { connectionId: rl(V) }, 12345, UUID, /^Connection must be a connection ID .*\(got "12345"\)/),
	param('connection.get', 'full-width digit in a UUID', { connectionId: rl(V) }, `９${UUID.slice(1)}`, UUID, /^Connection must be a connection ID/),

	// Connection → Delete and Test: the same locator, other shapes of bad
	param('connection.delete', '"all" as the connection ID', { connectionId: rl(V) }, 'all', UUID, /^Connection must be a connection ID .*\(got "all"\)/),
	param('connection.delete', 'wildcard connection ID', { connectionId: rl(V) }, '*', UUID, /^Connection must be a connection ID/),
	param('connection.delete', 'path traversal as the ID', { connectionId: rl(V) }, '../connections', UUID, /^Connection must be a connection ID/),
	param('connection.delete', 'connection ID from a list', { connectionId: rl(V) }, [UUID], UUID, /^Connection must be text, but it resolved to a list/),
	param('connection.test', 'empty connection ID', { connectionId: rl(V) }, '', UUID, /^Connection is empty \[item 1\]$/),
	param('connection.test', 'tab inside the connection ID', { connectionId: rl(V) }, `${UUID.slice(0, 20)}\t${UUID.slice(21)}`, UUID, /^Connection contains control characters/),
	param('connection.test', '"null" as the connection ID', { connectionId: rl(V) }, 'null', UUID, /^Connection must be a connection ID/),

	// Connection → Get Many: filters, sort, limit
	param('connection.getAll', 'name filter with a double quote', { filters: { name: V } }, 'a"b', 'x', /^Filter "Name" must not contain double quotes, commas or backslashes/),
	param('connection.getAll', 'name filter with a backslash', { filters: { name: V } }, 'a\\b', 'x', /^Filter "Name" must not contain double quotes, commas or backslashes/),
	param('connection.getAll', 'name filter from an object', { filters: { name: V } }, { name: 'x' }, 'x', /^Filter "Name" must be text, but it resolved to an object/),
	param('connection.getAll', 'huge name filter', { filters: { name: V } }, huge(257), 'x', /^Filter "Name" is too long: 257 characters, at most 256/),
	param('connection.getAll', 'non-UUID spec ID filter', { filters: { connectionSpecId: V } }, 'amazon-redshift', REDSHIFT_SPEC_ID, /^Filter "Connection Spec ID" must be a UUID/),
	param('connection.getAll', 'unknown state filter', { filters: { state: V } }, 'active', 'enabled', /^Filter "State" must be one of enabled, disabled, draft \(got "active"\)/),
	param('connection.getAll', 'unknown sort', { sort: V }, 'random', 'name', /^Sort must be one of name, -name, -createdAt, createdAt \(got "random"\)/),
	param('connection.getAll', 'sort from an object', { sort: V }, { by: 'name' }, 'name', /^Sort must be one of name, -name, -createdAt, createdAt \(got an object\) \[item 1\]$/),
	param('connection.getAll', 'state filter from a list', { filters: { state: V } }, ['enabled'], 'enabled', /^Filter "State" must be one of enabled, disabled, draft \(got a list\)/),
	param('connection.getAll', 'limit 0', { limit: V }, 0, 5, /^Limit must be a whole number of at least 1 \(got "0"\)/),
	param('connection.getAll', 'limit from an object', { limit: V }, { value: 5 }, 5, /^Limit must be a whole number of at least 1 \(got an object\)/),
	param('connection.getAll', 'empty limit', { limit: V }, '', 5, /^Limit must be a whole number of at least 1 \(got ""\)/),

	// Connection → Get Table Schema and Preview Table: the table and the row filter
	param('connection.getTableSchema', 'empty table', { table: byPath(V) }, '', 'public.customers', /^Table is empty \[item 1\]$/),
	param('connection.getTableSchema', 'table from an object', { table: byPath(V) }, { path: 'x' }, 'public.customers', /^Table must be text, but it resolved to an object/),
	param('connection.getTableSchema', 'table with a line break', { table: byPath(V) }, 'public.\ncustomers', 'public.customers', /^Table contains control characters/),
	param('connection.previewTable', 'row filter that is not JSON', { options: { rowFilter: V } }, '{type: PQL}', '', /^Row Filter \(PQL\) is not valid JSON/),
	param('connection.previewTable', 'row filter that is a list', { options: { rowFilter: V } }, '[1]', '', /^Row Filter \(PQL\) must be a JSON object/),
	param('connection.previewTable', 'row filter of another language', { options: { rowFilter: V } }, '{"type":"SQL","format":"pql/json","value":{"a":1}}', '', /^Row Filter \(PQL\) must have "type": "PQL" and "format": "pql\/json"/),
	param('connection.previewTable', 'row filter without a value', { options: { rowFilter: V } }, '{"type":"PQL","format":"pql/json"}', '', /^Row Filter \(PQL\) must carry the expression in "value"/),

	// Source Connection → Create: name, columns, filter, policy
	param('sourceConnection.create', 'empty name', { name: V }, '', 'ok', /^Name is empty \[item 1\]$/),
	param('sourceConnection.create', 'columns as an object', { columns: V }, { name: 'id' }, [COLUMN], /^Columns must be a list of columns/),
	param('sourceConnection.create', 'columns as an empty list', { columns: V }, [], [COLUMN], /^Columns is an empty list/),
	param('sourceConnection.create', 'a column without a type', { columns: V }, [{ name: 'id' }], [COLUMN], /^Columns has a column without a "type" \(entry 0\)/),
	param('sourceConnection.create', 'a column that is text', { columns: V }, ['id'], [COLUMN], /^Columns has an entry that is not an object \(entry 0\)/),
	param('sourceConnection.create', 'columns text that is not JSON', { columns: V }, '[{name}]', [COLUMN], /^Columns is not valid JSON/),
	param('sourceConnection.create', 'an empty row filter', { additionalFields: { rowFilter: V } }, '{}', '', /^Row Filter \(PQL\) is an empty object/),
	param('sourceConnection.create', 'non-UUID base connection', { connectionId: rl(V) }, 'redshift', UUID, /^Connection must be a connection ID/),
	param('sourceConnection.create', 'unknown ifExists policy', { options: { ifExists: V } }, 'replace', 'reuse', /^If a Source Connection With This Name Exists must be reuse, create or fail/),
	param('sourceConnection.getAll', 'non-UUID base connection filter', { filters: { baseConnectionId: V } }, 'abc', UUID, /^Filter "Base Connection ID" must be a UUID/),
	param('sourceConnection.getAll', 'table filter with a comma', { filters: { tableName: V } }, 'a,b', 'public.customers', /^Filter "Table Name" must not contain double quotes, commas or backslashes/),

	// Target Connection → Create and Delete; Flow Spec → Get
	param('targetConnection.create', 'dataset ID with a slash', { datasetId: rl(V) }, '../dataSets', DATASET, /^Dataset must be a dataset ID such as 6019e0e7c5dcf718db5ebc71/),
	param('targetConnection.create', 'dataset ID from a list', { datasetId: rl(V) }, [DATASET], DATASET, /^Dataset must be text, but it resolved to a list/),
	param('targetConnection.create', 'huge schema ID', { additionalFields: { schemaId: V } }, huge(1025), '', /^XDM Schema ID is too long: 1025 characters, at most 1024/),
	param('targetConnection.create', 'unknown ifExists policy', { options: { ifExists: V } }, 'merge', 'reuse', /^If a Target Connection With This Name Exists must be reuse, create or fail/),
	param('targetConnection.delete', 'non-UUID target ID', { targetConnectionId: V }, 'all', UUID, /^Target Connection ID must be a UUID/),
	param('flowSpec.get', 'flow spec name with a quote', { flowSpecName: V }, 'CRM"ToAEP', 'CRMToAEP', /^Flow Spec Name must be a flow spec name such as CRMToAEP/),
	param('flowSpec.get', 'non-UUID source spec', { sourceConnectionSpecId: V }, 'amazon-redshift', '', /^Source Connection Spec ID must be a UUID/),

	// Connection → Create Redshift, from parameters
	param('connection.createRedshift', 'name from a list', { name: V }, ['a'], 'ok', /^Name must be text, but it resolved to a list/),
	param('connection.createRedshift', 'name with a tab', { name: V }, 'a\tb', 'ok', /^Name contains control characters/),
	param('connection.createRedshift', 'huge description', { additionalFields: { description: V } }, huge(2001), 'ok', /^Description is too long: 2001 characters, at most 2000/),
	param('connection.createRedshift', 'description with a bell character', { additionalFields: { description: V } }, 'ding\u0007', 'ok', /^Description contains control characters/),
	param('connection.createRedshift', 'huge database', { database: V }, huge(128), 'dev', /^Database is too long: 128 characters, at most 127/),
	param('connection.createRedshift', 'database from an object', { database: V }, { name: 'dev' }, 'dev', /^Database must be text, but it resolved to an object/),
	param('connection.createRedshift', 'huge username', { username: V }, huge(129), 'reader', /^Username is too long: 129 characters, at most 128/),
	param('connection.createRedshift', 'huge password', { password: V }, huge(4097), 'pw-ok-1234', /^Password is too long: 4097 characters, at most 4096/),
	param('connection.createRedshift', 'password from an object', { password: V }, { value: SECRETS.parameterPassword }, 'pw-ok-1234', /^Password must be text, but it resolved to an object/),
	param('connection.createRedshift', 'only-whitespace password', { password: V }, '   ', 'pw-ok-1234', /^Password contains only white space/),
	param('connection.createRedshift', 'huge schema', { additionalFields: { schema: V } }, huge(128), 'public', /^Schema is too long: 128 characters, at most 127/),
	param('connection.createRedshift', 'port 0', { additionalFields: { port: V } }, '0', '5439', /^Port must be a whole number from 1 to 65535, e.g. 5439 \(got "0"\)/),
	param('connection.createRedshift', 'negative port', { additionalFields: { port: V } }, '-1', '5439', /^Port must be a whole number from 1 to 65535/),
	param('connection.createRedshift', 'fractional port', { additionalFields: { port: V } }, '5439.5', '5439', /^Port must be a whole number from 1 to 65535/),
	param('connection.createRedshift', 'port with a space', { additionalFields: { port: V } }, '54 39', '5439', /^Port must be a whole number from 1 to 65535/),
	param('connection.createRedshift', 'server as an IPv6 literal', { server: V }, '[::1]', 'cluster.example.com', /^Server must be a host name of letters, digits, dots and hyphens/),
	param('connection.createRedshift', 'server with a space', { server: V }, 'my cluster.example.com', 'cluster.example.com', /^Server must be a host name of letters, digits, dots and hyphens/),
	param('connection.createRedshift', 'server with a user', { server: V }, 'admin@cluster.example.com', 'cluster.example.com', /^Server must be a host name of letters/),
	param('connection.createRedshift', 'server ending in a colon', { server: V }, 'cluster.example.com:', 'cluster.example.com', /^Server must not include a port/),
	param('connection.createRedshift', 'server with a JDBC URL', { server: V }, 'jdbc:redshift://cluster.example.com:5439/dev', 'cluster.example.com', /^Server must be a host name without a scheme/),
	param('connection.createRedshift', 'server label over 63 characters', { server: V }, `${huge(64)}.example.com`, 'cluster.example.com', /^Server must be a host name of letters/),
	param('connection.createRedshift', 'emoji server', { server: V }, '🚀.example.com', 'cluster.example.com', /xn-- form/),
	param('connection.createRedshift', 'non-hex spec ID', { connectionSpecId: V }, '3416976c-a9ca-4bba-901a-1f08f66978fg', REDSHIFT_SPEC_ID, /^Connection Spec ID must be a UUID/),
	param('connection.createRedshift', 'spec ID from an object', { connectionSpecId: V }, { id: REDSHIFT_SPEC_ID }, REDSHIFT_SPEC_ID, /^Connection Spec ID must be text, but it resolved to an object/),
	param('connection.createRedshift', 'spec version 1..0', { additionalFields: { connectionSpecVersion: V } }, '1..0', '1.0', /^Connection Spec Version must be a version such as 1.0/),
	param('connection.createRedshift', 'unknown ifExists policy', { options: { ifExists: V } }, 'overwrite', 'reuse', /^If a Connection With This Name Exists must be reuse, create or fail \(got "overwrite"\)/),
	param('connection.createRedshift', 'ifExists policy from an object', { options: { ifExists: V } }, { mode: 'reuse' }, 'reuse', /^If a Connection With This Name Exists must be reuse, create or fail \(got an object\)/),

	// The Redshift credential (the login from a credential): refused for the first item.
	...(
		[
			['server with a path', { server: 'cluster.example.com/dev' }, /^Redshift credential field "Server" must be a host name without a path/],
			['unicode server', { server: 'clüster.example.com' }, /^Redshift credential field "Server" must be a host name of letters.*xn-- form/],
			['non-numeric port', { port: 'abc' }, /^Redshift credential field "Port" must be a whole number from 1 to 65535/],
			['port out of range', { port: '65536' }, /^Redshift credential field "Port" must be a whole number from 1 to 65535/],
			['empty database', { database: '' }, /^Redshift credential field "Database" is empty \[item 0\]$/],
			['whitespace username', { username: '  ' }, /^Redshift credential field "Username" contains only white space \[item 0\]$/],
			['empty password', { password: '' }, /^Redshift credential field "Password" is empty \[item 0\]$/],
			['huge schema', { schema: huge(128) }, /^Redshift credential field "Schema" is too long/],
		] as const
	).map(
		([label, redshift, message]): Row => ({
			operation: 'connection.createRedshift',
			label: `Redshift credential: ${label}`,
			change: { redshiftCredentials: 'credential' },
			redshift,
			message,
		}),
	),

	// Connection → Create (any source) and Update: what prepare can judge without the spec. (A
	// literal secret in Update is refused for every item alike: test/workflows/connectionUpdate.)
	param('connection.create', 'connection spec that is not a UUID', { connectionSpec: rl(V) }, 'snowflake', REDSHIFT_SPEC_ID, /^Connection Spec must be a connection spec ID \(a UUID/),
	param('connection.create', 'empty authentication method', { authSpecName: V }, '', 'Basic Authentication', /^Authentication Method is empty \[item 1\]$/),
	param('connection.create', 'authentication method from an object', { authSpecName: V }, { name: 'Basic Authentication' }, 'Basic Authentication', /^Authentication Method must be text, but it resolved to an object/),
	param('connection.create', 'empty name', { name: V }, '', 'Reliability', /^Name is empty \[item 1\]$/),
	param('connection.create', 'unknown If Exists policy', { options: { ifExists: V } }, 'overwrite', 'reuse', /^If a Connection With This Name Exists must be reuse, create or fail \(got "overwrite"\)/),
	param('connection.update', 'secret as a login field', { updateFields: { loginFields: { field: [{ name: V, value: 'v' }] } } }, 'password', 'username', /^Login field "password" is a secret/),
	param('connection.update', 'nothing to update', { updateFields: { name: V } }, '', 'Renamed', /^Nothing to update: set a field or a new secret \[item 1\]$/),
	param('connection.update', 'non-UUID connection', { connectionId: rl(V) }, 'analytics', UUID, /^Connection must be a connection ID/),

	// The Adobe credential: checked before the first request of any operation.
	...(
		[
			['connection.getAll', 'upper-case sandbox', { sandboxName: 'Prod' }, /^Credential field "Sandbox Name" must be a lower-case sandbox name such as "prod", without spaces \(got "Prod"\)/],
			['connection.delete', 'sandbox with a space', { sandboxName: 'dev 1' }, /^Credential field "Sandbox Name" must be a lower-case sandbox name/],
			['connection.test', 'unicode sandbox', { sandboxName: 'prød' }, /^Credential field "Sandbox Name" must be a lower-case sandbox name/],
			['connectionSpec.getAll', 'empty sandbox', { sandboxName: '' }, /^Credential field "Sandbox Name" must be a lower-case sandbox name/],
			['connection.createRedshift', 'http:// platform URL on a public host', { platformUrl: 'http://platform.adobe.io' }, /^Credential field "Platform URL" is not usable: Platform URL uses plain http:\/\/ on "platform.adobe.io"/],
			['connection.get', 'http:// platform URL on a private address', { platformUrl: 'http://10.0.0.5:8080' }, /^Credential field "Platform URL" is not usable: Platform URL uses plain http:\/\/ on "10.0.0.5"/],
			['connection.getAll', 'platform URL with a path', { platformUrl: `${EMU}/data/foundation/flowservice` }, /^Credential field "Platform URL" is not usable: Platform URL must be an origin only, without a path/],
			['connection.get', 'platform URL with a query', { platformUrl: `${EMU}/?sandbox=prod` }, /^Credential field "Platform URL" is not usable: Platform URL must not have a query string or fragment/],
			['connection.test', 'platform URL with a fragment', { platformUrl: `${EMU}#top` }, /^Credential field "Platform URL" is not usable: Platform URL must not have a query string or fragment/],
			['connection.delete', 'platform URL with a user and password', { platformUrl: EMU_WITH_USER }, /^Credential field "Platform URL" is not usable: Platform URL must not contain a user name or password/],
			['connectionSpec.get', 'ftp:// platform URL', { platformUrl: 'ftp://platform.adobe.io' }, /^Credential field "Platform URL" is not usable: Platform URL must start with https:\/\//],
			['connectionSpec.get', 'platform URL that is not a URL', { platformUrl: 'platform.adobe.io' }, /^Credential field "Platform URL" is not usable: Platform URL "platform.adobe.io" is not a valid URL/],
			['connectionSpec.get', 'http:// IMS URL on a public host', { imsUrl: 'http://ims-na1.adobelogin.com' }, /^Credential field "IMS URL" is not usable: IMS URL uses plain http:\/\//],
			['connectionSpec.getAll', 'IMS URL with a query', { imsUrl: `${EMU}/?client_secret=x` }, /^Credential field "IMS URL" is not usable: IMS URL must not have a query string/],
			['connection.getAll', 'empty IMS organization ID', { imsOrgId: '' }, /^Credential field "IMS Organization ID" is empty \[item 0\]$/],
			['connection.test', 'whitespace client ID', { clientId: '   ' }, /^Credential field "Client ID" is empty \[item 0\]$/],
		] as const
	).map(
		([operation, label, adobe, message]): Row => ({
			operation,
			label: `Adobe credential: ${label}`,
			change: {},
			adobe,
			message,
		}),
	),
];

let emu: FlowServiceEmulator;
/** Everything logged while the table runs, checked for secrets at the end. */
let capture: ReturnType<typeof captureLogs>;
const recorded: Array<{ operation: string; row: string; item: number; message: string }> = [];

beforeAll(async () => {
	capture = captureLogs();
	emu = await startEmulator();
	// Anything sent anywhere counts: the emulator's log sees loopback requests, nock's
	// "no match" event sees every request at all (a refused URL might point elsewhere).
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterAll(async () => {
	capture?.restore();
	nock.enableNetConnect();
	await emu?.close();
	const byOperation = new Map<string, number>();
	for (const row of recorded)
		byOperation.set(row.operation, (byOperation.get(row.operation) ?? 0) + 1);
	if (!recorded.length) return;
	const file = writeResult('bad-input.json', {
		rows: recorded.length,
		byOperation: Object.fromEntries(byOperation),
		recorded,
	});
	process.stdout.write(
		`\nBad-input table: ${recorded.length} rows refused before any request\n${table([
			['operation', 'rows'],
			...[...byOperation].map(([operation, count]) => [operation, String(count)]),
		])}\nwritten to ${file}\n`,
	);
});

const withEmulator = (value: unknown): unknown =>
	typeof value === 'string'
		? value.replace(EMU_WITH_USER, emu.url.replace('//', '//user:pw@')).replace(EMU, emu.url)
		: value;

function mergeParameters(operation: string, change: INodeParameters): INodeParameters {
	const merged: INodeParameters = { ...base[operation] };
	for (const [key, value] of Object.entries(change)) {
		const current = merged[key];
		merged[key] =
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			!('__rl' in value) &&
			current &&
			typeof current === 'object'
				? { ...(current as INodeParameters), ...(value as INodeParameters) }
				: value;
	}
	return merged;
}

describe('bad input: refused with the parameter and the item named, nothing sent', () => {
	it.each(rows.map((row) => [row.operation, row.label, row] as const))(
		'%s: %s',
		async (_operation, _label, row) => {
			emu.reset();
			const credentialRow = Boolean(row.adobe || row.redshift);
			const expectedItem = credentialRow ? 0 : 1;
			const inputItems: IDataObject[] = credentialRow
				? [{}]
				: ([{ v: row.good }, { v: row.bad }, { v: row.good }] as IDataObject[]);
			const adobe = emulatorCredential(emu);
			for (const [key, value] of Object.entries(row.adobe ?? {}))
				adobe.data[key] = withEmulator(value) as string;
			const unmatched = watchUnmatchedRequests();
			let result;
			try {
				result = await runWorkflow(singleNodeWorkflow(mergeParameters(row.operation, row.change)), {
					credentials: [adobe, redshiftCredential(row.redshift ?? {}), sourceSecretsCredential()],
					inputItems,
				});
			} finally {
				unmatched.stop();
			}
			const error = result.nodeError('Adobe');
			expect(error?.name).toBe('NodeOperationError');
			const message = String(error?.message);
			expect(message).toMatch(row.message);
			expect(message.endsWith(`[item ${expectedItem}]`)).toBe(true);
			expect((error?.context as { itemIndex?: number }).itemIndex).toBe(expectedItem);
			// Nothing sent: not to IMS, not to Flow Service, not anywhere else.
			expect(emu.requests).toHaveLength(0);
			expect(unmatched.count()).toBe(0);
			expect(
				leaksIn(
					everythingVisible(result),
					knownSecrets({ emulatorClientSecret: emu.credentials.clientSecret }),
				),
			).toEqual([]);
			recorded.push({ operation: row.operation, row: row.label, item: expectedItem, message });
		},
	);
});

describe('the whole table', () => {
	it('logged no secret', () => {
		expect(recorded.length).toBe(rows.length);
		const secrets = knownSecrets({ emulatorClientSecret: emu.credentials.clientSecret });
		expect(leaksIn(capture.logs.join('\n'), secrets)).toEqual([]);
	});
});

describe('unicode where it is fine: accepted and sent intact', () => {
	const unicodeName = 'Redshift – Ünïcödé 数据 🚀 עברית';

	it('a connection name in any script reaches Adobe byte for byte', async () => {
		emu.reset();
		const result = await runWorkflow(
			singleNodeWorkflow(
				mergeParameters('connection.createRedshift', {
					name: V,
					additionalFields: { description: 'Zeile 1\nZeile 2 – ✓' },
					options: { ifExists: 'create' },
				}),
			),
			{ credentials: [emulatorCredential(emu)], inputItems: [{ v: unicodeName }] },
		);
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(result.output('Adobe')[0]).toMatchObject({ name: unicodeName, reused: false });
		const post = emu.requests.find(
			(request) => request.method === 'POST' && request.service === 'flow',
		);
		expect((post?.json as IDataObject).name).toBe(unicodeName);
		expect((post?.json as IDataObject).description).toBe('Zeile 1\nZeile 2 – ✓');
		expect([...emu.connections.values()].map((connection) => connection.name)).toEqual([
			unicodeName,
		]);
	});

	it('a unicode name filter is URL-encoded and arrives intact', async () => {
		emu.reset();
		const result = await runWorkflow(
			singleNodeWorkflow(mergeParameters('connection.getAll', { filters: { name: V } })),
			{ credentials: [emulatorCredential(emu)], inputItems: [{ v: '数据 🚀' }] },
		);
		expect(result.nodeError('Adobe')).toBeUndefined();
		const get = emu.requests.find((request) => request.service === 'flow');
		expect(get?.query.property).toBe('name=="数据 🚀"');
	});

	it('an international server name in its xn-- form is accepted', async () => {
		emu.reset();
		const result = await runWorkflow(
			singleNodeWorkflow(
				mergeParameters('connection.createRedshift', {
					server: 'xn--clster-kva.example.com',
					options: { ifExists: 'create' },
				}),
			),
			{ credentials: [emulatorCredential(emu)] },
		);
		expect(result.nodeError('Adobe')).toBeUndefined();
		const stored = [...emu.connections.values()][0];
		expect(stored.auth.params.server).toBe('xn--clster-kva.example.com');
	});

	it('an upper-case spec ID is a UUID all the same, sent lower-cased', async () => {
		emu.reset();
		const result = await runWorkflow(
			singleNodeWorkflow(
				mergeParameters('connection.createRedshift', {
					connectionSpecId: REDSHIFT_SPEC_ID.toUpperCase(),
					options: { ifExists: 'create' },
				}),
			),
			{ credentials: [emulatorCredential(emu)] },
		);
		expect(result.nodeError('Adobe')).toBeUndefined();
		const post = emu.requests.find(
			(request) => request.method === 'POST' && request.service === 'flow',
		);
		expect((post?.json as { connectionSpec: { id: string } }).connectionSpec.id).toBe(
			REDSHIFT_SPEC_ID,
		);
	});
});
