// The main job, end to end: runs examples/redshift-onboarding.workflow.json (Manual Trigger →
// Get Connection Spec → Create Redshift Connection → List Tables → Get Table Schema → Create
// Source Connection → Create Target Connection → Create Mapping Set → Create Dataflow → Edit
// Fields with the Slack text) through n8n-core's own WorkflowExecute, prints each node's key
// output and the HTTP calls made, and on the emulator runs it a second time to show that a
// re-run creates nothing.
//
//   tsx scripts/demo.ts              the built node from dist/ against the local emulator
//   tsx scripts/demo.ts --source     the TypeScript sources instead of dist/
//   tsx scripts/demo.ts --emulator   the emulator even when AEP_* variables are set
//
// With AEP_CLIENT_ID, AEP_CLIENT_SECRET and AEP_IMS_ORG_ID set (plus AEP_SANDBOX, AEP_PLATFORM_URL,
// AEP_IMS_URL, and REDSHIFT_SERVER/PORT/DATABASE/SCHEMA/USERNAME/PASSWORD) it runs against Adobe.
// That creates a real base connection, so it only looks the spec up unless AEP_DEMO_CONFIRM=yes.
//
// Exit codes: 0 success, 1 the workflow or the demo failed, 2 bad options or environment.
// Nothing printed carries a token, secret, password or Authorization header: every line goes
// through a redactor that knows every secret in play, in raw, URL-encoded and JSON-escaped form.
/* eslint-disable no-console */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { ICredentialType, IDataObject, INode, INodeType } from 'n8n-workflow';

import {
	startEmulator,
	type FlowServiceEmulator,
	type RecordedRequest,
} from '../test/emulator/server';
import { credentialTypes, type StoredCredential } from '../test/harness/credentials';
import { showFailedRunAlert, type AlertDemo } from './demo/alert';
import { nodeTypes, nodeTypesWith } from '../test/harness/nodeTypes';
import {
	runWorkflow,
	type HarnessResult,
	type RunOptions,
	type WorkflowJson,
} from '../test/harness/runWorkflow';

export const ROOT = resolve(__dirname, '..');
export const DEMO_WORKFLOW = join(ROOT, 'examples', 'redshift-onboarding.workflow.json');
/** The shorter chain: Get Connection Spec → Create Redshift Connection → Slack text. */
export const CONNECTION_CHAIN_WORKFLOW = join(
	ROOT,
	'examples',
	'redshift-connection-chain.workflow.json',
);
const OUR_NODE_TYPE = 'n8n-nodes-adobe-flow-service.adobeFlowService';

export type NodeSource = 'dist' | 'source';
export type DemoMode = 'emulator' | 'adobe' | 'adobe-read-only';

export interface RedshiftLogin {
	server: string;
	port?: string;
	database: string;
	schema?: string;
	username: string;
	password: string;
}

export interface DemoOptions {
	/** Where the report goes, one line at a time (default console.log). */
	log?: (line: string) => void;
	/** Environment to read AEP_* and REDSHIFT_* from (default process.env). */
	env?: Record<string, string | undefined>;
	/** 'dist' (default) loads the built package as n8n would; 'source' the TypeScript node. */
	nodeSource?: NodeSource;
	/** Use the emulator even when AEP_* variables are set. */
	forceEmulator?: boolean;
	/** An emulator to run against; it is left running. Without it the demo starts (and stops) one. */
	emulator?: FlowServiceEmulator;
	/** Emulator mode only: the Redshift login handed to the emulator (defaults are demo values). */
	redshift?: Partial<RedshiftLogin>;
	/** Another workflow file of the same shape (default examples/redshift-connection-chain…). */
	workflowPath?: string;
}

export interface DemoNodeReport {
	name: string;
	type: string;
	items: number;
	fields: Array<[string, string]>;
	error?: string;
}

export interface DemoRequest {
	service: string;
	method: string;
	/** Path and query string, sensitive query values replaced with ***. */
	target: string;
	status: number;
}

export interface DemoSummary {
	mode: DemoMode;
	nodeSource: NodeSource;
	/** The file n8n's loader would load our node from (dist) or the TypeScript source. */
	nodeFile: string;
	nodes: DemoNodeReport[];
	spec?: { id: string; name: string; version: string };
	/** `reused` is true when Create Redshift Connection found one of the same name (If Exists: reuse). */
	connection?: { id: string; etag: string; name: string; reused: boolean };
	/** The workflow's Create Dataflow output, when it has one. */
	dataflow?: { id: string; name: string; reused: boolean };
	message?: string;
	/** On the emulator: what the failed-ingestion alert example would post for a failed run. */
	alert?: AlertDemo;
	/** The emulator's request log; empty against Adobe, where there is none. */
	requests: DemoRequest[];
	/** Everything the demo printed, already redacted. */
	lines: string[];
}

