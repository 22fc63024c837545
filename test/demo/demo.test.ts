import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

import {
	DemoError,
	guardNetworkToLoopback,
	makeRedactor,
	ROOT,
	runDemo as runAnyDemo,
	CONNECTION_CHAIN_WORKFLOW,
	type DemoSummary,
} from '../../scripts/demo';
import type { INodeProperties } from 'n8n-workflow';

import { AdobeFlowService } from '../../nodes/AdobeFlowService/AdobeFlowService.node';
import { startEmulator, type FlowServiceEmulator } from '../emulator/server';

/** These tests pin the shorter chain; the onboarding chain has its own suite. */
const runDemo = (options: Parameters<typeof runAnyDemo>[0]) =>
	runAnyDemo({ workflowPath: CONNECTION_CHAIN_WORKFLOW, ...options });

// n8n-core writes an instance config into $N8N_USER_FOLDER/.n8n; never into a real home.
process.env.N8N_USER_FOLDER ??= join(ROOT, '.n8n-test');

/** Unusual on purpose: quotes, slashes, spaces, & and + change under every encoding. */
const CLIENT_SECRET = 'emu-S3cret/"quoted" &plus+=';
const REDSHIFT_PASSWORD = 'Rs-P@ss w0rd/"quoted"&more+';
const FLOW = '/data/foundation/flowservice';

/** Every form a secret can take in a log line. */
function forms(secret: string): string[] {
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		JSON.stringify(secret).slice(1, -1),
	];
}

function expectNoSecrets(printed: string, secrets: string[]): void {
	expect(secrets.length).toBeGreaterThan(0);
	for (const secret of secrets) {
		for (const form of forms(secret)) expect(printed).not.toContain(form);
	}
	expect(printed).not.toMatch(/Bearer (?!\*\*\*)\S/);
}

function collect(): { log: (line: string) => void; lines: string[]; text: () => string } {
	const lines: string[] = [];
	return { log: (line) => lines.push(line), lines, text: () => lines.join('\n') };
}

async function emulator(): Promise<FlowServiceEmulator> {
	return startEmulator({ clientSecret: CLIENT_SECRET });
}

