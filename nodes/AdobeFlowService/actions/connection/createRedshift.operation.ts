import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionNameField } from '../../descriptions/connection';
import {
	ifExistsOption,
	testAfterCreateOption,
	validateOnlyOption,
} from '../../descriptions/createOptions';
import { dryRunAuth } from '../../helpers/authSpecs';
import { readParameter } from '../../helpers/parameters';
import { createBaseConnection } from '../../helpers/baseConnections';
import type { BaseConnectionCreate } from '../../helpers/baseConnections';
import { readIfExists } from '../../helpers/createOrReuse';
import {
	readRedshiftLogin,
	REDSHIFT_AUTH_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
} from '../../helpers/redshiftLogin';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { checkText, readText, UUID_PATTERN } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['connection'], operation: ['createRedshift'] };
const showForParameters = { ...showFor, redshiftCredentials: ['parameters'] };

export const description: INodeProperties[] = [
	connectionNameField(showFor, 'e.g. Redshift analytics cluster'),
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
		ifExistsOption('Connection', 'name and connection spec'),
		validateOnlyOption("the connection spec's auth spec"),
		testAfterCreateOption('Redshift'),
	]),
];

interface Params extends BaseConnectionCreate {
	/** Set in a dry run: the parameter problems found, reported instead of thrown. */
	validateOnly?: { problems: string[] };
}

export const operation: FlowServiceOperation<Params> = {
	async prepare(this: IExecuteFunctions, itemIndex: number): Promise<Params> {
		const additional = readParameter(this, 'additionalFields', itemIndex, {}) as IDataObject;
		const options = readParameter(this, 'options', itemIndex, {}) as IDataObject;
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
		const ifExists = readIfExists(this, itemIndex, 'If a Connection With This Name Exists');
		// A dry run reports the login's problems in its output rather than stopping on the first.
		const problems = options.validateOnly === true ? [] : undefined;
		const login = await readRedshiftLogin.call(this, itemIndex, additional, problems);
		return {
			name,
			description: descriptionText || undefined,
			connectionSpec: { id: connectionSpecId.toLowerCase(), version: version || '1.0' },
			auth: { specName: REDSHIFT_AUTH_SPEC_NAME, params: login },
			timeoutMs: readTimeoutMs(this, itemIndex),
			ifExists,
			testAfterCreate: options.testAfterCreate === true,
			...(problems && { validateOnly: { problems } }),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		if (params.validateOnly) {
			return await dryRunAuth.call(
				this,
				state,
				{ ...params, ...params.auth, problems: params.validateOnly.problems },
				itemIndex,
			);
		}
		// Adobe keeps the password: scrub it from every answer of this execution, listings included.
		const password = params.auth.params.password;
		if (typeof password === 'string' && password) state.secrets.add(password);
		return await createBaseConnection.call(this, state, params, itemIndex);
	},
};
