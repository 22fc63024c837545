import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findConnectionSpecById } from '../../helpers/connectionSpecs';
import { describeValue, invalidParameter, operationError } from '../../helpers/errors';
import { validateAgainstSchema } from '../../helpers/jsonSchema';
import { FILTER_BREAKERS, listAll, quotedFilter } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { REDSHIFT_CREDENTIAL_TYPE } from '../../helpers/types';
import {
	checkPort,
	checkServer,
	checkText,
	readText,
	UUID_PATTERN,
} from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { testConnection } from './test.operation';
import { optionsCollection, readTimeoutMs } from '../common';

/** Amazon Redshift's connection spec in every Experience Platform sandbox. */
export const REDSHIFT_CONNECTION_SPEC_ID = '3416976c-a9ca-4bba-901a-1f08f66978ff';
export const REDSHIFT_AUTH_SPEC_NAME = 'Basic Authentication';

const showFor = { resource: ['connection'], operation: ['createRedshift'] };
const showForParameters = { ...showFor, redshiftCredentials: ['parameters'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Redshift analytics cluster',
		description: 'Name of the base connection in Experience Platform',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Connection Spec ID',
		name: 'connectionSpecId',
		type: 'string',
		default: REDSHIFT_CONNECTION_SPEC_ID,
		required: true,
		description:
			"Amazon Redshift's connection spec ID. To chain from Get Connection Spec, map its ID output here with an expression.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Redshift Login From',
		name: 'redshiftCredentials',
		type: 'options',
		// n8n decides which credential to load from this value before the node runs.
		noDataExpression: true,
		options: [
			{
				name: 'From a Credential (Recommended)',
				value: 'credential',
				description: 'The Redshift login is kept in an encrypted n8n credential',
			},
			{
				name: 'From Parameters',
				value: 'parameters',
				description:
					'Type the login here or map it from earlier nodes. The password is stored in the workflow in plain text.',
			},
		],
		default: 'credential',
		displayOptions: { show: showFor },
	},
	{
		displayName:
			'A password in a parameter is saved in the workflow in plain text. Prefer an n8n credential unless you map logins from earlier nodes.',
		name: 'parametersNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showForParameters },
	},
	{
		displayName: 'Server',
		name: 'server',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
		description: 'The cluster endpoint host name, without https:// and without the port',
		displayOptions: { show: showForParameters },
	},
	{
		displayName: 'Database',
		name: 'database',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. dev',
		displayOptions: { show: showForParameters },
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: showForParameters },
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: showForParameters },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Connection Spec Version',
				name: 'connectionSpecVersion',
				type: 'string',
				default: '1.0',
				description: 'Version of the connection spec; Get Connection Spec outputs it',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
			},
			{
				displayName: 'Port',
				name: 'port',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5439',
				description: 'Only with the login from parameters. Leave empty for the Redshift default.',
			},
			{
				displayName: 'Schema',
				name: 'schema',
				type: 'string',
				default: '',
				placeholder: 'e.g. public',
				description: 'Only with the login from parameters. Limits Adobe to one schema.',
			},
		],
	},
	optionsCollection(showFor, [
		{
			displayName: 'If a Connection With This Name Exists',
			name: 'ifExists',
			type: 'options',
			options: [
				{
					name: 'Reuse It',
					value: 'reuse',
					description:
						'Output the existing connection with reused: true instead of creating a second one. Safe for scheduled runs.',
				},
				{
					name: 'Create Another',
					value: 'create',
					description: 'Always create, as the API does (Adobe allows duplicate names)',
				},
				{
					name: 'Fail',
					value: 'fail',
					description: 'Stop with an error naming the existing connection',
				},
			],
			default: 'reuse',
			description:
				'What to do when a connection with the same name and connection spec already exists',
		},
		{
			displayName: 'Validate Only (Dry Run)',
			name: 'validateOnly',
			type: 'boolean',
			default: false,
			description:
				"Whether to only check the parameters against the connection spec's auth spec and output { valid, errors }, creating nothing",
		},
		{
			displayName: 'Test After Create',
			name: 'testAfterCreate',
			type: 'boolean',
			default: false,
			description:
				'Whether to ask Adobe to test the connection to Redshift afterwards and add testResult to the output',
		},
	]),
];

