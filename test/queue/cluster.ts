/**
 * A real n8n in queue mode: one main (`n8n start`, which takes the webhooks) and N workers
 * (`n8n worker --concurrency=C`), sharing Redis (Bull queue) and PostgreSQL, each with its own
 * N8N_USER_FOLDER holding the same package tarball in `.n8n/nodes`, as a user would install it
 * on every machine.
 */
import { request } from 'node:http';
import { join } from 'node:path';

import {
	E2E_ENCRYPTION_KEY,
	importCredentials,
	importWorkflow,
	N8nCommandError,
	n8nEnv,
	runN8n,
	type CredentialImport,
	type N8nPaths,
	type UserFolder,
	type WorkflowImport,
} from '../e2e/real-n8n';
import { freePort, startProcess, waitFor, type ManagedProcess } from './processes';

export interface ClusterConfig {
	paths: N8nPaths;
	redisPort: number;
	postgres: { port: number; database: string; user: string; password: string };
	/** Ports already taken (emulator, redis, postgres), so none is handed out twice. */
	usedPorts: Set<number>;
	logDir: string;
	workerConcurrency: number;
	/** Bull settings (ms); shorter than n8n's 60 s / 10 s / 30 s so a dead worker's jobs are noticed within the run. */
	lockDurationMs: number;
	lockRenewMs: number;
	stalledIntervalMs: number;
}

/** Settings shared by every n8n process of the cluster (and the CLI commands). */
export function sharedEnv(config: ClusterConfig): Record<string, string> {
	return {
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(config.postgres.port),
		DB_POSTGRESDB_DATABASE: config.postgres.database,
		DB_POSTGRESDB_USER: config.postgres.user,
		DB_POSTGRESDB_PASSWORD: config.postgres.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(config.redisPort),
		QUEUE_WORKER_LOCK_DURATION: String(config.lockDurationMs),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(config.lockRenewMs),
		QUEUE_WORKER_STALLED_INTERVAL: String(config.stalledIntervalMs),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Worker attribution reads "Worker finished execution <id>" lines, logged at info.
		N8N_LOG_LEVEL: 'info',
	};
}

/** Imports the credentials and the workflow, then publishes it (makes it live) for the next start. */
export async function provision(
	config: ClusterConfig,
	userFolder: UserFolder,
	credentials: CredentialImport[],
	workflow: WorkflowImport,
): Promise<number> {
	const started = Date.now();
	const options = { paths: config.paths, env: sharedEnv(config), timeoutMs: 180_000 };
	await importCredentials(userFolder, credentials, options);
	await importWorkflow(userFolder, workflow, options);
	const published = await runN8n(['publish:workflow', `--id=${workflow.id}`], {
		...options,
		userFolder,
	});
	if (published.code !== 0 || /Error updating database/.test(published.stdout)) {
		throw new N8nCommandError('n8n publish:workflow failed', published);
	}
	return Date.now() - started;
}

export interface N8nProcess extends ManagedProcess {
	role: 'main' | 'worker';
	/** Main: N8N_PORT. Worker: its health-check port. */
	port: number;
	/** Execution ids this worker logged as finished ("Worker finished execution <id>"). */
	finishedExecutions(): Set<string>;
	/** Execution ids this worker logged as started. */
	startedExecutions(): Set<string>;
}

function executionIds(log: string, verb: 'started' | 'finished'): Set<string> {
	const ids = new Set<string>();
	for (const match of log.matchAll(new RegExp(`Worker ${verb} execution (\\d+)`, 'g'))) {
		ids.add(match[1]);
	}
	return ids;
}

export async function startN8n(
	config: ClusterConfig,
	role: 'main' | 'worker',
	name: string,
	userFolder: UserFolder,
): Promise<N8nProcess> {
	const port = await freePort(config.usedPorts);
	const brokerPort = await freePort(config.usedPorts);
	const extra: Record<string, string> = {
		...sharedEnv(config),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
	};
	let args: string[];
	if (role === 'main') {
		Object.assign(extra, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		});
		args = ['start'];
	} else {
		Object.assign(extra, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		args = ['worker', `--concurrency=${config.workerConcurrency}`];
	}
	const env = n8nEnv(userFolder, config.paths, extra);
	const child = startProcess(name, config.paths.nodeBin, [config.paths.n8nBin, ...args], {
		env,
		cwd: userFolder.path,
		logFile: join(config.logDir, `${name}.log`),
	});
	return Object.assign(child, {
		role,
		port,
		finishedExecutions: () => executionIds(child.log(), 'finished'),
		startedExecutions: () => executionIds(child.log(), 'started'),
	});
}

export interface HttpAnswer {
	status: number;
	body: string;
}

/** One HTTP request to 127.0.0.1; rejects on network errors and after timeoutMs. */
export function httpCall(
	port: number,
	method: string,
	path: string,
	body?: unknown,
	options: { timeoutMs?: number; agent?: import('node:http').Agent } = {},
): Promise<HttpAnswer> {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method,
				path,
				agent: options.agent,
				headers: payload
					? { 'content-type': 'application/json', 'content-length': payload.length }
					: {},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', reject);
			},
		);
		req.setTimeout(options.timeoutMs ?? 30_000, () =>
			req.destroy(new Error(`no answer within ${options.timeoutMs ?? 30_000} ms`)),
		);
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

/** Waits for a worker's /healthz/readiness (database and Redis connected). */
export async function waitForWorker(worker: N8nProcess, timeoutMs: number): Promise<void> {
	await waitFor(
		`${worker.name} /healthz/readiness`,
		async () =>
			(await httpCall(worker.port, 'GET', '/healthz/readiness')).status === 200 ? true : undefined,
		{ timeoutMs, intervalMs: 500, process: [worker] },
	);
}
