import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AdobeFlowService } from '../../nodes/AdobeFlowService/AdobeFlowService.node';
import { AdobeFlowServiceTrigger } from '../../nodes/AdobeFlowService/AdobeFlowServiceTrigger.node';

/**
 * Stand-ins for the few n8n-nodes-base nodes our example workflows use around our node. They
 * keep the same type names and parameter shapes, so one workflow JSON runs here and in a real
 * n8n alike.
 */

/** Manual Trigger: starts the run with one empty item. */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Harness stand-in',
		defaults: { name: 'When clicking "Execute workflow"' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [items.length ? items : [{ json: {} }]];
	}
}

/** Edit Fields (Set) v3.3+: the `assignments` form, for formatting a notification. */
class EditFields implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Edit Fields (Set)',
		name: 'set',
		group: ['input'],
		version: [3.3, 3.4],
		description: 'Harness stand-in',
		defaults: { name: 'Edit Fields' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Assignments',
				name: 'assignments',
				type: 'assignmentCollection',
				default: {},
			},
			{
				displayName: 'Include Other Fields',
				name: 'includeOtherFields',
				type: 'boolean',
				default: false,
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, itemIndex) => {
				const assignments = this.getNodeParameter(
					'assignments.assignments',
					itemIndex,
					[],
				) as Array<{
					name: string;
					value: unknown;
				}>;
				const keep = this.getNodeParameter('includeOtherFields', itemIndex, false) as boolean;
				const json: IDataObject = keep ? { ...item.json } : {};
				for (const { name, value } of assignments) json[name] = value as IDataObject[string];
				return { json, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/** IF v2: one boolean condition per item ({{ … }} resolved to true/false), two outputs. */
class If implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'If',
		name: 'if',
		group: ['transform'],
		version: [2, 2.1, 2.2],
		description: 'Harness stand-in',
		defaults: { name: 'If' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		properties: [{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const kept: INodeExecutionData[] = [];
		const dropped: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const pass = this.getNodeParameter('conditions', itemIndex, false, {
				extractValue: true,
			}) as unknown;
			(pass === true ? kept : dropped).push({ json: item.json, pairedItem: { item: itemIndex } });
		});
		return [kept, dropped];
	}
}

/** No Operation: passes items through (a stand-in for a Slack node's place in a test). */
class NoOp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'Harness stand-in',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const registry: Record<string, INodeType> = {
	'n8n-nodes-adobe-flow-service.adobeFlowService': new AdobeFlowService(),
	'n8n-nodes-adobe-flow-service.adobeFlowServiceTrigger': new AdobeFlowServiceTrigger(),
	'n8n-nodes-base.manualTrigger': new ManualTrigger() as unknown as INodeType,
	'n8n-nodes-base.set': new EditFields() as unknown as INodeType,
	'n8n-nodes-base.if': new If() as unknown as INodeType,
	'n8n-nodes-base.noOp': new NoOp() as unknown as INodeType,
};

export const nodeTypes: INodeTypes = {
	getByName(type: string): INodeType | IVersionedNodeType {
		return lookup(type);
	},
	getByNameAndVersion(type: string): INodeType {
		return lookup(type);
	},
	getKnownTypes() {
		return {};
	},
};

function lookup(type: string): INodeType {
	const nodeType = registry[type];
	if (!nodeType) throw new Error(`The harness has no node type "${type}"`);
	return nodeType;
}

/** The harness's node types, with some replaced: e.g. our node as built in dist/. */
export function nodeTypesWith(replacements: Map<string, INodeType>): INodeTypes {
	return {
		getByName: (type) => replacements.get(type) ?? nodeTypes.getByName(type),
		getByNameAndVersion: (type, version) =>
			replacements.get(type) ?? nodeTypes.getByNameAndVersion(type, version),
		getKnownTypes: () => ({}),
	};
}
