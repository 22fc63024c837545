/**
 * A real `n8n start` for the browser tests: n8n 2.40.7 on Node 24 from the e2e cache
 * (scripts/e2e/install-n8n.sh), a throw-away user folder with this package's `npm pack` tarball
 * installed into `.n8n/nodes` as a user would, the Adobe IMS + Flow Service emulator running in
 * this process, an Adobe credential and a Redshift credential pointing at it, the example chain
 * workflow imported, and the owner account created through `POST /rest/owner/setup`.
 *
 * Facts about n8n 2.40.7 this relies on (read in its dist code):
 * - `POST /rest/owner/setup` (skipAuth) takes OwnerSetupRequestDto
 *   `{ email, firstName, lastName, password }`; the password needs 8-64 characters, a number and
 *   an upper-case letter. It answers 200 with the user and sets the auth cookie.
 * - `GET /healthz/readiness` answers 200 once the database is migrated and the server is up.
 * - The theme comes from `?theme=` or localStorage `N8N_THEME` (`light` | `dark`) and is put on
 *   `<body data-theme="...">`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { buildChain, caller } from '../emulator/chain';
import { getToken } from '../emulator/helpers';
import { DEFAULT_CREDENTIALS, startEmulator, type FlowServiceEmulator } from '../emulator/server';
import {
	createUserFolder,
	freePort,
	importCredentials,
	importWorkflow,
	installPackageTarball,
	locateN8n,
	n8nEnv,
	type N8nPaths,
	type UserFolder,
	type WorkflowImport,
} from '../e2e/real-n8n';

export const ROOT = resolve(__dirname, '..', '..');
export const EXAMPLE_WORKFLOW = join(ROOT, 'examples', 'redshift-connection-chain.workflow.json');
export const PACKAGE_NAME = 'n8n-nodes-adobe-flow-service';
export const NODE_TYPE = `${PACKAGE_NAME}.adobeFlowService`;

export const OWNER = {
	email: 'ui-test@example.com',
	firstName: 'Ui',
	lastName: 'Tester',
	password: 'UiTest-Passw0rd',
};

/** Imported credential ids / names (ids are free-form strings for n8n's import). */
export const ADOBE_CREDENTIAL = { id: 'uiAdobeCred00001', name: 'Adobe AEP (emulator)' };
export const REDSHIFT_CREDENTIAL = { id: 'uiRedshiftCred01', name: 'Redshift analytics cluster' };
export const WORKFLOW_ID = 'uiChainWorkflow1';
export const ALERT_WORKFLOW_ID = 'uiAlertWorkflow1';
export const ALERT_EXAMPLE = join(ROOT, 'examples', 'alert-on-failed-ingestion.workflow.json');
/** The dataflow the alert workflow's Fetch Test Event finds a failed run of. */
export const ALERT_DATAFLOW_NAME = 'Orders nightly';
export const REDSHIFT_PASSWORD = 'ui-redshift-Pa55word';

export interface UiInstance {
	baseUrl: string;
	port: number;
	paths: N8nPaths;
	userFolder: UserFolder;
	emulator: FlowServiceEmulator;
	workflowId: string;
	workflowName: string;
	/** The failed run seeded on the emulator for the alert workflow's Fetch Test Event. */
	failedRunId: string;
	/** Milliseconds spent on each set-up step. */
	timings: Array<[string, number]>;
	/** n8n's stdout+stderr so far (for failure messages). */
	log(): string;
	stop(): Promise<void>;
}

export interface StartOptions {
	/** Called with progress lines. */
	say?: (line: string) => void;
	/** Keep the user folder after stop (for debugging). */
	keep?: boolean;
}

/** Finds n8n in the e2e cache; installs it with scripts/e2e/install-n8n.sh when it is missing. */
export function ensureN8n(say: (line: string) => void): N8nPaths {
	try {
		return locateN8n();
	} catch (error) {
		say(`${(error as Error).message.split('.')[0]}; running scripts/e2e/install-n8n.sh`);
		const result = spawnSync('bash', [join(ROOT, 'scripts', 'e2e', 'install-n8n.sh')], {
			stdio: 'inherit',
		});
		if (result.status !== 0) throw new Error('scripts/e2e/install-n8n.sh failed');
		return locateN8n();
	}
}