interface RedshiftLogin extends IDataObject {
	server: string;
	database: string;
	username: string;
	password: string;
	port?: string;
	schema?: string;
}

type IfExists = 'reuse' | 'create' | 'fail';

interface Params {
	name: string;
	description?: string;
	connectionSpec: { id: string; version: string };
	login: RedshiftLogin;
	timeoutMs: number;
	ifExists: IfExists;
	testAfterCreate: boolean;
	/** Set in a dry run: the parameter problems found, reported instead of thrown. */
	validateOnly?: { problems: string[] };
}

export const operation: FlowServiceOperation<Params> = {
	async prepare(this: IExecuteFunctions, itemIndex: number): Promise<Params> {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const name = readText(this, 'name', itemIndex, { label: 'Name', maxLength: 256 });
		const connectionSpecId = readText(this, 'connectionSpecId', itemIndex, {
			label: 'Connection Spec ID',
			pattern: {
				test: UUID_PATTERN,
				expected: 'a UUID such as 3416976c-a9ca-4bba-901a-1f08f66978ff',
			},
		});
		const version = checkText(this, itemIndex, additional.connectionSpecVersion ?? '1.0', {
			label: 'Connection Spec Version',
			optional: true,
			pattern: { test: /^\d+(\.\d+)*$/, expected: 'a version such as 1.0' },
		});
		const descriptionText = checkText(this, itemIndex, additional.description, {
			label: 'Description',
			optional: true,
			maxLength: 2000,
			allowLineBreaks: true,
		});
		const ifExists = (options.ifExists ?? 'reuse') as IfExists;
		if (!['reuse', 'create', 'fail'].includes(ifExists)) {
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'If a Connection With This Name Exists',
				`must be reuse, create or fail (got ${describeValue(ifExists)})`,
			);
		}
		const common = {
			name,
			description: descriptionText || undefined,
			connectionSpec: { id: connectionSpecId.toLowerCase(), version: version || '1.0' },
			timeoutMs: readTimeoutMs(this, itemIndex),
			ifExists,
			testAfterCreate: options.testAfterCreate === true,
		};
		if (options.validateOnly !== true) {
			return { ...common, login: await readRedshiftLogin.call(this, itemIndex, additional) };
		}
		// A dry run reports the login's problems in its output rather than stopping on the first.
		const problems: string[] = [];
		const login = await readRedshiftLogin.call(this, itemIndex, additional, problems);
		return { ...common, login, validateOnly: { problems } };
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		if (params.validateOnly) return await validateOnly.call(this, params, itemIndex, state);
		// Adobe keeps the password: scrub it from every answer of this execution, listings included.
		if (params.login.password) state.secrets.add(params.login.password);

		const connection = await createOrReuse.call(this, state, params, itemIndex);
		const output: IDataObject = {
			id: connection.id,
			etag: connection.etag,
			name: params.name,
			...(params.description && { description: params.description }),
			connectionSpec: params.connectionSpec,
			reused: connection.reused,
		};
		if (params.testAfterCreate) {
			output.testResult = await testConnection.call(
				this,
				state,
				String(connection.id),
				itemIndex,
				params.timeoutMs,
			);
		}
		return output;
	},
};

/** POST /connections. With create-or-reuse, a create that may have failed is looked up before it is sent again. */
async function createConnection(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: Params,
	itemIndex: number,
): Promise<{ id: string; etag: string }> {
	const body: IDataObject = {
		name: params.name,
		...(params.description && { description: params.description }),
		auth: { specName: REDSHIFT_AUTH_SPEC_NAME, params: params.login },
		connectionSpec: params.connectionSpec,
	};
	const create = flowServiceRequest
		.call(
			this,
			state,
			{
				method: 'POST',
				path: '/connections',
				body,
				timeoutMs: params.timeoutMs,
				findCreated:
					params.ifExists === 'create'
						? undefined
						: async () => await lookUpConnectionByName.call(this, state, params, itemIndex),
			},
			itemIndex,
		)
		.then((response) => ({
			id: String(response.body.id ?? ''),
			etag: String(response.body.etag ?? ''),
		}));
	return await create;
}

