import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { connectionDescription } from './actions/connection';
import { connectionSpecDescription } from './actions/connectionSpec';
import { dataflowDescription } from './actions/dataflow';
import { flowRunDescription } from './actions/flowRun';
import { flowSpecDescription } from './actions/flowSpec';
import { mappingSetDescription } from './actions/mappingSet';
import { sourceConnectionDescription } from './actions/sourceConnection';
import { targetConnectionDescription } from './actions/targetConnection';
import { router } from './actions/router';
import {
	testRedshiftSourceCredential,
	testSourceSecretsCredential,
} from './helpers/redshiftCredentialTest';
import { getAuthSpecFields, getAuthSpecNames } from './methods/authSpecForm';
import { searchConnections, searchConnectionSpecs, searchDataflows } from './methods/listSearch';
import { searchDatasets } from './methods/searchDatasets';
import { searchTables } from './methods/searchTables';

export class AdobeFlowService implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe Flow Service',
		name: 'adobeFlowService',
		icon: { light: 'file:adobeFlowService.svg', dark: 'file:adobeFlowService.dark.svg' },
		group: ['transform'],
		version: 1,
		// The canvas shows the action in words ("Create Redshift connection"), not raw values.
		subtitle:
			'={{ {"connectionSpec.get": "Get connection spec", "connectionSpec.getAll": "Get many connection specs", "connection.createRedshift": "Create Redshift connection", "connection.get": "Get connection", "connection.getAll": "Get many connections", "connection.delete": "Delete connection", "connection.test": "Test connection", "connection.listTables": "List tables", "connection.getTableSchema": "Get table schema", "connection.previewTable": "Preview table", "sourceConnection.create": "Create source connection", "sourceConnection.get": "Get source connection", "sourceConnection.getAll": "Get many source connections", "sourceConnection.delete": "Delete source connection", "targetConnection.create": "Create target connection", "targetConnection.get": "Get target connection", "targetConnection.getAll": "Get many target connections", "targetConnection.delete": "Delete target connection", "flowSpec.get": "Get flow spec", "mappingSet.create": "Create mapping set", "mappingSet.get": "Get mapping set", "dataflow.create": "Create dataflow", "dataflow.get": "Get dataflow", "dataflow.getAll": "Get many dataflows", "dataflow.update": "Update dataflow", "dataflow.enable": "Enable dataflow", "dataflow.disable": "Disable dataflow", "dataflow.delete": "Delete dataflow", "connection.create": "Create connection", "connection.update": "Update connection", "flowRun.create": "Create flow run", "flowRun.get": "Get flow run", "flowRun.getAll": "Get many flow runs", "flowRun.retry": "Retry flow run"}[$parameter["resource"] + "." + $parameter["operation"]] }}',
		description:
			'Manage Adobe Experience Platform source connections: connection specs, and base connections to any database source from creation to password rotation and deletion, and the flow runs that move their data',
		defaults: { name: 'Adobe Flow Service' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'adobeFlowServiceApi', required: true },
			{
				name: 'amazonRedshiftSourceApi',
				required: true,
				testedBy: 'amazonRedshiftSourceApiTest',
				displayOptions: {
					show: { resource: ['connection'], operation: ['createRedshift', 'update'] },
					// A missing parameter never hides: each rule speaks for its own operation.
					hide: {
						redshiftCredentials: ['parameters'],
						newSecretFrom: ['none', 'sourceSecretsCredential', 'expression'],
					},
				},
			},
			{
				name: 'flowServiceSourceSecretsApi',
				required: true,
				testedBy: 'flowServiceSourceSecretsApiTest',
				displayOptions: {
					show: { resource: ['connection'], operation: ['create', 'update'] },
					hide: { newSecretFrom: ['none', 'redshiftCredential', 'expression'] },
				},
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Connection', value: 'connection' },
					{ name: 'Connection Spec', value: 'connectionSpec' },
					{ name: 'Dataflow', value: 'dataflow' },
					{ name: 'Flow Run', value: 'flowRun' },
					{ name: 'Flow Spec', value: 'flowSpec' },
					{ name: 'Mapping Set', value: 'mappingSet' },
					{ name: 'Source Connection', value: 'sourceConnection' },
					{ name: 'Target Connection', value: 'targetConnection' },
				],
				default: 'connectionSpec',
			},
			...connectionSpecDescription,
			...connectionDescription,
			...sourceConnectionDescription,
			...targetConnectionDescription,
			...flowSpecDescription,
			...mappingSetDescription,
			...dataflowDescription,
			...flowRunDescription,
		],
	};

	methods = {
		listSearch: {
			searchConnections,
			searchConnectionSpecs,
			searchDataflows,
			searchDatasets,
			searchTables,
		},
		loadOptions: { getAuthSpecNames },
		resourceMapping: { getAuthSpecFields },
		credentialTest: {
			async amazonRedshiftSourceApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return testRedshiftSourceCredential(credential);
			},
			async flowServiceSourceSecretsApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return testSourceSecretsCredential(credential);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
