// Connection spec fixtures served by the emulator's GET /connectionSpecs.
//
// Amazon Redshift follows /work/shared/docs/adobe-flow-service.md exactly (ids, version, auth spec);
// spec-fixture.test pins it. The other specs are illustrative fixtures: their ids, providerIds
// and auth fields are made up for the emulator and are NOT Adobe's real values.
import type { ConnectionSpec, JsonSchema } from './types';

const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

export const REDSHIFT_SPEC_ID = '3416976c-a9ca-4bba-901a-1f08f66978ff';
export const REDSHIFT_PROVIDER_ID = '0ed90a81-07f4-4586-8190-b40eccef1c5a';

// Made-up ids (fixtures only).
export const POSTGRESQL_SPEC_ID = '7e1c2d3a-5b4f-4c6e-9a8b-0d1e2f3a4b5c';
export const POSTGRESQL_PROVIDER_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const S3_SPEC_ID = 'c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f';
export const S3_PROVIDER_ID = 'f0e1d2c3-b4a5-4968-87a6-b5c4d3e2f1a0';
export const S3_EXPORT_SPEC_ID = '9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

/** The sourceSpec stub every database source shares: one table to ingest. */
function databaseSourceSpec(iconKey: string, label: string): Record<string, unknown> {
	return {
		attributes: {
			uiAttributes: {
				isSource: true,
				isPreview: false,
				isBeta: false,
				category: { key: 'database' },
				icon: { key: iconKey },
				description: { key: `${iconKey}Description` },
				label: { key: `${iconKey}Label`, text: label },
			},
		},
		spec: {
			$schema: SCHEMA_DRAFT,
			type: 'object',
			description: 'defines static and user input parameters to fetch resource values.',
			properties: {
				tableName: { type: 'string', description: 'Table to ingest, as schema.table.' },
			},
			required: ['tableName'],
		},
	};
}

/** The exploreSpec stub of table-shaped sources (explore?objectType=root lists tables). */
const databaseExploreSpec: Record<string, unknown> = {
	name: 'Database',
	type: 'Database',
	requestSpec: {
		$schema: SCHEMA_DRAFT,
		type: 'object',
		properties: { objectType: { type: 'string', enum: ['root', 'table'] } },
	},
	responseSpec: {
		$schema: SCHEMA_DRAFT,
		type: 'object',
		properties: {
			format: { type: 'string' },
			schema: {
				type: 'object',
				properties: {
					columns: {
						type: 'array',
						items: {
							type: 'object',
							properties: { name: { type: 'string' }, type: { type: 'string' } },
						},
					},
				},
			},
		},
	},
};

const fileSystemExploreSpec: Record<string, unknown> = {
	name: 'FileSystem',
	type: 'FileSystem',
	requestSpec: {
		$schema: SCHEMA_DRAFT,
		type: 'object',
		description: 'defines explorable objects',
		properties: {
			objectType: { type: 'string', enum: ['file', 'folder', 'root'] },
			object: { type: 'string', description: 'path of the folder or file to explore' },
		},
	},
	responseSpec: {
		$schema: SCHEMA_DRAFT,
		type: 'object',
		properties: { format: { type: 'string' } },
	},
};

const redshiftAuth: JsonSchema = {
	$schema: SCHEMA_DRAFT,
	type: 'object',
	description: 'defines auth params required for connecting to amazon redshift',
	properties: {
		server: { type: 'string', description: 'Server of the Amazon Redshift cluster.' },
		port: { type: 'string', description: 'Port of the cluster, e.g. "5439".' },
		database: { type: 'string', description: 'Database to read from.' },
		schema: { type: 'string', description: 'Schema to read from (AEP on AWS).' },
		username: { type: 'string', description: 'User name of the database account.' },
		password: {
			type: 'string',
			description: 'Password of the database account.',
			format: 'password',
		},
	},
	required: ['server', 'username', 'password', 'database'],
};

export const amazonRedshiftSpec: ConnectionSpec = {
	id: REDSHIFT_SPEC_ID,
	name: 'amazon-redshift',
	providerId: REDSHIFT_PROVIDER_ID,
	version: '1.0',
	attributes: { category: 'database', isSource: true },
	authSpec: [{ name: 'Basic Authentication', type: 'Basic_Authentication', spec: redshiftAuth }],
	sourceSpec: databaseSourceSpec('amazonRedshift', 'Amazon Redshift'),
	exploreSpec: databaseExploreSpec,
};

