// Part 5 of the bench: our node against n8n's own HTTP Request node in a REAL n8n (2.40.7, from
// scripts/e2e/install-n8n.sh), same 200 creates, same emulator, compared by each node's
// runData[node][0].executionTime. One `n8n execute` runs every repetition: a Code node makes the
// items and feeds several branches (HTTP Request, ours, two variants of ours, then again), which
// n8n's v1 execution order runs one after another, top to bottom. Each created connection is
// checked in the output, and the emulator counts the requests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Profiler } from 'node:inspector';

import type { IAuthenticate } from 'n8n-workflow';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { AdobeFlowServiceApi } from '../../credentials/AdobeFlowServiceApi.credentials';
import {
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installPackageTarball,
	locateN8n,
	nodeOutputJson,
	nodeRun,
	type N8nPaths,
	type WorkflowImport,
} from '../../test/e2e/real-n8n';
import { REDSHIFT_SPEC_ID } from '../../test/harness/fixtures';
import type { EmulatorProcess } from './lib';
import { countRequests, median, SCOPES } from './lib';
import { HTTP_NODE, OUR_PACKAGE } from './n8n-cpu';
import { fn, httpStack, onStack, summarize } from './profile';
import type { Category, ProfileSummary } from './profile';

const REPO = resolve(__dirname, '..', '..');

export interface RealN8nResult {
	n8nVersion: string;
	items: number;
	repetitions: number;
	/** executionTime (ms) of each repetition of each variant, in run order. */
	executionMs: Partial<Record<Variant, number[]>>;
	/** median(ours) / median(HTTP Request). */
	ratio: number;
	/** The N8N_EXPRESSION_ENGINE the run used ('vm', n8n 2.x's default, unless set). */
	expressionEngine: string;
	/** Requests the emulator saw during the execute, by kind. */
	requests: ReturnType<typeof countRequests>;
	/** Whether this run had to install the real n8n first (it was missing). */
	installedNow: boolean;
	/** Wall time of the whole `n8n execute` (start-up included), ms. */
	executeWallMs: number;
	/** With `profile`: n8n's main process, CPU per item (items × repetitions) by category. */
	profile?: ProfileSummary & { msPerExpression: number; expressions: number };
	/** With `profile`: the main process's raw profile. */
	cpuProfile?: Profiler.Profile;
}

const GET_PARAMETER = (frame: { functionName: string; url: string }) =>
	frame.functionName.endsWith('getNodeParameter') && frame.url.includes('n8n-core');

/** For a profile of n8n running the 'http' and 'ours' variants only. First match wins. */
const N8N_CATEGORIES: Category[] = [
	{
		label: 'ours: credential headers (CredentialsHelper.authenticate)',
		test: onStack(fn('authenticate', 'credentials-helper')),
	},
	{
		label: 'ours: Redshift login from its credential (getCredentials per item)',
		test: (stack) =>
			stack.some((frame) => frame.functionName.endsWith('getCredentials')) &&
			stack.some(OUR_PACKAGE),
	},
	{
		label: 'ours: parameters (getNodeParameter, 8 mapped fields)',
		test: (stack) => stack.some(GET_PARAMETER) && stack.some(OUR_PACKAGE),
	},
	{
		label: 'ours: the rest of its execute (sync parts, request set-up)',
		test: (stack) => stack.some(OUR_PACKAGE),
	},
	{
		label: 'HTTP Request: parameters (getNodeParameter, 1 expression)',
		test: (stack) => stack.some(GET_PARAMETER) && stack.some(HTTP_NODE),
	},
	{
		label: 'HTTP Request: the rest of its execute (sync parts, request set-up)',
		test: (stack) => stack.some(HTTP_NODE),
	},
	{ label: 'HTTP stack, both nodes (axios, follow-redirects, sockets)', test: onStack(httpStack) },
	{ label: 'other (n8n start-up, engine, database, runner broker)', test: () => true },
];

/** Inclusive CPU of expression evaluation, whoever asked for it. */
function expressionMs(profile: Profiler.Profile): number {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const inside = new Map<number, boolean>();
	const isInside = (id: number): boolean => {
		const known = inside.get(id);
		if (known !== undefined) return known;
		const frame = byId.get(id)?.callFrame;
		const up = parent.get(id);
		const result =
			(frame?.functionName === 'resolveSimpleParameterValue' &&
				frame.url.includes('n8n-workflow/dist/cjs/expression.js')) ||
			(up !== undefined && isInside(up));
		inside.set(id, result);
		return result;
	};
	let total = 0;
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let index = 0; index < samples.length; index++) {
		if (isInside(samples[index])) total += (deltas[index + 1] ?? 0) / 1000;
	}
	return total;
}

