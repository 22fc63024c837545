import type {
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { invalidParameter } from './helpers/errors';
import type { TriggerOn } from './helpers/runCursor';
import { fetchTriggerEvents, latestMatchingRun } from './helpers/runTrigger';
import { PAGE_SIZE, readListPage, toQueryString } from './helpers/pagination';
import { createExecutionState } from './helpers/types';
import type { ExecutionState } from './helpers/types';
import { UUID_PATTERN } from './helpers/validation';
import { flowServiceRequest } from './transport';

const TRIGGERS: Array<{ name: string; value: TriggerOn; description: string }> = [
	{
		name: 'Run Failed',
		value: 'runFailed',
		description: 'A dataflow run ended with status failed',
	},
	{
		name: 'Run Succeeded',
		value: 'runSucceeded',
		description: 'A dataflow run ended with status success',
	},
	{
		name: 'Any Finished Run',
		value: 'anyFinished',
		description: 'A dataflow run succeeded or failed',
	},
	{
		name: 'Run With Failed Records',
		value: 'runWithFailedRecords',
		description: 'A dataflow run succeeded but dropped records (failedRecordCount above 0)',
	},
];

export class AdobeFlowServiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe Flow Service Trigger',
		name: 'adobeFlowServiceTrigger',
		icon: {
			light: 'file:adobeFlowServiceTrigger.svg',
			dark: 'file:adobeFlowServiceTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"runFailed": "Run failed", "runSucceeded": "Run succeeded", "anyFinished": "Any finished run", "runWithFailedRecords": "Run with failed records"}[$parameter["event"]] }}',
		description:
			'Starts the workflow when an Adobe Experience Platform dataflow run fails, succeeds or drops records',
		defaults: { name: 'Adobe Flow Service Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'adobeFlowServiceApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: TRIGGERS,
				default: 'runFailed',
			},
			{
				displayName: 'Dataflows',
				name: 'dataflows',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'All in the Sandbox', value: 'all' },
					{ name: 'Chosen Ones', value: 'chosen' },
				],
				default: 'all',
				description: "Whose runs to watch: every dataflow in the credential's sandbox, or a few",
			},
			{
				displayName: 'Dataflow Names or IDs',
				name: 'dataflowIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getDataflows' },
				default: [],
				required: true,
				description:
					'The dataflows to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { dataflows: ['chosen'] } },
			},
		],
	};

	methods = {
		loadOptions: {
			/** The sandbox's dataflows by name (the first pages; a trigger watches a handful). */
			async getDataflows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const state = createExecutionState();
				const options: INodePropertyOptions[] = [];
				let path: string | undefined =
					`/flows${toQueryString({ orderby: 'name', limit: PAGE_SIZE })}`;
				for (let page = 0; path !== undefined && page < 10; page++) {
					const response = await flowServiceRequest.call(this, state, { method: 'GET', path }, 0);
					const { items, next } = readListPage(response.body);
					for (const flow of items) {
						if (typeof flow.id !== 'string') continue;
						options.push({
							name: typeof flow.name === 'string' && flow.name ? flow.name : flow.id,
							value: flow.id,
						});
					}
					path = next;
				}
				return options;
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const on = this.getNodeParameter('event', 'runFailed') as TriggerOn;
		const flowIds = readFlowIds(this);
		const state = createExecutionState();
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the latest matching run, errors shown as they are, cursor untouched.
			const run = await latestMatchingRun.call(this, state, { on, flowIds });
			return run ? [[{ json: run }]] : null;
		}
		try {
			const events = await fetchTriggerEvents.call(
				this,
				state,
				this.getWorkflowStaticData('node'),
				{ on, flowIds },
			);
			return events.length ? [events.map((json) => ({ json }))] : null;
		} catch (error) {
			if (!isPassing(error, state)) throw asReported(this, error);
			// Nothing moved: the next poll asks for the same window again and catches up.
			this.logger.warn(
				`Adobe Flow Service Trigger: poll skipped, will catch up next time: ${(error as Error).message}`,
			);
			return null;
		}
	}
}

function readFlowIds(context: IPollFunctions): string[] {
	if (context.getNodeParameter('dataflows', 'all') !== 'chosen') return [];
	const raw = context.getNodeParameter('dataflowIds', []) as unknown;
	const list = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((id) => String(id).trim().toLowerCase())
		.filter(Boolean);
	const bad = list.find((id) => !UUID_PATTERN.test(id));
	if (bad !== undefined || list.length === 0) {
		throw invalidParameter(
			context.getNode(),
			0,
			'Dataflow Names or IDs',
			bad !== undefined
				? `must be dataflow IDs (UUIDs), got "${bad.slice(0, 60)}"`
				: 'is empty: choose at least one dataflow',
		);
	}
	return [...new Set(list)];
}

/** Our errors as they are; anything else wrapped, so n8n reports it against this node. */
function asReported(context: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

/**
 * A failure the next poll may not see: Adobe busy or down (429, 5xx), a time-out or a dropped
 * connection. A refused credential or a bad request is reported, since waiting will not fix it.
 */
function isPassing(error: unknown, state: ExecutionState): boolean {
	if (!(error instanceof NodeApiError) || state.credentialFailure) return false;
	const status = Number((error as NodeApiError & { httpCode?: string | null }).httpCode ?? NaN);
	return Number.isNaN(status) || status === 429 || status >= 500;
}
