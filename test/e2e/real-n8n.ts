/**
 * Drives a REAL n8n (installed by scripts/e2e/install-n8n.sh, outside the repo) headlessly:
 * a throw-away user folder per test, the package tarball installed into it the way a user
 * installs a community package by hand, credentials and workflows imported through the CLI,
 * and workflows run with `n8n execute --id=... --rawOutput`.
 *
 * Plain TypeScript for tsx (not jest). Only Node built-ins are used.
 *
 * Facts about n8n 2.40.7 this relies on (checked against its dist code and by running it):
 * - `execute` prints the run (an IRun) with `JSON.stringify(run, null, 2)` through the n8n
 *   LOGGER at level info (so N8N_LOG_LEVEL must stay info or lower), on stdout, after other log
 *   lines (task broker, Python runner warning, license SDK, the first run's migrations...).
 *   On a failed run it prints the same JSON after "Execution was NOT successful" and exits 1.
 * - `import:credentials` needs an array and an `id` on every credential (no id: SQLITE NOT NULL
 *   error, exit 1); `data` given as an object is encrypted on import; `type` is not validated.
 * - `import:workflow` needs `id` (else SQLITE NOT NULL error), `nodes` and `connections`;
 *   `versionId` is always regenerated, `active` is forced false, no `projects` needed (the
 *   workflow goes to the owner's personal project). A node refers to a credential with
 *   `credentials: { <type>: { id, name } }`; with only a name, import resolves it to the id.
 *   Re-importing the same workflow/credential id overwrites it.
 * - A credential id that does not exist makes `execute` fail before the run starts ("No active
 *   execution found", no run JSON); an unknown node type gives "Unrecognized node type: ...".
 * - Import/execute commands exit 1 on failure (the command's own catch logs, then exit code 1).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEFAULT_N8N_VERSION = '2.40.7';

/** Fixed key so that imported (encrypted) credentials are readable by every later command. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-adobe-flow-service-e2e-key';

const INSTALL_HINT = 'Run `bash scripts/e2e/install-n8n.sh` first (it takes a few minutes cold).';

export interface N8nPaths {
	/** Cache folder (N8N_E2E_CACHE or ~/.cache/n8n-nodes-adobe-flow-service). */
	cacheDir: string;
	/** Node 24 binary. */
	nodeBin: string;
	/** Folder holding `node` and `npm` of Node 24 (prepended to PATH for children). */
	nodeBinDir: string;
	/** npm's CLI script, run with nodeBin. */
	npmCli: string;
	/** n8n's bin script, run with nodeBin. */
	n8nBin: string;
	/** Installed n8n version. */
	n8nVersion: string;
}

export interface LocateOptions {
	cacheDir?: string;
	/** Defaults to N8N_VERSION or 2.40.7. */
	version?: string;
}