describe('npm run demo (runDemo) against the emulator', () => {
	let emu: FlowServiceEmulator;
	beforeEach(async () => {
		emu = await emulator();
	});
	afterEach(async () => {
		await emu.close();
	});

	it('runs the example chain and prints each node, the message and the requests', async () => {
		const out = collect();
		const summary = await runDemo({
			log: out.log,
			env: {},
			nodeSource: 'source',
			emulator: emu,
			redshift: { password: REDSHIFT_PASSWORD },
		});
		const printed = out.text();

		// What Adobe (the emulator) actually holds.
		expect(emu.connections.size).toBe(1);
		const [stored] = [...emu.connections.values()];
		expect(stored.auth.params.password).toBe(REDSHIFT_PASSWORD);

		expect(summary.mode).toBe('emulator');
		expect(summary.spec).toEqual({
			id: '3416976c-a9ca-4bba-901a-1f08f66978ff',
			name: 'amazon-redshift',
			version: '1.0',
		});
		expect(summary.connection).toEqual({
			id: stored.id,
			etag: stored.etag,
			name: stored.name,
			reused: false,
		});
		expect(summary.message).toBe(
			`:white_check_mark: New AEP source connection *Redshift analytics (n8n demo)* (${stored.id}) for amazon-redshift v1.0`,
		);
		expect(summary.nodes.map((node) => node.name)).toEqual([
			'When clicking "Execute workflow"',
			'Get Connection Spec',
			'Create Redshift Connection',
			'Format Slack Message',
		]);

		expect(printed).toContain('3416976c-a9ca-4bba-901a-1f08f66978ff');
		expect(printed).toContain(stored.id);
		expect(printed).toContain(stored.etag);
		expect(printed).toContain(summary.message);
		expect(printed).toMatch(/POST \/ims\/token\/v3 +→ 200/);
		expect(printed).toMatch(
			new RegExp(`GET ${FLOW}/connectionSpecs\\?property=name=="amazon-redshift" +→ 200`),
		);
		expect(printed).toMatch(new RegExp(`POST ${FLOW}/connections +→ 201`));
		expect(printed).toContain('Authorization: Bearer *** yes');
		expect(printed).toContain('x-sandbox-name prod');
		expect(printed).toMatch(
			new RegExp(`^OK: 4 nodes ran, \\d+ HTTP requests, connection ${stored.id} created`, 'm'),
		);
		// IMS first, then the spec, then the create; a lookup of existing connections may come between.
		const calls = summary.requests.map((r) => `${r.method} ${r.target.split('?')[0]} ${r.status}`);
		expect(calls[0]).toBe('POST /ims/token/v3 200');
		expect(calls[1]).toBe(`GET ${FLOW}/connectionSpecs 200`);
		expect(calls[calls.length - 1]).toBe(`POST ${FLOW}/connections 201`);
		expect(calls.slice(2, -1).every((call) => call.startsWith(`GET ${FLOW}/connections`))).toBe(
			true,
		);
		expect(printed.match(/^ +\d+\. (GET|POST) \//gm)).toHaveLength(summary.requests.length);
		expect(summary.lines).toEqual(out.lines);

		expect(emu.tokensIssued.length).toBe(1);
		expectNoSecrets(printed, [CLIENT_SECRET, REDSHIFT_PASSWORD, ...emu.tokensIssued]);
		expectNoSecrets(JSON.stringify(summary), [
			CLIENT_SECRET,
			REDSHIFT_PASSWORD,
			...emu.tokensIssued,
		]);
	});

	it('reports a failing node, the failed request and exits non-zero, still without secrets', async () => {
		emu.inject({
			kind: 'status',
			status: 403,
			match: { method: 'GET', path: '/connectionSpecs', service: 'flow' },
			body: { error_code: '403003', message: 'Api Key is invalid' },
		});
		const out = collect();
		const failure = await runDemo({
			log: out.log,
			env: {},
			nodeSource: 'source',
			emulator: emu,
			redshift: { password: REDSHIFT_PASSWORD },
		}).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(DemoError);
		const demoError = failure as DemoError;
		expect(demoError.exitCode).toBe(1);
		expect(demoError.message).toMatch(
			/^The workflow stopped\. Get Connection Spec failed: Api Key is invalid \[403003\]/,
		);
		const printed = out.text();
		expect(printed).toMatch(/Get Connection Spec .*FAILED/);
		expect(printed).toMatch(/error {2}Api Key is invalid \[403003\]/);
		expect(printed).toMatch(
			new RegExp(`GET ${FLOW}/connectionSpecs\\?property=name=="amazon-redshift" +→ 403`),
		);
		expect(printed).toMatch(/Create Redshift Connection .*did not run/);
		expect(printed).toMatch(/Format Slack Message .*did not run/);
		expect(printed).not.toMatch(/^OK/m);
		expect(demoError.lines).toEqual(out.lines);
		expect(emu.connections.size).toBe(0);
		expectNoSecrets(`${printed}\n${demoError.message}`, [
			CLIENT_SECRET,
			REDSHIFT_PASSWORD,
			...emu.tokensIssued,
		]);
	});

	// Once Create Redshift Connection has If Exists (default reuse), a second run finds the first one.
	const ifExists = new AdobeFlowService().description.properties
		.filter(
			(property) =>
				property.name === 'options' &&
				property.displayOptions?.show?.operation?.includes('createRedshift'),
		)
		.flatMap((property) => (property.options ?? []) as INodeProperties[])
		.find((option) => option.name === 'ifExists');
	(ifExists?.default === 'reuse' ? it : it.skip)(
		'says so when a second run reuses the connection',
		async () => {
			const first = await runDemo({ log: () => {}, env: {}, nodeSource: 'source', emulator: emu });
			const out = collect();
			const second = await runDemo({ log: out.log, env: {}, nodeSource: 'source', emulator: emu });
			expect(emu.connections.size).toBe(1);
			expect(second.connection).toEqual({ ...first.connection, reused: true });
			expect(second.message).toBe(
				`:recycle: Existing AEP source connection *Redshift analytics (n8n demo)* (${first.connection!.id}) for amazon-redshift v1.0`,
			);
			expect(out.text()).toContain(
				`connection ${first.connection!.id} reused (it already existed)`,
			);
		},
	);

	(existsSync(join(ROOT, 'dist/nodes/AdobeFlowService/AdobeFlowService.node.js')) ? it : it.skip)(
		'runs the built node from dist/, found through package.json "n8n"',
		async () => {
			const out = collect();
			const summary = await runDemo({ log: out.log, env: {}, nodeSource: 'dist', emulator: emu });
			expect(summary.nodeSource).toBe('dist');
			expect(summary.nodeFile).toBe('dist/nodes/AdobeFlowService/AdobeFlowService.node.js');
			expect(out.text()).toContain(
				'Node code  dist/nodes/AdobeFlowService/AdobeFlowService.node.js',
			);
			expect(summary.connection?.id).toBe([...emu.connections.keys()][0]);
		},
	);

	it('uses the AEP_* and REDSHIFT_* variables against "Adobe", read-only unless AEP_DEMO_CONFIRM=yes', async () => {
		// The emulator stands in for Adobe here: the real-AEP path, without the network.
		const adobeEnv = {
			AEP_CLIENT_ID: emu.credentials.clientId,
			AEP_CLIENT_SECRET: CLIENT_SECRET,
			AEP_IMS_ORG_ID: emu.credentials.imsOrgId,
			AEP_PLATFORM_URL: emu.url,
			AEP_IMS_URL: emu.url,
		};
		const readOnly = collect();
		const dryRun = await runDemo({ log: readOnly.log, env: adobeEnv, nodeSource: 'source' });
		expect(dryRun.mode).toBe('adobe-read-only');
		expect(dryRun.spec?.id).toBe('3416976c-a9ca-4bba-901a-1f08f66978ff');
		expect(dryRun.connection).toBeUndefined();
		expect(emu.connections.size).toBe(0);
		expect(emu.requests.some((r) => r.method === 'POST' && r.path.endsWith('/connections'))).toBe(
			false,
		);
		expect(readOnly.text()).toContain('READ-ONLY');
		expect(readOnly.text()).toContain('nothing was created');

		const real = collect();
		const created = await runDemo({
			log: real.log,
			nodeSource: 'source',
			env: {
				...adobeEnv,
				AEP_DEMO_CONFIRM: 'yes',
				REDSHIFT_SERVER: 'prod-cluster.abc.eu-west-1.redshift.amazonaws.com',
				REDSHIFT_PORT: '5440',
				REDSHIFT_DATABASE: 'analytics',
				REDSHIFT_USERNAME: 'aep',
				REDSHIFT_PASSWORD,
			},
		});
		expect(created.mode).toBe('adobe');
		expect(emu.connections.size).toBe(1);
		const [stored] = [...emu.connections.values()];
		expect(stored.auth.params).toEqual({
			server: 'prod-cluster.abc.eu-west-1.redshift.amazonaws.com',
			port: '5440',
			database: 'analytics',
			username: 'aep',
			password: REDSHIFT_PASSWORD,
		});
		expect(created.connection?.id).toBe(stored.id);
		expect(created.requests).toEqual([]);
		expect(real.text()).toContain('WARNING    this run creates a REAL base connection');
		expect(real.text()).toContain('no log against Adobe');
		expectNoSecrets(`${readOnly.text()}\n${real.text()}`, [
			CLIENT_SECRET,
			REDSHIFT_PASSWORD,
			...emu.tokensIssued,
		]);
	});
});

describe('runDemo setup', () => {
	it('starts its own emulator and always stops it', async () => {
		const summary: DemoSummary = await runDemo({ log: () => {}, env: {}, nodeSource: 'source' });
		const url = /local emulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(summary.lines.join('\n'))?.[1];
		expect(url).toBeDefined();
		await expect(fetch(`${url}/ims/token/v3`, { method: 'POST' })).rejects.toThrow();
	});

	it('refuses half-set AEP variables and a confirmed run without REDSHIFT_* (exit code 2)', async () => {
		const partial = await runDemo({
			log: () => {},
			env: { AEP_CLIENT_ID: 'x' },
			nodeSource: 'source',
		}).catch((error: unknown) => error as DemoError);
		expect(partial).toBeInstanceOf(DemoError);
		expect((partial as DemoError).exitCode).toBe(2);
		expect((partial as DemoError).message).toContain(
			'AEP_CLIENT_SECRET, AEP_IMS_ORG_ID are missing',
		);

		const unconfigured = await runDemo({
			log: () => {},
			nodeSource: 'source',
			env: {
				AEP_CLIENT_ID: 'x',
				AEP_CLIENT_SECRET: 'y',
				AEP_IMS_ORG_ID: 'z@AdobeOrg',
				AEP_DEMO_CONFIRM: 'yes',
			},
		}).catch((error: unknown) => error as DemoError);
		expect((unconfigured as DemoError).exitCode).toBe(2);
		expect((unconfigured as DemoError).message).toContain('REDSHIFT_SERVER, REDSHIFT_DATABASE');
	});

	it('keeps the emulator run on 127.0.0.1: other hosts are refused before a byte leaves', async () => {
		const undo = await guardNetworkToLoopback();
		try {
			const error = await new Promise<Error>((resolve) => {
				const req = request({
					method: 'GET',
					// TEST-NET-1 (RFC 5737): should the guard fail, nothing real answers, and no DNS lookup.
					hostname: '192.0.2.1',
					port: 80,
					path: '/data/foundation/flowservice/connectionSpecs',
				});
				req.on('error', resolve);
				req.on('response', () => resolve(new Error('a response came back')));
				req.end();
			});
			expect(error.message).toMatch(/Disallowed net connect/);
		} finally {
			undo();
		}
	});

	it('redacts secrets in every encoding, and bearer tokens it was not told about', () => {
		const redact = makeRedactor(['s3cret "x"/&', undefined, 'ab']);
		expect(redact('a s3cret "x"/& b')).toBe('a *** b');
		expect(redact(`q=${encodeURIComponent('s3cret "x"/&')}`)).toBe('q=***');
		expect(redact(JSON.stringify({ p: 's3cret "x"/&' }))).toBe('{"p":"***"}');
		expect(redact('Authorization: Bearer abc.def')).toBe('Authorization: Bearer ***');
		expect(redact('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.sig')).toBe('token ***');
		// Secrets shorter than 4 characters would blank out ordinary words; they are left alone.
		expect(redact('ab cd')).toBe('ab cd');
	});
});

describe('the demo command line', () => {
	const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
	const cleanEnv = () => {
		const env: NodeJS.ProcessEnv = { ...process.env };
		for (const key of Object.keys(env)) if (/^(AEP_|REDSHIFT_)/.test(key)) delete env[key];
		return env;
	};

	it('exits 0 and prints the report (tsx scripts/demo.ts --source)', () => {
		const run = spawnSync(tsx, ['scripts/demo.ts', '--source'], {
			cwd: ROOT,
			env: cleanEnv(),
			encoding: 'utf8',
			timeout: 60000,
		});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		// The onboarding chain, twice: the first run creates, the second reuses everything.
		expect(run.stdout).toMatch(
			/^OK: 11 nodes ran, \d+ HTTP requests, connection [0-9a-f-]{36} created; dataflow [0-9a-f-]{36} created;/m,
		);
		expect(run.stdout).toMatch(
			/^OK: 11 nodes ran, \d+ HTTP requests, connection [0-9a-f-]{36} reused \(it already existed\); dataflow [0-9a-f-]{36} reused/m,
		);
		expect(run.stdout).toMatch(/^ {2}run 2: \d+ requests \(.*POST 1.*\); creates: none$/m);
		expect(run.stdout).toContain('OK: the second run created nothing');
		expect(run.stdout).not.toContain('emulator-client-secret');
	});

	it('exits 2 with a clear message on bad options or environment', () => {
		const badFlag = spawnSync(tsx, ['scripts/demo.ts', '--bogus'], {
			cwd: ROOT,
			env: cleanEnv(),
			encoding: 'utf8',
			timeout: 60000,
		});
		expect(badFlag.status).toBe(2);
		expect(badFlag.stderr).toContain('Unknown option --bogus');

		const halfSet = spawnSync(tsx, ['scripts/demo.ts', '--source'], {
			cwd: ROOT,
			env: { ...cleanEnv(), AEP_CLIENT_ID: 'x' },
			encoding: 'utf8',
			timeout: 60000,
		});
		expect(halfSet.status).toBe(2);
		expect(halfSet.stderr).toContain('Demo failed: Some AEP_* variables are set');
	});
});
