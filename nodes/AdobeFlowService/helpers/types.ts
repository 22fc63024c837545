import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiFailure } from './errors';
import { createScrubber } from './secrets';
import type { Scrubber } from './secrets';

/** Name of the Adobe credential type, as workflows reference it. */
export const ADOBE_CREDENTIAL_TYPE = 'adobeFlowServiceApi';
export const REDSHIFT_CREDENTIAL_TYPE = 'amazonRedshiftSourceApi';

/** Flow Service lives under this path on the Experience Platform gateway. */
export { FLOW_SERVICE_BASE_PATH } from '../transport/basePaths';

/**
 * State that lives for one execution of the node and no longer. Nothing is kept in module
 * variables: in queue mode many executions share one Node.js runtime, and every worker has
 * its own.
 */
export interface ExecutionState {
	/** The Adobe credential, decrypted once per execution and shared by every item's request. */
	credentials?: ICredentialsDecrypted;
	/** The gateway from the credential, e.g. https://platform.adobe.io; services' base paths go below it. */
	platformUrl?: string;
	/** Values every Adobe answer is scrubbed of before it reaches an error message. */
	secrets: Set<string>;
	/** Scrubs `secrets` (as they are when called) from a text; built once per execution. */
	scrub: Scrubber;
	/** Lookups done once per execution (a connection spec, say) and shared by all items. */
	memo: Map<string, Promise<unknown>>;
	/** Set while one request fetches a token (first call, or after a 401); the others wait. */
	tokenRefresh?: Promise<void>;
	/** Why the token could not be had, so later items fail at once instead of asking IMS again. */
	credentialFailure?: ApiFailure;
}

export function createExecutionState(): ExecutionState {
	const secrets = new Set<string>();
	return { secrets, scrub: createScrubber(secrets), memo: new Map() };
}

/**
 * One operation: `prepare` reads and checks an item's parameters (no HTTP), `execute` calls
 * Flow Service and shapes the output. The router runs `prepare` for every item before any
 * `execute`, so bad input fails before a single request is sent. An operation whose input can
 * only be judged against something Adobe holds (a connection spec's auth spec) adds `check`,
 * which may read (GET, shared per execution) but never write; it too runs for every item
 * before the first `execute`.
 */
export interface FlowServiceOperation<Params = unknown> {
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<Params> | Params;
	check?(
		this: IExecuteFunctions,
		params: Params,
		itemIndex: number,
		state: ExecutionState,
	): Promise<Params>;
	execute(
		this: IExecuteFunctions,
		params: Params,
		itemIndex: number,
		state: ExecutionState,
	): Promise<IDataObject | IDataObject[]>;
}

/** The credential that holds a source login's secrets, by type and by its display name. */
export const SOURCE_SECRETS_CREDENTIAL_TYPE = 'flowServiceSourceSecretsApi';
export const SOURCE_SECRETS_CREDENTIAL_NAME = 'Flow Service Source Secrets API';
