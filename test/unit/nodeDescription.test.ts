import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AdobeFlowService } from '../../nodes/AdobeFlowService/AdobeFlowService.node';
import { AdobeFlowServiceTrigger } from '../../nodes/AdobeFlowService/AdobeFlowServiceTrigger.node';
import { nodeTypes } from '../harness/nodeTypes';

const { description } = new AdobeFlowService();
const operationsOf = (resource: string) =>
	description.properties.find(
		(property: INodeProperties) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource,
	)?.options as Array<{ name: string; value: string; action: string }>;

describe('Adobe Flow Service node: the public contract', () => {
	it('keeps its type, version and look', () => {
		expect(description).toMatchObject({
			name: 'adobeFlowService',
			displayName: 'Adobe Flow Service',
			version: 1,
			usableAsTool: true,
			icon: { light: 'file:adobeFlowService.svg', dark: 'file:adobeFlowService.dark.svg' },
		});
	});

	it('keeps resource, operation and action names', () => {
		expect(
			description.properties.find((property) => property.name === 'resource')?.options,
		).toEqual([
			{ name: 'Connection', value: 'connection' },
			{ name: 'Connection Spec', value: 'connectionSpec' },
			{ name: 'Dataflow', value: 'dataflow' },
			{ name: 'Flow Run', value: 'flowRun' },
			{ name: 'Flow Spec', value: 'flowSpec' },
			{ name: 'Mapping Set', value: 'mappingSet' },
			{ name: 'Source Connection', value: 'sourceConnection' },
			{ name: 'Target Connection', value: 'targetConnection' },
		]);
		expect(operationsOf('connectionSpec').map((o) => [o.value, o.name, o.action])).toEqual([
			['get', 'Get', 'Get connection spec'],
			['getAll', 'Get Many', 'Get many connection specs'],
		]);
		expect(operationsOf('connection').map((o) => [o.value, o.action])).toEqual([
			['create', 'Create connection'],
			['createRedshift', 'Create Redshift connection'],
			['delete', 'Delete connection'],
			['get', 'Get connection'],
			['getAll', 'Get many connections'],
			['getTableSchema', 'Get table schema'],
			['listTables', 'List tables'],
			['previewTable', 'Preview table'],
			['test', 'Test connection'],
			['update', 'Update connection'],
		]);
		expect(operationsOf('sourceConnection').map((o) => [o.value, o.name, o.action])).toEqual([
			['create', 'Create', 'Create source connection'],
			['delete', 'Delete', 'Delete source connection'],
			['get', 'Get', 'Get source connection'],
			['getAll', 'Get Many', 'Get many source connections'],
		]);
		expect(operationsOf('targetConnection').map((o) => [o.value, o.name, o.action])).toEqual([
			['create', 'Create', 'Create target connection'],
			['delete', 'Delete', 'Delete target connection'],
			['get', 'Get', 'Get target connection'],
			['getAll', 'Get Many', 'Get many target connections'],
		]);
		expect(operationsOf('flowSpec').map((o) => [o.value, o.name, o.action])).toEqual([
			['get', 'Get', 'Get flow spec'],
		]);
		expect(operationsOf('mappingSet').map((o) => [o.value, o.name, o.action])).toEqual([
			['create', 'Create', 'Create mapping set'],
			['get', 'Get', 'Get mapping set'],
		]);
		expect(operationsOf('dataflow').map((o) => [o.value, o.name, o.action])).toEqual([
			['create', 'Create', 'Create dataflow'],
			['delete', 'Delete', 'Delete dataflow'],
			['disable', 'Disable', 'Disable dataflow'],
			['enable', 'Enable', 'Enable dataflow'],
			['get', 'Get', 'Get dataflow'],
			['getAll', 'Get Many', 'Get many dataflows'],
			['update', 'Update', 'Update dataflow'],
		]);
		expect(operationsOf('flowRun').map((o) => [o.value, o.name, o.action])).toEqual([
			['create', 'Create', 'Create flow run'],
			['get', 'Get', 'Get flow run'],
			['getAll', 'Get Many', 'Get many flow runs'],
			['retry', 'Retry', 'Retry flow run'],
		]);
	});

	it('asks for the Redshift credential only when the login comes from it', () => {
		expect(description.credentials?.map((credential) => credential.name)).toEqual([
			'adobeFlowServiceApi',
			'amazonRedshiftSourceApi',
			'flowServiceSourceSecretsApi',
		]);
		expect(description.credentials?.[0]).toEqual({ name: 'adobeFlowServiceApi', required: true });
	});

	// As n8n decides it (NodeHelpers.displayParameter), for every operation that takes a login.
	it.each([
		[
			{ operation: 'createRedshift', redshiftCredentials: 'credential' },
			['amazonRedshiftSourceApi'],
		],
		[{ operation: 'createRedshift', redshiftCredentials: 'parameters' }, []],
		[{ operation: 'create' }, ['flowServiceSourceSecretsApi']],
		[{ operation: 'update', newSecretFrom: 'none' }, []],
		[{ operation: 'update', newSecretFrom: 'redshiftCredential' }, ['amazonRedshiftSourceApi']],
		[
			{ operation: 'update', newSecretFrom: 'sourceSecretsCredential' },
			['flowServiceSourceSecretsApi'],
		],
		[{ operation: 'update', newSecretFrom: 'expression' }, []],
		[{ operation: 'get' }, []],
	])('shows the login credentials %j needs: %j', (values, expected) => {
		const shown = (description.credentials ?? [])
			.filter((credential) => credential.name !== 'adobeFlowServiceApi')
			.filter((credential) =>
				NodeHelpers.displayParameter({ resource: 'connection', ...values }, credential, null, null),
			)
			.map((credential) => credential.name);
		expect(shown).toEqual(expected);
	});

	it.each([
		['connectionSpec', 'get', 'Get connection spec'],
		['connection', 'createRedshift', 'Create Redshift connection'],
		['connection', 'getAll', 'Get many connections'],
		['connection', 'listTables', 'List tables'],
		['sourceConnection', 'create', 'Create source connection'],
		['flowSpec', 'get', 'Get flow spec'],
		['mappingSet', 'create', 'Create mapping set'],
		['dataflow', 'create', 'Create dataflow'],
		['dataflow', 'update', 'Update dataflow'],
		['targetConnection', 'create', 'Create target connection'],
		['flowRun', 'retry', 'Retry flow run'],
	])('shows the action as its subtitle (%s %s)', (resource, operation, label) => {
		const node: INode = {
			id: '1',
			name: 'Adobe',
			type: 'n8n-nodes-adobe-flow-service.adobeFlowService',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource, operation },
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		expect(
			workflow.expression.getSimpleParameterValue(
				node,
				description.subtitle as string,
				'manual',
				{},
			),
		).toBe(label);
	});
});

