/**
 * End-to-end test of the PACKAGE in a REAL n8n (not jest; plain node:assert under tsx):
 *
 *   npm run build && tsx test/e2e/run.ts      (one n8n version: N8N_VERSION, default 2.40.7)
 *
 * `npm run test:e2e` runs it once per version in scripts/e2e/n8n-versions.txt (test/e2e/matrix.ts).
 *
 * 1. Makes sure Node 24 + n8n are installed (scripts/e2e/install-n8n.sh, idempotent: ~0.1 s
 *    warm, minutes cold), packs this repo with `npm pack` (dist/ must be built) and installs the
 *    tarball into a throw-away N8N_USER_FOLDER/.n8n/nodes, as a user installs a community package.
 * 2. Starts the Adobe IMS + Flow Service emulator in-process on 127.0.0.1, with random secrets.
 * 3. Imports an `adobeFlowServiceApi` credential (OAuth Server-to-Server, pointed at the
 *    emulator) and an `amazonRedshiftSourceApi` credential, and three workflows (one import call
 *    each), then runs them with `n8n execute --id=... --rawOutput` (4 runs):
 *      R1  examples/redshift-connection-chain.workflow.json (Manual Trigger -> Get Connection
 *          Spec -> Create Redshift Connection -> Edit Fields): the outputs chain.
 *      R2  examples/scheduled-redshift-connection-to-slack.workflow.json, test copy (Schedule
 *          Trigger -> Manual Trigger, Slack -> No Operation; our node and the IF unchanged):
 *          creates. R1 + R2 together fetch ONE token (n8n stores it in the credential).
 *      R3  the same after emu.expireTokens(): the 401 is answered with a new token; the
 *          connection is reused (no POST), the IF's true branch gets nothing.
 *      R4  Code (3 items, the middle one with an empty name) -> Create Redshift with On Error:
 *          Continue, ifExists=create, and the token expiring mid-run: 3 items out, paired,
 *          the middle one an error naming the parameter and the item.
 *      T   examples/alert-on-failed-ingestion.workflow.json (Adobe Flow Service Trigger -> Slack,
 *          Slack swapped for an HTTP Request to a local sink), published and run by `n8n start`
 *          polling every minute (test/e2e/trigger.ts): one execution per failed run, with its
 *          error codes; a failure from before activation and a further poll fire nothing.
 * 4. Checks the run data AND the emulator's request log (exact headers, queries and bodies on
 *    every call), and that no secret (client secret, any issued token, the Redshift password;
 *    raw, URL-encoded, JSON-escaped) appears in any n8n output, nor in plain text anywhere in
 *    n8n's data folder (database.sqlite and its WAL, where the executions are stored).
 * 5. Stops the emulator and deletes the temp folders.
 *
 * Environment:
 *   N8N_E2E_KEEP=1          keep the temp folders (n8n user folder, tarball) and print them
 *   N8N_VERSION, N8N_E2E_CACHE   passed to install-n8n.sh and locateN8n (default n8n 2.40.7)
 *
 * Exit code 0 when every check passed, 1 otherwise. Nothing printed carries a secret: every
 * line goes through a redactor that knows all of them.
 */
/* eslint-disable no-console */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';

import {
	startEmulator,
	FLOW_BASE_PATH,
	IMS_TOKEN_PATH,
	type FlowServiceEmulator,
	type RecordedRequest,
} from '../emulator/server';
import {
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installPackageTarball,
	locateN8n,
	nodeOutputJson,
	nodeRun,
	readJson,
	type ExecuteResult,
	type N8nItem,
	type N8nPaths,
	type RunResult,
	type UserFolder,
	type WorkflowImport,
} from './real-n8n';
import { runTriggerE2E } from './trigger';

const ROOT = resolve(__dirname, '..', '..');
const KEEP = process.env.N8N_E2E_KEEP === '1';
const PACKAGE_NAME = 'n8n-nodes-adobe-flow-service';
const NODE_TYPE = `${PACKAGE_NAME}.adobeFlowService`;
const SPEC_ID = '3416976c-a9ca-4bba-901a-1f08f66978ff';
const DEFAULT_SCOPES =
	'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext';
/** The node lists connections 50 at a time (helpers/pagination.ts PAGE_SIZE). */
const PAGE_SIZE = '50';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CHAIN_EXAMPLE = join(ROOT, 'examples', 'redshift-connection-chain.workflow.json');
const ONBOARDING_EXAMPLE = join(ROOT, 'examples', 'redshift-onboarding.workflow.json');
const TEARDOWN_EXAMPLE = join(ROOT, 'examples', 'redshift-onboarding-teardown.workflow.json');
const SCHEDULED_EXAMPLE = join(
	ROOT,
	'examples',
	'scheduled-redshift-connection-to-slack.workflow.json',
);

const ADOBE_CRED = { id: 'afsE2eAdobeCred1', name: 'Adobe AEP (e2e emulator)' };
const REDSHIFT_CRED = { id: 'afsE2eRedshift01', name: 'Redshift (e2e)' };
const SECRETS_CRED = { id: 'afsE2eSecrets001', name: 'Snowflake key pair (e2e)' };
const ROTATED_CRED = { id: 'afsE2eRedshift02', name: 'Redshift, new password (e2e)' };
const SNOWFLAKE_EXAMPLE = join(
	ROOT,
	'examples',
	'create-snowflake-connection-key-pair.workflow.json',
);
const ROTATE_EXAMPLE = join(ROOT, 'examples', 'rotate-redshift-password.workflow.json');
const SNOWFLAKE_SPEC_ID = 'b2e08744-4f1a-40ce-af30-7abac3e23cf3';
const WF = {
	chain: 'afsE2eChain00001',
	onboarding: 'afsE2eOnboard001',
	teardown: 'afsE2eTeardown01',
	scheduled: 'afsE2eSchedule01',
	continueOnFail: 'afsE2eContinue01',
	snowflake: 'afsE2eSnowflake1',
	rotate: 'afsE2eRotate0001',
	alert: 'afsE2eAlertOnFail',
};

// Random per run, so that a leak check cannot pass or fail by accident. The password holds
// characters that URL-encoding and JSON-escaping change, so all three forms are looked for.
const CLIENT_ID = `e2e-client-${randomBytes(6).toString('hex')}`;
const CLIENT_SECRET = `e2e-secret-${randomBytes(16).toString('hex')}`;
const IMS_ORG_ID = `${randomBytes(12).toString('hex').toUpperCase()}@AdobeOrg`;
const REDSHIFT_LOGIN = {
	server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: '5439',
	database: 'dev',
	schema: 'public',
	username: 'aep_reader',
	password: `Rs"pw&%/+ ${randomBytes(10).toString('hex')}\\`,
};
const SNOWFLAKE_PRIVATE_KEY = `MIIEvQ-e2e-${randomBytes(24).toString('base64')}`;
const ROTATED_PASSWORD = `Rotated"pw&% ${randomBytes(10).toString('hex')}`;

