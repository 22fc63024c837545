import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	ICredentialsHelper as CredentialsHelperContract,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { AdobeFlowServiceApi } from '../../credentials/AdobeFlowServiceApi.credentials';
import { AmazonRedshiftSourceApi } from '../../credentials/AmazonRedshiftSourceApi.credentials';
import { FlowServiceSourceSecretsApi } from '../../credentials/FlowServiceSourceSecretsApi.credentials';

export const credentialTypes: Record<string, ICredentialType> = {
	adobeFlowServiceApi: new AdobeFlowServiceApi(),
	amazonRedshiftSourceApi: new AmazonRedshiftSourceApi(),
	flowServiceSourceSecretsApi: new FlowServiceSourceSecretsApi(),
};

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Does what n8n's own CredentialsHelper (packages/cli) does, which n8n's node test harness
 * skips: fills in defaults on decrypt, resolves the generic `authenticate` headers, runs
 * `preAuthentication` when the expirable field is empty or expired, and stores the result back
 * (as n8n does in its database, so the next execution reuses the token).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();

	/** Every `preAuthentication` call, with whether n8n thought the token had expired. */
	readonly preAuthenticationCalls: Array<{ type: string; expired: boolean }> = [];

	/** Every time a credential was written back (a fetched token stored). */
	readonly updates: Array<{ id: string; type: string }> = [];

	constructor(
		credentials: StoredCredential[] = [],
		private readonly types: Record<string, ICredentialType> = credentialTypes,
	) {
		super();
		for (const credential of credentials)
			this.store.set(credential.id, structuredClone(credential));
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions;
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, Record<string, unknown>>)[
					outerKey
				] ??= {});
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[this.resolve(key, credentials, workflow, node)] = this.resolve(
						value,
						credentials,
						workflow,
						node,
					);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		this.preAuthenticationCalls.push({ type: typeName, expired: credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const reference = node.credentials?.[typeName];
		if (!reference?.id) return undefined;
		const stored = this.store.get(reference.id);
		if (stored) {
			stored.data = { ...stored.data, ...(output as ICredentialDataDecryptedObject) };
			this.updates.push({ id: reference.id, type: typeName });
		}
		return Object.assign(credentials, output);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const stored = this.find(nodeCredentials, type);
		return {
			id: stored.id,
			name: stored.name,
			type: stored.type,
			data: undefined,
			getData: () => structuredClone(stored.data),
			getDataToSave: () => ({ id: stored.id, name: stored.name, type: stored.type, data: '' }),
			setData: (data: ICredentialDataDecryptedObject) => {
				stored.data = structuredClone(data);
			},
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(nodeCredentials, type);
		// Like n8n, a decrypted credential carries every field, defaults filled in.
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of this.type(type).properties) {
			if (property.type === 'notice') continue;
			withDefaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...withDefaults, ...structuredClone(stored.data) };
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.find(nodeCredentials, type).data = structuredClone(data);
		this.updates.push({ id: nodeCredentials.id ?? '', type });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`The harness has no credential type "${name}"`);
		return type;
	}

	private find(reference: INodeCredentialsDetails, type: string): StoredCredential {
		const stored = reference.id ? this.store.get(reference.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(`No stored credential "${reference.id}" of type ${type}`);
		}
		return stored;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}
}

export type { CredentialsHelperContract };
