import type {
	FieldType,
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { authSchemaOf, authSpecsOf, findAuthSpec, isSecretField } from '../helpers/authSpecs';
import { findConnectionSpecById } from '../helpers/connectionSpecs';
import { createExecutionState } from '../helpers/types';
import { UUID_PATTERN } from '../helpers/validation';

/**
 * The Create form, from the live connection spec: its auth spec names as options, and the
 * chosen auth spec's JSON Schema as login fields (secrets left out: they come from a
 * credential). Adobe renames auth specs between revisions, so nothing here is hard-coded.
 */

async function chosenSpec(context: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const id = context.getCurrentNodeParameter('connectionSpec', { extractValue: true });
	if (typeof id !== 'string' || !UUID_PATTERN.test(id)) return undefined;
	return await findConnectionSpecById.call(context, createExecutionState(), id.toLowerCase(), 0);
}

export async function getAuthSpecNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const spec = await chosenSpec(this);
	if (!spec) return [];
	return authSpecsOf(spec).map((authSpec) => ({
		name: String(authSpec.name),
		value: String(authSpec.name),
		...(typeof authSpec.type === 'string' && { description: authSpec.type }),
	}));
}

const FIELD_TYPES: Record<string, FieldType> = {
	string: 'string',
	integer: 'number',
	number: 'number',
	boolean: 'boolean',
	array: 'array',
	object: 'object',
};

export async function getAuthSpecFields(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const spec = await chosenSpec(this);
	const specName = this.getCurrentNodeParameter('authSpecName');
	const authSpec = spec && typeof specName === 'string' ? findAuthSpec(spec, specName) : undefined;
	if (!authSpec) {
		return {
			fields: [],
			emptyFieldsNotice: 'Choose a connection spec and an authentication method first',
		};
	}
	const schema = authSchemaOf(authSpec);
	const fields: ResourceMapperField[] = [];
	for (const [name, property] of Object.entries(schema.properties)) {
		if (isSecretField(schema, name)) continue;
		const options = Array.isArray(property.enum)
			? property.enum.map((value) => ({ name: String(value), value: String(value) }))
			: undefined;
		const hint = typeof property.description === 'string' ? property.description.trim() : '';
		fields.push({
			id: name,
			displayName: hint ? `${name} (${hint.length > 80 ? `${hint.slice(0, 77)}...` : hint})` : name,
			required: schema.required.includes(name),
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: options ? 'options' : (FIELD_TYPES[String(property.type)] ?? 'string'),
			...(options && { options }),
		});
	}
	return {
		fields,
		...(fields.length === 0 && {
			emptyFieldsNotice:
				'This authentication method has secret fields only: they all come from the credential',
		}),
	};
}
