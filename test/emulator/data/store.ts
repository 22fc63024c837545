// The onboarding chain's state: explore seeds, source and target connections, Catalog datasets,
// XDM schemas, mapping sets, dataflows and runs. EmulatorState holds one of these.
import type {
	SeedDataset,
	SeedSchema,
	SeedTable,
	StoredDataset,
	StoredFlow,
	StoredMappingSet,
	StoredRun,
	StoredSourceConnection,
	StoredTargetConnection,
} from './entities';
import { defaultDatasets, defaultSchemas, defaultTables } from './seeds';

/** The two documented answers of POST /runs: `{items:[{id,etag}]}` (docs) or `{id,etag}` (OpenAPI). */
export type RunResponseShape = 'items' | 'bare';

export class PlatformStore {
	readonly sourceConnections = new Map<string, StoredSourceConnection>();
	readonly targetConnections = new Map<string, StoredTargetConnection>();
	readonly flows = new Map<string, StoredFlow>();
	readonly runs = new Map<string, StoredRun>();
	readonly mappingSets = new Map<string, StoredMappingSet>();
	readonly datasets = new Map<string, StoredDataset>();
	readonly schemas = new Map<string, SeedSchema>();
	/** Tables per base connection id; connections without an entry get `defaultTables`. */
	readonly tables = new Map<string, SeedTable[]>();
	defaultTables: SeedTable[] = defaultTables;
	runResponseShape: RunResponseShape = 'items';

	// Creation order, so listings sorted by a shared timestamp stay stable.
	private readonly order = new Map<string, number>();
	private sequence = 0;

	constructor() {
		this.seedDefaults();
	}

	track(id: string): void {
		this.order.set(id, this.sequence++);
	}

	sequenceOf(id: string): number {
		return this.order.get(id) ?? 0;
	}

	tablesOf(connectionId: string): SeedTable[] {
		return this.tables.get(connectionId) ?? this.defaultTables;
	}

	seedSchemas(schemas: SeedSchema[]): void {
		for (const schema of schemas) this.schemas.set(schema.id, schema);
	}

	seedDatasets(datasets: SeedDataset[], clientId = 'emulator-client-id'): void {
		for (const seed of datasets) {
			const created = Date.UTC(2026, 0, 1) + this.datasets.size * 60_000;
			this.datasets.set(seed.id, {
				id: seed.id,
				sandboxName: seed.sandboxName ?? 'prod',
				record: {
					name: seed.name,
					description: seed.description ?? '',
					imsOrg: '',
					tags: {},
					version: '1.0.0',
					created,
					updated: created,
					createdClient: clientId,
					createdUser: `${clientId}@AdobeID`,
					updatedUser: `${clientId}@AdobeID`,
					files: `@/dataSetFiles?dataSetId=${seed.id}`,
					// Catalog's content type differs from the one target connections want.
					schemaRef: { id: seed.schemaId, contentType: 'application/vnd.adobe.xed+json;version=1' },
				},
			});
		}
	}

	/** Flows that read from or write to the entity (base, source or target connection). */
	flowsUsing(id: string): StoredFlow[] {
		return [...this.flows.values()].filter(
			(flow) =>
				flow.targetConnectionIds.includes(id) ||
				flow.sourceConnectionIds.some(
					(sourceId) =>
						sourceId === id || this.sourceConnections.get(sourceId)?.baseConnectionId === id,
				),
		);
	}

	reset(): void {
		for (const map of [
			this.sourceConnections,
			this.targetConnections,
			this.flows,
			this.runs,
			this.mappingSets,
			this.datasets,
			this.schemas,
			this.tables,
			this.order,
		]) {
			map.clear();
		}
		this.defaultTables = defaultTables;
		this.runResponseShape = 'items';
		this.seedDefaults();
	}

	private seedDefaults(): void {
		this.seedSchemas(defaultSchemas);
		this.seedDatasets(defaultDatasets);
	}
}
