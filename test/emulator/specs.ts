// Connection spec fixtures served by the emulator's GET /connectionSpecs.
//
// The database sources carry Adobe's real connection spec ids, names and auth spec names:
// Amazon Redshift (redshift-spec.test pins it), Snowflake (its two Azure auth specs), PostgreSQL
// and Google BigQuery, from Adobe's source docs. BigQuery's and PostgreSQL's auth schemas are the
// ones Adobe's docs published (PostgreSQL's under its current auth spec name, which the docs use
// in their create example); Snowflake's schema is built from its documented fields, and its
// `required` list and secret flags are an assumption, since Adobe published no schema for it.
// Their providerIds, and the Amazon S3 specs as a whole, are made up for the emulator.
import type { ConnectionSpec, JsonSchema } from './types';

const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

export const REDSHIFT_SPEC_ID = '3416976c-a9ca-4bba-901a-1f08f66978ff';
export const REDSHIFT_PROVIDER_ID = '0ed90a81-07f4-4586-8190-b40eccef1c5a';

export const POSTGRESQL_SPEC_ID = '74a1c565-4e59-48d7-9d67-7c03b8a13137';
export const SNOWFLAKE_SPEC_ID = 'b2e08744-4f1a-40ce-af30-7abac3e23cf3';
export const BIGQUERY_SPEC_ID = '3c9b37f8-13a6-43d8-bad3-b863b941fedd';

// Made-up ids (fixtures only).
export const POSTGRESQL_PROVIDER_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const SNOWFLAKE_PROVIDER_ID = 'b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e';
export const BIGQUERY_PROVIDER_ID = 'c3d4e5f6-a7b8-4c9d-9e0f-1a2b3c4d5e6f';
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

const connectionStringAuth = (description: string): JsonSchema => ({
	$schema: SCHEMA_DRAFT,
	type: 'object',
	description: 'defines auth params required for connecting to the database',
	properties: {
		connectionString: { type: 'string', description, format: 'password' },
	},
	required: ['connectionString'],
});

export const postgresqlSpec: ConnectionSpec = {
	id: POSTGRESQL_SPEC_ID,
	name: 'postgre-sql',
	providerId: POSTGRESQL_PROVIDER_ID,
	version: '1.0',
	attributes: { category: 'database', isSource: true },
	authSpec: [
		{
			name: 'Connection String Based Authentication',
			type: 'ConnectionStringAuthentication',
			spec: connectionStringAuth(
				'An ODBC connection string: Server=...;Database=...;Port=...;UID=...;Password=...',
			),
		},
	],
	sourceSpec: databaseSourceSpec('postgresql', 'PostgreSQL'),
	exploreSpec: databaseExploreSpec,
};

export const snowflakeSpec: ConnectionSpec = {
	id: SNOWFLAKE_SPEC_ID,
	name: 'snowflake',
	providerId: SNOWFLAKE_PROVIDER_ID,
	version: '1.0',
	attributes: { category: 'database', isSource: true },
	authSpec: [
		{
			name: 'ConnectionString',
			type: 'ConnectionStringAuthentication',
			spec: connectionStringAuth(
				'jdbc:snowflake://{ACCOUNT}.snowflakecomputing.com/?user=...&password=...&db=...&warehouse=...',
			),
		},
		{
			name: 'KeyPair Authentication',
			type: 'KeyPairAuthentication',
			spec: {
				$schema: SCHEMA_DRAFT,
				type: 'object',
				description: 'defines auth params required for key pair authentication to Snowflake',
				properties: {
					account: { type: 'string', description: 'Account name, e.g. xy12345.east-us-2.azure' },
					username: { type: 'string', description: 'User name of the Snowflake account.' },
					database: { type: 'string', description: 'Database to read from.' },
					warehouse: { type: 'string', description: 'Warehouse that runs the queries.' },
					privateKey: {
						type: 'string',
						description: 'The Base64-encoded private key.',
						format: 'password',
					},
					privateKeyPassphrase: {
						type: 'string',
						description: 'Passphrase of the private key, if it is encrypted.',
						format: 'password',
					},
				},
				required: ['account', 'username', 'database', 'warehouse', 'privateKey'],
			},
		},
	],
	sourceSpec: databaseSourceSpec('snowflake', 'Snowflake'),
	exploreSpec: databaseExploreSpec,
};

export const bigQuerySpec: ConnectionSpec = {
	id: BIGQUERY_SPEC_ID,
	name: 'google-big-query',
	providerId: BIGQUERY_PROVIDER_ID,
	version: '1.0',
	attributes: { category: 'database', isSource: true },
	authSpec: [
		{
			name: 'Basic Authentication',
			type: 'OAuth2.0',
			spec: {
				$schema: SCHEMA_DRAFT,
				type: 'object',
				description: 'defines auth params required for connecting to Google BigQuery',
				properties: {
					project: { type: 'string', description: 'The project ID of the BigQuery project.' },
					clientId: { type: 'string', description: 'The OAuth client ID.' },
					clientSecret: {
						type: 'string',
						description: 'The OAuth client secret.',
						format: 'password',
					},
					refreshToken: {
						type: 'string',
						description: 'The refresh token obtained from Google.',
						format: 'password',
					},
				},
				required: ['project', 'clientId', 'clientSecret', 'refreshToken'],
			},
		},
	],
	sourceSpec: databaseSourceSpec('googleBigQuery', 'Google BigQuery'),
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
	snowflakeSpec,
	bigQuerySpec,
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