describe('Adobe Flow Service Trigger: the public contract', () => {
	const trigger = new AdobeFlowServiceTrigger().description;

	it('is a polling trigger with no inputs, not a tool, registered with its own icon and codex', () => {
		expect(trigger).toMatchObject({
			name: 'adobeFlowServiceTrigger',
			displayName: 'Adobe Flow Service Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			icon: {
				light: 'file:adobeFlowServiceTrigger.svg',
				dark: 'file:adobeFlowServiceTrigger.dark.svg',
			},
		});
		expect(trigger.usableAsTool).toBeUndefined();
		const folder = join(__dirname, '../../nodes/AdobeFlowService');
		expect(readFileSync(join(folder, 'adobeFlowServiceTrigger.svg'), 'utf8')).not.toEqual(
			readFileSync(join(folder, 'adobeFlowServiceTrigger.dark.svg'), 'utf8'),
		);
		const codex = JSON.parse(
			readFileSync(join(folder, 'AdobeFlowServiceTrigger.node.json'), 'utf8'),
		);
		expect(codex.node).toBe('n8n-nodes-adobe-flow-service.adobeFlowServiceTrigger');
		const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/AdobeFlowService/AdobeFlowServiceTrigger.node.js');
	});

	it('keeps its trigger choices, Run Failed first and by default', () => {
		const event = trigger.properties.find((property) => property.name === 'event');
		expect(event?.default).toBe('runFailed');
		expect((event?.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
			'runFailed',
			'runSucceeded',
			'anyFinished',
			'runWithFailedRecords',
		]);
	});
});
