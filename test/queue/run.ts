/**
 * The package in a REAL n8n in queue mode, under load:
 *
 *   npm run build && npx tsx test/queue/run.ts      # exit 0 when every check passes
 *
 * Needs the real n8n from `bash scripts/e2e/install-n8n.sh`; installs redis-server and
 * postgresql with apt-get when they are missing (as root). Everything runs on 127.0.0.1, in
 * temp folders that are removed at the end; only the processes started here are stopped, by PID.
 *
 * Set-up: Redis + PostgreSQL on free ports, the Flow Service emulator in this process, the
 * package tarball (`npm pack`) installed into the user folder of each n8n process, an Adobe
 * credential pointing at the emulator, a Redshift credential, and a published workflow
 * Webhook POST /create-connection -> Create Redshift Connection (ifExists: reuse,
 * name = {{ $json.body.name }}) -> Respond to Webhook {id, reused, name, executionId};
 * then `n8n start` (main, takes the webhooks) and two `n8n worker --concurrency=5`.
 *
 * Readiness: a GET on the webhook path answers "not registered for GET ... POST" once the POST
 * webhook is live; it runs nothing, so no token is stored before the first call.
 *
 * Scenarios (webhook calls with distinct names, 20 at a time):
 *  0. cold start: 20 calls at once with no token stored: all succeed; IMS token calls between 1
 *     and workers x concurrency (n8n runs preAuthentication in every execution that finds the
 *     token field empty; nothing locks across executions);
 *  1. load, 200 calls: all succeed, 200 distinct connections, at most 2 new IMS token calls (the
 *     stored token serves both workers), both workers ran executions, no secret in any answer
 *     (nor in the execution data n8n stored);
 *  2. token expiry, 200 calls: the emulator revokes every token after 30% of the answers;
 *     all still succeed and only a few new tokens are fetched;
 *  3. worker killed, 200 calls: worker-1 SIGKILLed after 30% of the answers (the emulator
 *     answers after 250 ms here, like Adobe, so the worker dies mid-request): no duplicate
 *     connection; callers whose execution died get an error (n8n 2.40.7 does not re-run a
 *     stalled job: Bull maxStalledCount 0); the callers then retry those names, and
 *     create-or-reuse makes every name end with exactly one connection.
 *
 * Environment: N8N_QUEUE_REQUESTS (200), N8N_QUEUE_PARALLEL (20), N8N_QUEUE_KILL_LATENCY_MS
 * (250), N8N_QUEUE_KEEP=1 keeps the temp folder (logs) for inspection; N8N_E2E_CACHE and
 * N8N_VERSION as for the e2e tests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startEmulator, type FlowServiceEmulator } from '../emulator/server';
import {
	createUserFolder,
	installPackageTarball,
	locateN8n,
	type CredentialImport,
	type UserFolder,
	type WorkflowImport,
} from '../e2e/real-n8n';
import {
	httpCall,
	provision,
	startN8n,
	waitForWorker,
	type ClusterConfig,
	type N8nProcess,
} from './cluster';
import { isSuccess, percentile, runLoad, table, type Answer, type LoadResult } from './load';
import { freePort, killAllNow, stopAll, tail, waitFor } from './processes';
import { ensureServicesInstalled, startPostgres, startRedis, type Postgres } from './services';
import { writeQueueFigures } from '../../scripts/bench/queue-figures';

const REPO = resolve(__dirname, '..', '..');
const REQUESTS = Number(process.env.N8N_QUEUE_REQUESTS ?? 200);
const PARALLEL = Number(process.env.N8N_QUEUE_PARALLEL ?? 20);
const WORKERS = 2;
const WORKER_CONCURRENCY = 5;
const WEBHOOK_PATH = '/webhook/create-connection';
/** Emulator latency per request during scenario 3. */
const KILL_LATENCY_MS = Number(process.env.N8N_QUEUE_KILL_LATENCY_MS ?? 250);
/** A caller waits this long for an answer (the killed worker's jobs need lock expiry + a stall check). */
const CLIENT_TIMEOUT_MS = 120_000;
/** The whole run is aborted (and cleaned up) after this long. */
const RUN_DEADLINE_MS = 12 * 60_000;