/** Finds Node 24 and n8n in the cache; throws telling to run install-n8n.sh if they are missing. */
export function locateN8n(options: LocateOptions = {}): N8nPaths {
	const cacheDir =
		options.cacheDir ??
		process.env.N8N_E2E_CACHE ??
		join(homedir(), '.cache', 'n8n-nodes-adobe-flow-service');
	const n8nVersion = options.version ?? process.env.N8N_VERSION ?? DEFAULT_N8N_VERSION;
	const nodeBinDir = join(cacheDir, 'node24', 'bin');
	const nodeBin = join(nodeBinDir, 'node');
	const npmCli = join(cacheDir, 'node24', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	const n8nDir = join(cacheDir, `n8n-${n8nVersion}`);
	const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const missing: string[] = [];
	if (!existsSync(join(cacheDir, 'node24', '.install-complete')) || !existsSync(nodeBin)) {
		missing.push(`Node 24 (${nodeBin})`);
	}
	if (!existsSync(npmCli)) missing.push(`npm for Node 24 (${npmCli})`);
	if (!existsSync(join(n8nDir, '.install-complete')) || !existsSync(n8nBin)) {
		missing.push(`n8n ${n8nVersion} (${n8nBin})`);
	}
	if (missing.length > 0) {
		throw new Error(`Real n8n not installed: missing ${missing.join(', ')}. ${INSTALL_HINT}`);
	}
	return { cacheDir, nodeBin, nodeBinDir, npmCli, n8nBin, n8nVersion };
}

export interface UserFolder {
	/** The N8N_USER_FOLDER; n8n keeps its data in `<path>/.n8n`. */
	path: string;
	/** `<path>/.n8n` (database.sqlite, config, nodes/). */
	n8nDir: string;
	/** `<path>/.n8n/nodes`, where community packages are installed. */
	nodesDir: string;
	/** Removes the whole folder. Safe to call twice. */
	cleanup(): void;
}

/** A fresh N8N_USER_FOLDER under os.tmpdir(), with `.n8n/` (and `.n8n/nodes/`) created. */
export function createUserFolder(prefix = 'n8n-e2e-'): UserFolder {
	const path = mkdtempSync(join(tmpdir(), prefix));
	const n8nDir = join(path, '.n8n');
	const nodesDir = join(n8nDir, 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	return {
		path,
		n8nDir,
		nodesDir,
		cleanup: () => rmSync(path, { recursive: true, force: true }),
	};
}

type UserFolderArg = string | UserFolder;

function userFolderPath(userFolder: UserFolderArg): string {
	return typeof userFolder === 'string' ? userFolder : userFolder.path;
}

export interface RunResult {
	/** Exit code (null when killed by a signal). */
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	/** True when the process was killed because it ran past timeoutMs. */
	timedOut: boolean;
	/** The command line, for messages. */
	command: string;
}

export interface RunOptions {
	userFolder: UserFolderArg;
	/** Extra/overriding environment variables (undefined removes a variable). */
	env?: Record<string, string | undefined>;
	/** Kill the process group after this long (default 180 s). */
	timeoutMs?: number;
	cwd?: string;
	paths?: N8nPaths;
}

/** A free TCP port on 127.0.0.1 (for n8n, its task broker, a browser's target...). */
export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * The environment n8n runs with: parent env minus things that must not leak (NODE_OPTIONS
 * from tsx/jest, npm_* from `npm run`, other N8N_* settings), plus a headless, offline setup.
 */
export function n8nEnv(
	userFolder: UserFolderArg,
	paths: N8nPaths,
	extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			/^(N8N_|DB_|npm_|NODE_OPTIONS$|NODE_ENV$|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$)/i.test(key)
		) {
			continue;
		}
		env[key] = value;
	}
	Object.assign(env, {
		PATH: `${paths.nodeBinDir}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolderPath(userFolder),
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		// Nothing phones home.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// Community packages in <userFolder>/.n8n/nodes are loaded at start.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_REINSTALL_MISSING: 'false',
		// Task runners (Code node) run as an internal child process; the broker port is set
		// per run (see runN8n) so that several n8n processes can run at once.
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Tests call local emulators on 127.0.0.1 (off by default in 2.40.7; kept off explicitly).
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		// `execute` prints the run JSON via logger.info: the level must not be above info.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: 'text',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		NO_COLOR: '1',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

async function runProcess(
	file: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number },
): Promise<RunResult> {
	const command = [file, ...args].join(' ');
	const started = Date.now();
	return await new Promise<RunResult>((resolveRun, reject) => {
		// Own process group, so a timeout also kills n8n's task-runner child.
		const child = spawn(file, args, {
			env: options.env,
			cwd: options.cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		let timedOut = false;
		const killGroup = (signal: NodeJS.Signals) => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, signal);
			} catch {
				// already gone
			}
		};
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup('SIGTERM');
			setTimeout(() => killGroup('SIGKILL'), 5000).unref();
		}, options.timeoutMs);
		const onParentExit = () => killGroup('SIGKILL');
		process.once('exit', onParentExit);
		child.on('error', (error) => {
			clearTimeout(timer);
			process.removeListener('exit', onParentExit);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			process.removeListener('exit', onParentExit);
			resolveRun({
				code,
				signal,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				durationMs: Date.now() - started,
				timedOut,
				command,
			});
		});
	});
}

/** Runs `<node24> <n8n bin> ...args` headless against the given user folder. */
export async function runN8n(args: string[], options: RunOptions): Promise<RunResult> {
	const paths = options.paths ?? locateN8n();
	const brokerPort = String(await freePort());
	const env = n8nEnv(options.userFolder, paths, {
		N8N_RUNNERS_BROKER_PORT: brokerPort,
		...options.env,
	});
	return await runProcess(paths.nodeBin, [paths.n8nBin, ...args], {
		env,
		cwd: options.cwd ?? userFolderPath(options.userFolder),
		timeoutMs: options.timeoutMs ?? 180_000,
	});
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

/** Error carrying the full result of a failed command. */
export class N8nCommandError extends Error {
	constructor(
		message: string,
		readonly result: RunResult,
	) {
		super(
			`${message} (exit ${result.code ?? result.signal}${result.timedOut ? ', timed out' : ''}, ` +
				`${result.durationMs} ms): ${result.command}\n--- stdout (tail) ---\n${tail(result.stdout)}` +
				`\n--- stderr (tail) ---\n${tail(result.stderr)}`,
		);
		this.name = 'N8nCommandError';
	}
}

export interface InstallOptions {
	/**
	 * Skip the package's peerDependencies (`--legacy-peer-deps`). Default TRUE, like n8n's own
	 * in-app installer (which strips peerDependencies): the package's `require('n8n-workflow')`
	 * then resolves to n8n's own copy (2.40.1 for n8n 2.40.7) and the install takes < 1 s.
	 * With false, a plain `npm install` (npm >= 7) also installs the peer `n8n-workflow` (the
	 * newest one, e.g. 2.41.0, ~140 MB, ~7 s) into `.n8n/nodes/node_modules`, and the package
	 * then loads THAT copy, not n8n's.
	 */
	omitPeerDeps?: boolean;
	timeoutMs?: number;
	paths?: N8nPaths;
}

/**
 * Installs a package tarball (from `npm pack`) into `<userFolder>/.n8n/nodes` the way a user
 * installs a community package by hand; n8n loads it at its next start.
 */
export async function installPackageTarball(
	userFolder: UserFolderArg,
	tarballPath: string,
	options: InstallOptions = {},
): Promise<RunResult> {
	const paths = options.paths ?? locateN8n();
	const tarball = resolve(tarballPath);
	if (!existsSync(tarball)) throw new Error(`Package tarball not found: ${tarball}`);
	const nodesDir = join(userFolderPath(userFolder), '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const packageJson = join(nodesDir, 'package.json');
	if (!existsSync(packageJson)) {
		// What n8n itself writes there (CommunityPackagesService.ensurePackageJson).
		writeFileSync(
			packageJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n',
		);
	}
	const args = [
		paths.npmCli,
		'install',
		tarball,
		'--omit=dev',
		'--ignore-scripts',
		'--no-audit',
		'--no-fund',
		'--no-update-notifier',
	];
	if (options.omitPeerDeps ?? true) args.push('--legacy-peer-deps');
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|NODE_OPTIONS$)/i.test(key)) continue;
		env[key] = value;
	}
	env.PATH = `${paths.nodeBinDir}:${process.env.PATH ?? ''}`;
	const result = await runProcess(paths.nodeBin, args, {
		env,
		cwd: nodesDir,
		timeoutMs: options.timeoutMs ?? 300_000,
	});
	if (result.code !== 0)
		throw new N8nCommandError('npm install of the package tarball failed', result);
	return result;
}

/** A credential as `n8n import:credentials` takes it. */
export interface CredentialImport {
	/** Required by n8n 2.40.7 (without it the import fails with a NOT NULL constraint). */
	id: string;
	name: string;
	/** Credential type name, e.g. `httpHeaderAuth` (not validated by the import). */
	type: string;
	/** Plain values; encrypted with N8N_ENCRYPTION_KEY on import. */
	data: Record<string, unknown>;
	[key: string]: unknown;
}

/** A workflow as `n8n import:workflow` takes it (see the notes at the top). */
export interface WorkflowImport {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		typeVersion: number;
		position: [number, number];
		parameters: Record<string, unknown>;
		id?: string;
		/** `{ <credentialType>: { id: '<credential id>', name: '<credential name>' } }` */
		credentials?: Record<string, { id: string; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

function writeTempJson(userFolder: UserFolderArg, stem: string, value: unknown): string {
	const dir = join(userFolderPath(userFolder), 'e2e-input');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${stem}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
	writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

/** `n8n import:credentials --input=<file>`; throws N8nCommandError when it fails. */
export async function importCredentials(
	userFolder: UserFolderArg,
	credentials: CredentialImport[],
	options: Omit<RunOptions, 'userFolder'> = {},
): Promise<RunResult> {
	for (const credential of credentials) {
		if (!credential.id)
			throw new Error(`Credential "${credential.name}" needs an id to be imported`);
	}
	const file = writeTempJson(userFolder, 'credentials', credentials);
	const result = await runN8n(['import:credentials', `--input=${file}`], {
		...options,
		userFolder,
	});
	if (result.code !== 0 || !/Successfully imported/.test(result.stdout)) {
		throw new N8nCommandError('n8n import:credentials failed', result);
	}
	return result;
}

/** `n8n import:workflow --input=<file>` (one workflow or an array); throws when it fails. */
export async function importWorkflow(
	userFolder: UserFolderArg,
	workflow: WorkflowImport | WorkflowImport[],
	options: Omit<RunOptions, 'userFolder'> = {},
): Promise<RunResult> {
	const file = writeTempJson(userFolder, 'workflow', workflow);
	const result = await runN8n(['import:workflow', `--input=${file}`], { ...options, userFolder });
	if (result.code !== 0 || !/Successfully imported/.test(result.stdout)) {
		throw new N8nCommandError('n8n import:workflow failed', result);
	}
	return result;
}

/** One item of a node's output. */
export interface N8nItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: unknown;
	error?: unknown;
}

/** One run of one node: `run.data.resultData.runData[nodeName][runIndex]`. */
export interface N8nTaskData {
	startTime: number;
	executionIndex: number;
	executionTime: number;
	executionStatus?: string;
	source: unknown[];
	hints?: unknown[];
	/** `data.main[outputIndex][itemIndex]` */
	data?: { main: Array<N8nItem[] | null> };
	error?: N8nErrorJson;
}

export interface N8nErrorJson {
	name?: string;
	message: string;
	description?: string | null;
	httpCode?: string;
	stack?: string;
	[key: string]: unknown;
}

/** What `n8n execute --rawOutput` prints (an IRun). */
export interface N8nRun {
	data: {
		version?: number;
		startData: Record<string, unknown>;
		resultData: {
			runData: Record<string, N8nTaskData[]>;
			lastNodeExecuted?: string;
			error?: N8nErrorJson;
		};
		executionData?: Record<string, unknown>;
		[key: string]: unknown;
	};
	mode: string;
	startedAt: string;
	stoppedAt?: string;
	status: string;
	finished?: boolean;
	[key: string]: unknown;
}

function isRun(value: unknown): value is N8nRun {
	if (typeof value !== 'object' || value === null) return false;
	const data = (value as { data?: unknown }).data;
	if (typeof data !== 'object' || data === null) return false;
	const resultData = (data as { resultData?: unknown }).resultData;
	return typeof resultData === 'object' && resultData !== null && 'runData' in resultData;
}

/**
 * Finds the run JSON in `execute`'s stdout. n8n prints it pretty (2 spaces) so it starts with
 * a line that is exactly `{` and ends with a line that is exactly `}`; log lines may come
 * before it (and, on failure, after it). Returns the last block that parses as a run.
 */
export function parseRunOutput(stdout: string): N8nRun | undefined {
	const lines = stdout.split(/\r?\n/);
	const starts: number[] = [];
	const ends: number[] = [];
	lines.forEach((line, index) => {
		if (line === '{') starts.push(index);
		if (line === '}') ends.push(index);
	});
	for (let s = starts.length - 1; s >= 0; s--) {
		for (const end of ends) {
			if (end <= starts[s]) continue;
			try {
				const value: unknown = JSON.parse(lines.slice(starts[s], end + 1).join('\n'));
				if (isRun(value)) return value;
			} catch {
				// not the end of this block; try the next `}` line
			}
		}
	}
	return undefined;
}

export interface ExecuteResult extends RunResult {
	/** The parsed run (also present when the workflow failed). */
	run: N8nRun;
	/** Exit code 0 and run status "success". */
	ok: boolean;
	/** `run.data.resultData.error` when the workflow failed. */
	error?: N8nErrorJson;
}

/**
 * `n8n execute --id=<id> --rawOutput` and the parsed run. Does not throw on a failed workflow
 * (check `ok`/`error`); throws N8nCommandError when no run JSON could be found in stdout.
 */
export async function executeWorkflow(
	userFolder: UserFolderArg,
	workflowId: string,
	options: Omit<RunOptions, 'userFolder'> = {},
): Promise<ExecuteResult> {
	const result = await runN8n(['execute', `--id=${workflowId}`, '--rawOutput'], {
		...options,
		userFolder,
	});
	const run = parseRunOutput(result.stdout);
	if (!run) {
		// Failures before the run starts print no run JSON, only "Execution error:\n====\n<message>".
		const reason = (
			/Execution error:\n=+\n(.+)/.exec(result.stdout)?.[1] ??
			/The workflow with the id ".*" does not exist\./.exec(result.stdout)?.[0]
		)?.trim();
		const hint =
			reason === 'No active execution found'
				? ' (n8n 2.40.7 says this when the run is refused before it starts, e.g. a node references a credential id that does not exist)'
				: '';
		throw new N8nCommandError(
			`n8n execute --id=${workflowId} printed no run data${reason ? `: ${reason}${hint}` : ''}`,
			result,
		);
	}
	const error = run.data.resultData.error;
	return { ...result, run, ok: result.code === 0 && run.status === 'success' && !error, error };
}

/** The json of the items a node put out: runData[nodeName][runIndex].data.main[output][*].json */
export function nodeOutputJson(
	run: N8nRun,
	nodeName: string,
	options: { runIndex?: number; output?: number } = {},
): Array<Record<string, unknown>> {
	const task = nodeRun(run, nodeName, options.runIndex);
	const items = task.data?.main[options.output ?? 0] ?? [];
	return items.map((item) => item.json);
}

/** runData[nodeName][runIndex]; throws listing the nodes that ran if it is missing. */
export function nodeRun(run: N8nRun, nodeName: string, runIndex = 0): N8nTaskData {
	const tasks = run.data.resultData.runData[nodeName];
	const task = tasks?.[runIndex];
	if (!task) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		throw new Error(`Node "${nodeName}" has no run #${runIndex}; nodes that ran: ${ran}`);
	}
	return task;
}

/** Reads a JSON file (e.g. a workflow fixture). */
export function readJson<T = unknown>(file: string): T {
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}
