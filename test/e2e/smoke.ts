/**
 * Smoke test of test/e2e/real-n8n.ts against a real n8n (run `bash scripts/e2e/install-n8n.sh`
 * first):
 *
 *   npx tsx test/e2e/smoke.ts            # exits 0 on success, prints timings
 *
 * It checks, with one throw-away N8N_USER_FOLDER:
 *  1. a built-in-only workflow: Manual Trigger -> Edit Fields {hello:'world'} -> Code;
 *  2. a built-in credential (httpHeaderAuth) imported with a fixed id and referenced by that id
 *     from an HTTP Request node, against an echo server on 127.0.0.1;
 *  3. a tiny community package made here (n8n-nodes-e2e-smoke: one node + one credential type),
 *     packed with npm, installed into .n8n/nodes with installPackageTarball, loaded by n8n at
 *     start, its credential imported with a fixed id and used;
 *  4. a failing workflow (Code node throws): exit 1, run JSON still parsed, error surfaced.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

import {
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installPackageTarball,
	locateN8n,
	nodeOutputJson,
	nodeRun,
	runN8n,
	type ExecuteResult,
	type N8nPaths,
	type WorkflowImport,
} from './real-n8n';

const timings: Array<[string, number]> = [];

async function timed<T extends { durationMs: number }>(
	label: string,
	work: Promise<T>,
): Promise<T> {
	const result = await work;
	timings.push([label, result.durationMs]);
	console.log(`  ${label}: ${result.durationMs} ms`);
	return result;
}

function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(`Check failed: ${message}`);
}

function expectOk(result: ExecuteResult, label: string): void {
	if (!result.ok) {
		throw new Error(
			`${label}: workflow failed (exit ${result.code}, status ${result.run.status}): ` +
				`${result.error?.message ?? '?'}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-2000)}`,
		);
	}
}

/** Writes and packs a minimal community package; returns the tarball path. */
function makeCommunityPackage(paths: N8nPaths, workDir: string): string {
	const pkgDir = join(workDir, 'n8n-nodes-e2e-smoke');
	mkdirSync(join(pkgDir, 'dist', 'nodes', 'E2eSmoke'), { recursive: true });
	mkdirSync(join(pkgDir, 'dist', 'credentials'), { recursive: true });
	writeFileSync(
		join(pkgDir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-e2e-smoke',
				version: '0.0.1',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/E2eSmokeApi.credentials.js'],
					nodes: ['dist/nodes/E2eSmoke/E2eSmoke.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	writeFileSync(
		join(pkgDir, 'dist', 'credentials', 'E2eSmokeApi.credentials.js'),
		`class E2eSmokeApi {
	constructor() {
		this.name = 'e2eSmokeApi';
		this.displayName = 'E2E Smoke API';
		this.properties = [
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}
module.exports = { E2eSmokeApi };
`,
	);
	writeFileSync(
		join(pkgDir, 'dist', 'nodes', 'E2eSmoke', 'E2eSmoke.node.js'),
		`class E2eSmoke {
	constructor() {
		this.description = {
			displayName: 'E2E Smoke',
			name: 'e2eSmoke',
			group: ['transform'],
			version: 1,
			description: 'Echoes its input plus facts about its credential',
			defaults: { name: 'E2E Smoke' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'e2eSmokeApi', required: true }],
			properties: [{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hi' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		const credentials = await this.getCredentials('e2eSmokeApi');
		const greeting = this.getNodeParameter('greeting', 0);
		return [
			items.map((item, index) => ({
				json: {
					...item.json,
					greeting,
					token: credentials.token,
					nodeVersion: process.version,
					n8nWorkflowPath: require.resolve('n8n-workflow'),
				},
				pairedItem: { item: index },
			})),
		];
	}
}
module.exports = { E2eSmoke };
`,
	);
	const packed = spawnSync(
		paths.nodeBin,
		[paths.npmCli, 'pack', '--silent', '--pack-destination', workDir],
		{
			cwd: pkgDir,
			encoding: 'utf8',
			env: { ...process.env, PATH: `${paths.nodeBinDir}:${process.env.PATH ?? ''}` },
		},
	);
	check(packed.status === 0, `npm pack failed: ${packed.stderr}`);
	return join(workDir, packed.stdout.trim().split('\n').pop() as string);
}

async function startEchoServer(): Promise<{
	url: string;
	requests: Array<{ url?: string; headers: IncomingHttpHeaders }>;
	close: () => Promise<void>;
}> {
	const requests: Array<{ url?: string; headers: IncomingHttpHeaders }> = [];
	const server = createServer((req, res) => {
		requests.push({ url: req.url, headers: req.headers });
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ path: req.url, receivedHeader: req.headers['x-e2e-auth'] ?? null }));
	});
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () =>
			await new Promise<void>((resolveClose) => server.close(() => resolveClose())),
	};
}

