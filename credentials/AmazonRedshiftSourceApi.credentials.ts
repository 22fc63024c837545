import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The Redshift login that Adobe Experience Platform uses to read from the cluster.
 *
 * It lives in a credential so that n8n encrypts the password at rest; a password typed as a node
 * parameter is stored in plain text in the workflow and copied into every error record. n8n never
 * talks to Redshift itself: the values are handed to Adobe in a Create Redshift Connection call.
 * Its Test (done by the Adobe Flow Service node) can only check the values' form, since reaching
 * Redshift would need a database client.
 */
export class AmazonRedshiftSourceApi implements ICredentialType {
	name = 'amazonRedshiftSourceApi';

	displayName = 'Amazon Redshift Source for Adobe Flow Service API';

	icon: Icon = {
		light: 'file:../nodes/AdobeFlowService/amazonRedshift.svg',
		dark: 'file:../nodes/AdobeFlowService/amazonRedshift.dark.svg',
	};

	documentationUrl =
		'https://experienceleague.adobe.com/en/docs/experience-platform/sources/connectors/databases/redshift';

	properties: INodeProperties[] = [
		{
			displayName:
				"n8n does not connect to Redshift itself: it hands these values to Adobe Experience Platform, which connects to the cluster. The Test button checks the values' form only.",
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Server',
			name: 'server',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
			description: 'The cluster endpoint host name, without https:// and without the port',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5439',
			description: 'Leave empty to let Adobe use the Redshift default (5439)',
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. dev',
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: '',
			placeholder: 'e.g. public',
			description: 'Optional. Limits Adobe to one schema (Experience Platform on AWS).',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}
