// What the emulator stores beyond base connections: the onboarding chain and its runs.

/** Who made an entity and when, as Flow Service records it on every entity. */
export interface Audit {
	createdAt: number;
	updatedAt: number;
	createdBy: string;
	updatedBy: string;
	createdClient: string;
	updatedClient: string;
	sandboxName: string;
	imsOrgId: string;
	etag: string;
}

export interface SpecRef {
	id: string;
	version: string;
}

export interface StoredSourceConnection extends Audit {
	id: string;
	name: string;
	description?: string;
	baseConnectionId: string;
	state: 'enabled';
	data: { format: string };
	params: Record<string, unknown> & { tableName: string; columns: ExploreColumn[] };
	connectionSpec: SpecRef;
}

export interface StoredTargetConnection extends Audit {
	id: string;
	name: string;
	description?: string;
	state: 'enabled';
	data: { format?: string; schema: { id: string; version: string } };
	params: { dataSetId: string } & Record<string, unknown>;
	connectionSpec: SpecRef;
}

export interface Transformation {
	name: string;
	params?: Record<string, unknown>;
}

export interface StoredFlow extends Audit {
	id: string;
	name: string;
	description?: string;
	flowSpec: SpecRef;
	state: 'enabled' | 'disabled';
	sourceConnectionIds: string[];
	targetConnectionIds: string[];
	transformations: Transformation[];
	scheduleParams: Record<string, unknown>;
}

/** A flow run, already in Adobe's shape (FlowRunItemDTO) apart from the sandbox it lives in. */
export interface StoredRun {
	id: string;
	flowId: string;
	createdAt: number;
	updatedAt: number;
	etag: string;
	sandboxName: string;
	metrics: {
		durationSummary: { startedAtUTC: number; completedAtUTC?: number };
		statusSummary: { status: string; errors?: RunError[]; activityRefs?: string[] };
		[summary: string]: unknown;
	};
	activities: Record<string, unknown>[];
	[field: string]: unknown;
}

export interface RunError {
	code: string;
	message: string;
	recordCount?: number;
}

export interface StoredMapping {
	id: string;
	sourceType: string;
	source: string;
	destination: string;
	sourceAttribute: string;
	destinationXdmPath: string;
	name?: string;
	description?: string;
	identity: boolean;
	version: number;
}

export interface StoredMappingSet {
	id: string;
	version: number;
	createdDate: number;
	modifiedDate: number;
	createdBy: string;
	modifiedBy: string;
	sandboxName: string;
	outputSchema: { schemaRef: { id: string; contentType: string } };
	xdmSchema: string;
	xdmVersion: string;
	mappings: StoredMapping[];
}

/** A column as explore returns it; source connections copy these unchanged. */
export interface ExploreColumn {
	name: string;
	type: string;
	'meta:xdmType'?: string;
	xdm: { type: string; format?: string };
}

/** Column types a seeded table may use; explore shows them the way Adobe does. */
export type SeedColumnType = 'string' | 'double' | 'integer' | 'boolean' | 'date-time';

export interface SeedTable {
	/** schema.table, as explore's `path` and the source connection's `params.tableName`. */
	path: string;
	columns: Array<{ name: string; type: SeedColumnType }>;
	rows?: Array<Record<string, unknown>>;
}

export interface SeedSchema {
	/** The XDM schema's $id. */
	id: string;
	title: string;
	/** Dotted XDM paths a mapping may write to. */
	fields: string[];
}

export interface SeedDataset {
	id: string;
	name: string;
	description?: string;
	/** The XDM schema's $id. */
	schemaId: string;
	/** Default: prod. */
	sandboxName?: string;
}

export interface StoredDataset {
	id: string;
	sandboxName: string;
	record: Record<string, unknown>;
}