/** A failure the demo explains itself. `exitCode` 2 means bad options or environment. */
export class DemoError extends Error {
	constructor(
		message: string,
		readonly exitCode = 1,
		readonly lines: string[] = [],
	) {
		super(message);
		this.name = 'DemoError';
	}
}

// ---------------------------------------------------------------------------------------------
// Redaction

/**
 * Returns a function that replaces every given secret, in every form it may take in a log (raw,
 * URL-encoded, form-encoded, JSON-escaped), with ***. Bearer tokens and JWT-looking strings are
 * masked even when unknown.
 */
export function makeRedactor(secrets: Array<string | undefined>): (text: string) => string {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		const jsonEscaped = JSON.stringify(secret).slice(1, -1);
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
		forms.add(jsonEscaped);
		forms.add(JSON.stringify(jsonEscaped).slice(1, -1));
	}
	const ordered = [...forms].sort((a, b) => b.length - a.length);
	return (text: string) => {
		let out = text;
		for (const form of ordered) out = out.split(form).join('***');
		return out
			.replace(/\b(Bearer)\s+(?!\*\*\*)[^\s"',]+/gi, '$1 ***')
			.replace(/\beyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){0,2}/g, '***');
	};
}

// ---------------------------------------------------------------------------------------------
// The built package, loaded the way n8n loads a community package: from package.json's n8n section

interface BuiltPackage {
	nodeFile: string;
	nodes: Map<string, INodeType>;
	credentials: Map<string, ICredentialType>;
	/** Source files changed after the build, if any. */
	newerSources: string[];
}

function loadBuiltPackage(): BuiltPackage {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		name: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const nodeFiles = manifest.n8n?.nodes ?? [];
	const credentialFiles = manifest.n8n?.credentials ?? [];
	const missing = [...nodeFiles, ...credentialFiles].filter(
		(file) => !existsSync(join(ROOT, file)),
	);
	if (nodeFiles.length === 0 || missing.length > 0) {
		throw new DemoError(
			`The built package is missing (${missing.join(', ') || 'no n8n.nodes in package.json'}). ` +
				'Run `npm run build` first, or pass --source to run the TypeScript sources.',
			2,
		);
	}
	const instances = (file: string): unknown[] => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(join(ROOT, file)) as Record<string, unknown>;
		return Object.values(exported)
			.filter((value): value is new () => unknown => typeof value === 'function')
			.map((Class) => new Class());
	};
	const nodes = new Map<string, INodeType>();
	for (const file of nodeFiles) {
		for (const node of instances(file) as INodeType[]) {
			if (node?.description?.name) nodes.set(`${manifest.name}.${node.description.name}`, node);
		}
	}
	const credentials = new Map<string, ICredentialType>();
	for (const file of credentialFiles) {
		for (const credential of instances(file) as ICredentialType[]) {
			if (credential?.name && Array.isArray(credential.properties)) {
				credentials.set(credential.name, credential);
			}
		}
	}
	if (!nodes.has(OUR_NODE_TYPE)) {
		throw new DemoError(`dist/ has no node ${OUR_NODE_TYPE}. Run \`npm run build\` again.`, 2);
	}
	const builtAt = Math.min(
		...[...nodeFiles, ...credentialFiles].map((f) => statSync(join(ROOT, f)).mtimeMs),
	);
	const newerSources = ['nodes', 'credentials']
		.flatMap((dir) => listFiles(join(ROOT, dir)))
		.filter((file) => /\.(ts|json|svg)$/.test(file) && statSync(file).mtimeMs > builtAt)
		.map((file) => relative(ROOT, file));
	return { nodeFile: nodeFiles[0], nodes, credentials, newerSources };
}

function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

/** The run's node and credential types: the harness's, with ours taken from dist/. */
function builtPackageTypes(built: BuiltPackage): Pick<RunOptions, 'nodeTypes' | 'credentialTypes'> {
	return {
		nodeTypes: nodeTypesWith(built.nodes),
		credentialTypes: { ...credentialTypes, ...Object.fromEntries(built.credentials) },
	};
}

// ---------------------------------------------------------------------------------------------
// Environment

const DEMO_REDSHIFT: RedshiftLogin = {
	server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: '5439',
	database: 'dev',
	schema: 'public',
	username: 'aep_reader',
	password: 'demo-Redshift-P@ss/"w0rd"&more',
};