// Two auth specs, so tests can pick one and hit 1415 with the other spec's name.
// Its port is an integer (unlike Redshift's string) to exercise type checks.
export const postgresqlSpec: ConnectionSpec = {
	id: POSTGRESQL_SPEC_ID,
	name: 'postgresql',
	providerId: POSTGRESQL_PROVIDER_ID,
	version: '1.0',
	attributes: { category: 'database', isSource: true },
	authSpec: [
		{
			name: 'Connection String Based Authentication',
			type: 'PostgreSQLConnectionString',
			spec: {
				$schema: SCHEMA_DRAFT,
				type: 'object',
				description: 'defines auth params required for connecting to PostgreSQL',
				properties: {
					connectionString: {
						type: 'string',
						description: 'Server=...;Port=...;Database=...;UID=...;Password=...',
						format: 'password',
					},
				},
				required: ['connectionString'],
				additionalProperties: false,
			},
		},
		{
			name: 'Basic Authentication',
			type: 'Basic_Authentication',
			spec: {
				$schema: SCHEMA_DRAFT,
				type: 'object',
				description: 'defines auth params required for connecting to PostgreSQL',
				properties: {
					server: { type: 'string' },
					port: { type: 'integer' },
					database: { type: 'string' },
					username: { type: 'string' },
					password: { type: 'string', format: 'password' },
					requireSsl: { type: 'boolean' },
				},
				required: ['server', 'database', 'username', 'password'],
			},
		},
	],
	sourceSpec: databaseSourceSpec('postgresql', 'PostgreSQL'),
	exploreSpec: databaseExploreSpec,
};

const s3Auth: JsonSchema = {
	$schema: SCHEMA_DRAFT,
	type: 'object',
	description: 'defines auth params required for connecting to Amazon S3',
	properties: {
		s3AccessKey: { type: 'string', description: 'Access key ID.' },
		s3SecretKey: { type: 'string', description: 'Secret access key.', format: 'password' },
		s3SessionToken: { type: 'string', description: 'Session token.', format: 'password' },
		serviceUrl: { type: 'string', description: 'Endpoint, for S3-compatible stores.' },
		folderPath: { type: 'string', description: 'Bucket and folder to read from.' },
	},
	required: ['s3AccessKey', 's3SecretKey'],
};

export const amazonS3Spec: ConnectionSpec = {
	id: S3_SPEC_ID,
	name: 'amazon-s3',
	providerId: S3_PROVIDER_ID,
	version: '1.0',
	attributes: { category: 'cloudStorage', isSource: true },
	authSpec: [{ name: 'Access Key Authentication', type: 'AccessKey', spec: s3Auth }],
	sourceSpec: {
		attributes: {
			uiAttributes: {
				isSource: true,
				isPreview: false,
				category: { key: 'cloudStorage' },
				icon: { key: 'amazonS3' },
				label: { key: 'amazonS3Label', text: 'Amazon S3' },
			},
		},
		spec: {
			$schema: SCHEMA_DRAFT,
			type: 'object',
			description: 'defines the files to ingest',
			properties: { path: { type: 'string' }, recursive: { type: 'boolean' } },
			required: ['path'],
		},
	},
	exploreSpec: fileSystemExploreSpec,
};

// A destination (isSource false), so the isSource filter has something to leave out.
export const amazonS3ExportSpec: ConnectionSpec = {
	id: S3_EXPORT_SPEC_ID,
	name: 'amazon-s3-export',
	providerId: S3_PROVIDER_ID,
	version: '1.0',
	attributes: { category: 'cloudStorage', isSource: false, isDestination: true },
	authSpec: [{ name: 'Access Key Authentication', type: 'AccessKey', spec: s3Auth }],
	sourceSpec: {},
	exploreSpec: fileSystemExploreSpec,
};

export const connectionSpecs: readonly ConnectionSpec[] = [
	amazonRedshiftSpec,
	postgresqlSpec,
	amazonS3Spec,
	amazonS3ExportSpec,
];

export function findSpec(id: string): ConnectionSpec | undefined {
	return connectionSpecs.find((spec) => spec.id === id);
}

/** Names of auth params shown masked: any property the schema marks `format: password`. */
export function secretParamNames(spec: JsonSchema): Set<string> {
	const names = new Set<string>();
	for (const [name, property] of Object.entries(spec.properties ?? {})) {
		if (property.format === 'password') names.add(name);
	}
	return names;
}