// ---------------------------------------------------------------- secrets and output

let emulator: FlowServiceEmulator | undefined;

/** Every secret in play with a label that is safe to print. */
function secrets(): Array<[string, string]> {
	return [
		['client secret', CLIENT_SECRET],
		['Redshift password', REDSHIFT_LOGIN.password],
		['Snowflake private key', SNOWFLAKE_PRIVATE_KEY],
		['rotated Redshift password', ROTATED_PASSWORD],
		...(emulator?.tokensIssued ?? []).map((token, i): [string, string] => [
			`token #${i + 1}`,
			token,
		]),
	];
}

/** Each secret as it could appear: raw, URL-encoded (both flavours), JSON-escaped (once, twice). */
function secretForms(): Array<{ label: string; value: string }> {
	const forms: Array<{ label: string; value: string }> = [];
	for (const [label, secret] of secrets()) {
		const variants: Array<[string, string]> = [
			['raw', secret],
			['URL-encoded', encodeURIComponent(secret)],
			['form-encoded', new URLSearchParams({ s: secret }).toString().slice(2)],
			['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
			['JSON-escaped twice', JSON.stringify(JSON.stringify(secret)).slice(1, -1)],
		];
		const seen = new Set<string>();
		for (const [form, value] of variants) {
			if (seen.has(value)) continue;
			seen.add(value);
			forms.push({ label: `${label} (${form})`, value });
		}
	}
	return forms.sort((a, b) => b.value.length - a.value.length);
}

/** Labels of the secret forms found in a text or a file's bytes. */
function findLeaks(text: string | Buffer): string[] {
	return secretForms()
		.filter(({ value }) => text.includes(value))
		.map(({ label }) => label);
}

function redact(text: string): string {
	let out = text;
	for (const { label, value } of secretForms()) out = out.split(value).join(`<${label}>`);
	return out;
}

function log(line = ''): void {
	console.log(redact(line));
}

function tail(text: string, lines = 30): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function indent(text: string, prefix = '        '): string {
	return text
		.split('\n')
		.map((line) => prefix + line)
		.join('\n');
}

// ---------------------------------------------------------------- checks and timings

const checks: Array<{ label: string; ok: boolean; detail?: string }> = [];
const warnings: string[] = [];
const timings: Array<[string, number]> = [];
/** Every n8n command's output, for the leak check at the end. */
const outputs: Array<{ label: string; stdout: string; stderr: string }> = [];

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** A named group of assertions. A failure is recorded and reported; the test goes on. */
function check(label: string, body: () => void): boolean {
	try {
		body();
		checks.push({ label, ok: true });
		log(`  ok    ${label}`);
		return true;
	} catch (error) {
		const detail = redact(messageOf(error));
		checks.push({ label, ok: false, detail });
		log(`  FAIL  ${label}\n${indent(detail)}`);
		return false;
	}
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		const ms = Date.now() - started;
		timings.push([label, ms]);
		log(`  ..    ${label}: ${ms} ms`);
	}
}

function remember(label: string, result: RunResult): void {
	outputs.push({ label, stdout: result.stdout, stderr: result.stderr });
}

// ---------------------------------------------------------------- setup helpers

function childEnv(paths?: N8nPaths): NodeJS.ProcessEnv {
	// `npm run` exports npm_config_* (this repo's .npmrc sets ignore-scripts, which would stop
	// the sqlite3 build in a cold install) and tsx may set NODE_OPTIONS: keep both out.
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|NODE_OPTIONS$)/i.test(key)) continue;
		env[key] = value;
	}
	if (paths) env.PATH = `${paths.nodeBinDir}:${process.env.PATH ?? ''}`;
	return env;
}

