// The demo's last act: what examples/alert-on-failed-ingestion.workflow.json would post to
// Slack for a failed run on the emulator. The trigger is polled as n8n polls it (seeding poll,
// then a poll after the run failed), and the Slack text is the example's own expression,
// resolved by n8n's expression engine on the trigger's output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType, IDataObject, INode, INodeTypes } from 'n8n-workflow';

import { buildChain, caller } from '../../test/emulator/chain';
import { getToken } from '../../test/emulator/helpers';
import { startEmulator, type FlowServiceEmulator } from '../../test/emulator/server';
import { HarnessCredentialsHelper, type StoredCredential } from '../../test/harness/credentials';
import { TRIGGER_TYPE, TriggerHarness } from '../../test/harness/pollTrigger';
import { runWorkflow, type WorkflowJson } from '../../test/harness/runWorkflow';

export const ALERT_WORKFLOW = join(
	__dirname,
	'..',
	'..',
	'examples',
	'alert-on-failed-ingestion.workflow.json',
);

export interface AlertDemo {
	runId: string;
	dataflowName: string;
	message: string;
}

/**
 * Runs on an emulator of its own, so that the dataflow it needs leaves the state of the demo's
 * chain (and what its checks count) alone.
 */
export async function showFailedRunAlert(options: {
	nodeTypes?: INodeTypes;
	credentialTypes?: Record<string, ICredentialType>;
	print: (line?: string) => void;
}): Promise<AlertDemo> {
	const emulator = await startEmulator();
	try {
		return await alertOn(emulator, options);
	} finally {
		await emulator.close();
	}
}

async function alertOn(
	emulator: FlowServiceEmulator,
	options: Parameters<typeof showFailedRunAlert>[0],
): Promise<AlertDemo> {
	const { print } = options;
	const credential: StoredCredential = {
		id: 'demo-adobe',
		name: 'Adobe AEP (emulator)',
		type: 'adobeFlowServiceApi',
		data: {
			authentication: 'serverToServer',
			...emulator.credentials,
			platformUrl: emulator.url,
			imsUrl: emulator.url,
		},
	};
	const workflow = JSON.parse(readFileSync(ALERT_WORKFLOW, 'utf8')) as WorkflowJson;
	const triggerNode = workflow.nodes.find((node) => node.type === TRIGGER_TYPE) as INode;
	const slackNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.slack') as INode;

	// A dataflow to watch, made through the emulator's API as the onboarding chain makes one.
	const token = await getToken(emulator);
	const dataflowName = 'Orders nightly (demo)';
	const chain = await buildChain(
		caller(
			() => emulator,
			() => token,
		),
		{ name: dataflowName },
	);
	const flowId = chain.flow as string;

	const credentialsHelper = new HarnessCredentialsHelper([credential], options.credentialTypes);
	const trigger = new TriggerHarness(
		{
			...triggerNode,
			credentials: {
				adobeFlowServiceApi: { id: credential.id, name: credential.name },
			},
		},
		credentialsHelper,
		options.nodeTypes,
	);
	const seeded = await trigger.poll();
	const failed = emulator.addRun(flowId, {
		outcome: 'failed',
		errors: [
			{ code: 'CONNECTOR-2001-500', message: 'Error occurred at promotion activity.' },
			{ code: 'INGEST-1212-400', message: 'Some rows failed to ingest.' },
		],
	});
	const events = (await trigger.poll()) ?? [];
	const again = await trigger.poll();
	if (seeded !== null || events.length !== 1 || again !== null) {
		throw new Error(
			`The trigger should fire exactly once for the failed run (seed: ${seeded?.length ?? 0}, then ${events.length}, then ${again?.length ?? 0})`,
		);
	}

	// The Slack node's text, resolved on the trigger's output by n8n's engine (Edit Fields stands in).
	const render: WorkflowJson = {
		nodes: [
			{
				id: '5d1e2f30-0000-4000-8000-000000000001',
				name: 'Trigger Output',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '5d1e2f30-0000-4000-8000-000000000002',
				name: 'Slack Text',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'text', name: 'text', type: 'string', value: slackNode.parameters.text },
						],
					},
				},
			},
		],
		connections: { 'Trigger Output': { main: [[{ node: 'Slack Text', type: 'main', index: 0 }]] } },
	};
	const rendered = await runWorkflow(render, {
		inputItems: events as IDataObject[],
		nodeTypes: options.nodeTypes,
	});
	const message = String(rendered.output('Slack Text')[0]?.text ?? '');

	print(`Alert on failed ingestion (examples/${ALERT_WORKFLOW.split(/[\\/]/).pop()})`);
	print(`  ${workflow.nodes.map((node) => node.name).join(' → ')}`);
	print(
		`  The trigger's first poll seeded its cursor; a run of "${dataflowName}" then failed on the`,
	);
	print(
		'  emulator, and the next poll fired once for it (a third poll: nothing). Slack would get:',
	);
	print();
	for (const line of message.split('\n')) print(`    ${line}`);
	print();
	return { runId: failed.id, dataflowName, message };
}
