// Shared set-up for the lifecycle suites: the emulator as Adobe, workflows for each operation,
// seeding connections over the emulator's own HTTP API, and the picker's listSearch call.
import { LoadOptionsContext } from 'n8n-core';
import type {
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { searchConnections } from '../../nodes/AdobeFlowService/methods/listSearch';
import { callFlow, getToken, redshiftConnectionBody } from '../emulator/helpers';
import type { FlowServiceEmulator, RecordedRequest } from '../emulator/server';
import { HarnessCredentialsHelper } from '../harness/credentials';
import type { StoredCredential } from '../harness/credentials';
import { adobeCredential } from '../harness/fixtures';
import { nodeTypes } from '../harness/nodeTypes';
import { singleNodeWorkflow } from '../harness/runWorkflow';
import type { WorkflowJson } from '../harness/runWorkflow';

export const BASE = '/data/foundation/flowservice';

/** The Adobe credential pointed at the emulator (loopback http is allowed). */
export function emulatorCredential(emu: FlowServiceEmulator): StoredCredential {
	return adobeCredential({
		platformUrl: emu.url,
		imsUrl: emu.url,
		clientId: emu.credentials.clientId,
		clientSecret: emu.credentials.clientSecret,
		imsOrgId: emu.credentials.imsOrgId,
	});
}

/** Flow Service calls only (no IMS token requests), in arrival order. */
export function flowRequests(emu: FlowServiceEmulator): RecordedRequest[] {
	return emu.requests.filter((request) => request.service === 'flow');
}

/** A resource locator value, as n8n stores it in workflow JSON. */
export function byId(value: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value };
}

export function fromList(value: string, cachedResultName = ''): Record<string, unknown> {
	return { __rl: true, mode: 'list', value, cachedResultName };
}

export function connectionWorkflow(
	operation: string,
	parameters: Record<string, unknown> = {},
	extra: Partial<INode> = {},
): WorkflowJson {
	return singleNodeWorkflow(
		{ resource: 'connection', operation, ...parameters } as INode['parameters'],
		extra,
	);
}

export function specWorkflow(
	parameters: Record<string, unknown> = {},
	extra: Partial<INode> = {},
): WorkflowJson {
	return singleNodeWorkflow(
		{ resource: 'connectionSpec', operation: 'getAll', ...parameters } as INode['parameters'],
		extra,
	);
}

/**
 * Creates connections straight through the emulator's HTTP API, `parallel` at a time, and
 * returns their IDs in creation order (the emulator's createdAt tie-break). The request log is
 * cleared afterwards, so tests see only the node's own requests.
 */
export async function seedConnections(
	emu: FlowServiceEmulator,
	names: string[],
	body: (name: string) => unknown = (name) => redshiftConnectionBody(name),
	parallel = 1,
): Promise<string[]> {
	const token = await getToken(emu);
	const ids: string[] = new Array(names.length);
	for (let start = 0; start < names.length; start += parallel) {
		await Promise.all(
			names.slice(start, start + parallel).map(async (name, offset) => {
				const result = await callFlow(emu, '/connections', {
					method: 'POST',
					body: body(name),
					token,
				});
				if (result.status !== 201) throw new Error(`seeding ${name} failed: ${result.text}`);
				ids[start + offset] = result.body.id as string;
			}),
		);
	}
	emu.requests.length = 0;
	return ids;
}

/**
 * Runs the node's `searchConnections` as n8n's editor does for a "From list" picker: in
 * n8n-core's own LoadOptionsContext, with the harness credentials helper.
 */
export async function runListSearch(
	emu: FlowServiceEmulator,
	filter?: string,
	paginationToken?: string,
	credentialsHelper = new HarnessCredentialsHelper([emulatorCredential(emu)]),
): Promise<INodeListSearchResult> {
	return await callListSearch(
		searchConnections,
		connectionWorkflow('get', { connectionId: fromList('') }),
		'connectionId',
		credentialsHelper,
		filter,
		paginationToken,
	);
}

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/**
 * Runs any listSearch method of the node as the editor does for the picker `parameterName` of
 * the workflow's Adobe node, whose other parameters (a chosen connection, say) it can read.
 */
export async function callListSearch(
	method: ListSearchMethod,
	json: WorkflowJson,
	parameterName: string,
	credentialsHelper: HarnessCredentialsHelper,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const workflow = new Workflow({
		id: 'list-search',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const node = workflow.getNode('Adobe') as INode;
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, parameterName);
	return await method.call(context, filter, paginationToken as string | undefined);
}
