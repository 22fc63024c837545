import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials';
import { nodeTypes as harnessNodeTypes } from './nodeTypes';
import { harnessAdditionalData } from './runWorkflow';

export const TRIGGER_TYPE = 'n8n-nodes-adobe-flow-service.adobeFlowServiceTrigger';

export function triggerNode(parameters: INode['parameters']): INode {
	return {
		id: '00000000-0000-4000-8000-0000000000t1',
		name: 'Adobe Flow Service Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { adobeFlowServiceApi: { id: 'adobe-cred-1', name: 'Adobe AEP (test)' } },
	};
}

/**
 * A polling trigger as n8n runs it: n8n-core's own PollContext over a Workflow whose static
 * data lives on between polls, as in one n8n process. Like n8n 2.x without durable cursors, it
 * "saves" static data only after a poll that emitted (and after the activation poll); a
 * restart starts again from what was saved.
 */
export class TriggerHarness {
	private workflow!: Workflow;
	private saved: IDataObject = {};
	private polls = 0;
	private activation: 'activate' | 'init' = 'activate';

	constructor(
		private readonly node: INode,
		private readonly credentialsHelper: HarnessCredentialsHelper,
		private readonly types: INodeTypes = harnessNodeTypes,
	) {
		this.load();
	}

	/** Like `n8n start` after a stop: the workflow is loaded again with the saved static data. */
	restart(): void {
		this.activation = 'init';
		this.load();
	}

	private load(): void {
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.types,
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
			settings: { executionOrder: 'v1' },
		});
		this.polls = 0;
	}

	/** The node's static data as it is in memory now. */
	get staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** One poll; the JSON of the items it emitted, or null. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[] | null> {
		const node = this.workflow.getNode(this.node.name) as INode;
		// n8n polls once at once on activation (and on start-up); that poll's data is saved.
		const firstPoll = this.polls++ === 0;
		const context = new PollContext(
			this.workflow,
			node,
			harnessAdditionalData(this.credentialsHelper),
			mode,
			this.activation,
		);
		const nodeType = this.types.getByNameAndVersion(TRIGGER_TYPE, 1) as INodeType;
		const result = await nodeType.poll!.call(context);
		if (mode !== 'manual' && (result !== null || firstPoll)) {
			this.saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		}
		return result ? result[0].map((item) => item.json) : null;
	}
}
