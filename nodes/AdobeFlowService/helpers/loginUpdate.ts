import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { authSchemaOf, findAuthSpec, secretFieldsOf } from './authSpecs';
import { findConnectionSpecById } from './connectionSpecs';
import { operationError } from './errors';
import { assembleAuthParams } from './sourceSecrets';
import type { NewSecrets } from './sourceSecrets';
import type { ExecutionState } from './types';

/** What Connection → Update changes in a login. */
export interface LoginUpdate {
	/** Plain login fields, by name. */
	login: IDataObject;
	secrets: NewSecrets;
	timeoutMs: number;
}

/**
 * The whole `auth.params` to send: what Adobe shows now (secrets aside: it masks them) with the
 * changes on top. Replacing it whole is the documented form, so every secret the auth spec
 * requires must come along.
 */
export async function newAuthParams(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: LoginUpdate,
	current: IDataObject,
	itemIndex: number,
): Promise<{ params: IDataObject; changed: string[] } | undefined> {
	if (!Object.keys(params.login).length && !Object.keys(params.secrets.values).length) return;
	const currentAuth = (current.auth ?? {}) as IDataObject;
	const specName = String(currentAuth.specName ?? '');
	const specId = String((current.connectionSpec as IDataObject | undefined)?.id ?? '');
	const spec = await findConnectionSpecById.call(this, state, specId, itemIndex, params.timeoutMs);
	const authSpec = findAuthSpec(spec, specName);
	if (!authSpec) {
		throw operationError(
			this.getNode(),
			`The connection's auth spec "${specName}" is not in its connection spec any more [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	const schema = authSchemaOf(authSpec);
	const secretFields = secretFieldsOf(schema);
	const secrets = { ...params.secrets.values };
	if (params.secrets.filterToSpec) {
		for (const key of Object.keys(secrets)) if (!secretFields.includes(key)) delete secrets[key];
	}
	if (params.secrets.filterToSpec && !Object.keys(secrets).length) {
		throw operationError(
			this.getNode(),
			`${params.secrets.from} holds none of the secrets of the auth spec "${specName}" (${secretFields.join(', ')}) [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	const changing = [...Object.keys(params.login), ...Object.keys(secrets)];
	const foreign = changing.filter((field) => !(field in schema.properties));
	if (foreign.length) {
		throw operationError(
			this.getNode(),
			`${foreign.map((field) => `"${field}"`).join(', ')} ${foreign.length > 1 ? 'are not fields' : 'is not a field'} of the auth spec "${specName}" of this connection [item ${itemIndex}]`,
			{ itemIndex, description: `Its fields are ${Object.keys(schema.properties).join(', ')}.` },
		);
	}
	const kept: IDataObject = {};
	for (const [field, value] of Object.entries((currentAuth.params ?? {}) as IDataObject)) {
		if (!secretFields.includes(field)) kept[field] = value;
	}
	const missing = secretFields.filter(
		(field) => schema.required.includes(field) && !(field in secrets),
	);
	if (missing.length) {
		throw operationError(
			this.getNode(),
			`Changing the login replaces auth.params whole, and Adobe never shows stored secrets: give ${missing.map((field) => `"${field}"`).join(', ')} too [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Take the secrets from a credential or map them with expressions (New Secret From).',
			},
		);
	}
	const assembled = assembleAuthParams(this, itemIndex, {
		schema,
		specName,
		plain: { ...kept, ...params.login },
		secrets,
		secretsFrom: params.secrets.from,
	});
	return { params: assembled, changed: changing.map((field) => `/auth/params/${field}`) };
}