const CLIENT_SECRET = 'queue-CLIENT-SECRET-4b1e9d2c7a6f3e80';
const REDSHIFT_PASSWORD = 'queue-Rs-P@ss-w0rd-5e7a1c9d';
const ADOBE_CREDENTIAL = { id: 'queueAdobeCred01', name: 'Adobe AEP (queue test)' };
const REDSHIFT_CREDENTIAL = { id: 'queueRedshift001', name: 'Redshift (queue test)' };
const WORKFLOW_ID = 'queueCreateConn1';

const runStarted = Date.now();
const phases: Array<[string, number]> = [];
const log = (line: string) =>
	console.log(`[queue ${((Date.now() - runStarted) / 1000).toFixed(1).padStart(6)}s] ${line}`);

async function phase<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	log(`${label}...`);
	const result = await work();
	phases.push([label, Date.now() - started]);
	return result;
}

function credentials(emu: FlowServiceEmulator): CredentialImport[] {
	return [
		{
			...ADOBE_CREDENTIAL,
			type: 'adobeFlowServiceApi',
			data: {
				authentication: 'serverToServer',
				clientId: emu.credentials.clientId,
				clientSecret: CLIENT_SECRET,
				scopes: 'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext',
				imsOrgId: emu.credentials.imsOrgId,
				sandboxName: 'prod',
				platformUrl: emu.url,
				imsUrl: emu.url,
				sessionToken: '',
			},
		},
		{
			...REDSHIFT_CREDENTIAL,
			type: 'amazonRedshiftSourceApi',
			data: {
				server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
				port: '5439',
				database: 'dev',
				schema: 'public',
				username: 'aep_reader',
				password: REDSHIFT_PASSWORD,
			},
		},
	];
}

const WORKFLOW: WorkflowImport = {
	id: WORKFLOW_ID,
	name: 'Queue test: create Redshift connection by webhook',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: '0b6f3d52-6b1a-4d0e-9f4e-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: '7d1f3c2a-9b8e-4f6d-a5c4-3b2a1f0e9d8c',
			parameters: {
				httpMethod: 'POST',
				path: 'create-connection',
				responseMode: 'responseNode',
				options: {},
			},
		},
		{
			id: '0b6f3d52-6b1a-4d0e-9f4e-000000000002',
			name: 'Create Redshift Connection',
			type: 'n8n-nodes-adobe-flow-service.adobeFlowService',
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'connection',
				operation: 'createRedshift',
				name: '={{ $json.body.name }}',
				redshiftCredentials: 'credential',
				additionalFields: { description: 'Created by the queue-mode test' },
				options: { ifExists: 'reuse' },
			},
			credentials: {
				adobeFlowServiceApi: ADOBE_CREDENTIAL,
				amazonRedshiftSourceApi: REDSHIFT_CREDENTIAL,
			},
		},
		{
			id: '0b6f3d52-6b1a-4d0e-9f4e-000000000003',
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [440, 0],
			parameters: {
				respondWith: 'json',
				responseBody:
					'={{ JSON.stringify({ id: $json.id, reused: $json.reused, name: $json.name, executionId: $execution.id }) }}',
				options: {},
			},
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Create Redshift Connection', type: 'main', index: 0 }]] },
		'Create Redshift Connection': {
			main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]],
		},
	},
};

interface ScenarioFigures {
	label: string;
	result: LoadResult;
	tokenCalls: number;
	unauthorized: number;
	/** Flow Service calls (GET listing pages, POST creates) the scenario caused. */
	flowCalls: number;
	perWorker: number[];
	/** Answers that are not a success, by kind. */
	failures: Map<string, number>;
}

const figures: ScenarioFigures[] = [];
const notes: string[] = [];

/** Connections in the emulator by name (only names with the prefix). */
function connectionsByName(emu: FlowServiceEmulator, prefix: string): Map<string, string[]> {
	const byName = new Map<string, string[]>();
	for (const connection of emu.connections.values()) {
		if (!connection.name.startsWith(prefix)) continue;
		byName.set(connection.name, [...(byName.get(connection.name) ?? []), connection.id]);
	}
	return byName;
}