type ExistingByName = Map<string, Promise<IDataObject | undefined>>;

/**
 * The connections of this spec that exist, by name: listed once per execution (not one
 * filtered GET per item), then kept current with what this execution creates.
 */
async function existingConnections(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: Params,
	itemIndex: number,
): Promise<ExistingByName> {
	const key = `connections-by-name:${params.connectionSpec.id}`;
	let listing = state.memo.get(key) as Promise<ExistingByName> | undefined;
	if (!listing) {
		// A run of one item (a webhook call, say) asks for its own name: one request, however many
		// connections the sandbox holds. Larger runs list the spec's connections once instead of
		// one GET per item. A name Adobe's filter syntax cannot carry is matched locally.
		const property = [quotedFilter('connectionSpec.id', params.connectionSpec.id)];
		if (this.getInputData().length === 1 && !FILTER_BREAKERS.test(params.name)) {
			property.unshift(quotedFilter('name', params.name));
		}
		listing = listAll
			.call(
				this,
				state,
				{
					path: '/connections',
					query: { property },
					sendPageSize: true,
					timeoutMs: params.timeoutMs,
				},
				itemIndex,
			)
			.then((connections) => {
				const byName: ExistingByName = new Map();
				// Oldest first, so that among duplicates the original is the one reused.
				const sorted = [...connections].sort(
					(a, b) => Number(a.createdAt ?? 0) - Number(b.createdAt ?? 0),
				);
				for (const connection of sorted) {
					const name = typeof connection.name === 'string' ? connection.name : undefined;
					if (name && !byName.has(name)) byName.set(name, Promise.resolve(connection));
				}
				return byName;
			});
		listing.catch(() => state.memo.delete(key));
		state.memo.set(key, listing);
	}
	return await listing;
}

/**
 * Reuses a connection of the same name and spec, or creates one. The claim on a name is made
 * in the same tick as the look-up, so two items with one name in flight at once create one
 * connection between them.
 */