async function ensureN8nInstalled(): Promise<void> {
	const script = join(ROOT, 'scripts', 'e2e', 'install-n8n.sh');
	const lines: string[] = [];
	const code = await new Promise<number | null>((resolveRun, reject) => {
		const child = spawn('bash', [script], {
			cwd: ROOT,
			env: childEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const onData = (chunk: Buffer) => {
			for (const line of chunk.toString('utf8').split('\n')) {
				if (!line.trim()) continue;
				lines.push(line);
				// A cold install takes minutes: show its progress as it goes.
				if (line.startsWith('[install-n8n')) log(`        ${line}`);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', resolveRun);
	});
	if (code !== 0) {
		throw new Error(`scripts/e2e/install-n8n.sh failed (exit ${code}):\n${tail(lines.join('\n'))}`);
	}
}

/** Warns when dist/ is older than the sources (run `npm run build`). */
function warnIfDistStale(): void {
	const newest = (dir: string, pick: (file: string) => boolean): number => {
		let best = 0;
		const walk = (path: string) => {
			for (const entry of readdirSync(path, { withFileTypes: true })) {
				const full = join(path, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (pick(full)) best = Math.max(best, statSync(full).mtimeMs);
			}
		};
		if (existsSync(dir)) walk(dir);
		return best;
	};
	const builtEntry = join(ROOT, 'dist', 'nodes', 'AdobeFlowService', 'AdobeFlowService.node.js');
	if (!existsSync(builtEntry)) {
		throw new Error('dist/ is not built: run `npm run build` first (npm run test:e2e does).');
	}
	const built = statSync(builtEntry).mtimeMs;
	const source = Math.max(
		newest(join(ROOT, 'nodes'), (f) => f.endsWith('.ts')),
		newest(join(ROOT, 'credentials'), (f) => f.endsWith('.ts')),
	);
	if (source > built + 1000) {
		log('  WARN  dist/ is older than the TypeScript sources: this tests the last build.');
		log('        Run `npm run build` (npm run test:e2e does) to test the current code.');
	}
}

interface PackInfo {
	filename: string;
	files: Array<{ path: string }>;
	version: string;
}

function packRepo(paths: N8nPaths, destination: string): { tarball: string; info: PackInfo } {
	const packed = spawnSync(
		paths.nodeBin,
		[paths.npmCli, 'pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{ cwd: ROOT, env: childEnv(paths), encoding: 'utf8', timeout: 120_000 },
	);
	if (packed.status !== 0) {
		throw new Error(`npm pack failed (exit ${packed.status}):\n${tail(packed.stderr ?? '')}`);
	}
	const start = packed.stdout.indexOf('[');
	const info = (JSON.parse(packed.stdout.slice(start)) as PackInfo[])[0];
	return { tarball: join(destination, info.filename), info };
}

// ---------------------------------------------------------------- workflows

type WorkflowNode = WorkflowImport['nodes'][number];

const PLACEHOLDERS: Record<string, { id: string; name: string }> = {
	adobeFlowServiceApi: ADOBE_CRED,
	amazonRedshiftSourceApi: REDSHIFT_CRED,
	flowServiceSourceSecretsApi: SECRETS_CRED,
};

/** Points every node's credential reference at the imported credentials. */
function withCredentials(node: WorkflowNode): WorkflowNode {
	if (!node.credentials) return node;
	const credentials: Record<string, { id: string; name: string }> = {};
	for (const [type, reference] of Object.entries(node.credentials)) {
		credentials[type] = PLACEHOLDERS[type] ?? reference;
	}
	return { ...node, credentials };
}

function connectionsRenamed(
	connections: Record<string, unknown>,
	from: string,
	to: string,
): Record<string, unknown> {
	const renamed: Record<string, unknown> = {};
	for (const [source, value] of Object.entries(connections)) {
		const fixed = JSON.parse(JSON.stringify(value), (key, v: unknown) =>
			key === 'node' && v === from ? to : v,
		) as unknown;
		renamed[source === from ? to : source] = fixed;
	}
	return renamed;
}

/** Swaps one node for another (another type, maybe another name), keeping its place and wires. */
function replaceNode(
	workflow: WorkflowImport,
	oldName: string,
	make: (old: WorkflowNode) => WorkflowNode,
): WorkflowImport {
	const old = workflow.nodes.find((node) => node.name === oldName);
	if (!old) throw new Error(`The workflow "${workflow.name}" has no node "${oldName}"`);
	const replacement = make(old);
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => (node === old ? replacement : node)),
		connections: connectionsRenamed(workflow.connections, oldName, replacement.name),
	};
}

function loadExample(file: string, id: string): WorkflowImport {
	const example = readJson<WorkflowImport>(file);
	return {
		...example,
		id,
		name: `[e2e] ${example.name}`,
		nodes: example.nodes.map(withCredentials),
	};
}

function nodeOfType(workflow: WorkflowImport, type: string): WorkflowNode {
	const nodes = workflow.nodes.filter((node) => node.type === type);
	if (nodes.length !== 1) {
		throw new Error(`"${workflow.name}" has ${nodes.length} nodes of type ${type}, expected 1`);
	}
	return nodes[0];
}

interface ScheduledCopy {
	workflow: WorkflowImport;
	ourNode: string;
	ifNode: string;
	slackStandIn: string;
}

/**
 * The scheduled example, runnable by `n8n execute` offline: its Schedule Trigger becomes a
 * Manual Trigger and its Slack node a No Operation node of the same name; our node and the IF
 * node are kept exactly as they are (but for the credential ids).
 */
function scheduledTestCopy(): ScheduledCopy {
	let workflow = loadExample(SCHEDULED_EXAMPLE, WF.scheduled);
	const schedule = nodeOfType(workflow, 'n8n-nodes-base.scheduleTrigger');
	const slack = nodeOfType(workflow, 'n8n-nodes-base.slack');
	const ours = nodeOfType(workflow, NODE_TYPE);
	const ifNode = nodeOfType(workflow, 'n8n-nodes-base.if');
	workflow = replaceNode(workflow, schedule.name, (old) => ({
		id: old.id,
		name: `Manual Trigger (instead of ${old.name})`,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: old.position,
		parameters: {},
	}));
	workflow = replaceNode(workflow, slack.name, (old) => ({
		id: old.id,
		name: old.name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: old.position,
		parameters: {},
	}));
	return { workflow, ourNode: ours.name, ifNode: ifNode.name, slackStandIn: slack.name };
}

/**
 * The rotation example, runnable offline: Manual Trigger instead of the Schedule Trigger, a No
 * Operation node instead of Slack. Its Update takes the new password from a second Redshift
 * credential, the one "after rotation".
 */
function rotateTestCopy(): WorkflowImport {
	let workflow = loadExample(ROTATE_EXAMPLE, WF.rotate);
	const schedule = nodeOfType(workflow, 'n8n-nodes-base.scheduleTrigger');
	const slack = nodeOfType(workflow, 'n8n-nodes-base.slack');
	workflow = replaceNode(workflow, schedule.name, (old) => ({
		id: old.id,
		name: `Manual Trigger (instead of ${old.name})`,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: old.position,
		parameters: {},
	}));
	workflow = replaceNode(workflow, slack.name, (old) => ({
		id: old.id,
		name: old.name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: old.position,
		parameters: {},
	}));
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.parameters.operation === 'update'
				? { ...node, credentials: { ...node.credentials, amazonRedshiftSourceApi: ROTATED_CRED } }
				: node,
		),
	};
}

const CONTINUE_NODE = 'Create Redshift (continue on fail)';

function continueOnFailWorkflow(): WorkflowImport {
	const names = ['Manual Trigger', 'Three Names', CONTINUE_NODE];
	return {
		id: WF.continueOnFail,
		name: '[e2e] continue on fail: one item out per item in',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'c0f1e2d3-0001-4000-8000-000000000001',
				name: names[0],
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c0f1e2d3-0002-4000-8000-000000000002',
				name: names[1],
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode:
						"return [{ json: { name: 'a' } }, { json: { name: '' } }, { json: { name: 'c' } }];",
				},
			},
			{
				id: 'c0f1e2d3-0003-4000-8000-000000000003',
				name: names[2],
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'connection',
					operation: 'createRedshift',
					name: '={{ $json.name }}',
					connectionSpecId: SPEC_ID,
					redshiftCredentials: 'credential',
					additionalFields: {},
					options: { ifExists: 'create' },
				},
				credentials: { adobeFlowServiceApi: ADOBE_CRED, amazonRedshiftSourceApi: REDSHIFT_CRED },
			},
		],
		connections: Object.fromEntries(
			names
				.slice(0, -1)
				.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
		),
	};
}

// ---------------------------------------------------------------- runs

interface Run {
	label: string;
	result: ExecuteResult;
	/** The emulator's requests during this run. */
	requests: RecordedRequest[];
	/** Tokens IMS issued during this run. */
	newTokens: string[];
}