function describeFailure(answer: Answer): string {
	if (answer.status === 0) return `no answer (${answer.error})`;
	const message =
		typeof answer.json?.message === 'string' ? answer.json.message : answer.body.slice(0, 120);
	return `HTTP ${answer.status} ${message}`;
}

function countFailures(answers: Answer[]): Map<string, number> {
	const kinds = new Map<string, number>();
	for (const answer of answers) {
		if (isSuccess(answer)) continue;
		const kind = describeFailure(answer);
		kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
	}
	return kinds;
}

/**
 * Which worker ran each answered execution, from its "Worker started execution <id>" lines
 * (logged before the run; "finished" is logged after the answer went out, so it may lag).
 */
function attribute(answers: Answer[], workers: N8nProcess[]): number[] {
	const started = workers.map((worker) => worker.startedExecutions());
	return started.map(
		(ids) =>
			answers.filter((a) => isSuccess(a) && ids.has(String(a.json?.executionId ?? ''))).length,
	);
}

function assertNoSecrets(emu: FlowServiceEmulator, answers: Answer[], pg: Postgres): void {
	const secrets = [CLIENT_SECRET, REDSHIFT_PASSWORD, ...emu.tokensIssued];
	for (const answer of answers) {
		for (const secret of secrets) {
			assert.ok(
				!answer.body.includes(secret),
				`a webhook answer for "${answer.name}" contains a secret (${secret.slice(0, 6)}...)`,
			);
		}
	}
	// What n8n stored for the executions: none of the secrets either. (Control: the same query
	// does find a value that is there, the name sent to the first call.)
	const control = pg.query(
		`SELECT count(*) FROM execution_data WHERE strpos(data, '${answers[0].name}') > 0`,
		'n8n',
	);
	assert.ok(Number(control) >= 1, `execution data search finds "${answers[0].name}" (${control})`);
	for (const secret of secrets) {
		const hits = pg.query(
			`SELECT count(*) FROM execution_data WHERE strpos(data, '${secret.replace(/'/g, "''")}') > 0`,
			'n8n',
		);
		assert.equal(
			hits,
			'0',
			`execution data stored by n8n contains a secret (${secret.slice(0, 6)}...)`,
		);
	}
}

function names(prefix: string, count = REQUESTS): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
}

function summarise(
	label: string,
	result: LoadResult,
	extra: Omit<ScenarioFigures, 'label' | 'result' | 'failures'>,
): ScenarioFigures {
	const entry = { label, result, failures: countFailures(result.answers), ...extra };
	figures.push(entry);
	const ok = result.answers.filter(isSuccess);
	const latencies = ok.map((a) => a.ms);
	log(
		`${label}: ${ok.length}/${result.answers.length} ok in ${(result.wallMs / 1000).toFixed(1)} s, ` +
			`p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, ` +
			`token calls ${extra.tokenCalls}, 401s ${extra.unauthorized}, per worker ${extra.perWorker.join('/')}`,
	);
	for (const [kind, count] of entry.failures) log(`  ${count} x ${kind}`);
	return entry;
}

