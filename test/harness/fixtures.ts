import type { StoredCredential } from './credentials';

/** Values that must never appear in any output, error or log. Long and unique on purpose. */
export const SECRETS = {
	clientSecret: 'p8e-CLIENT-SECRET-7f3a9c1e5b2d4f60',
	accessToken: 'eyJ-ACCESS-TOKEN-from-ims-1c2d3e4f5a6b7c8d',
	refreshedToken: 'eyJ-REFRESHED-TOKEN-from-ims-9a8b7c6d5e4f',
	pastedToken: 'eyJ-PASTED-TOKEN-by-user-0f1e2d3c4b5a6978',
	redshiftPassword: 'Rs-P@ss w0rd/"quoted"&more',
	parameterPassword: 'Param-P@ss-8d7c6b5a4e3f',
	snowflakePrivateKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-SNOWFLAKE-KEY-4b1d',
	snowflakePassphrase: 'Sf-passphrase-2e7a9c41',
	postgresConnectionString:
		'Server=pg.example.com;Database=shop;Port=5432;UID=reader;Password=Pg-S3cret-55aa',
	bigQueryClientSecret: 'GOCSPX-bq-client-secret-77c1e2',
	bigQueryRefreshToken: '1//0g-bq-refresh-token-9d8c7b6a',
	rotatedPassword: 'Rotated-P@ss-2026-12-02-f00d',
};

export const PLATFORM = 'https://platform.adobe.io';
export const IMS = 'https://ims-na1.adobelogin.com';
export const BASE_PATH = '/data/foundation/flowservice';
export const ORG_ID = '0A1B2C3D4E5F60718293A4B5@AdobeOrg';
export const CLIENT_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const REDSHIFT_SPEC_ID = '3416976c-a9ca-4bba-901a-1f08f66978ff';

export function adobeCredential(overrides: Record<string, unknown> = {}): StoredCredential {
	return {
		id: 'adobe-cred-1',
		name: 'Adobe AEP (test)',
		type: 'adobeFlowServiceApi',
		data: {
			authentication: 'serverToServer',
			clientId: CLIENT_ID,
			clientSecret: SECRETS.clientSecret,
			imsOrgId: ORG_ID,
			sandboxName: 'prod',
			platformUrl: PLATFORM,
			imsUrl: IMS,
			...overrides,
		} as StoredCredential['data'],
	};
}

export function redshiftCredential(overrides: Record<string, unknown> = {}): StoredCredential {
	return {
		id: 'redshift-cred-1',
		name: 'Redshift analytics (test)',
		type: 'amazonRedshiftSourceApi',
		data: {
			server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
			port: '5439',
			database: 'dev',
			schema: 'public',
			username: 'aep_reader',
			password: SECRETS.redshiftPassword,
			...overrides,
		} as StoredCredential['data'],
	};
}

/** A "Flow Service Source Secrets" credential holding the secrets of every source in the tests. */
export function sourceSecretsCredential(overrides: Record<string, unknown> = {}): StoredCredential {
	return {
		id: 'source-secrets-1',
		name: 'Source secrets (test)',
		type: 'flowServiceSourceSecretsApi',
		data: {
			password: SECRETS.rotatedPassword,
			connectionString: SECRETS.postgresConnectionString,
			privateKey: SECRETS.snowflakePrivateKey,
			privateKeyPassphrase: SECRETS.snowflakePassphrase,
			clientSecret: SECRETS.bigQueryClientSecret,
			refreshToken: SECRETS.bigQueryRefreshToken,
			accessToken: '',
			otherSecrets: '',
			...overrides,
		} as StoredCredential['data'],
	};
}

/** The Amazon Redshift spec as Adobe returns it (trimmed to what matters here). */
export const redshiftSpec = {
	id: REDSHIFT_SPEC_ID,
	name: 'amazon-redshift',
	providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
	version: '1.0',
	attributes: { category: 'database', isSource: true },
	authSpec: [
		{
			name: 'Basic Authentication',
			type: 'Basic_Authentication',
			spec: {
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				properties: {
					server: { type: 'string' },
					port: { type: 'string' },
					database: { type: 'string' },
					schema: { type: 'string' },
					username: { type: 'string' },
					password: { type: 'string', format: 'password' },
				},
				required: ['server', 'username', 'password', 'database'],
			},
		},
	],
};

/** Every form in which a secret could leak: plain, URL-encoded, JSON-escaped. */
export function secretForms(secret: string): string[] {
	return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/** Returns the secrets (by name) found anywhere in the text. */
export function findLeaks(text: string, secrets: Record<string, string> = SECRETS): string[] {
	return Object.entries(secrets)
		.filter(([, secret]) => secretForms(secret).some((form) => text.includes(form)))
		.map(([name]) => name);
}