interface AdobeSettings {
	clientId: string;
	clientSecret: string;
	imsOrgId: string;
	sandboxName: string;
	platformUrl: string;
	imsUrl: string;
}

interface Plan {
	mode: DemoMode;
	adobe?: AdobeSettings;
	redshift?: RedshiftLogin;
}

function planFromEnv(env: Record<string, string | undefined>, forceEmulator: boolean): Plan {
	const value = (name: string) => {
		const raw = env[name];
		return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
	};
	const aepKeys = ['AEP_CLIENT_ID', 'AEP_CLIENT_SECRET', 'AEP_IMS_ORG_ID'];
	if (forceEmulator || aepKeys.every((key) => value(key) === undefined))
		return { mode: 'emulator' };

	const missingAdobe = aepKeys.filter((key) => value(key) === undefined);
	if (missingAdobe.length) {
		throw new DemoError(
			`Some AEP_* variables are set but ${missingAdobe.join(', ')} ${missingAdobe.length > 1 ? 'are' : 'is'} missing. ` +
				'Set all of AEP_CLIENT_ID, AEP_CLIENT_SECRET and AEP_IMS_ORG_ID to run against Adobe, ' +
				'or none of them (or pass --emulator) to run against the local emulator.',
			2,
		);
	}
	const adobe: AdobeSettings = {
		clientId: value('AEP_CLIENT_ID')!,
		// A secret is used exactly as given: spaces may be part of it.
		clientSecret: env.AEP_CLIENT_SECRET!,
		imsOrgId: value('AEP_IMS_ORG_ID')!,
		sandboxName: value('AEP_SANDBOX') ?? 'prod',
		platformUrl: value('AEP_PLATFORM_URL') ?? 'https://platform.adobe.io',
		imsUrl: value('AEP_IMS_URL') ?? 'https://ims-na1.adobelogin.com',
	};
	if (value('AEP_DEMO_CONFIRM')?.toLowerCase() !== 'yes') return { mode: 'adobe-read-only', adobe };

	const redshiftKeys = [
		'REDSHIFT_SERVER',
		'REDSHIFT_DATABASE',
		'REDSHIFT_USERNAME',
		'REDSHIFT_PASSWORD',
	];
	const missingRedshift = redshiftKeys.filter((key) => value(key) === undefined);
	if (missingRedshift.length) {
		throw new DemoError(
			`AEP_DEMO_CONFIRM=yes asks for a real Redshift connection, but ${missingRedshift.join(', ')} ` +
				`${missingRedshift.length > 1 ? 'are' : 'is'} not set (REDSHIFT_PORT and REDSHIFT_SCHEMA are optional).`,
			2,
		);
	}
	return {
		mode: 'adobe',
		adobe,
		redshift: {
			server: value('REDSHIFT_SERVER')!,
			port: value('REDSHIFT_PORT'),
			database: value('REDSHIFT_DATABASE')!,
			schema: value('REDSHIFT_SCHEMA'),
			username: value('REDSHIFT_USERNAME')!,
			password: env.REDSHIFT_PASSWORD!,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// The workflow

function readWorkflow(path: string): WorkflowJson {
	try {
		return JSON.parse(readFileSync(path, 'utf8')) as WorkflowJson;
	} catch (error) {
		throw new DemoError(
			`Cannot read the workflow ${relative(ROOT, path)}: ${(error as Error).message}`,
			2,
		);
	}
}

const isOurs = (node: INode) => node.type === OUR_NODE_TYPE;
const operationOf = (node: INode) =>
	`${String(node.parameters.resource)}.${String(node.parameters.operation)}`;

/** The workflow up to, not including, the first node that creates something. */
function readOnlyPart(workflow: WorkflowJson): WorkflowJson {
	const writing = new Set(
		workflow.nodes
			.filter((node) => isOurs(node) && node.parameters.resource !== 'connectionSpec')
			.map((n) => n.name),
	);
	// Everything downstream of a writing node goes too.
	let grew = true;
	while (grew) {
		grew = false;
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			if (!writing.has(from)) continue;
			for (const target of (outputs.main ?? []).flat()) {
				if (target && !writing.has(target.node)) {
					writing.add(target.node);
					grew = true;
				}
			}
		}
	}
	const nodes = workflow.nodes.filter((node) => !writing.has(node.name));
	const connections: WorkflowJson['connections'] = {};
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		if (writing.has(from)) continue;
		connections[from] = {
			main: (outputs.main ?? []).map((targets) =>
				(targets ?? []).filter((t) => !writing.has(t.node)),
			),
		};
	}
	return { ...workflow, nodes, connections };
}

function credentialsFor(
	workflow: WorkflowJson,
	adobe: AdobeSettings,
	redshift: RedshiftLogin,
): StoredCredential[] {
	const stored = new Map<string, StoredCredential>();
	for (const node of workflow.nodes) {
		for (const [type, reference] of Object.entries(node.credentials ?? {})) {
			const id = reference.id ?? type;
			if (type === 'adobeFlowServiceApi') {
				stored.set(id, {
					id,
					name: reference.name,
					type,
					data: { authentication: 'serverToServer', ...adobe },
				});
			} else if (type === 'amazonRedshiftSourceApi') {
				const data: IDataObject = { ...redshift };
				for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
				stored.set(id, { id, name: reference.name, type, data: data as StoredCredential['data'] });
			}
		}
	}
	return [...stored.values()];
}

// ---------------------------------------------------------------------------------------------
// Reporting

const SENSITIVE_QUERY_KEY = /secret|password|token|key|auth|code|assertion/i;

export function describeRequestTarget(request: Pick<RecordedRequest, 'path' | 'query'>): string {
	const query = Object.entries(request.query)
		.flatMap(([key, values]) =>
			(Array.isArray(values) ? values : [values]).map(
				(value) => `${key}=${SENSITIVE_QUERY_KEY.test(key) ? '***' : value}`,
			),
		)
		.join('&');
	return `${request.path}${query ? `?${query}` : ''}`;
}

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** The output fields worth a glance, per kind of node. */
function keyFields(node: INode, json: IDataObject | undefined): Array<[string, string]> {
	if (!json) return [];
	if (isOurs(node)) {
		if (node.parameters.resource === 'connectionSpec') {
			return (['id', 'name', 'version', 'providerId'] as const)
				.filter((key) => json[key] !== undefined)
				.map((key) => [key, text(json[key])]);
		}
		const fields: Array<[string, string]> = [];
		for (const key of ['id', 'etag', 'name', 'path', 'version', 'state', 'reused']) {
			if (json[key] !== undefined) fields.push([key, text(json[key])]);
		}
		if (Array.isArray(json.columns)) fields.push(['columns', String(json.columns.length)]);
		if (Array.isArray(json.mappings)) fields.push(['mappings', String(json.mappings.length)]);
		const schedule = json.scheduleParams as IDataObject | undefined;
		if (schedule?.frequency) {
			fields.push([
				'schedule',
				`${text(schedule.frequency)}${schedule.interval !== undefined ? ` × ${text(schedule.interval)}` : ''} from ${text(schedule.startTime)}`,
			]);
		}
		const spec = json.connectionSpec as IDataObject | undefined;
		if (spec?.id) fields.push(['connectionSpec', `${text(spec.id)} v${text(spec.version)}`]);
		return fields;
	}
	// Edit Fields and the like: every plain field, in output order.
	return Object.entries(json)
		.filter(([, value]) => value === null || typeof value !== 'object')
		.map(([key, value]) => [key, text(value)]);
}

function nodeErrorText(result: HarnessResult, name: string): string | undefined {
	const error = result.nodeError(name);
	if (!error) return undefined;
	const message = text(error.message) || 'failed';
	const description = text(error.description);
	return description && description !== message ? `${message}: ${description}` : message;
}

function executionOrder(result: HarnessResult, workflow: WorkflowJson): string[] {
	const runData = result.run.data.resultData.runData;
	const position = (name: string) => {
		const task = runData[name]?.[0] as { executionIndex?: number; startTime?: number } | undefined;
		return task?.executionIndex ?? task?.startTime ?? Number.MAX_SAFE_INTEGER;
	};
	return workflow.nodes
		.map((node) => node.name)
		.filter((name) => runData[name])
		.sort((a, b) => position(a) - position(b));
}

function typeLabel(node: INode): string {
	if (isOurs(node)) return `adobeFlowService ${operationOf(node)}`;
	return `${node.type.replace(/^n8n-nodes-base\./, '')} v${node.typeVersion}`;
}

function n8nCoreVersion(): string {
	try {
		return (
			JSON.parse(readFileSync(require.resolve('n8n-core/package.json'), 'utf8')) as {
				version: string;
			}
		).version;
	} catch {
		return '?';
	}
}

// ---------------------------------------------------------------------------------------------
// The demo

/**
 * Runs the demo workflow and reports on it through `log`. Resolves with a summary on success;
 * rejects with a DemoError (already reported, message redacted) on failure. The emulator it
 * started, the network guard and the registry overrides are always undone.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
	const log = options.log ?? ((line: string) => console.log(line));
	const nodeSource = options.nodeSource ?? 'dist';
	const workflowPath = options.workflowPath ?? DEMO_WORKFLOW;
	const plan = planFromEnv(options.env ?? process.env, options.forceEmulator ?? false);

	const lines: string[] = [];
	let redact = makeRedactor([plan.adobe?.clientSecret, plan.redshift?.password]);
	const print = (line = '') => {
		const safe = redact(line);
		lines.push(safe);
		log(safe);
	};

	const undo: Array<() => void | Promise<void>> = [];
	let emulator: FlowServiceEmulator | undefined;
	try {
		const fullWorkflow = readWorkflow(workflowPath);
		const workflow = plan.mode === 'adobe-read-only' ? readOnlyPart(fullWorkflow) : fullWorkflow;

		let nodeFile = 'nodes/AdobeFlowService/AdobeFlowService.node.ts';
		let staleWarning: string | undefined;
		let packageTypes: Pick<RunOptions, 'nodeTypes' | 'credentialTypes'> = {};
		if (nodeSource === 'dist') {
			const built = loadBuiltPackage();
			nodeFile = built.nodeFile;
			if (built.newerSources.length) {
				staleWarning =
					`warning: dist/ is older than ${built.newerSources.slice(0, 3).join(', ')}` +
					`${built.newerSources.length > 3 ? ` and ${built.newerSources.length - 3} more` : ''}; ` +
					'run `npm run build` to demo the latest code.';
			}
			packageTypes = builtPackageTypes(built);
		}

		let adobe = plan.adobe;
		let redshift = plan.redshift;
		if (plan.mode === 'emulator') {
			emulator = options.emulator;
			if (!emulator) {
				emulator = await startEmulator();
				const owned = emulator;
				undo.push(() => owned.close());
			}
			undo.push(await guardNetworkToLoopback());
			adobe = {
				...emulator.credentials,
				platformUrl: emulator.url,
				imsUrl: emulator.url,
			};
			redshift = { ...DEMO_REDSHIFT, ...options.redshift };
			redact = makeRedactor([adobe.clientSecret, redshift.password]);
		}
		const activeEmulator = emulator;
		const requestsBefore = activeEmulator?.requests.length ?? 0;

		print(
			'Adobe Flow Service demo: n8n runs a workflow that onboards an Amazon Redshift source into AEP',
		);
		print(
			`  Workflow   ${relative(ROOT, workflowPath)}: ${workflow.nodes.map((n) => n.name).join(' → ')}`,
		);
		print(`  Engine     n8n-core ${n8nCoreVersion()} WorkflowExecute (manual run)`);
		print(
			`  Node code  ${nodeFile}${nodeSource === 'dist' ? ' (the built package, found through package.json "n8n")' : ' (TypeScript sources, --source)'}`,
		);
		if (staleWarning) print(`  ${staleWarning}`);
		if (plan.mode === 'emulator') {
			print(
				`  Adobe      local emulator at ${activeEmulator!.url} (IMS + Flow Service; network limited to 127.0.0.1)`,
			);
		} else {
			print(
				`  Adobe      ${adobe!.platformUrl}, sandbox ${adobe!.sandboxName}, IMS ${adobe!.imsUrl}`,
			);
			if (plan.mode === 'adobe') {
				print(
					'  WARNING    this run creates a REAL base connection in Adobe Experience Platform (AEP_DEMO_CONFIRM=yes).',
				);
				print(`             ${describeIfExists(workflow)} Delete it in AEP when done.`);
			} else {
				print(
					'  READ-ONLY  AEP_DEMO_CONFIRM is not "yes": only the nodes before Create Redshift Connection run,',
				);
				print(
					'             so nothing is created. Set AEP_DEMO_CONFIRM=yes (and REDSHIFT_*) for the full run.',
				);
			}
		}
		print();

		const result = await runWorkflow(workflow, {
			credentials: credentialsFor(workflow, adobe!, redshift ?? DEMO_REDSHIFT),
			...packageTypes,
		});

		// Now every token that exists is known: the emulator's, or the one n8n stored.
		const tokens = [
			...(activeEmulator?.tokensIssued ?? []),
			...[...result.credentialsHelper.store.values()].map((c) => text(c.data.sessionToken)),
		];
		redact = makeRedactor([adobe!.clientSecret, redshift?.password, ...tokens]);

		const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
		const reports: DemoNodeReport[] = [];
		print('Nodes, in the order n8n ran them');
		executionOrder(result, workflow).forEach((name, index) => {
			const node = byName.get(name)!;
			const items = result.output(name);
			const error = nodeErrorText(result, name);
			const report: DemoNodeReport = {
				name,
				type: typeLabel(node),
				items: items.length,
				fields: keyFields(node, items[0]),
				error,
			};
			reports.push(report);
			print(
				`  ${index + 1}. ${name}  [${report.type}]  ${error ? 'FAILED' : `${items.length} item${items.length === 1 ? '' : 's'}`}`,
			);
			const width = Math.max(0, ...report.fields.map(([key]) => key.length));
			for (const [key, value] of report.fields) print(`       ${key.padEnd(width)}  ${value}`);
			if (error) print(`       error  ${error}`);
		});
		const notRun = workflow.nodes.filter((node) => !result.run.data.resultData.runData[node.name]);
		for (const node of notRun) print(`  -  ${node.name}  [${typeLabel(node)}]  did not run`);
		print();

		const requests: DemoRequest[] = (activeEmulator?.requests.slice(requestsBefore) ?? []).map(
			(request) => ({
				service: request.service,
				method: request.method,
				target: describeRequestTarget(request),
				status: request.status,
			}),
		);
		if (activeEmulator) {
			print(`HTTP requests, from the emulator's log (headers and bodies not shown)`);
			const width = Math.max(0, ...requests.map((r) => r.method.length + 1 + r.target.length));
			requests.forEach((request, index) => {
				const line = `${request.method} ${request.target}`;
				print(
					`  ${index + 1}. ${line.padEnd(width)}  → ${request.status || 'no answer'}  (${serviceLabel(request)})`,
				);
			});
			print(`  ${describeHeaders(activeEmulator.requests.slice(requestsBefore))}`);
			print();
		} else {
			print('HTTP requests: no log against Adobe; the node outputs above are the record.');
			print();
		}

		const specNode = workflow.nodes.find(
			(node) => isOurs(node) && node.parameters.resource === 'connectionSpec',
		);
		const createNode = workflow.nodes.find(
			(node) => isOurs(node) && node.parameters.operation === 'createRedshift',
		);
		const dataflowNode = workflow.nodes.find(
			(node) => isOurs(node) && operationOf(node) === 'dataflow.create',
		);
		const dataflowJson = dataflowNode ? result.output(dataflowNode.name)[0] : undefined;
		const messageNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.set');
		const specJson = specNode ? result.output(specNode.name)[0] : undefined;
		const connectionJson = createNode ? result.output(createNode.name)[0] : undefined;
		const messageJson = messageNode ? result.output(messageNode.name)[0] : undefined;
		const summary: DemoSummary = {
			mode: plan.mode,
			nodeSource,
			nodeFile,
			nodes: reports,
			spec: specJson?.id
				? { id: text(specJson.id), name: text(specJson.name), version: text(specJson.version) }
				: undefined,
			connection: connectionJson?.id
				? {
						id: text(connectionJson.id),
						etag: text(connectionJson.etag),
						name: text(connectionJson.name),
						reused: connectionJson.reused === true,
					}
				: undefined,
			dataflow: dataflowJson?.id
				? {
						id: text(dataflowJson.id),
						name: text(dataflowJson.name),
						reused: dataflowJson.reused === true,
					}
				: undefined,
			message: messageJson?.text !== undefined ? redact(text(messageJson.text)) : undefined,
			requests: requests.map((request) => ({ ...request, target: redact(request.target) })),
			lines,
		};

		const failed = reports.find((report) => report.error);
		const runError = result.run.data.resultData.error;
		if (failed || runError) {
			const reason = failed ? `${failed.name} failed: ${failed.error}` : text(runError?.message);
			throw new DemoError(redact(`The workflow stopped. ${reason}`), 1);
		}
		const complete =
			plan.mode === 'adobe-read-only'
				? Boolean(summary.spec)
				: Boolean(
						summary.connection && summary.message && (!dataflowNode || summary.dataflow),
					);
		if (!complete) {
			throw new DemoError(
				'The workflow ran but did not produce the expected outputs (see the nodes above).',
				1,
			);
		}
		if (plan.mode === 'adobe-read-only') {
			print(
				`OK (read-only): spec ${summary.spec!.name} ${summary.spec!.id} v${summary.spec!.version}; nothing was created.`,
			);
		} else {
			print(
				`OK: ${reports.length} nodes ran, ${activeEmulator ? `${requests.length} HTTP requests, ` : ''}` +
					`connection ${summary.connection!.id} ${summary.connection!.reused ? 'reused (it already existed)' : 'created'}; ` +
					(summary.dataflow
						? `dataflow ${summary.dataflow.id} ${summary.dataflow.reused ? 'reused (it already existed)' : 'created'}; `
						: '') +
					'the message above is what Slack would receive.',
			);
		}
		if (activeEmulator) {
			print();
			summary.alert = await showFailedRunAlert({ ...packageTypes, print });
		}
		return summary;
	} catch (error) {
		const demoError =
			error instanceof DemoError
				? error
				: new DemoError(
						redact(`Unexpected failure: ${(error as Error)?.message ?? text(error)}`),
						1,
					);
		const safe = new DemoError(redact(demoError.message), demoError.exitCode, lines);
		throw safe;
	} finally {
		for (const step of undo.reverse()) {
			try {
				await step();
			} catch {
				// Cleaning up must not hide the demo's own outcome.
			}
		}
	}
}

/** Which Adobe service a logged request went to, by its path. */
function serviceLabel(request: DemoRequest): string {
	if (request.service === 'ims') return 'Adobe IMS';
	if (request.target.startsWith('/data/foundation/conversion')) return 'Data Prep';
	if (request.target.startsWith('/data/foundation/catalog')) return 'Catalog';
	return 'Flow Service';
}

/** What one run sent, by kind: the figures the re-run check compares. */
export interface RequestCounts {
	total: number;
	byMethod: Record<string, number>;
	/** POSTs to Flow Service and Data Prep (token requests to IMS are not creates). */
	creates: string[];
}

export function countRequests(requests: DemoRequest[]): RequestCounts {
	const byMethod: Record<string, number> = {};
	for (const request of requests) byMethod[request.method] = (byMethod[request.method] ?? 0) + 1;
	const creates = requests
		.filter((request) => request.method === 'POST' && request.service !== 'ims')
		// Validate is a check, not a create.
		.filter((request) => !request.target.split('?')[0].endsWith('/validate'))
		.map((request) => request.target.split('?')[0]);
	return { total: requests.length, byMethod, creates };
}

/**
 * On the emulator: the workflow twice against one emulator, as a schedule would run it. The
 * second run must create nothing; the request counts of both runs are printed side by side.
 */
export async function runDemoTwice(
	options: DemoOptions = {},
): Promise<{ first: DemoSummary; second: DemoSummary; counts: [RequestCounts, RequestCounts] }> {
	const log = options.log ?? ((line: string) => console.log(line));
	const emulator = options.emulator ?? (await startEmulator());
	try {
		log('=== Run 1 of 2: the first onboarding ===');
		const first = await runDemo({ ...options, log, emulator });
		log('');
		log('=== Run 2 of 2: the same workflow again, as a schedule would run it ===');
		const second = await runDemo({ ...options, log, emulator });
		const counts: [RequestCounts, RequestCounts] = [
			countRequests(first.requests),
			countRequests(second.requests),
		];
		log('');
		log("Re-run check, from the emulator's request log");
		const methods = [...new Set(counts.flatMap((count) => Object.keys(count.byMethod)))].sort();
		counts.forEach((count, index) => {
			const parts = methods.map((method) => `${method} ${count.byMethod[method] ?? 0}`);
			log(
				`  run ${index + 1}: ${count.total} requests (${parts.join(', ')}); creates: ${count.creates.length ? count.creates.join(', ') : 'none'}`,
			);
		});
		if (counts[1].creates.length) {
			throw new DemoError(
				`The second run created ${counts[1].creates.length} thing(s) (${counts[1].creates.join(', ')}); it should have reused everything.`,
				1,
			);
		}
		log('OK: the second run created nothing; every create found what the first run made.');
		return { first, second, counts };
	} finally {
		if (!options.emulator) await emulator.close();
	}
}

/** What a second run does, from Create Redshift Connection's If Exists option (or its default). */
function describeIfExists(workflow: WorkflowJson): string {
	const create = workflow.nodes.find(
		(node) => isOurs(node) && node.parameters.operation === 'createRedshift',
	);
	const described = (
		nodeTypes.getByNameAndVersion(OUR_NODE_TYPE, 1) as INodeType
	).description.properties
		.filter(
			(property) =>
				property.name === 'options' &&
				property.displayOptions?.show?.operation?.includes('createRedshift'),
		)
		.flatMap((property) => (property.options ?? []) as Array<{ name?: string; default?: unknown }>)
		.find((option) => option.name === 'ifExists');
	const chosen =
		(create?.parameters.options as IDataObject | undefined)?.ifExists ?? described?.default;
	if (chosen === 'reuse')
		return 'If one with this name exists, it is reused (If Exists: reuse), not duplicated.';
	if (chosen === 'fail') return 'If one with this name exists, the run fails (If Exists: fail).';
	return 'Adobe allows duplicate names: each run adds another.';
}

/** One line that proves the headers were sent, without showing any of their values but the sandbox. */
function describeHeaders(requests: RecordedRequest[]): string {
	const flow = requests.filter((request) => request.service === 'flow');
	if (!flow.length) return 'No Flow Service request was made.';
	const has = (name: string) =>
		flow.every(
			(request) => typeof request.headers[name] === 'string' && request.headers[name] !== '',
		);
	const bearer = flow.every((request) =>
		/^Bearer \S+$/.test(String(request.headers.authorization ?? '')),
	);
	const sandboxes = [
		...new Set(flow.map((request) => String(request.headers['x-sandbox-name'] ?? ''))),
	];
	const parts = [
		`Authorization: Bearer *** ${bearer ? 'yes' : 'MISSING'}`,
		`x-api-key ${has('x-api-key') ? 'yes' : 'MISSING'}`,
		`x-gw-ims-org-id ${has('x-gw-ims-org-id') ? 'yes' : 'MISSING'}`,
		`x-sandbox-name ${has('x-sandbox-name') ? sandboxes.join(',') : 'MISSING'}`,
	];
	const ims = requests.filter((request) => request.service === 'ims');
	const imsNote = ims.length
		? `; token request: client ID and secret in the POST body${ims.every((r) => Object.keys(r.query).length === 0) ? ', none in the URL' : ', BUT SOME IN THE URL'}`
		: '';
	return `Headers on every Flow Service call: ${parts.join(', ')}${imsNote}.`;
}

/**
 * Emulator mode: any connection to a host other than 127.0.0.1 fails (nock's "Disallowed net
 * connect") instead of leaving the machine. Returns the undo.
 */
export async function guardNetworkToLoopback(): Promise<() => void> {
	const nock = (await import('nock')).default;
	nock.disableNetConnect();
	nock.enableNetConnect((host: string) => /^127\.0\.0\.1(:\d+)?$/.test(host));
	return () => nock.enableNetConnect();
}

// ---------------------------------------------------------------------------------------------
// Command line

const USAGE = `Usage: tsx scripts/demo.ts [--source] [--emulator]
  --source     run the TypeScript node instead of the built one in dist/
  --emulator   use the local emulator even when AEP_* variables are set
Against Adobe: AEP_CLIENT_ID, AEP_CLIENT_SECRET, AEP_IMS_ORG_ID [, AEP_SANDBOX=prod,
  AEP_PLATFORM_URL, AEP_IMS_URL]; to create the connection also AEP_DEMO_CONFIRM=yes and
  REDSHIFT_SERVER, REDSHIFT_DATABASE, REDSHIFT_USERNAME, REDSHIFT_PASSWORD [, REDSHIFT_PORT, REDSHIFT_SCHEMA].`;

async function main(argv: string[]): Promise<number> {
	let nodeSource: NodeSource = 'dist';
	let forceEmulator = false;
	for (const arg of argv) {
		if (arg === '--source') nodeSource = 'source';
		else if (arg === '--emulator') forceEmulator = true;
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			return 0;
		} else {
			console.error(`Unknown option ${arg}\n\n${USAGE}`);
			return 2;
		}
	}
	// n8n-core keeps an instance config (an encryption key) in $N8N_USER_FOLDER/.n8n and creates
	// one when missing: a throw-away folder keeps the demo from writing into a real ~/.n8n.
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-demo-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_ENCRYPTION_KEY = randomBytes(24).toString('base64');
	// Node would end the process on a rejected promise nobody handled, printing the raw error
	// (and whatever it holds). The demo counts them instead and reports its own outcome.
	let unhandled = 0;
	process.on('unhandledRejection', () => {
		unhandled += 1;
	});
	const reportUnhandled = () => {
		if (unhandled)
			console.error(
				`warning: ${unhandled} promise rejection(s) went unhandled during the run (details withheld).`,
			);
	};
	try {
		// On the emulator the chain runs twice, to show that a re-run creates nothing.
		if (planFromEnv(process.env, forceEmulator).mode === 'emulator') {
			await runDemoTwice({ nodeSource, forceEmulator });
		} else {
			await runDemo({ nodeSource, forceEmulator });
		}
		await new Promise((resolve) => setImmediate(resolve));
		reportUnhandled();
		return 0;
	} catch (error) {
		reportUnhandled();
		const demoError = error instanceof DemoError ? error : new DemoError('Unexpected failure', 1);
		console.error(`\nDemo failed: ${demoError.message}`);
		return demoError.exitCode;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

if (require.main === module) {
	// n8n-core leaves timers behind after a run, so the process is ended explicitly.
	void main(process.argv.slice(2)).then((code) => process.exit(code));
}
