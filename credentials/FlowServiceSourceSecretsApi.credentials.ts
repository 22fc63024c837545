import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

const secret = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description,
});

/**
 * The secrets of a source's login (passwords, connection strings, private keys, OAuth secrets),
 * kept encrypted by n8n. Adobe Flow Service → Connection → Create takes from it exactly the
 * secret fields (`format: "password"`) that the chosen auth spec names; the other login fields
 * come from the node's form. n8n never talks to the source itself: Adobe does.
 */
export class FlowServiceSourceSecretsApi implements ICredentialType {
	name = 'flowServiceSourceSecretsApi';

	displayName = 'Flow Service Source Secrets API';

	icon: Icon = {
		light: 'file:../nodes/AdobeFlowService/adobeFlowService.svg',
		dark: 'file:../nodes/AdobeFlowService/adobeFlowService.dark.svg',
	};

	documentationUrl =
		'https://experienceleague.adobe.com/en/docs/experience-platform/sources/connectors/databases/snowflake';

	properties: INodeProperties[] = [
		{
			displayName:
				"Fill in the secrets your source's auth spec asks for and leave the others empty. Each is sent to Adobe under its field name.",
			name: 'notice',
			type: 'notice',
			default: '',
		},
		secret('Password', 'password', 'Field "password" (Redshift, Snowflake on AWS, …)'),
		secret(
			'Connection String',
			'connectionString',
			'Field "connectionString" (PostgreSQL, MySQL, SQL Server, Snowflake, …)',
		),
		secret('Private Key', 'privateKey', 'Field "privateKey" (Snowflake key pair), Base64-encoded'),
		secret(
			'Private Key Passphrase',
			'privateKeyPassphrase',
			'Field "privateKeyPassphrase", only for an encrypted private key',
		),
		secret('Client Secret', 'clientSecret', 'Field "clientSecret" (Google BigQuery, …)'),
		secret('Refresh Token', 'refreshToken', 'Field "refreshToken" (Google BigQuery, …)'),
		secret('Access Token', 'accessToken', 'Field "accessToken" (Azure Databricks, …)'),
		secret(
			'Other Secrets (JSON)',
			'otherSecrets',
			'Secrets under other field names, as a JSON object such as {"sasToken": "…"}',
		),
	];
}