async function createOrReuse(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: Params,
	itemIndex: number,
): Promise<{ id: string; etag: string; reused: boolean }> {
	if (params.ifExists === 'create') {
		return { ...(await createConnection.call(this, state, params, itemIndex)), reused: false };
	}
	const byName = await existingConnections.call(this, state, params, itemIndex);
	const known = byName.get(params.name);
	// A same-name create that failed earlier in this execution is no reason to fail this item.
	const existing = known ? await known.catch(() => undefined) : undefined;
	if (existing) {
		if (params.ifExists === 'fail') {
			throw operationError(
				this.getNode(),
				`A connection named "${params.name}" already exists for this connection spec (ID ${String(existing.id)}) [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Set "If a Connection With This Name Exists" to Reuse It to output the existing one, or pick another name.',
				},
			);
		}
		return { id: String(existing.id), etag: String(existing.etag ?? ''), reused: true };
	}
	// Re-read after the await above: another item may have claimed the name meanwhile.
	const claimed = byName.get(params.name);
	if (claimed && claimed !== known) {
		const sibling = await claimed.catch(() => undefined);
		if (sibling) return { id: String(sibling.id), etag: String(sibling.etag ?? ''), reused: true };
	}
	const creating = createConnection.call(this, state, params, itemIndex);
	const entry = creating.then((created) => ({ ...created, name: params.name }));
	// Items that find this entry handle its failure themselves; it must not go unhandled here.
	entry.catch(() => undefined);
	byName.set(params.name, entry);
	return { ...(await creating), reused: false };
}

/**
 * One filtered GET for a single name, used only to learn whether a create whose answer was
 * lost went through.
 */
async function lookUpConnectionByName(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: Params,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const matches = await listAll.call(
		this,
		state,
		{
			path: '/connections',
			query: {
				property: [
					quotedFilter('name', params.name),
					quotedFilter('connectionSpec.id', params.connectionSpec.id),
				],
			},
			sendPageSize: true,
			timeoutMs: params.timeoutMs,
		},
		itemIndex,
	);
	return matches.find((connection) => connection.name === params.name);
}

/** Dry run: the login checked against the spec's own auth spec (a JSON Schema); nothing is sent but the spec lookup. */
async function validateOnly(
	this: IExecuteFunctions,
	params: Params,
	itemIndex: number,
	state: ExecutionState,
): Promise<IDataObject> {
	const spec = await findConnectionSpecById.call(
		this,
		state,
		params.connectionSpec.id,
		itemIndex,
		params.timeoutMs,
	);
	const errors = [...(params.validateOnly?.problems ?? [])];
	const authSpecs = (Array.isArray(spec.authSpec) ? spec.authSpec : []) as IDataObject[];
	const authSpec = authSpecs.find((candidate) => candidate.name === REDSHIFT_AUTH_SPEC_NAME);
	if (!authSpec) {
		errors.push(
			`The connection spec "${String(spec.name ?? params.connectionSpec.id)}" has no "${REDSHIFT_AUTH_SPEC_NAME}" auth spec`,
		);
	} else {
		errors.push(...validateAgainstSchema(params.login, authSpec.spec, 'auth.params'));
	}
	return {
		valid: errors.length === 0,
		errors,
		name: params.name,
		connectionSpec: params.connectionSpec,
		authSpec: REDSHIFT_AUTH_SPEC_NAME,
	};
}

/** The Redshift login, from the n8n credential or from parameters, checked field by field. */
async function readRedshiftLogin(
	this: IExecuteFunctions,
	itemIndex: number,
	additional: IDataObject,
	problems?: string[],
): Promise<RedshiftLogin> {
	const source = this.getNodeParameter('redshiftCredentials', itemIndex, 'credential') as unknown;
	if (source !== 'credential' && source !== 'parameters') {
		throw invalidParameter(
			this.getNode(),
			itemIndex,
			'Redshift Login From',
			`must be credential or parameters (got ${describeValue(source)})`,
		);
	}
	let raw: IDataObject;
	let prefix: string;
	if (source === 'parameters') {
		prefix = '';
		raw = {
			server: this.getNodeParameter('server', itemIndex, ''),
			database: this.getNodeParameter('database', itemIndex, ''),
			username: this.getNodeParameter('username', itemIndex, ''),
			password: this.getNodeParameter('password', itemIndex, ''),
			port: additional.port,
			schema: additional.schema,
		};
	} else {
		prefix = 'Redshift credential field ';
		raw = await this.getCredentials(REDSHIFT_CREDENTIAL_TYPE, itemIndex);
	}
	const label = (field: string) => (prefix ? `${prefix}"${field}"` : field);
	// In a dry run each field's problem is collected and the field left out, so the schema
	// check below can report what is missing too.
	const check = <T>(read: () => T): T | undefined => {
		if (!problems) return read();
		try {
			return read();
		} catch (error) {
			problems.push((error as Error).message.replace(/ \[item \d+\]$/, ''));
			return undefined;
		}
	};
	const login: IDataObject = {
		server: check(() => checkServer(this, itemIndex, raw.server, label('Server'))),
		database: check(() =>
			checkText(this, itemIndex, raw.database, { label: label('Database'), maxLength: 127 }),
		),
		username: check(() =>
			checkText(this, itemIndex, raw.username, { label: label('Username'), maxLength: 128 }),
		),
		password: check(() =>
			checkText(this, itemIndex, raw.password, {
				label: label('Password'),
				maxLength: 4096,
				keepWhitespace: true,
			}),
		),
		port: check(() => checkPort(this, itemIndex, raw.port, label('Port'))),
		schema: check(() =>
			checkText(this, itemIndex, raw.schema, {
				label: label('Schema'),
				optional: true,
				maxLength: 127,
			}),
		),
	};
	// Adobe wants port and schema only when set.
	for (const key of Object.keys(login))
		if (login[key] === undefined || login[key] === '') delete login[key];
	return login as RedshiftLogin;
}
