import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionNameField } from '../../descriptions/connection';
import { connectionSpecLocator, readConnectionSpecId } from '../../descriptions/connectionSpec';
import {
	ifExistsOption,
	testAfterCreateOption,
	validateOnlyOption,
} from '../../descriptions/createOptions';
import { authSchemaOf, findAuthSpec, missingAuthSpec } from '../../helpers/authSpecs';
import { createBaseConnection } from '../../helpers/baseConnections';
import type { BaseConnectionCreate } from '../../helpers/baseConnections';
import { findConnectionSpecById } from '../../helpers/connectionSpecs';
import { dryRunResult, readIfExists } from '../../helpers/createOrReuse';
import { invalidParameter } from '../../helpers/errors';
import { assembleAuthParams, readSourceSecrets } from '../../helpers/sourceSecrets';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import {
	SOURCE_SECRETS_CREDENTIAL_NAME,
	SOURCE_SECRETS_CREDENTIAL_TYPE,
} from '../../helpers/types';
import { checkText, readText } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['connection'], operation: ['create'] };

export const description: INodeProperties[] = [
	connectionNameField(showFor, 'e.g. Snowflake sales warehouse'),
	connectionSpecLocator(showFor),
	{
		displayName: 'Authentication Method Name or ID',
		name: 'authSpecName',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getAuthSpecNames',
			loadOptionsDependsOn: ['connectionSpec.value'],
		},
		default: '',
		required: true,
		description:
			'One of the auth specs of the connection spec. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: showFor },
	},
	{
		displayName:
			'Secrets (passwords, connection strings, private keys, client secrets, tokens) come from the "Flow Service Source Secrets" credential above, never from these fields',
		name: 'secretsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Login Fields',
		name: 'authParams',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['connectionSpec.value', 'authSpecName'],
			resourceMapper: {
				resourceMapperMethod: 'getAuthSpecFields',
				mode: 'add',
				fieldWords: { singular: 'login field', plural: 'login fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'Choose a connection spec and an authentication method first',
			},
		},
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Description',
		name: 'connectionDescription',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		displayOptions: { show: showFor },
	},
	optionsCollection(showFor, [
		ifExistsOption('Connection', 'name and connection spec'),
		validateOnlyOption("the connection spec's auth spec"),
		testAfterCreateOption('the source'),
	]),
];

interface Params extends BaseConnectionCreate {
	plain: IDataObject;
	secrets: Record<string, string>;
	/** Set in a dry run: the problems found, reported instead of thrown. */
	validateOnly?: { problems: string[] };
}

export const operation: FlowServiceOperation<Params> = {
	async prepare(this: IExecuteFunctions, itemIndex: number): Promise<Params> {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const name = readText(this, 'name', itemIndex, { label: 'Name', maxLength: 256 });
		const specId = readConnectionSpecId(this, itemIndex);
		const specName = readText(this, 'authSpecName', itemIndex, {
			label: 'Authentication Method',
			maxLength: 256,
		});
		const mapper = this.getNodeParameter('authParams', itemIndex, {}) as IDataObject | null;
		const plain = (mapper && typeof mapper === 'object' ? mapper.value : undefined) ?? {};
		if (typeof plain !== 'object' || Array.isArray(plain)) {
			throw invalidParameter(this.getNode(), itemIndex, 'Login Fields', 'must be an object');
		}
		const descriptionText = checkText(
			this,
			itemIndex,
			this.getNodeParameter('connectionDescription', itemIndex, ''),
			{ label: 'Description', optional: true, maxLength: 2000, allowLineBreaks: true },
		);
		const credential = await this.getCredentials(SOURCE_SECRETS_CREDENTIAL_TYPE, itemIndex);
		return {
			name,
			description: descriptionText || undefined,
			connectionSpec: { id: specId, version: '1.0' },
			auth: { specName, params: {} },
			plain: plain as IDataObject,
			secrets: readSourceSecrets(this, credential, itemIndex),
			ifExists: readIfExists(this, itemIndex, 'If a Connection With This Name Exists'),
			testAfterCreate: options.testAfterCreate === true,
			timeoutMs: readTimeoutMs(this, itemIndex),
			...(options.validateOnly === true && { validateOnly: { problems: [] } }),
		};
	},

	/** Reads the spec (once per execution) and builds auth.params from its auth spec's schema. */
	async check(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// Adobe keeps the secrets: scrub them from every answer of this execution.
		for (const value of Object.values(params.secrets)) state.secrets.add(value);
		const spec = await findConnectionSpecById.call(
			this,
			state,
			params.connectionSpec.id,
			itemIndex,
			params.timeoutMs,
		);
		const connectionSpec = { id: params.connectionSpec.id, version: String(spec.version ?? '1.0') };
		const problems = params.validateOnly?.problems;
		const authSpec = findAuthSpec(spec, params.auth.specName);
		if (!authSpec) {
			const error = missingAuthSpec(this, spec, params.auth.specName, itemIndex);
			if (!problems) throw error;
			problems.push(error.message.replace(/ \[item \d+\]$/, ''));
			return { ...params, connectionSpec };
		}
		const authParams = assembleAuthParams(
			this,
			itemIndex,
			{
				schema: authSchemaOf(authSpec),
				specName: params.auth.specName,
				plain: params.plain,
				secrets: params.secrets,
				secretsFrom: `The "${SOURCE_SECRETS_CREDENTIAL_NAME}" credential`,
			},
			problems,
		);
		return {
			...params,
			connectionSpec,
			auth: { specName: params.auth.specName, params: authParams },
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		if (params.validateOnly) {
			return dryRunResult(params.validateOnly.problems, {
				name: params.name,
				connectionSpec: params.connectionSpec,
				authSpec: params.auth.specName,
			});
		}
		return await createBaseConnection.call(this, state, params, itemIndex);
	},
};
