import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionLocator, readConnectionId } from '../../descriptions/connection';
import { isSecretField } from '../../helpers/authSpecs';
import { entityPath } from '../../helpers/flowEntities';
import { patchWithEtag } from '../../helpers/patchWithEtag';
import type { PatchOperation } from '../../helpers/patchWithEtag';
import { newAuthParams } from '../../helpers/loginUpdate';
import type { LoginUpdate } from '../../helpers/loginUpdate';
import { describeValue, invalidParameter, operationError } from '../../helpers/errors';
import { readNewSecrets } from '../../helpers/sourceSecrets';
import type { NewSecretFrom } from '../../helpers/sourceSecrets';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { REDSHIFT_CREDENTIAL_TYPE, SOURCE_SECRETS_CREDENTIAL_TYPE } from '../../helpers/types';
import { checkText } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['connection'], operation: ['update'] };
const SECRET_SOURCES: NewSecretFrom[] = [
	'none',
	'redshiftCredential',
	'sourceSecretsCredential',
	'expression',
];

export const description: INodeProperties[] = [
	connectionLocator('update', 'update'),
	{
		displayName: 'New Secret From',
		name: 'newSecretFrom',
		type: 'options',
		// n8n decides which credential to load from this value before the node runs.
		noDataExpression: true,
		options: [
			{ name: 'No New Secret', value: 'none' },
			{
				name: 'The Redshift Credential',
				value: 'redshiftCredential',
				description: "Its Password becomes the connection's password (password rotation)",
			},
			{
				name: 'The Source Secrets Credential',
				value: 'sourceSecretsCredential',
				description: "The secrets in it that the connection's auth spec names",
			},
			{
				name: 'Expressions',
				value: 'expression',
				description:
					'Mapped from an earlier node, e.g. a secrets-manager lookup. Typed-in values are refused.',
			},
		],
		default: 'none',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'New Secrets',
		name: 'secretValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Secret',
		default: {},
		displayOptions: { show: { ...showFor, newSecretFrom: ['expression'] } },
		options: [
			{
				displayName: 'Secret',
				name: 'secret',
				values: [
					{ displayName: 'Field', name: 'name', type: 'string', default: 'password' },
					{
						displayName: 'Value (Expression)',
						name: 'value',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						placeholder: 'e.g. {{ $json.SecretString }}',
					},
				],
			},
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
			},
			{
				displayName: 'Login Fields',
				name: 'loginFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Field',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. username',
							},
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
	optionsCollection(showFor),
];

interface Params extends LoginUpdate {
	id: string;
	name?: string;
	description?: string;
}

export const operation: FlowServiceOperation<Params> = {
	async prepare(this: IExecuteFunctions, itemIndex: number): Promise<Params> {
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const text = (raw: unknown, label: string, maxLength: number) =>
			checkText(this, itemIndex, raw, {
				label,
				optional: true,
				maxLength,
				allowLineBreaks: label === 'Description',
			});
		const name = text(fields.name, 'Name', 256) || undefined;
		const descriptionText =
			fields.description === undefined ? undefined : text(fields.description, 'Description', 2000);
		const login: IDataObject = {};
		for (const entry of ((fields.loginFields as IDataObject)?.field ?? []) as IDataObject[]) {
			const field = text(entry.name, 'Login Field name', 128);
			if (!field) continue;
			if (isSecretField({ properties: {}, required: [] }, field)) {
				throw invalidParameter(
					this.getNode(),
					itemIndex,
					`Login field "${field}"`,
					'is a secret: choose where New Secret comes from instead (a credential or an expression)',
				);
			}
			login[field] = entry.value;
		}
		const from = this.getNodeParameter('newSecretFrom', itemIndex, 'none') as NewSecretFrom;
		if (!SECRET_SOURCES.includes(from)) {
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'New Secret From',
				`must be one of ${SECRET_SOURCES.join(', ')} (got ${describeValue(from)})`,
			);
		}
		const secrets = await readNewSecrets(this, itemIndex, from, {
			redshift: REDSHIFT_CREDENTIAL_TYPE,
			sourceSecrets: SOURCE_SECRETS_CREDENTIAL_TYPE,
		});
		if (
			!name &&
			descriptionText === undefined &&
			!Object.keys(login).length &&
			!Object.keys(secrets.values).length
		) {
			throw operationError(
				this.getNode(),
				`Nothing to update: set a field or a new secret [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		return {
			id: readConnectionId(this, itemIndex),
			name,
			description: descriptionText,
			login,
			secrets,
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		for (const value of Object.values(params.secrets.values)) state.secrets.add(value);
		const updated: string[] = [];
		const { body } = await patchWithEtag.call(
			this,
			state,
			{
				path: entityPath('connections', params.id),
				noun: 'connection',
				id: params.id,
				timeoutMs: params.timeoutMs,
				operations: async (current) => {
					updated.length = 0;
					const patch: PatchOperation[] = [];
					if (params.name) patch.push({ op: 'replace', path: '/name', value: params.name });
					if (params.description !== undefined)
						patch.push({ op: 'add', path: '/description', value: params.description });
					const auth = await newAuthParams.call(this, state, params, current, itemIndex);
					if (auth) patch.push({ op: 'replace', path: '/auth/params', value: auth.params });
					updated.push(
						...patch.filter((op) => op.path !== '/auth/params').map((op) => op.path),
						...(auth?.changed ?? []),
					);
					return patch;
				},
			},
			itemIndex,
		);
		return {
			id: String(body.id ?? params.id),
			etag: String(body.etag ?? ''),
			updated: [...updated],
		};
	},
};