/** `npm pack` of the built package into a temp folder; returns the tarball path. */
export function packPackage(): { tarball: string; cleanup(): void } {
	if (!existsSync(join(ROOT, 'dist', 'nodes', 'AdobeFlowService', 'AdobeFlowService.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const dir = mkdtempSync(join(tmpdir(), 'n8n-ui-pack-'));
	const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	const name = packed.stdout.trim().split('\n').pop() ?? '';
	return { tarball: join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The alert example, its Adobe credential the imported one (Slack's stays a placeholder). */
export function alertWorkflow(): WorkflowImport {
	return { ...exampleWorkflow(ALERT_EXAMPLE), id: ALERT_WORKFLOW_ID };
}

/** An example with its credential placeholders replaced by the imported ids. */
export function exampleWorkflow(file = EXAMPLE_WORKFLOW): WorkflowImport {
	const raw = readFileSync(file, 'utf8')
		.replace(/REPLACE_WITH_ADOBE_CREDENTIAL_ID/g, ADOBE_CREDENTIAL.id)
		.replace(/REPLACE_WITH_REDSHIFT_CREDENTIAL_ID/g, REDSHIFT_CREDENTIAL.id);
	const workflow = JSON.parse(raw) as WorkflowImport;
	for (const node of workflow.nodes) {
		if (node.credentials?.adobeFlowServiceApi) {
			node.credentials.adobeFlowServiceApi = { ...ADOBE_CREDENTIAL };
		}
		if (node.credentials?.amazonRedshiftSourceApi) {
			node.credentials.amazonRedshiftSourceApi = { ...REDSHIFT_CREDENTIAL };
		}
	}
	return { ...workflow, id: WORKFLOW_ID };
}

async function waitForReady(
	baseUrl: string,
	child: ChildProcess,
	log: () => string,
	timeoutMs = 180_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`n8n start exited (${child.exitCode ?? child.signalCode}):\n${log().slice(-4000)}`,
			);
		}
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`n8n did not become ready in ${timeoutMs} ms:\n${log().slice(-4000)}`);
}

export async function startUiInstance(options: StartOptions = {}): Promise<UiInstance> {
	const say = options.say ?? (() => {});
	const timings: Array<[string, number]> = [];
	const step = async <T>(label: string, work: () => Promise<T> | T): Promise<T> => {
		const started = Date.now();
		const value = await work();
		timings.push([label, Date.now() - started]);
		say(`${label}: ${Date.now() - started} ms`);
		return value;
	};

	const paths = await step('locate n8n', () => ensureN8n(say));
	const pack = await step('npm pack', () => packPackage());
	const userFolder = createUserFolder('n8n-ui-');
	let emulator: FlowServiceEmulator | undefined;
	let child: ChildProcess | undefined;
	const output: Buffer[] = [];
	const log = () => Buffer.concat(output).toString('utf8');

	const stop = async () => {
		if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
			const pid = child.pid;
			const exited = new Promise<void>((r) => child?.once('exit', () => r()));
			try {
				process.kill(-pid, 'SIGTERM');
			} catch {
				// already gone
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}, 10_000);
			await exited;
			clearTimeout(timer);
		}
		await emulator?.close();
		pack.cleanup();
		if (!options.keep) userFolder.cleanup();
	};

	try {
		await step('install package tarball', () =>
			installPackageTarball(userFolder, pack.tarball, { paths }),
		);
		emulator = await startEmulator();
		const emulatorUrl = emulator.url;
		await step('import credentials', () =>
			importCredentials(
				userFolder,
				[
					{
						...ADOBE_CREDENTIAL,
						type: 'adobeFlowServiceApi',
						data: {
							authentication: 'serverToServer',
							clientId: DEFAULT_CREDENTIALS.clientId,
							clientSecret: DEFAULT_CREDENTIALS.clientSecret,
							imsOrgId: DEFAULT_CREDENTIALS.imsOrgId,
							sandboxName: DEFAULT_CREDENTIALS.sandboxName,
							platformUrl: emulatorUrl,
							imsUrl: emulatorUrl,
						},
					},
					{
						...REDSHIFT_CREDENTIAL,
						type: 'amazonRedshiftSourceApi',
						data: {
							server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
							port: 5439,
							database: 'dev',
							schema: 'public',
							username: 'aep_reader',
							password: REDSHIFT_PASSWORD,
						},
					},
				],
				{ paths },
			),
		);
		const workflow = exampleWorkflow();
		await step('import workflow', () =>
			importWorkflow(userFolder, [workflow, alertWorkflow()], { paths }),
		);
		const failedRunId = await step('a dataflow with a failed run on the emulator', async () => {
			const token = await getToken(emulator!);
			const chain = await buildChain(
				caller(
					() => emulator!,
					() => token,
				),
				{ name: ALERT_DATAFLOW_NAME },
			);
			return emulator!.addRun(chain.flow as string, { outcome: 'failed' }).id;
		});

		const port = await freePort();
		const brokerPort = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		const env = n8nEnv(userFolder, paths, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_LOG_LEVEL: 'warn',
			// No onboarding calls out to n8n's servers from the browser either.
			N8N_ONBOARDING_FLOW_DISABLED: 'true',
			N8N_DIAGNOSTICS_ENABLED: 'false',
		});
		await step('n8n start (until ready)', async () => {
			child = spawn(paths.nodeBin, [paths.n8nBin, 'start'], {
				env,
				cwd: userFolder.path,
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			});
			child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
			child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
			const pid = child.pid;
			process.once('exit', () => {
				try {
					if (pid !== undefined) process.kill(-pid, 'SIGKILL');
				} catch {
					// already gone
				}
			});
			await waitForReady(baseUrl, child, log);
		});
		await step('owner setup (POST /rest/owner/setup)', async () => {
			const response = await fetch(`${baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
			if (!response.ok) {
				throw new Error(`owner setup answered ${response.status}: ${await response.text()}`);
			}
		});
		return {
			baseUrl,
			port,
			paths,
			userFolder,
			emulator,
			workflowId: WORKFLOW_ID,
			workflowName: workflow.name,
			failedRunId,
			timings,
			log,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Writes text next to other artifacts (for debugging a failed run). */
export function writeArtifact(dir: string, name: string, text: string): void {
	writeFileSync(join(dir, name), text);
}