/**
 * Finds the cached n8n, installing it with scripts/e2e/install-n8n.sh (the same cached install
 * as CI's; idempotent, ~4 min cold) when it is missing. `installedNow` says which happened.
 */
export function ensureN8n(log: (line: string) => void): N8nPaths & { installedNow: boolean } {
	try {
		return { ...locateN8n(), installedNow: false };
	} catch (error) {
		log(
			`real n8n not found (${(error as Error).message.split('.')[0]}); installing it with scripts/e2e/install-n8n.sh`,
		);
	}
	const install = spawnSync('bash', [join(REPO, 'scripts', 'e2e', 'install-n8n.sh')], {
		cwd: REPO,
		// Its progress goes to stderr: stdout is the bench's table and JSON line.
		stdio: ['ignore', process.stderr, process.stderr],
		timeout: 15 * 60_000,
	});
	if (install.status !== 0)
		throw new Error(`install-n8n.sh failed (exit ${install.status ?? install.signal})`);
	const paths = locateN8n();
	log(`real n8n ${paths.n8nVersion} installed into ${paths.cacheDir}`);
	return { ...paths, installedNow: true };
}

/** `npm pack` of the built package (dist/ must exist: `npm run build` runs before the bench). */
function packPackage(destination: string): string {
	if (!existsSync(join(REPO, 'dist', 'nodes', 'AdobeFlowService', 'AdobeFlowService.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
	const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', destination], {
		cwd: REPO,
		env,
		encoding: 'utf8',
		timeout: 120_000,
	});
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr || pack.stdout}`);
	const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	return join(destination, tarball);
}

/** The Code node's JavaScript: the same items as benchItems() in lib.ts. */
const CODE = (count: number) => `const items = [];
for (let i = 0; i < ${count}; i++) {
  items.push({ json: {
    name: \`n8n-bench-\${i}\`,
    description: \`Bench connection \${i}\`,
    server: \`cluster\${i % 7}.abc123xyz789.us-west-2.redshift.amazonaws.com\`,
    database: 'dev',
    username: 'aep_reader',
    password: \`Bench-P@ss-\${i}\`,
    port: '5439',
    schema: 'public',
  } });
}
return items;`;

/** The JSON body, built from item fields with one expression, as a user would type it. */
const JSON_BODY = `={{ JSON.stringify({
  name: $json.name,
  description: $json.description,
  auth: { specName: "Basic Authentication", params: { server: $json.server, database: $json.database, username: $json.username, password: $json.password, port: $json.port, schema: $json.schema } },
  connectionSpec: { id: "${REDSHIFT_SPEC_ID}", version: "1.0" }
}) }}`;

/** The node kinds each repetition runs, in this order (top to bottom on the canvas). */
export const VARIANTS = {
	http: 'HTTP Request v4.2 (hand-typed headers, body from 1 expression)',
	ours: 'Adobe Flow Service, concurrency 20, 8 fields mapped',
	oursNameOnly: 'Adobe Flow Service, concurrency 20, only name mapped',
	oursCredential: 'Adobe Flow Service, concurrency 20, name mapped, login from credential',
} as const;
export type Variant = keyof typeof VARIANTS;

interface Credentials {
	adobe: { id: string; name: string };
	redshift: { id: string; name: string };
}

function variantNode(
	variant: Variant,
	name: string,
	position: [number, number],
	context: { emu: EmulatorProcess; token: string; concurrency: number; credentials: Credentials },
): WorkflowImport['nodes'][number] {
	const { emu, token, concurrency, credentials } = context;
	if (variant === 'http') {
		const { clientId, imsOrgId, sandboxName } = emu.credentials;
		return {
			name,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position,
			parameters: {
				method: 'POST',
				url: `${emu.baseUrl}/connections`,
				sendHeaders: true,
				headerParameters: {
					parameters: [
						{ name: 'Authorization', value: `Bearer ${token}` },
						{ name: 'x-api-key', value: clientId },
						{ name: 'x-gw-ims-org-id', value: imsOrgId },
						{ name: 'x-sandbox-name', value: sandboxName },
					],
				},
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON_BODY,
				options: {},
			},
		};
	}
	const mapped = variant === 'ours';
	const typed = benchTypedLogin;
	return {
		name,
		type: 'n8n-nodes-adobe-flow-service.adobeFlowService',
		typeVersion: 1,
		position,
		parameters: {
			resource: 'connection',
			operation: 'createRedshift',
			name: '={{ $json.name }}',
			connectionSpecId: REDSHIFT_SPEC_ID,
			...(variant === 'oursCredential'
				? { redshiftCredentials: 'credential' }
				: {
						redshiftCredentials: 'parameters',
						server: mapped ? '={{ $json.server }}' : typed.server,
						database: mapped ? '={{ $json.database }}' : typed.database,
						username: mapped ? '={{ $json.username }}' : typed.username,
						password: mapped ? '={{ $json.password }}' : typed.password,
					}),
			additionalFields: mapped
				? {
						description: '={{ $json.description }}',
						port: '={{ $json.port }}',
						schema: '={{ $json.schema }}',
					}
				: { description: 'Bench connection' },
			options: { ifExists: 'create', concurrency },
		},
		credentials:
			variant === 'oursCredential'
				? { adobeFlowServiceApi: credentials.adobe, amazonRedshiftSourceApi: credentials.redshift }
				: { adobeFlowServiceApi: credentials.adobe },
	};
}

/** The Redshift login typed into the node (or stored in the credential) by the variants that do not map it. */
const benchTypedLogin = {
	server: 'cluster0.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: '5439',
	database: 'dev',
	schema: 'public',
	username: 'aep_reader',
	password: 'Bench-P@ss',
};

function benchWorkflow(
	context: { emu: EmulatorProcess; token: string; concurrency: number; credentials: Credentials },
	items: number,
	repetitions: number,
	variants: Variant[],
	warmUp: Variant[],
): { workflow: WorkflowImport; nodesByVariant: Record<Variant, string[]>; warmUpNodes: string[] } {
	const nodes: WorkflowImport['nodes'] = [
		{
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			name: 'Make Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: CODE(items) },
		},
	];
	const nodesByVariant = { http: [], ours: [], oursNameOnly: [], oursCredential: [] } as Record<
		Variant,
		string[]
	>;
	let y = 0;
	// Warm-up nodes run first and are not measured: the first run of a node kind in a fresh n8n
	// pays for loading its modules and for the JIT.
	const warmUpNodes = warmUp.map((variant) => {
		const name = `warm-up ${variant}`;
		nodes.push(variantNode(variant, name, [500, y], context));
		y += 200;
		return name;
	});
	for (let repetition = 1; repetition <= repetitions; repetition++) {
		for (const variant of variants) {
			const name = `${variant} ${repetition}`;
			nodesByVariant[variant].push(name);
			nodes.push(variantNode(variant, name, [500, y], context));
			y += 200;
		}
	}
	const connections = {
		'Manual Trigger': { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
		'Make Items': {
			main: [nodes.slice(2).map((node) => ({ node: node.name, type: 'main', index: 0 }))],
		},
	};
	return {
		workflow: {
			id: 'adobeFlowBench01',
			name: 'Adobe Flow Service bench: HTTP Request vs ours',
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		},
		nodesByVariant,
		warmUpNodes,
	};
}

async function fetchToken(emu: EmulatorProcess): Promise<string> {
	const response = await fetch(emu.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			client_id: emu.credentials.clientId,
			client_secret: emu.credentials.clientSecret,
			grant_type: 'client_credentials',
			scope: SCOPES,
		}).toString(),
	});
	const body = (await response.json()) as { access_token?: string };
	if (!body.access_token) throw new Error(`emulator gave no token (HTTP ${response.status})`);
	return body.access_token;
}

/** How many `={{ }}` headers the Adobe credential's generic `authenticate` has (0 for a function). */
function credentialHeaderExpressions(): number {
	const authenticate = new AdobeFlowServiceApi().authenticate as IAuthenticate;
	if (typeof authenticate !== 'object') return 0;
	return Object.values(authenticate.properties.headers ?? {}).filter(
		(value) => typeof value === 'string' && value.startsWith('='),
	).length;
}

/** The main n8n process's profile: the largest one in which a benchmarked node ran. */
function readMainProfile(dir: string): Profiler.Profile | undefined {
	const files = readdirSync(dir)
		.filter((file) => file.endsWith('.cpuprofile'))
		.map((file) => join(dir, file))
		.sort((a, b) => statSync(b).size - statSync(a).size);
	for (const file of files) {
		const profile = JSON.parse(readFileSync(file, 'utf8')) as Profiler.Profile;
		if (profile.nodes.some((node) => OUR_PACKAGE(node.callFrame) || HTTP_NODE(node.callFrame)))
			return profile;
	}
	return undefined;
}

/** The profile summarized per item, when 'http' and 'ours' both ran in it. */
function summarizeN8nProfile(
	profile: Profiler.Profile | undefined,
	items: number,
): RealN8nResult['profile'] {
	if (!profile) return undefined;
	// Per item: 1 body expression (HTTP Request) + 8 mapped parameters and the credential's
	// header expressions (ours).
	const expressions = items * (1 + 8 + credentialHeaderExpressions());
	const spent = expressionMs(profile);
	return {
		...summarize(profile, items, N8N_CATEGORIES),
		expressions,
		msPerExpression: spent / expressions,
	};
}

export async function benchRealN8n(
	emu: EmulatorProcess,
	options: {
		items: number;
		latencyMs: number;
		concurrency: number;
		repetitions: number;
		log: (line: string) => void;
		/** Extra environment for `n8n execute`, e.g. N8N_EXPRESSION_ENGINE=legacy or NODE_OPTIONS=--cpu-prof. */
		executeEnv?: Record<string, string>;
		/** Default: all of VARIANTS; 'http' and 'ours' are always run. */
		variants?: Variant[];
		/** CPU-profile n8n's main process (--cpu-prof) and cut it up; runs `variants` or else 'http' and 'ours' only. */
		profile?: boolean;
		/** Unmeasured runs before the measured ones, in this order (default: one of each variant). */
		warmUp?: Variant[];
	},
): Promise<RealN8nResult> {
	const { log } = options;
	const paths = ensureN8n(log);
	const packDir = mkdtempSync(join(tmpdir(), 'adobe-flow-bench-pack-'));
	const profileDir = mkdtempSync(join(tmpdir(), 'adobe-flow-bench-prof-'));
	const userFolder = createUserFolder('adobe-flow-bench-n8n-');
	try {
		log(`real n8n ${paths.n8nVersion}: packing and installing the package`);
		const tarball = packPackage(packDir);
		await installPackageTarball(userFolder, tarball, { paths });
		const credentials: Credentials = {
			adobe: { id: 'adobeFlowBenchCred', name: 'Adobe (bench emulator)' },
			redshift: { id: 'redshiftBenchCred', name: 'Redshift (bench)' },
		};
		await importCredentials(
			userFolder,
			[
				{ ...credentials.redshift, type: 'amazonRedshiftSourceApi', data: { ...benchTypedLogin } },
				{
					...credentials.adobe,
					type: 'adobeFlowServiceApi',
					data: {
						authentication: 'serverToServer',
						clientId: emu.credentials.clientId,
						clientSecret: emu.credentials.clientSecret,
						scopes: SCOPES,
						imsOrgId: emu.credentials.imsOrgId,
						sandboxName: emu.credentials.sandboxName,
						platformUrl: emu.url,
						imsUrl: emu.url,
					},
				},
			],
			{ paths },
		);
		const token = await fetchToken(emu);
		const variants = options.profile
			? (options.variants ?? (['http', 'ours'] as Variant[]))
			: [
					...new Set<Variant>([
						'http',
						'ours',
						...(options.variants ?? (Object.keys(VARIANTS) as Variant[])),
					]),
				];
		const { workflow, nodesByVariant, warmUpNodes } = benchWorkflow(
			{ emu, token, concurrency: options.concurrency, credentials },
			options.items,
			options.repetitions,
			variants,
			options.warmUp ?? variants,
		);
		await importWorkflow(userFolder, workflow, { paths });

		await emu.setLatency(options.latencyMs);
		await emu.clearLog();
		log(
			`real n8n: executing ${options.repetitions} × (${variants.join(', ')}) on ${options.items} items`,
		);
		const result = await executeWorkflow(userFolder, workflow.id, {
			paths,
			timeoutMs: 300_000,
			env: {
				...options.executeEnv,
				...(options.profile && { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` }),
			},
		});
		const requests = countRequests((await emu.stats()).requests);
		await emu.clearConnections();
		if (!result.ok) {
			throw new Error(
				`the bench workflow failed in n8n: ${result.error?.message ?? `exit ${result.code}`}`,
			);
		}
		for (const name of [...warmUpNodes, ...Object.values(nodesByVariant).flat()]) {
			const output = nodeOutputJson(result.run, name);
			const created = output.filter((item) => typeof item.id === 'string' && item.id).length;
			if (created !== options.items) {
				throw new Error(`${name} put out ${created} created connections of ${options.items}`);
			}
		}
		const cpuProfile = options.profile ? readMainProfile(profileDir) : undefined;
		const executionMs: RealN8nResult['executionMs'] = {};
		for (const variant of variants) {
			executionMs[variant] = nodesByVariant[variant].map(
				(name) => nodeRun(result.run, name).executionTime,
			);
		}
		return {
			n8nVersion: paths.n8nVersion,
			items: options.items,
			repetitions: options.repetitions,
			executionMs,
			ratio: median(executionMs.ours ?? []) / median(executionMs.http ?? []),
			expressionEngine: options.executeEnv?.N8N_EXPRESSION_ENGINE ?? 'vm (default)',
			profile: cpuProfile
				? summarizeN8nProfile(cpuProfile, options.items * options.repetitions)
				: undefined,
			cpuProfile,
			requests,
			installedNow: paths.installedNow,
			executeWallMs: result.durationMs,
		};
	} finally {
		userFolder.cleanup();
		rmSync(packDir, { recursive: true, force: true });
		rmSync(profileDir, { recursive: true, force: true });
	}
}