const trigger = (name = 'Manual Trigger') => ({
	id: 'trigger',
	name,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
});

const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);

async function main(): Promise<void> {
	const started = Date.now();
	const paths = locateN8n();
	console.log(`n8n ${paths.n8nVersion}: ${paths.nodeBin} ${paths.n8nBin}`);

	const userFolder = createUserFolder();
	const version = await runN8n(['--version'], { userFolder, paths });
	check(
		version.stdout.trim().split('\n').pop() === paths.n8nVersion,
		`n8n --version: ${version.stdout}`,
	);
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-e2e-pkg-'));
	const echo = await startEchoServer();
	try {
		console.log(`user folder: ${userFolder.path}`);

		const tarball = makeCommunityPackage(paths, workDir);
		const omitPeerDeps = process.env.N8N_E2E_OMIT_PEER_DEPS !== '0';
		await timed(
			`npm install community package tarball${omitPeerDeps ? ' (--legacy-peer-deps)' : ''}`,
			installPackageTarball(userFolder, tarball, { omitPeerDeps }),
		);

		await timed(
			'import:credentials (2, first command: DB migrations)',
			importCredentials(userFolder, [
				{
					id: 'e2eSmokeHeader1',
					name: 'Smoke header auth',
					type: 'httpHeaderAuth',
					data: { name: 'X-E2E-Auth', value: 'header-secret-42' },
				},
				{
					id: 'e2eSmokeApiCred1',
					name: 'Smoke API',
					type: 'e2eSmokeApi',
					data: { token: 'tok-123' },
				},
			]),
		);

		const workflows: WorkflowImport[] = [
			{
				id: 'e2eSmokeBuiltin1',
				name: 'E2E smoke: built-in nodes',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					trigger(),
					{
						id: 'set',
						name: 'Edit Fields',
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						position: [200, 0],
						parameters: {
							assignments: {
								assignments: [{ id: 'a1', name: 'hello', value: 'world', type: 'string' }],
							},
							options: {},
						},
					},
					{
						id: 'code',
						name: 'Code',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						position: [400, 0],
						parameters: {
							jsCode:
								'return $input.all().map(i => ({ json: { ...i.json, shout: i.json.hello.toUpperCase() } }));',
						},
					},
				],
				connections: chain('Manual Trigger', 'Edit Fields', 'Code'),
			},
			{
				id: 'e2eSmokeCred0001',
				name: 'E2E smoke: credential by id',
				nodes: [
					trigger(),
					{
						id: 'http',
						name: 'HTTP Request',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						position: [200, 0],
						parameters: {
							url: `${echo.url}/echo`,
							authentication: 'genericCredentialType',
							genericAuthType: 'httpHeaderAuth',
							options: {},
						},
						credentials: { httpHeaderAuth: { id: 'e2eSmokeHeader1', name: 'Smoke header auth' } },
					},
				],
				connections: chain('Manual Trigger', 'HTTP Request'),
			},
			{
				id: 'e2eSmokeCommunity',
				name: 'E2E smoke: community package',
				nodes: [
					trigger(),
					{
						id: 'smoke',
						name: 'E2E Smoke',
						type: 'n8n-nodes-e2e-smoke.e2eSmoke',
						typeVersion: 1,
						position: [200, 0],
						parameters: { greeting: 'hello from e2e' },
						credentials: { e2eSmokeApi: { id: 'e2eSmokeApiCred1', name: 'Smoke API' } },
					},
				],
				connections: chain('Manual Trigger', 'E2E Smoke'),
			},
			{
				id: 'e2eSmokeFailing1',
				name: 'E2E smoke: failing',
				nodes: [
					trigger(),
					{
						id: 'boom',
						name: 'Boom',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						position: [200, 0],
						parameters: { jsCode: "throw new Error('boom-e2e');" },
					},
				],
				connections: chain('Manual Trigger', 'Boom'),
			},
		];
		await timed('import:workflow (4 in one file)', importWorkflow(userFolder, workflows));

		// 1. built-in nodes, run twice for a warm timing
		for (const attempt of [1, 2]) {
			const result = await timed(
				`execute built-in workflow #${attempt}`,
				executeWorkflow(userFolder, 'e2eSmokeBuiltin1'),
			);
			expectOk(result, 'built-in');
			const out = nodeOutputJson(result.run, 'Code');
			check(
				out.length === 1 && out[0].hello === 'world' && out[0].shout === 'WORLD',
				`Code output ${JSON.stringify(out)}`,
			);
			const setOut = nodeOutputJson(result.run, 'Edit Fields');
			check(
				JSON.stringify(setOut) === '[{"hello":"world"}]',
				`Edit Fields output ${JSON.stringify(setOut)}`,
			);
			console.log(
				`    node times (ms): ${Object.entries(result.run.data.resultData.runData)
					.map(([name, runs]) => `${name}=${runs[0].executionTime}`)
					.join(', ')}`,
			);
		}

		// 2. built-in credential referenced by id
		const cred = await timed(
			'execute credential workflow',
			executeWorkflow(userFolder, 'e2eSmokeCred0001'),
		);
		expectOk(cred, 'credential');
		const httpOut = nodeOutputJson(cred.run, 'HTTP Request');
		check(
			httpOut[0]?.receivedHeader === 'header-secret-42',
			`HTTP Request output ${JSON.stringify(httpOut)}`,
		);
		check(echo.requests.length === 1, `echo server saw ${echo.requests.length} requests`);

		// 3. community package installed from a tarball, with its own credential type
		const community = await timed(
			'execute community-package workflow',
			executeWorkflow(userFolder, 'e2eSmokeCommunity'),
		);
		expectOk(community, 'community');
		const smokeOut = nodeOutputJson(community.run, 'E2E Smoke');
		check(
			smokeOut[0]?.token === 'tok-123' && smokeOut[0]?.greeting === 'hello from e2e',
			`E2E Smoke output ${JSON.stringify(smokeOut)}`,
		);
		check(
			String(smokeOut[0]?.nodeVersion).startsWith('v24.'),
			`runs on Node 24: ${smokeOut[0]?.nodeVersion}`,
		);
		console.log(`    community node's require('n8n-workflow') -> ${smokeOut[0]?.n8nWorkflowPath}`);

		// 4. a failing workflow still yields the run, exit code 1 and the error
		const failing = await timed(
			'execute failing workflow',
			executeWorkflow(userFolder, 'e2eSmokeFailing1'),
		);
		check(
			!failing.ok && failing.code === 1,
			`failing workflow: ok=${failing.ok} code=${failing.code}`,
		);
		check(failing.run.status === 'error', `failing status ${failing.run.status}`);
		check(/boom-e2e/.test(failing.error?.message ?? ''), `error message ${failing.error?.message}`);
		check(nodeRun(failing.run, 'Boom').executionStatus === 'error', 'Boom node status');

		console.log(`\nOK: real n8n smoke test passed in ${Date.now() - started} ms`);
		for (const [label, ms] of timings) console.log(`  ${String(ms).padStart(6)} ms  ${label}`);
	} finally {
		await echo.close();
		if (process.env.N8N_E2E_KEEP !== '1') {
			userFolder.cleanup();
			rmSync(workDir, { recursive: true, force: true });
		} else {
			console.log(`kept ${userFolder.path} and ${workDir} (N8N_E2E_KEEP=1)`);
		}
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		process.exit(1);
	},
);
