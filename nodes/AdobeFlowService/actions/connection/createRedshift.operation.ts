import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { REDSHIFT_CREDENTIAL_TYPE } from '../../helpers/types';
import { checkPort, checkServer, checkText, readText, UUID_PATTERN } from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { concurrencyOption, readConcurrency, readTimeoutMs, timeoutOption } from '../common';

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
			'Amazon Redshift\'s connection spec ID. To chain from Get Connection Spec, map its ID output here with an expression.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Redshift Login From',
		name: 'redshiftCredentials',
		type: 'options',
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
				description:
					'Only with the login from parameters. Leave empty for the Redshift default.',
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [concurrencyOption, timeoutOption],
	},
];

interface RedshiftLogin extends IDataObject {
	server: string;
	database: string;
	username: string;
	password: string;
	port?: string;
	schema?: string;
}

interface Params {
	name: string;
	description?: string;
	connectionSpec: { id: string; version: string };
	login: RedshiftLogin;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	async prepare(this: IExecuteFunctions, itemIndex: number): Promise<Params> {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const name = readText(this, 'name', itemIndex, { label: 'Name', maxLength: 256 });
		const connectionSpecId = readText(this, 'connectionSpecId', itemIndex, {
			label: 'Connection Spec ID',
			pattern: { test: UUID_PATTERN, expected: 'a UUID such as 3416976c-a9ca-4bba-901a-1f08f66978ff' },
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
		return {
			name,
			description: descriptionText || undefined,
			connectionSpec: { id: connectionSpecId.toLowerCase(), version: version || '1.0' },
			login: await readRedshiftLogin.call(this, itemIndex, additional),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const body: IDataObject = {
			name: params.name,
			...(params.description && { description: params.description }),
			auth: { specName: REDSHIFT_AUTH_SPEC_NAME, params: params.login },
			connectionSpec: params.connectionSpec,
		};
		const response = await flowServiceRequest.call(
			this,
			state,
			{
				method: 'POST',
				path: '/connections',
				body,
				timeoutMs: params.timeoutMs,
				secrets: [params.login.password],
			},
			itemIndex,
		);
		return {
			id: response.body.id,
			etag: response.body.etag,
			name: params.name,
			...(params.description && { description: params.description }),
			connectionSpec: params.connectionSpec,
		};
	},

	concurrency: readConcurrency,
};

/** The Redshift login, from the n8n credential or from parameters, checked field by field. */
async function readRedshiftLogin(
	this: IExecuteFunctions,
	itemIndex: number,
	additional: IDataObject,
): Promise<RedshiftLogin> {
	const source = this.getNodeParameter('redshiftCredentials', itemIndex, 'credential') as string;
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
	const login: RedshiftLogin = {
		server: checkServer(this, itemIndex, raw.server, label('Server')),
		database: checkText(this, itemIndex, raw.database, { label: label('Database'), maxLength: 127 }),
		username: checkText(this, itemIndex, raw.username, { label: label('Username'), maxLength: 128 }),
		password: checkText(this, itemIndex, raw.password, {
			label: label('Password'),
			maxLength: 4096,
			keepWhitespace: true,
		}),
	};
	const port = checkPort(this, itemIndex, raw.port, label('Port'));
	if (port) login.port = port;
	const schema = checkText(this, itemIndex, raw.schema, {
		label: label('Schema'),
		optional: true,
		maxLength: 127,
	});
	if (schema) login.schema = schema;
	return login;
}
