import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { coerceToSchema, isSecretField, secretFieldsOf } from './authSpecs';
import type { AuthSchema } from './authSpecs';
import { operationError } from './errors';
import { validateAgainstSchema } from './jsonSchema';
import { SOURCE_SECRETS_CREDENTIAL_NAME } from './types';

/**
 * Builds `auth.params` from a form's plain fields and a credential's secrets, and checks the
 * whole against the auth spec's JSON Schema before anything is sent.
 */

/**
 * The credential's Other Secrets (JSON): undefined when empty, null when it is not a JSON
 * object. Its text is a secret, so no message ever quotes it.
 */
export function readOtherSecrets(data: IDataObject): IDataObject | null | undefined {
	const text = typeof data.otherSecrets === 'string' ? data.otherSecrets.trim() : '';
	if (!text) return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: null;
	} catch {
		return null;
	}
}

/** The secrets a "Flow Service Source Secrets" credential holds, by field name. */
export function readSourceSecrets(
	context: IExecuteFunctions,
	data: IDataObject,
	itemIndex: number,
): Record<string, string> {
	const secrets: Record<string, string> = {};
	const other = readOtherSecrets(data);
	if (other !== undefined) {
		if (other === null) {
			// The text is a secret: the message says what is wrong, never what it holds.
			throw operationError(
				context.getNode(),
				`The "${SOURCE_SECRETS_CREDENTIAL_NAME}" credential's field "Other Secrets (JSON)" is not a JSON object [item ${itemIndex}]`,
				{ itemIndex, description: 'Write it as {"fieldName": "secret value"}.' },
			);
		}
		for (const [key, value] of Object.entries(other)) {
			if (typeof value === 'string' && value !== '') secrets[key] = value;
		}
	}
	for (const [key, value] of Object.entries(data)) {
		if (key !== 'otherSecrets' && key !== 'notice' && typeof value === 'string' && value !== '') {
			secrets[key] = value;
		}
	}
	return secrets;
}

export interface AuthParamsInput {
	schema: AuthSchema;
	specName: string;
	/** The form's fields (never secrets). */
	plain: IDataObject;
	/** Secrets by field name, and where they came from, for messages. */
	secrets: Record<string, string>;
	secretsFrom: string;
	/** Secrets the auth spec requires that may be left out (an update keeps Adobe's). */
	optionalSecrets?: boolean;
}

/**
 * The checked `auth.params`. Problems name the field and, unless collected for a dry run, stop
 * the item with `[item N]`. Fields the schema does not know pass through: Adobe adds optional
 * ones over time.
 */
export function assembleAuthParams(
	context: IExecuteFunctions,
	itemIndex: number,
	input: AuthParamsInput,
	problems?: string[],
): IDataObject {
	const found: string[] = [];
	const params: IDataObject = {};
	const secretValues = new Set(Object.values(input.secrets).filter((value) => value.length >= 4));
	for (const [field, raw] of Object.entries(input.plain)) {
		if (raw === undefined || raw === null || raw === '') continue;
		if (isSecretField(input.schema, field)) {
			found.push(
				`Login field "${field}" is a secret: put it in the "${SOURCE_SECRETS_CREDENTIAL_NAME}" credential, not in a parameter (n8n stores parameters in plain text)`,
			);
			continue;
		}
		if (typeof raw === 'string' && secretValues.has(raw)) {
			found.push(
				`Login field "${field}" holds one of the secrets of ${input.secretsFrom}: a secret never goes in a plain field`,
			);
			continue;
		}
		params[field] = coerceToSchema(raw, input.schema.properties[field]) as IDataObject[string];
	}
	for (const field of secretFieldsOf(input.schema)) {
		const value = input.secrets[field];
		if (value !== undefined) params[field] = value;
		else if (input.schema.required.includes(field) && !input.optionalSecrets) {
			found.push(
				`${input.secretsFrom} has no "${field}", which the auth spec "${input.specName}" requires`,
			);
		}
	}
	const schemaProblems = validateAgainstSchema(
		params,
		{
			type: 'object',
			properties: input.schema.properties,
			required: input.optionalSecrets
				? input.schema.required.filter((field) => !isSecretField(input.schema, field))
				: input.schema.required,
		},
		'auth.params',
	);
	// A secret already reported missing is not reported twice.
	for (const problem of schemaProblems) {
		const field = /^auth\.params\.(\S+) is required$/.exec(problem)?.[1];
		if (!field || !found.some((text) => text.includes(`"${field}"`))) found.push(problem);
	}
	if (found.length > 0 && !problems) {
		throw operationError(context.getNode(), `${found.join('; ')} [item ${itemIndex}]`, {
			itemIndex,
			description: `The auth spec "${input.specName}" of the connection spec says what the login needs. Get Connection Spec shows it.`,
		});
	}
	problems?.push(...found);
	return params;
}

/** Where Update takes a new secret from. */
export type NewSecretFrom =
	| 'none'
	| 'redshiftCredential'
	| 'sourceSecretsCredential'
	| 'expression';

export interface NewSecrets {
	values: Record<string, string>;
	/** For messages: "the Redshift credential", say. */
	from: string;
	/** Whether only the secrets the auth spec names are taken (a credential may hold more). */
	filterToSpec: boolean;
}

/**
 * A new secret for Update. A literal typed into a parameter is refused: n8n stores parameters
 * in plain text and copies them into execution records. An expression's raw value starts with
 * `=`, which tells the two apart.
 */
export async function readNewSecrets(
	context: IExecuteFunctions,
	itemIndex: number,
	from: NewSecretFrom,
	credentialTypes: { redshift: string; sourceSecrets: string },
): Promise<NewSecrets> {
	if (from === 'none') return { values: {}, from: 'nowhere', filterToSpec: false };
	if (from === 'redshiftCredential') {
		const data = await context.getCredentials(credentialTypes.redshift, itemIndex);
		const password = typeof data.password === 'string' ? data.password : '';
		if (!password) {
			throw operationError(
				context.getNode(),
				`The Redshift credential has no Password [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		return { values: { password }, from: 'the Redshift credential', filterToSpec: false };
	}
	if (from === 'sourceSecretsCredential') {
		const data = await context.getCredentials(credentialTypes.sourceSecrets, itemIndex);
		return {
			values: readSourceSecrets(context, data, itemIndex),
			from: `the "${SOURCE_SECRETS_CREDENTIAL_NAME}" credential`,
			filterToSpec: true,
		};
	}
	const raw = (context.getNode().parameters.secretValues as IDataObject | undefined)?.secret;
	const evaluated = context.getNodeParameter('secretValues.secret', itemIndex, []) as IDataObject[];
	const values: Record<string, string> = {};
	(Array.isArray(raw) ? (raw as IDataObject[]) : []).forEach((entry, index) => {
		const field = typeof entry.name === 'string' ? entry.name.trim() : '';
		if (!field) return;
		if (typeof entry.value !== 'string' || !entry.value.startsWith('=')) {
			throw operationError(
				context.getNode(),
				`New Secret "${field}" is typed in, not mapped: a secret in a parameter is stored in plain text [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Map it with an expression from an earlier node (a secrets-manager lookup, say), or take it from a credential.',
				},
			);
		}
		const value = evaluated[index]?.value;
		if (typeof value !== 'string' || value === '') {
			throw operationError(
				context.getNode(),
				`New Secret "${field}" came out empty or not as text [item ${itemIndex}]`,
				{ itemIndex, description: 'Check the expression and the earlier node it reads from.' },
			);
		}
		values[field] = value;
	});
	return { values, from: 'the New Secrets expressions', filterToSpec: false };
}