async function execute(
	userFolder: UserFolder,
	paths: N8nPaths,
	label: string,
	id: string,
): Promise<Run> {
	const emu = emulator as FlowServiceEmulator;
	const before = emu.requests.length;
	const tokensBefore = emu.tokensIssued.length;
	const result = await timed(`execute ${label}`, async () => {
		try {
			return await executeWorkflow(userFolder, id, { paths, timeoutMs: 240_000 });
		} catch (error) {
			const failed = (error as { result?: RunResult }).result;
			if (failed) remember(label, failed);
			throw error;
		}
	});
	remember(label, result);
	const run = result.run;
	if (
		!result.ok &&
		result.code === null &&
		!result.timedOut &&
		run.status === 'success' &&
		run.finished === true &&
		!result.error
	) {
		// The whole run was printed, successful, and only then did the process die by a signal:
		// seen once on a busy shared machine (another job killing n8n processes by name?). The
		// run data and the emulator log are complete, so the checks can still judge the run.
		const warning = `${label}: n8n was killed by ${result.signal} after printing a successful run`;
		warnings.push(warning);
		log(`  WARN  ${warning}`);
	} else if (!result.ok) {
		const error = result.error;
		throw new Error(
			`${label}: the workflow failed (exit ${result.code ?? `by signal ${result.signal}`}${result.timedOut ? ', timed out' : ''}, status ${result.run.status}, ` +
				`last node ${result.run.data.resultData.lastNodeExecuted ?? '?'}): ` +
				`${error?.message ?? '?'}${error?.description ? ` (${error.description})` : ''}\n` +
				`--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`,
		);
	}
	return {
		label,
		result,
		requests: emu.requests.slice(before),
		newTokens: emu.tokensIssued.slice(tokensBefore),
	};
}

const flowPath = (path: string) => `${FLOW_BASE_PATH}${path}`;

/** "GET /connections 200" lines, to show and compare a run's calls. */
function callLines(requests: RecordedRequest[]): string[] {
	return requests.map((request) => {
		const path =
			request.service === 'ims' ? request.path : request.path.slice(FLOW_BASE_PATH.length);
		return `${request.service} ${request.method} ${path} ${request.status}`;
	});
}

/** POSTs that create a base connection, or (`anyCreate`) anything, token requests aside. */
function posts(requests: RecordedRequest[], anyCreate = false): RecordedRequest[] {
	return requests.filter(
		(r) =>
			r.method === 'POST' &&
			(anyCreate ? r.service !== 'ims' : r.path === flowPath('/connections')),
	);
}

function expectedPostBody(name: string, description?: string, version = '1.0'): unknown {
	return {
		name,
		...(description !== undefined && { description }),
		auth: { specName: 'Basic Authentication', params: { ...REDSHIFT_LOGIN } },
		connectionSpec: { id: SPEC_ID, version },
	};
}

function pairedIndex(item: N8nItem): unknown {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (paired && typeof paired === 'object' && 'item' in paired)
		return (paired as { item: unknown }).item;
	return paired;
}

function outputItems(result: ExecuteResult, node: string, output = 0): N8nItem[] {
	return nodeRun(result.run, node).data?.main[output] ?? [];
}

// ---------------------------------------------------------------- the test

