// Shared types of the Adobe IMS + Flow Service emulator. server.ts re-exports the public ones.

export type Service = 'ims' | 'flow';

export interface EmulatorOptions {
	port?: number;
	clientId?: string;
	clientSecret?: string;
	imsOrgId?: string;
	tokenLifetimeSeconds?: number;
	/** Sandboxes that exist besides `prod` (which always exists). */
	sandboxes?: string[];
	/** Called once per request when its outcome is known (status 0 for drop/hang). */
	onRequest?: (request: RecordedRequest) => void;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	json?: unknown;
	/** The status sent; 0 while pending and for dropped or hanging requests. */
	status: number;
	/** Arrival time, epoch ms. */
	at: number;
	service: Service;
}

export interface FaultMatch {
	method?: string;
	/** A string matches the full path, or the path below its base path (Flow Service, Catalog, Data Prep), exactly. */
	path?: string | RegExp;
	service?: Service;
}

interface FaultBase {
	match?: FaultMatch;
	/** How many matching requests the fault hits; default 1. */
	times?: number;
}

export type RequestFault =
	| (FaultBase & {
			kind: 'status';
			status: number;
			body?: string | object;
			headers?: Record<string, string>;
	  })
	| (FaultBase & { kind: 'drop' })
	| (FaultBase & { kind: 'malformed' })
	| (FaultBase & { kind: 'html'; status?: number })
	| (FaultBase & { kind: 'empty' })
	| (FaultBase & { kind: 'hang' });

/** Tokens valid now stop working after `afterCalls` more Flow Service calls. */
export interface ExpireTokenFault {
	kind: 'expireToken';
	afterCalls: number;
}

export type Fault = RequestFault | ExpireTokenFault;

/** A queued request fault and how many more requests it will hit. */
export interface FaultPlan {
	fault: RequestFault;
	remaining: number;
}

export interface AuthSpec {
	name: string;
	type: string;
	spec: JsonSchema;
}

export interface JsonSchema {
	$schema?: string;
	type?: string;
	description?: string;
	format?: string;
	enum?: unknown[];
	minLength?: number;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: boolean;
	items?: JsonSchema;
	[key: string]: unknown;
}

export interface ConnectionSpec {
	id: string;
	name: string;
	providerId: string;
	version: string;
	attributes: Record<string, unknown>;
	authSpec: AuthSpec[];
	sourceSpec: Record<string, unknown>;
	exploreSpec: Record<string, unknown>;
	permissionsInfo?: Record<string, unknown>;
}

/** A base connection as the emulator stores it: auth params are kept unmasked for assertions. */
export interface StoredConnection {
	id: string;
	name: string;
	description?: string;
	state: 'enabled' | 'disabled';
	auth: { specName: string; params: Record<string, unknown> };
	connectionSpec: { id: string; version: string };
	etag: string;
	createdAt: number;
	updatedAt: number;
	createdBy: string;
	updatedBy: string;
	createdClient: string;
	updatedClient: string;
	sandboxName: string;
	imsOrgId: string;
}
