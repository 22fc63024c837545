import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials';
import type { StoredCredential } from './credentials';
import { nodeTypes } from './nodeTypes';

/**
 * A two-node workflow, Manual Trigger → Adobe Flow Service, for tests of one operation.
 * `extra` adds node settings such as `onError: 'continueRegularOutput'`.
 */
export function singleNodeWorkflow(
	parameters: INode['parameters'],
	extra: Partial<INode> = {},
): WorkflowJson {
	return {
		nodes: [
			{
				id: '00000000-0000-4000-8000-000000000001',
				name: 'Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '00000000-0000-4000-8000-000000000002',
				name: 'Adobe',
				type: 'n8n-nodes-adobe-flow-service.adobeFlowService',
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: {
					adobeFlowServiceApi: { id: 'adobe-cred-1', name: 'Adobe AEP (test)' },
					amazonRedshiftSourceApi: { id: 'redshift-cred-1', name: 'Redshift analytics (test)' },
					flowServiceSourceSecretsApi: { id: 'source-secrets-1', name: 'Source secrets (test)' },
				},
				...extra,
			},
		],
		connections: {
			Trigger: { main: [[{ node: 'Adobe', type: 'main', index: 0 }]] },
		} as IConnections,
	};
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

export interface HarnessResult {
	run: IRun;
	/** Output items of a node's first run, first output, as plain JSON. */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	/** The full items (json + pairedItem) of a node's first run. */
	items(nodeName: string, outputIndex?: number): Array<{ json: IDataObject; pairedItem?: unknown }>;
	/** The error a node stopped with, if it did. */
	nodeError(nodeName: string): Record<string, unknown> | undefined;
	/** Everything n8n would store for this execution, serialized as n8n serializes it. */
	serialized: string;
	credentialsHelper: HarnessCredentialsHelper;
}

export interface RunOptions {
	credentials?: StoredCredential[];
	/** Reuse a helper (and its stored tokens) across runs, like one n8n instance. */
	credentialsHelper?: HarnessCredentialsHelper;
	startNodeName?: string;
	/** Items the Manual Trigger emits (pinned, as n8n does with pinned data). */
	inputItems?: IDataObject[];
	/** Node and credential types to use instead of the harness's (the demo runs dist/). */
	nodeTypes?: INodeTypes;
	credentialTypes?: Record<string, ICredentialType>;
	/** Called once the run has started, with a function that cancels it as the editor's Stop does. */
	onStarted?: (cancel: () => void) => void;
}

/**
 * Runs workflow JSON through n8n-core's own WorkflowExecute, as n8n does for a manual run:
 * real parameter resolution, expressions, pairing, continue-on-fail and request helpers. Only
 * the node types and the credential store are the harness's own.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunOptions = {},
): Promise<HarnessResult> {
	const credentialsHelper =
		options.credentialsHelper ??
		new HarnessCredentialsHelper(options.credentials, options.credentialTypes);
	const workflow = new Workflow({
		id: workflowJson.id ?? 'harness-workflow',
		name: workflowJson.name ?? 'Harness workflow',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes: options.nodeTypes ?? nodeTypes,
		settings: { executionOrder: 'v1', ...(workflowJson.settings ?? {}) },
	});
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase;

	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', workflowData);
	const additionalData = harnessAdditionalData(credentialsHelper, hooks);

	const startNode = options.startNodeName
		? (workflow.getNode(options.startNodeName) ?? undefined)
		: workflowJson.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const pinData =
		options.inputItems && startNode
			? { [startNode.name]: options.inputItems.map((json) => ({ json })) }
			: undefined;
	const running = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: startNode ?? undefined,
		pinData,
	});
	options.onStarted?.(() => running.cancel());
	const run = await running;

	const runData = run.data.resultData.runData;
	const items = (nodeName: string, outputIndex = 0) =>
		(runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? []) as Array<{
			json: IDataObject;
			pairedItem?: unknown;
		}>;
	return {
		run,
		items,
		output: (nodeName, outputIndex = 0) => items(nodeName, outputIndex).map((item) => item.json),
		nodeError: (nodeName) => {
			const error = runData[nodeName]?.[0]?.error;
			return error ? (JSON.parse(JSON.stringify(error)) as Record<string, unknown>) : undefined;
		},
		serialized: JSON.stringify(run),
		credentialsHelper,
	};
}

/** What n8n-core needs around a node run: the credential store, hooks and the instance URLs. */
export function harnessAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId: 'harness-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported in the harness');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not supported in the harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}