async function main(): Promise<void> {
	const paths = locateN8n();
	const base = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
	chmodSync(base, 0o711);
	const logDir = join(base, 'logs');
	mkdirSync(logDir);
	const folders: UserFolder[] = [];
	let emu: FlowServiceEmulator | undefined;
	let cleaning: Promise<void> | undefined;
	let cleanedUp = false;
	const removeFolders = () => {
		for (const folder of folders) folder.cleanup();
		if (process.env.N8N_QUEUE_KEEP === '1') log(`kept ${base} (N8N_QUEUE_KEEP=1)`);
		else rmSync(base, { recursive: true, force: true });
	};
	// One clean-up, however many ways (end, failure, signal, deadline) ask for it.
	const cleanup = () =>
		(cleaning ??= (async () => {
			// n8n first (it holds database and Redis connections), then postgres, then redis.
			await stopAll([
				(p) => p.name.startsWith('n8n-'),
				(p) => p.name === 'postgres',
				(p) => p.name === 'redis',
			]);
			await emu?.close();
			removeFolders();
			cleanedUp = true;
		})());
	let signalled = false;
	const onSignal = (signal: NodeJS.Signals) => {
		// `on`, not `once`: a second Ctrl-C (tsx relays the signal too) must not kill this
		// process before it has stopped what it started.
		if (signalled) return;
		signalled = true;
		log(`${signal}: stopping what this run started`);
		void cleanup().finally(() => process.exit(130));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	// Last resort (process.exit before clean-up finished): SIGKILL the groups, remove the folders.
	process.once('exit', () => {
		if (cleanedUp) return;
		killAllNow();
		try {
			removeFolders();
		} catch {
			// nothing more to do
		}
	});
	const deadline = setTimeout(() => {
		log(`run took longer than ${RUN_DEADLINE_MS / 60000} min: aborting`);
		void cleanup().finally(() => process.exit(1));
	}, RUN_DEADLINE_MS);
	deadline.unref();

	let main: N8nProcess | undefined;
	const workers: N8nProcess[] = [];
	try {
		ensureServicesInstalled(log);
		log(`n8n ${paths.n8nVersion} (${paths.n8nBin}), temp folder ${base}`);
		const usedPorts = new Set<number>();
		const emulatorPort = await freePort(usedPorts);
		emu = await startEmulator({ port: emulatorPort, clientSecret: CLIENT_SECRET });
		const redisPort = await freePort(usedPorts);
		const pgPort = await freePort(usedPorts);

		const [, pg, tarball] = await phase(
			'start redis + postgres, npm pack, install the package',
			async () => {
				const services = Promise.all([
					startRedis(join(base, 'redis'), redisPort),
					startPostgres(join(base, 'pg'), pgPort),
				]);
				const packed = spawnSync(
					paths.nodeBin,
					[paths.npmCli, 'pack', '--silent', '--ignore-scripts', '--pack-destination', base],
					{
						cwd: REPO,
						encoding: 'utf8',
						env: { ...process.env, PATH: `${paths.nodeBinDir}:${process.env.PATH ?? ''}` },
					},
				);
				assert.equal(
					packed.status,
					0,
					`npm pack failed (did \`npm run build\` run?): ${packed.stderr}`,
				);
				const file = join(base, packed.stdout.trim().split('\n').pop() as string);
				for (const role of [
					'main',
					...Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`),
				]) {
					const folder = createUserFolder(`n8n-queue-${role}-`);
					folders.push(folder);
					await installPackageTarball(folder, file, { paths });
				}
				const [redis, postgres] = await services;
				return [redis, postgres, file] as const;
			},
		);
		log(`emulator ${emu.url}, redis :${redisPort}, postgres :${pgPort}, tarball ${tarball}`);

		const config: ClusterConfig = {
			paths,
			redisPort,
			postgres: pg,
			usedPorts,
			logDir,
			workerConcurrency: WORKER_CONCURRENCY,
			lockDurationMs: 15_000,
			lockRenewMs: 5_000,
			stalledIntervalMs: 5_000,
		};
		await phase('import credentials + workflow, publish:workflow', () =>
			provision(config, folders[0], credentials(emu as FlowServiceEmulator), WORKFLOW),
		);

		const startedAt = Date.now();
		await phase('start n8n main + 2 workers, wait for the webhook', async () => {
			main = await startN8n(config, 'main', 'n8n-main', folders[0]);
			for (let i = 0; i < WORKERS; i++) {
				workers.push(await startN8n(config, 'worker', `n8n-worker-${i + 1}`, folders[i + 1]));
			}
			await Promise.all(workers.map((worker) => waitForWorker(worker, 120_000)));
			const mainPort = main.port;
			// The production webhook is registered some seconds after start. Until then any call
			// answers 404 "...is not registered."; once it is, a GET answers 404 "This webhook is
			// not registered for GET requests. Did you mean to make a POST request?", which runs
			// nothing: the first calls then find no token stored (cold), as after a deployment.
			const probe = await waitFor(
				`GET ${WEBHOOK_PATH} to show the POST webhook is registered`,
				async () => {
					const answer = await httpCall(mainPort, 'GET', WEBHOOK_PATH);
					return /not registered for GET requests\. Did you mean to make a POST/.test(answer.body)
						? answer
						: undefined;
				},
				{ timeoutMs: 120_000, intervalMs: 1000, process: [main, ...workers] },
			);
			log(
				`webhook registered ${((Date.now() - startedAt) / 1000).toFixed(1)} s after start (GET: ${probe.status})`,
			);
		});
		assert.ok(main);
		const mainPort = main.port;
		assert.equal(emu.tokensIssued.length, 0, 'no token fetched before the first call');
		const load = (prefix: string, onAnswer?: (answered: number) => void, count = REQUESTS) =>
			runLoad({
				port: mainPort,
				path: WEBHOOK_PATH,
				names: names(prefix, count),
				parallel: PARALLEL,
				timeoutMs: CLIENT_TIMEOUT_MS,
				onAnswer,
			});
		const flowCallsFrom = (index: number) =>
			emu!.requests.slice(index).filter((r) => r.service === 'flow');

		// ------------------------------------------------------------------ 0. cold start
		await phase(`scenario 0: ${PARALLEL} creates at once, no token stored yet`, async () => {
			const emuNow = emu as FlowServiceEmulator;
			const requestsBefore = emuNow.requests.length;
			const result = await load('cold', undefined, PARALLEL);
			const entry = summarise('0. cold burst', result, {
				tokenCalls: emuNow.tokensIssued.length,
				unauthorized: flowCallsFrom(requestsBefore).filter((r) => r.status === 401).length,
				flowCalls: flowCallsFrom(requestsBefore).length,
				perWorker: attribute(result.answers, workers),
			});
			const failed = result.answers.filter((a) => !isSuccess(a));
			assert.equal(
				failed.length,
				0,
				`${failed.length} calls failed: ${[...entry.failures.keys()].join('; ')}`,
			);
			// n8n runs preAuthentication in each execution that finds the token field empty, with no
			// lock across executions or workers: at most one token per execution slot.
			const bound = WORKERS * WORKER_CONCURRENCY;
			assert.ok(
				emuNow.tokensIssued.length >= 1 && emuNow.tokensIssued.length <= bound,
				`IMS token calls at a cold start: ${emuNow.tokensIssued.length} (1..${bound})`,
			);
			assertNoSecrets(emuNow, result.answers, pg);
		});

		// ------------------------------------------------------------------ 1. load
		await phase(`scenario 1: ${REQUESTS} creates, ${PARALLEL} in parallel`, async () => {
			const emuNow = emu as FlowServiceEmulator;
			emuNow.connections.clear();
			const requestsBefore = emuNow.requests.length;
			const tokensBefore = emuNow.tokensIssued.length;
			const result = await load('load');
			const newTokens = emuNow.tokensIssued.length - tokensBefore;
			const entry = summarise('1. load', result, {
				tokenCalls: newTokens,
				unauthorized: flowCallsFrom(requestsBefore).filter((r) => r.status === 401).length,
				flowCalls: flowCallsFrom(requestsBefore).length,
				perWorker: attribute(result.answers, workers),
			});
			const failed = result.answers.filter((a) => !isSuccess(a));
			assert.equal(
				failed.length,
				0,
				`${failed.length} calls failed: ${[...entry.failures.keys()].join('; ')}`,
			);
			const byName = connectionsByName(emuNow, 'load-');
			assert.equal(byName.size, REQUESTS, `connections with distinct names: ${byName.size}`);
			const duplicated = [...byName].filter(([, ids]) => ids.length > 1);
			assert.equal(
				duplicated.length,
				0,
				`names with several connections: ${duplicated.map(([n]) => n).join(', ')}`,
			);
			for (const answer of result.answers) {
				assert.deepEqual(
					byName.get(answer.name),
					[answer.json?.id],
					`answer for ${answer.name} names its connection`,
				);
				assert.equal(answer.json?.reused, false, `${answer.name} was created, not reused`);
			}
			// With a token stored, every execution on every worker uses it.
			assert.ok(newTokens <= 2, `IMS token calls during the load: ${newTokens} (at most 2)`);
			assert.ok(
				entry.perWorker.every((count) => count > 0),
				`both workers ran executions (per worker: ${entry.perWorker.join('/')})`,
			);
			assert.equal(
				entry.perWorker.reduce((a, b) => a + b, 0),
				REQUESTS,
				'every execution is found in exactly one worker log',
			);
			assertNoSecrets(emuNow, result.answers, pg);
		});

		// ------------------------------------------------------------------ 2. token expiry
		await phase('scenario 2: token revoked after 30% of the answers', async () => {
			const emuNow = emu as FlowServiceEmulator;
			emuNow.connections.clear();
			const tokensBefore = emuNow.tokensIssued.length;
			const requestsBefore = emuNow.requests.length;
			let expiredAt = 0;
			const result = await load('expiry', (answered) => {
				if (!expiredAt && answered >= Math.round(REQUESTS * 0.3)) {
					expiredAt = Date.now();
					emuNow.expireTokens();
					log(`  ${answered} answered: every token revoked`);
				}
			});
			const unauthorized = flowCallsFrom(requestsBefore).filter((r) => r.status === 401).length;
			const newTokens = emuNow.tokensIssued.length - tokensBefore;
			const entry = summarise('2. token expiry', result, {
				tokenCalls: newTokens,
				unauthorized,
				flowCalls: flowCallsFrom(requestsBefore).length,
				perWorker: attribute(result.answers, workers),
			});
			const failed = result.answers.filter((a) => !isSuccess(a));
			assert.equal(
				failed.length,
				0,
				`${failed.length} calls failed after the token expired: ${[...entry.failures.keys()].join('; ')}`,
			);
			const byName = connectionsByName(emuNow, 'expiry-');
			assert.equal(byName.size, REQUESTS, `connections with distinct names: ${byName.size}`);
			assert.ok(
				[...byName.values()].every((ids) => ids.length === 1),
				'no name has two connections',
			);
			assert.ok(unauthorized > 0, 'the revoked token was actually used (some 401s)');
			const bound = WORKERS * WORKER_CONCURRENCY;
			assert.ok(
				newTokens >= 1 && newTokens <= bound,
				`new tokens after expiry: ${newTokens} (1..${bound})`,
			);
			assertNoSecrets(emuNow, result.answers, pg);
		});

		// ------------------------------------------------------------------ 3. worker killed
		await phase(
			`scenario 3: worker-1 SIGKILLed after 30% of the answers (emulator latency ${KILL_LATENCY_MS} ms)`,
			async () => {
				const emuNow = emu as FlowServiceEmulator;
				emuNow.connections.clear();
				const tokensBefore = emuNow.tokensIssued.length;
				const requestsBefore = emuNow.requests.length;
				const maxId = Number(pg.query('SELECT coalesce(max(id), 0) FROM execution_entity', 'n8n'));
				const victim = workers[0];
				// Adobe-like latency, so that the killed worker is caught mid-request (often mid-create):
				// the emulator still completes a create whose caller died, as Adobe would.
				emuNow.setLatency(KILL_LATENCY_MS);
				let killedAt = 0;
				let inFlightAtKill = new Set<string>();
				const result = await load('kill', (answered) => {
					if (!killedAt && answered >= Math.round(REQUESTS * 0.3)) {
						killedAt = Date.now();
						const started = victim.startedExecutions();
						const finished = victim.finishedExecutions();
						inFlightAtKill = new Set([...started].filter((id) => !finished.has(id)));
						victim.signal('SIGKILL');
						log(
							`  ${answered} answered: SIGKILL to ${victim.name} (pid ${victim.pid}); ` +
								`executions it had started and not finished: ${[...inFlightAtKill].join(', ') || 'none'}`,
						);
					}
				});
				const entry = summarise(`3. worker killed (+${KILL_LATENCY_MS} ms)`, result, {
					tokenCalls: emuNow.tokensIssued.length - tokensBefore,
					unauthorized: flowCallsFrom(requestsBefore).filter((r) => r.status === 401).length,
					flowCalls: flowCallsFrom(requestsBefore).length,
					perWorker: attribute(result.answers, workers),
				});
				await victim.exited;
				emuNow.setLatency(0);
				const failed = result.answers.filter((a) => !isSuccess(a));
				const byName = connectionsByName(emuNow, 'kill-');
				const duplicated = [...byName].filter(([, ids]) => ids.length > 1);
				const orphaned = failed.filter((a) => byName.has(a.name));
				const lost = failed.filter((a) => !byName.has(a.name));
				const noAnswer = failed.filter((a) => a.status === 0);
				const rerunByOther = [...inFlightAtKill].filter((id) =>
					workers[1].startedExecutions().has(id),
				);
				const statuses = pg.query(
					`SELECT status || '=' || count(*) FROM execution_entity WHERE id > ${maxId} GROUP BY status ORDER BY status`,
					'n8n',
				);
				const errorCount = Number(/(?:^|\n)error=(\d+)/.exec(statuses)?.[1] ?? 0);
				const answeredThenDied = Math.max(0, errorCount - failed.length);
				const errorWaits = failed.map((a) => a.startedAt + a.ms - killedAt);
				const seconds = (ms: number) => (ms / 1000).toFixed(1);
				const failedText =
					failed.length === 0
						? '0 callers got an error'
						: `${failed.length} callers got an error (${failed.length - noAnswer.length} with an HTTP answer, ` +
							`${noAnswer.length} without) ${seconds(Math.min(...errorWaits))}-${seconds(Math.max(...errorWaits))} s after the kill, ` +
							`e.g. ${failed[0].status ? `HTTP ${failed[0].status} ${failed[0].body.slice(0, 80)}` : failed[0].error}; ` +
							`of those, ${orphaned.length} had their connection created before the worker died and ${lost.length} had not`;
				notes.push(
					`Worker killed: ${inFlightAtKill.size} executions logged as started and not finished on it; ${failedText}; ` +
						`re-run by the other worker: ${rerunByOther.length} (n8n sets Bull maxStalledCount 0); duplicates: ${duplicated.length}; ` +
						`execution statuses in Postgres: ${statuses.replace(/\n/g, ', ')}` +
						(answeredThenDied > 0
							? ` (${answeredThenDied} of the dead worker's executions had already answered their caller: the caller got 200, n8n records an error).`
							: '.'),
				);
				log(`  ${notes[notes.length - 1]}`);
				assert.equal(
					duplicated.length,
					0,
					`names with several connections: ${duplicated.map(([n]) => n).join(', ')}`,
				);
				for (const answer of result.answers.filter(isSuccess)) {
					assert.deepEqual(
						byName.get(answer.name),
						[answer.json?.id],
						`answer for ${answer.name} names its connection`,
					);
				}
				assert.equal(rerunByOther.length, 0, 'n8n 2.40.7 does not re-run a stalled job');
				for (const answer of failed) {
					assert.ok(
						answer.status >= 500 || answer.status === 0,
						`failed call for ${answer.name} got a clear error, not ${answer.status} ${answer.body.slice(0, 100)}`,
					);
				}
				assert.ok(
					failed.length <= WORKER_CONCURRENCY,
					`at most the killed worker's ${WORKER_CONCURRENCY} in-flight executions fail (got ${failed.length})`,
				);

				// The callers retry what failed; create-or-reuse must not create a second connection.
				if (failed.length > 0) {
					const retry = await runLoad({
						port: mainPort,
						path: WEBHOOK_PATH,
						names: failed.map((a) => a.name),
						parallel: Math.min(PARALLEL, failed.length),
						timeoutMs: CLIENT_TIMEOUT_MS,
					});
					const retriedOk = retry.answers.filter(isSuccess);
					assert.equal(
						retriedOk.length,
						failed.length,
						`retries that succeeded: ${retriedOk.length}/${failed.length}`,
					);
					for (const answer of retry.answers) {
						const wasOrphaned = orphaned.some((a) => a.name === answer.name);
						assert.equal(
							answer.json?.reused,
							wasOrphaned,
							`retry of ${answer.name}: reused=${String(answer.json?.reused)}`,
						);
					}
					notes.push(
						`Callers retried the ${failed.length} failed names: ${retry.answers.filter((a) => a.json?.reused === true).length} reused the connection ` +
							`the dead worker had created, ${retry.answers.filter((a) => a.json?.reused === false).length} created it.`,
					);
					log(`  ${notes[notes.length - 1]}`);
				}
				// What n8n's database says about the executions that died with the worker, a little later.
				await new Promise((r) => setTimeout(r, 5000));
				const leftOver = pg.query(
					`SELECT status || '=' || count(*) FROM execution_entity WHERE id > ${maxId} AND status <> 'success' GROUP BY status ORDER BY status`,
					'n8n',
				);
				notes.push(
					`${((Date.now() - killedAt) / 1000).toFixed(0)} s after the kill, executions not 'success' in Postgres: ${leftOver.replace(/\n/g, ', ') || 'none'}` +
						(/running|new/.test(leftOver)
							? " (main marks dangling ones 'crashed' only in its queue recovery: at start, then every N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL = 180 min)."
							: '.'),
				);
				log(`  ${notes[notes.length - 1]}`);
				const after = connectionsByName(emuNow, 'kill-');
				assert.equal(
					after.size,
					REQUESTS,
					`every requested name has a connection (${after.size}/${REQUESTS})`,
				);
				assert.ok(
					[...after.values()].every((ids) => ids.length === 1),
					'every name has exactly one connection',
				);
				assertNoSecrets(emuNow, [...result.answers], pg);
				void entry;
			},
		);

		printReport();
		saveFigures(paths.n8nVersion);
		log(`OK: queue-mode checks passed in ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
	} catch (error) {
		printReport();
		for (const p of [main, ...workers]) {
			if (p) console.error(`--- ${p.name} (${p.logFile}) tail ---\n${tail(p.log(), 25)}`);
		}
		throw error;
	} finally {
		clearTimeout(deadline);
		await cleanup();
	}
}

/** For `npm run bench`, which reports the latest queue-mode throughput. */
function saveFigures(n8nVersion: string): void {
	writeQueueFigures({
		at: new Date().toISOString(),
		n8nVersion,
		loadChecksPassed: true,
		scenarios: figures.map((f) => {
			const ok = f.result.answers.filter(isSuccess).length;
			return {
				label: f.label,
				ok,
				total: f.result.answers.length,
				wallMs: f.result.wallMs,
				executionsPerSecond: ok / (f.result.wallMs / 1000),
			};
		}),
	});
}

function printReport(): void {
	if (figures.length === 0) return;
	const rows = figures.map((f) => {
		const ok = f.result.answers.filter(isSuccess);
		const latencies = ok.map((a) => a.ms);
		return [
			f.label,
			`${ok.length}/${f.result.answers.length}`,
			(f.result.wallMs / 1000).toFixed(1),
			(ok.length / (f.result.wallMs / 1000)).toFixed(1),
			percentile(latencies, 50),
			percentile(latencies, 95),
			Math.max(...latencies),
			f.tokenCalls,
			f.unauthorized,
			(f.flowCalls / f.result.answers.length).toFixed(1),
			f.perWorker.join('/'),
		];
	});
	console.log(
		`\nWebhook calls with distinct names, ${PARALLEL} in parallel; n8n main + ${WORKERS} workers x concurrency ${WORKER_CONCURRENCY}\n` +
			table(
				[
					'scenario',
					'ok',
					'wall s',
					'exec/s',
					'p50 ms',
					'p95 ms',
					'max ms',
					'IMS tokens',
					'401s',
					'Flow calls/exec',
					'per worker',
				],
				rows,
			),
	);
	console.log(
		'(IMS tokens: token calls made during the scenario; 401s: Flow Service calls refused with the revoked token; Flow calls/exec: listing pages + creates per webhook call — each execution lists the connections of the spec once, for Reuse It.)',
	);
	for (const note of notes) console.log(`- ${note}`);
	console.log(
		`\nPhases:\n${phases.map(([label, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${label}`).join('\n')}`,
	);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(
			`\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
		);
		process.exit(1);
	},
);