async function main(): Promise<number> {
	log('== n8n-nodes-adobe-flow-service: end-to-end in a real n8n');

	await timed('install-n8n.sh (idempotent)', ensureN8nInstalled);
	const paths = locateN8n();
	const nodeVersion = spawnSync(paths.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const n8nDir = join(paths.cacheDir, `n8n-${paths.n8nVersion}`, 'node_modules');
	const versionOf = (pkg: string) =>
		existsSync(join(n8nDir, pkg, 'package.json'))
			? readJson<{ version: string }>(join(n8nDir, pkg, 'package.json')).version
			: '?';
	log(
		`  n8n ${versionOf('n8n')} (n8n-workflow ${versionOf('n8n-workflow')}, n8n-core ${versionOf('n8n-core')}) on Node ${nodeVersion}`,
	);
	warnIfDistStale();

	const workDir = mkdtempSync(join(tmpdir(), 'afs-e2e-pkg-'));
	const userFolder = createUserFolder('afs-e2e-n8n-');
	try {
		// ------------------------------------------------ package, as a user installs it
		const { tarball, info } = await timed('npm pack', async () => packRepo(paths, workDir));
		const repoPackage = readJson<{
			version: string;
			n8n: { nodes: string[]; credentials: string[] };
		}>(join(ROOT, 'package.json'));
		check(`npm pack: ${info.filename} holds package.json and every n8n entry point`, () => {
			const files = new Set(info.files.map((file) => file.path));
			for (const file of [
				'package.json',
				...repoPackage.n8n.nodes,
				...repoPackage.n8n.credentials,
			]) {
				assert.ok(files.has(file), `${file} is missing from the tarball`);
			}
			const strays = [...files].filter(
				(file) =>
					!file.startsWith('dist/') &&
					!/^(package\.json|README\.md|LICENSE(\.md)?|CHANGELOG\.md)$/i.test(file),
			);
			assert.deepEqual(strays, [], 'files outside dist/ in the tarball');
		});
		await timed('npm install <tarball> into .n8n/nodes', () =>
			installPackageTarball(userFolder, tarball, { paths }),
		);
		check('the package is installed in .n8n/nodes/node_modules', () => {
			const installed = join(userFolder.nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
			assert.ok(existsSync(installed), `${installed} missing`);
			assert.equal(readJson<{ version: string }>(installed).version, repoPackage.version);
		});

		// ------------------------------------------------ emulator, credentials, workflows
		emulator = await startEmulator({
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			imsOrgId: IMS_ORG_ID,
		});
		const emu = emulator;
		log(`  emulator at ${emu.url}; n8n user folder ${userFolder.path}`);

		remember(
			'import:credentials',
			await timed('import:credentials (2; first n8n start: DB migrations)', () =>
				importCredentials(
					userFolder,
					[
						{
							...ADOBE_CRED,
							type: 'adobeFlowServiceApi',
							data: {
								authentication: 'serverToServer',
								clientId: emu.credentials.clientId,
								clientSecret: emu.credentials.clientSecret,
								scopes: DEFAULT_SCOPES,
								imsOrgId: emu.credentials.imsOrgId,
								sandboxName: emu.credentials.sandboxName,
								platformUrl: emu.url,
								imsUrl: emu.url,
							},
						},
						{ ...REDSHIFT_CRED, type: 'amazonRedshiftSourceApi', data: { ...REDSHIFT_LOGIN } },
						{
							...SECRETS_CRED,
							type: 'flowServiceSourceSecretsApi',
							data: { privateKey: SNOWFLAKE_PRIVATE_KEY },
						},
						{
							...ROTATED_CRED,
							type: 'amazonRedshiftSourceApi',
							data: { ...REDSHIFT_LOGIN, password: ROTATED_PASSWORD },
						},
					],
					{ paths },
				),
			),
		);

		const chain = loadExample(CHAIN_EXAMPLE, WF.chain);
		const snowflake = loadExample(SNOWFLAKE_EXAMPLE, WF.snowflake);
		if (!existsSync(SCHEDULED_EXAMPLE)) throw new Error(`${SCHEDULED_EXAMPLE} is missing`);
		const scheduled = scheduledTestCopy();
		const scheduledExample = readJson<WorkflowImport>(SCHEDULED_EXAMPLE);
		check('scheduled example: the test copy keeps our node and the IF node exactly', () => {
			for (const name of [scheduled.ourNode, scheduled.ifNode]) {
				const original = scheduledExample.nodes.find((node) => node.name === name);
				const copy = scheduled.workflow.nodes.find((node) => node.name === name);
				assert.deepEqual(copy, original && withCredentials(original), `node "${name}" differs`);
			}
			const leftOver = JSON.stringify(scheduled.workflow).match(/REPLACE_WITH_[A-Z_]+/g);
			assert.equal(leftOver, null, 'credential placeholders left in the test copy');
			assert.equal(JSON.stringify(chain).match(/REPLACE_WITH_[A-Z_]+/g), null);
		});
		remember(
			'import:workflow',
			await timed('import:workflow (7)', () =>
				importWorkflow(
					userFolder,
					[
						chain,
						scheduled.workflow,
						continueOnFailWorkflow(),
						snowflake,
						rotateTestCopy(),
						loadExample(ONBOARDING_EXAMPLE, WF.onboarding),
						loadExample(TEARDOWN_EXAMPLE, WF.teardown),
					],
					{ paths },
				),
			),
		);

		// ------------------------------------------------ R1: the chain example
		log(
			'\n-- R1: examples/redshift-connection-chain (Manual -> Get Spec -> Create -> Edit Fields)',
		);
		const chainCreate = chain.nodes.filter((n) => n.type === NODE_TYPE);
		const specNode = chainCreate.find((n) => n.parameters.resource === 'connectionSpec');
		const createNode = chainCreate.find((n) => n.parameters.operation === 'createRedshift');
		const formatNode = chain.nodes.find((n) => n.type === 'n8n-nodes-base.set');
		assert.ok(specNode && createNode && formatNode, 'chain example: nodes not found');
		const r1 = await execute(userFolder, paths, 'R1 chain (cold)', WF.chain);
		log(`        calls: ${callLines(r1.requests).join(', ')}`);
		const spec = nodeOutputJson(r1.result.run, specNode.name)[0] ?? {};
		const created = nodeOutputJson(r1.result.run, createNode.name);
		const createdId = String(created[0]?.id ?? '');
		check('R1: Get Connection Spec outputs the Redshift spec', () => {
			assert.equal(spec.id, SPEC_ID);
			assert.equal(spec.name, 'amazon-redshift');
			assert.equal(spec.version, '1.0');
		});
		check(
			'R1: Create Redshift Connection outputs id, quoted etag, reused:false, the spec fed in',
			() => {
				assert.equal(created.length, 1, 'one item');
				const out = created[0];
				assert.match(createdId, UUID);
				assert.match(String(out.etag), /^".+"$/, 'etag keeps its literal quotes');
				assert.equal(out.reused, false);
				assert.equal(out.name, createNode.parameters.name);
				assert.deepEqual(out.connectionSpec, { id: spec.id, version: spec.version });
				const stored = emu.connections.get(createdId);
				assert.ok(stored, 'the emulator holds the new connection');
				assert.equal(out.etag, stored.etag);
			},
		);
		check('R1: the Slack text names the new connection', () => {
			const message = nodeOutputJson(r1.result.run, formatNode.name);
			assert.equal(message.length, 1);
			assert.ok(String(message[0].text).includes(createdId), `text: ${String(message[0].text)}`);
			assert.ok(String(message[0].text).includes(String(createNode.parameters.name)));
			if ('connectionId' in message[0]) assert.equal(message[0].connectionId, createdId);
			if ('etag' in message[0]) assert.equal(message[0].etag, created[0].etag);
		});
		check('R1: calls are IMS token, GET spec, GET connections, POST connection', () => {
			assert.deepEqual(callLines(r1.requests), [
				'ims POST /ims/token/v3 200',
				'flow GET /connectionSpecs 200',
				'flow GET /connections 200',
				'flow POST /connections 201',
			]);
			assert.equal(r1.newTokens.length, 1);
		});
		check(
			'R1: the POST body is exact (login from the Redshift credential, spec id and version)',
			() => {
				const [post] = posts(r1.requests);
				const additional = createNode.parameters.additionalFields as Record<string, unknown>;
				assert.deepEqual(
					post.json,
					expectedPostBody(String(createNode.parameters.name), additional.description as string),
				);
				assert.equal(post.headers['content-type'], 'application/json');
			},
		);

		// ------------------------------------------------ R2: scheduled example, first run
		log('\n-- R2: examples/scheduled-redshift-connection-to-slack, test copy, run 1');
		const r2 = await execute(userFolder, paths, 'R2 scheduled #1 (warm)', WF.scheduled);
		log(`        calls: ${callLines(r2.requests).join(', ')}`);
		const ourScheduled = scheduled.workflow.nodes.find(
			(n) => n.name === scheduled.ourNode,
		) as WorkflowNode;
		const scheduledName = String(ourScheduled.parameters.name);
		const scheduledOut = nodeOutputJson(r2.result.run, scheduled.ourNode);
		check(
			'R1+R2: ONE token for two successive executions (n8n stored it in the credential)',
			() => {
				assert.equal(r2.newTokens.length, 0, 'R2 asked IMS for a token');
				assert.equal(emu.tokensIssued.length, 1);
				assert.equal(emu.requests.filter((r) => r.service === 'ims').length, 1, 'IMS calls');
			},
		);
		check(
			'R2: creates the connection (reused:false); the IF passes it to the Slack stand-in',
			() => {
				assert.equal(scheduledOut.length, 1);
				assert.equal(scheduledOut[0].reused, false);
				assert.equal(scheduledOut[0].name, scheduledName);
				assert.match(String(scheduledOut[0].id), UUID);
				assert.equal(outputItems(r2.result, scheduled.ifNode, 0).length, 1, 'IF true branch');
				assert.equal(outputItems(r2.result, scheduled.ifNode, 1).length, 0, 'IF false branch');
				const slack = nodeOutputJson(r2.result.run, scheduled.slackStandIn);
				assert.equal(slack.length, 1);
				assert.equal(slack[0].id, scheduledOut[0].id);
			},
		);
		check('R2: one exact POST', () => {
			const list = posts(r2.requests);
			assert.equal(list.length, 1);
			const additional = ourScheduled.parameters.additionalFields as Record<string, unknown>;
			assert.deepEqual(
				list[0].json,
				expectedPostBody(
					scheduledName,
					additional.description as string,
					String(additional.connectionSpecVersion ?? '1.0'),
				),
			);
		});

		// ------------------------------------------------ R3: token revoked between runs; reuse
		log('\n-- R3: the same after every token is revoked (401 -> new token); must create nothing');
		emu.expireTokens();
		const r3 = await execute(
			userFolder,
			paths,
			'R3 scheduled #2 (warm, token revoked)',
			WF.scheduled,
		);
		log(`        calls: ${callLines(r3.requests).join(', ')}`);
		const reusedOut = nodeOutputJson(r3.result.run, scheduled.ourNode);
		check('R3: the 401 is answered with a new token, and the run succeeds', () => {
			assert.equal(r3.newTokens.length, 1, 'new tokens in R3');
			assert.equal(emu.tokensIssued.length, 2);
			assert.deepEqual(callLines(r3.requests), [
				'flow GET /connections 401',
				'ims POST /ims/token/v3 200',
				'flow GET /connections 200',
			]);
		});
		check('R3: reuses the connection (reused:true); nothing reaches the Slack stand-in', () => {
			assert.equal(reusedOut.length, 1);
			assert.equal(reusedOut[0].reused, true);
			assert.equal(reusedOut[0].id, scheduledOut[0]?.id);
			assert.equal(outputItems(r3.result, scheduled.ifNode, 0).length, 0, 'IF true branch');
			assert.equal(outputItems(r3.result, scheduled.ifNode, 1).length, 1, 'IF false branch');
			assert.equal(
				r3.result.run.data.resultData.runData[scheduled.slackStandIn],
				undefined,
				'the Slack stand-in ran',
			);
		});
		check('R2+R3: one POST in total, one connection of that name', () => {
			assert.equal(posts(r3.requests).length, 0, 'POSTs in R3');
			assert.equal(posts([...r2.requests, ...r3.requests]).length, 1);
			const named = [...emu.connections.values()].filter((c) => c.name === scheduledName);
			assert.equal(named.length, 1);
		});

		// ------------------------------------------------ R4: continue on fail, token expires mid-run
		log(
			'\n-- R4: Code (3 items, middle name empty) -> Create (On Error: Continue), token expiring mid-run',
		);
		emu.inject({ kind: 'expireToken', afterCalls: 1 });
		const r4 = await execute(
			userFolder,
			paths,
			'R4 continue-on-fail (warm, token expires mid-run)',
			WF.continueOnFail,
		);
		log(`        calls: ${callLines(r4.requests).join(', ')}`);
		const items = outputItems(r4.result, CONTINUE_NODE);
		check('R4: 3 items out, paired 0,1,2; the middle one an error naming Name and [item 1]', () => {
			assert.equal(items.length, 3);
			assert.deepEqual(items.map(pairedIndex), [0, 1, 2]);
			assert.equal(items[0].json.name, 'a');
			assert.equal(items[0].json.reused, false);
			assert.match(String(items[0].json.id), UUID);
			assert.equal(items[2].json.name, 'c');
			assert.equal(items[2].json.reused, false);
			assert.match(String(items[2].json.id), UUID);
			const error = String(items[1].json.error ?? '');
			assert.match(error, /\bName\b/, `error: ${error}`);
			assert.ok(error.includes('[item 1]'), `error: ${error}`);
			assert.equal(items[0].json.error, undefined);
			assert.equal(items[2].json.error, undefined);
		});
		check(
			'R4: the mid-run 401 got a new token; the refused POST was sent again, nothing doubled',
			() => {
				assert.equal(r4.newTokens.length, 1, 'new tokens in R4');
				assert.equal(emu.tokensIssued.length, 3);
				const lines = callLines(r4.requests);
				assert.deepEqual(
					[...lines].sort(),
					[
						'flow POST /connections 201',
						'flow POST /connections 201',
						'flow POST /connections 401',
						'ims POST /ims/token/v3 200',
					],
					lines.join(', '),
				);
				assert.equal(lines[lines.length - 1], 'flow POST /connections 201', 'the retry comes last');
				// Every POST body is exact; the one refused with 401 is sent again unchanged.
				const sent = posts(r4.requests);
				const nameOf = (request: RecordedRequest) => {
					const match = ['a', 'c'].find((n) =>
						isDeepStrictEqual(request.json, expectedPostBody(n)),
					);
					assert.ok(match, `POST body not exact: ${JSON.stringify(request.json)}`);
					return match;
				};
				const refused = sent.filter((r) => r.status === 401).map(nameOf);
				const accepted = sent.filter((r) => r.status === 201).map(nameOf);
				assert.deepEqual([...accepted].sort(), ['a', 'c']);
				assert.equal(refused.length, 1);
				assert.equal(nameOf(sent[sent.length - 1]), refused[0], 'the retry is the refused item');
				for (const name of ['a', 'c']) {
					const stored = [...emu.connections.values()].filter((c) => c.name === name);
					assert.equal(stored.length, 1, `connections named "${name}"`);
				}
			},
		);

		// ------------------------------------------------ R5: Connection → Create, form from the spec
		log('\n-- R5: examples/create-snowflake-connection-key-pair (Get Spec -> Create, key pair)');
		const r5 = await execute(userFolder, paths, 'R5 Snowflake key pair', WF.snowflake);
		log(`        calls: ${callLines(r5.requests).join(', ')}`);
		check(
			'R5: one exact POST: the form fields of KeyPair Authentication plus the private key',
			() => {
				const sent = posts(r5.requests);
				assert.equal(sent.length, 1);
				assert.deepEqual(sent[0].json, {
					name: 'Snowflake sales warehouse',
					description: 'Snowflake sales data, read by Adobe Experience Platform',
					auth: {
						specName: 'KeyPair Authentication',
						params: {
							account: 'xy12345.east-us-2.azure',
							username: 'AEP_LOADER',
							database: 'SALES',
							warehouse: 'COMPUTE_WH',
							privateKey: SNOWFLAKE_PRIVATE_KEY,
						},
					},
					connectionSpec: { id: SNOWFLAKE_SPEC_ID, version: '1.0' },
				});
				const out = nodeOutputJson(r5.result.run, 'Create Snowflake Connection');
				assert.equal(out.length, 1);
				assert.match(String(out[0].id), UUID);
				assert.equal(out[0].reused, false);
				assert.equal(
					emu.connections.get(String(out[0].id))?.auth.specName,
					'KeyPair Authentication',
				);
			},
		);

		// ------------------------------------------------ R6: Connection → Update, password rotation
		log('\n-- R6: examples/rotate-redshift-password (Get Many -> Update -> Slack stand-in)');
		const target = [...emu.connections.values()].find((c) => c.name === 'Redshift analytics');
		assert.ok(target, 'R6 needs the connection the scheduled example created');
		const etagBefore = target.etag;
		const r6 = await execute(userFolder, paths, 'R6 rotate the Redshift password', WF.rotate);
		log(`        calls: ${callLines(r6.requests).join(', ')}`);
		check(
			'R6: GET the connection for its etag, then one PATCH with If-Match and the new password',
			() => {
				const patches = r6.requests.filter((r) => r.method === 'PATCH');
				assert.equal(patches.length, 1);
				assert.equal(patches[0].headers['if-match'], etagBefore);
				assert.equal(patches[0].path, flowPath(`/connections/${target.id}`));
				const { password: _old, ...kept } = REDSHIFT_LOGIN;
				void _old;
				assert.deepEqual(patches[0].json, [
					{ op: 'replace', path: '/auth/params', value: { ...kept, password: ROTATED_PASSWORD } },
				]);
				const stored = emu.connections.get(target.id);
				assert.equal(stored?.auth.params.password, ROTATED_PASSWORD);
				assert.deepEqual(nodeOutputJson(r6.result.run, 'Rotate the Password'), [
					{ id: target.id, etag: stored?.etag, updated: ['/auth/params/password'] },
				]);
			},
		);

		// ------------------------------------------------ every request, every output
		log('\n-- all runs');
		check('IMS: every token request is a form POST with exact fields, nothing in the URL', () => {
			const ims = emu.requests.filter((r) => r.service === 'ims');
			assert.equal(ims.length, 3);
			for (const request of ims) {
				assert.equal(request.method, 'POST');
				assert.equal(request.path, IMS_TOKEN_PATH);
				assert.deepEqual(request.query, {});
				assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
				const form = Object.fromEntries(new URLSearchParams(request.body));
				assert.deepEqual(Object.keys(form).sort(), [
					'client_id',
					'client_secret',
					'grant_type',
					'scope',
				]);
				assert.equal(form.client_id, CLIENT_ID);
				assert.ok(form.client_secret === CLIENT_SECRET, 'client_secret differs');
				assert.equal(form.grant_type, 'client_credentials');
				assert.equal(form.scope, DEFAULT_SCOPES);
				assert.equal(request.status, 200);
			}
		});
		check(
			'Flow Service: exact headers (current token), queries and no stray calls on every request',
			() => {
				const flow = emu.requests.filter((r) => r.service === 'flow');
				// R1-R4: 10; R5 (spec by name, spec by ID, listing, POST) and R6 (Get Many, the
				// connection, its spec, PATCH): 4 each.
				assert.equal(flow.length, 18, callLines(flow).join(', '));
				emu.requests.forEach((request, index) => {
					if (request.service !== 'flow') return;
					const where = `request #${index + 1} ${request.method} ${request.path} -> ${request.status}`;
					const issuedBefore = emu.requests
						.slice(0, index)
						.filter((r) => r.service === 'ims' && r.status === 200).length;
					assert.ok(issuedBefore > 0, `${where}: sent before any token was issued`);
					const auth = String(request.headers.authorization ?? '');
					const tokenIndex = emu.tokensIssued.findIndex((token) => auth === `Bearer ${token}`);
					assert.ok(tokenIndex >= 0, `${where}: Authorization is not "Bearer <an issued token>"`);
					if (request.status === 401) {
						assert.ok(tokenIndex < issuedBefore, `${where}: 401 with token #${tokenIndex + 1}`);
					} else {
						assert.equal(
							tokenIndex + 1,
							issuedBefore,
							`${where}: sent with token #${tokenIndex + 1}, the current one is #${issuedBefore}`,
						);
					}
					assert.equal(request.headers['x-api-key'], CLIENT_ID, `${where}: x-api-key`);
					assert.equal(request.headers['x-gw-ims-org-id'], IMS_ORG_ID, `${where}: x-gw-ims-org-id`);
					assert.equal(request.headers['x-sandbox-name'], 'prod', `${where}: x-sandbox-name`);
					const route = `${request.method} ${request.path.slice(FLOW_BASE_PATH.length)}`;
					if (route === 'GET /connectionSpecs') {
						const specName = /snowflake/.test(JSON.stringify(request.query))
							? 'snowflake'
							: 'amazon-redshift';
						assert.deepEqual(request.query, { property: `name=="${specName}"` }, where);
						assert.equal(request.body, '', `${where}: body`);
					} else if (route === 'GET /connections') {
						// Create-or-reuse: one item asks for its own name within the spec.
						const property = ([] as unknown[]).concat(request.query.property);
						assert.ok(
							[SPEC_ID, SNOWFLAKE_SPEC_ID].some(
								(id) => property[property.length - 1] === `connectionSpec.id=="${id}"`,
							),
							`${where}: property ${JSON.stringify(property)}`,
						);
						assert.ok(
							property.length <= 2 &&
								property.slice(0, -1).every((p) => /^name==".+"$/.test(String(p))),
							`${where}: property ${JSON.stringify(property)}`,
						);
						// Create-or-reuse pages by 50; R6's Get Many (Limit 1) asks for one, oldest first.
						const getMany = request.query.orderby === 'createdAt';
						assert.equal(request.query.limit, getMany ? '1' : PAGE_SIZE, `${where}: limit`);
						assert.equal(request.body, '', `${where}: body`);
					} else if (
						route.startsWith('GET /connectionSpecs/') ||
						route.startsWith('GET /connections/') ||
						route.startsWith('PATCH /connections/')
					) {
						// Create reads the spec, Update the connection (etag) and its spec.
						assert.equal(request.body === '', route.startsWith('GET'), `${where}: body`);
					} else if (route === 'POST /connections') {
						assert.deepEqual(request.query, {}, where);
						assert.equal(
							request.headers['content-type'],
							'application/json',
							`${where}: content-type`,
						);
					} else {
						assert.fail(`${where}: unexpected call`);
					}
				});
			},
		);
		// ------------------------------------------------ O1-O3: the onboarding chain, twice, then the teardown
		// (after the checks above, which count the R runs' requests exactly)
		log('\n-- O1: examples/redshift-onboarding (base connection to dataflow), run 1');
		const o1 = await execute(userFolder, paths, 'O1 onboarding #1', WF.onboarding);
		log(`        calls: ${callLines(o1.requests).join(', ')}`);
		const flowOut = (run: Run) => nodeOutputJson(run.result.run, 'Create Dataflow')[0] ?? {};
		const dataflowId = String(flowOut(o1).id ?? '');
		check('O1: every step creates, ending in a new dataflow that the Slack text names', () => {
			assert.match(dataflowId, UUID);
			assert.equal(flowOut(o1).reused, false);
			const creates = posts(o1.requests, true).map((r) =>
				r.path.replace(/^\/data\/foundation/, ''),
			);
			assert.deepEqual(creates, [
				'/flowservice/connections',
				'/flowservice/sourceConnections',
				'/flowservice/targetConnections',
				'/conversion/mappingSets/validate',
				'/conversion/mappingSets',
				'/flowservice/flows',
			]);
			const message = nodeOutputJson(o1.result.run, 'Format Slack Message')[0] ?? {};
			assert.ok(String(message.text).includes(dataflowId), `text: ${String(message.text)}`);
		});
		log('\n-- O2: the same onboarding again, as a schedule would run it');
		const o2 = await execute(userFolder, paths, 'O2 onboarding #2', WF.onboarding);
		log(`        calls: ${callLines(o2.requests).join(', ')}`);
		check('O2: the re-run sends 0 POSTs and reuses the dataflow', () => {
			assert.deepEqual(
				o2.requests.filter((r) => r.method === 'POST').map((r) => r.path),
				[],
				'POSTs in the second run',
			);
			assert.equal(flowOut(o2).id, dataflowId);
			assert.equal(flowOut(o2).reused, true);
		});
		log('\n-- O3: examples/redshift-onboarding-teardown');
		const o3 = await execute(userFolder, paths, 'O3 teardown', WF.teardown);
		log(`        calls: ${callLines(o3.requests).join(', ')}`);
		check('O3: the teardown deletes flow, source, target, then the base connection', () => {
			const deletes = o3.requests
				.filter((r) => r.method === 'DELETE')
				.map((r) => `${r.path.split('/')[4]} ${r.status}`);
			assert.deepEqual(deletes, [
				'flows 204',
				'sourceConnections 204',
				'targetConnections 204',
				'connections 204',
			]);
		});
		// ------------------------------------------------ the trigger, in n8n start
		log('\n-- alert example: Adobe Flow Service Trigger in `n8n start`');
		await timed('trigger: n8n start, 2 failed runs, 3+ polls', async () => {
			try {
				await runTriggerE2E({
					paths,
					userFolder,
					emulator: emu,
					adobeCredential: ADOBE_CRED,
					workflowId: WF.alert,
					check,
					log,
				});
			} catch (error) {
				check('trigger: the alert workflow ran in n8n start', () => {
					throw error;
				});
			}
		});

		check(
			`no secret (client secret, ${emu.tokensIssued.length} tokens, Redshift password; raw/URL-encoded/JSON-escaped) in any n8n stdout or stderr`,
			() => {
				assert.ok(outputs.length >= 6, `only ${outputs.length} outputs captured`);
				const leaks: string[] = [];
				for (const { label, stdout, stderr } of outputs) {
					for (const found of findLeaks(stdout)) leaks.push(`${found} in ${label} stdout`);
					for (const found of findLeaks(stderr)) leaks.push(`${found} in ${label} stderr`);
				}
				assert.deepEqual(leaks, []);
			},
		);
		check(
			"no secret in plain text in n8n's data folder (database.sqlite holds them encrypted)",
			() => {
				const leaks: string[] = [];
				const walk = (dir: string) => {
					for (const entry of readdirSync(dir, { withFileTypes: true })) {
						const full = join(dir, entry.name);
						// nodes/ is the installed package; e2e-input/ the import files written by this test.
						if (entry.isDirectory()) {
							if (!['nodes', 'node_modules', 'e2e-input'].includes(entry.name)) walk(full);
						} else if (entry.isFile()) {
							for (const found of findLeaks(readFileSync(full))) {
								leaks.push(`${found} in ${full.slice(userFolder.path.length + 1)}`);
							}
						}
					}
				};
				assert.ok(
					existsSync(join(userFolder.n8nDir, 'database.sqlite')),
					'database.sqlite missing',
				);
				walk(userFolder.path);
				assert.deepEqual(leaks, []);
			},
		);
		check('the leak detector itself finds each form of a secret', () => {
			const password = REDSHIFT_LOGIN.password;
			const token = emu.tokensIssued[0];
			assert.deepEqual(findLeaks('nothing here'), []);
			assert.ok(
				findLeaks(`{"p":${JSON.stringify(password)}}`).includes('Redshift password (JSON-escaped)'),
			);
			assert.ok(
				findLeaks(`?p=${encodeURIComponent(password)}`).includes('Redshift password (URL-encoded)'),
			);
			assert.ok(
				findLeaks(new URLSearchParams({ s: CLIENT_SECRET }).toString()).includes(
					'client secret (raw)',
				),
			);
			assert.ok(findLeaks(Buffer.from(`Bearer ${token}`)).includes('token #1 (raw)'));
			assert.ok(!redact(`x ${password} ${JSON.stringify(password)} ${token}`).includes(token));
		});
	} finally {
		await emulator?.close();
		if (KEEP) {
			log(`\n  kept (N8N_E2E_KEEP=1): n8n user folder ${userFolder.path}, tarball in ${workDir}`);
		} else {
			userFolder.cleanup();
			rmSync(workDir, { recursive: true, force: true });
		}
	}

	const failed = checks.filter((c) => !c.ok);
	printTimings();
	log(
		`\n== ${failed.length === 0 ? 'PASS' : 'FAIL'}: ${checks.length - failed.length} of ${checks.length} checks passed ` +
			`(n8n ${paths.n8nVersion}, Node ${nodeVersion})`,
	);
	for (const failure of failed) log(`  FAIL  ${failure.label}\n${indent(failure.detail ?? '')}`);
	for (const warning of warnings) log(`  WARN  ${warning}`);
	return failed.length === 0 ? 0 : 1;
}

const scriptStarted = Date.now();

function printTimings(): void {
	log('\n== timings (install-n8n.sh is the cold/warm install; R1 is the first execute)');
	for (const [label, ms] of timings) log(`  ${String(ms).padStart(7)} ms  ${label}`);
	log(`  ${String(Date.now() - scriptStarted).padStart(7)} ms  total`);
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		const failed = checks.filter((c) => !c.ok);
		printTimings();
		console.error(
			redact(
				`\n== FAIL (aborted): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
			),
		);
		for (const failure of failed)
			console.error(redact(`  FAIL  ${failure.label}\n${indent(failure.detail ?? '')}`));
		process.exit(1);
	},
);
