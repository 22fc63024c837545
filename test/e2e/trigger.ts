/**
 * The alert example in a real n8n: examples/alert-on-failed-ingestion.workflow.json is imported
 * with its Slack node swapped for an HTTP Request node that posts the same text to a local sink,
 * published, and run by `n8n start` with the shortest poll interval n8n allows (every minute).
 * A failed run is added on the emulator: exactly one execution posts its error codes. Another
 * one: exactly one more. A further poll posts nothing, and a failure from before activation never
 * fires.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import { buildChain, caller } from '../emulator/chain';
import { getToken } from '../emulator/helpers';
import type { FlowServiceEmulator } from '../emulator/server';
import {
	freePort,
	importWorkflow,
	n8nEnv,
	runN8n,
	N8nCommandError,
	type N8nPaths,
	type UserFolder,
	type WorkflowImport,
} from './real-n8n';

const ROOT = join(__dirname, '..', '..');
const ALERT_EXAMPLE = join(ROOT, 'examples', 'alert-on-failed-ingestion.workflow.json');
const TRIGGER_TYPE = 'n8n-nodes-adobe-flow-service.adobeFlowServiceTrigger';
const DATAFLOW_NAME = 'Orders nightly (e2e)';
/** n8n polls every minute at a random second; a poll, its execution and some slack. */
const POLL_WAIT_MS = 100_000;

export interface TriggerE2EContext {
	paths: N8nPaths;
	userFolder: UserFolder;
	emulator: FlowServiceEmulator;
	adobeCredential: { id: string; name: string };
	workflowId: string;
	check: (label: string, body: () => void) => boolean;
	log: (line?: string) => void;
}

interface Sink {
	url: string;
	posts: Array<{ text: string }>;
	close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
	const posts: Array<{ text: string }> = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			try {
				posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string });
			} catch {
				posts.push({ text: `(not JSON) ${Buffer.concat(chunks).toString('utf8')}` });
			}
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
		});
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}/alert`,
		posts,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** The example as shipped, with the credential filled in and Slack posting to the sink instead. */
function alertTestCopy(ctx: TriggerE2EContext, sinkUrl: string): WorkflowImport {
	const example = JSON.parse(readFileSync(ALERT_EXAMPLE, 'utf8')) as WorkflowImport;
	const nodes = example.nodes.map((node) => {
		if (node.type === TRIGGER_TYPE) {
			return { ...node, credentials: { adobeFlowServiceApi: { ...ctx.adobeCredential } } };
		}
		if (node.type !== 'n8n-nodes-base.slack') return node;
		return {
			id: node.id,
			name: node.name,
			position: node.position,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: sinkUrl,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'keypair',
				bodyParameters: { parameters: [{ name: 'text', value: node.parameters.text }] },
				options: {},
			},
		};
	});
	return { ...example, id: ctx.workflowId, nodes };
}

async function waitFor(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!test()) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

export async function runTriggerE2E(ctx: TriggerE2EContext): Promise<void> {
	const { emulator: emu, paths, userFolder, check, log } = ctx;
	const token = await getToken(emu);
	const chain = await buildChain(
		caller(
			() => emu,
			() => token,
		),
		{ name: DATAFLOW_NAME },
	);
	const flowId = chain.flow as string;
	const history = emu.addRun(flowId, { outcome: 'failed', startedAt: Date.now() - 60_000 });

	const sink = await startSink();
	let child: ChildProcess | undefined;
	const output: Buffer[] = [];
	try {
		await importWorkflow(userFolder, alertTestCopy(ctx, sink.url), { paths });
		const activate = paths.n8nVersion.startsWith('1.')
			? ['update:workflow', `--id=${ctx.workflowId}`, '--active=true']
			: ['publish:workflow', `--id=${ctx.workflowId}`];
		const activated = await runN8n(activate, { userFolder, paths });
		if (activated.code !== 0) throw new N8nCommandError(`n8n ${activate[0]} failed`, activated);

		const pollsSoFar = () =>
			emu.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/runs') && r.status === 200)
				.length;
		const port = await freePort();
		child = spawn(paths.nodeBin, [paths.n8nBin, 'start'], {
			env: n8nEnv(userFolder, paths, {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_LOG_LEVEL: 'warn',
			}),
			cwd: userFolder.path,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
		const started = Date.now();
		// Activation polls at once: that poll only seeds the cursor.
		await waitFor('the activation poll', () => pollsSoFar() >= 1, 180_000);
		log(
			`  trigger: n8n start activated the alert workflow in ${Math.round((Date.now() - started) / 1000)} s`,
		);

		const first = emu.addRun(flowId, {
			outcome: 'failed',
			errors: [
				{ code: 'CONNECTOR-2001-500', message: 'Error occurred at promotion activity.' },
				{ code: 'INGEST-1212-400', message: 'Some rows failed to ingest.' },
			],
		});
		await waitFor(
			'the execution for the first failed run',
			() => sink.posts.length >= 1,
			POLL_WAIT_MS,
		);
		const second = emu.addRun(flowId, { outcome: 'failed' });
		await waitFor(
			'the execution for the second failed run',
			() => sink.posts.length >= 2,
			POLL_WAIT_MS,
		);
		const pollsAfterSecond = pollsSoFar();
		await waitFor('one more poll', () => pollsSoFar() > pollsAfterSecond, POLL_WAIT_MS);
		await new Promise((resolve) => setTimeout(resolve, 3000));

		check(
			'trigger: exactly one execution per failed run, none for the run from before activation',
			() => {
				assert.equal(sink.posts.length, 2, JSON.stringify(sink.posts));
				assert.ok(!sink.posts.some((post) => post.text.includes(history.id)), 'the old run fired');
			},
		);
		check(
			'trigger: the first alert names the dataflow, the run, its error codes, counts and link',
			() => {
				const lines = sink.posts[0].text.split('\n');
				assert.match(
					lines[0],
					new RegExp(
						`^:rotating_light: AEP dataflow \\*${DATAFLOW_NAME.replace(/[()]/g, '\\$&')}\\* failed \\(run ${first.id}, started `,
					),
				);
				assert.equal(lines[1], 'Errors: CONNECTOR-2001-500, INGEST-1212-400');
				assert.match(lines[2], /^Records: \d+ read, \d+ written, \d+ failed$/);
				assert.match(lines[3], new RegExp(`/platform/source/dataflows/${flowId}/activity\\|`));
			},
		);
		check('trigger: the second alert is the second run, with its own error code', () => {
			assert.ok(sink.posts[1].text.includes(`(run ${second.id}, `), sink.posts[1].text);
			assert.ok(sink.posts[1].text.includes('Errors: CONNECTOR-2001-500'), sink.posts[1].text);
		});
	} catch (error) {
		log(Buffer.concat(output).toString('utf8').split('\n').slice(-30).join('\n'));
		throw error;
	} finally {
		if (child?.pid !== undefined) {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			await new Promise((resolve) => setTimeout(resolve, 2000));
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		await sink.close();
	}
}
