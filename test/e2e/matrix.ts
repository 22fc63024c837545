/**
 * `npm run test:e2e`: the end-to-end test (test/e2e/run.ts) once per n8n version listed in
 * scripts/e2e/n8n-versions.txt (the last 1.x line and the current 2.x), one after the other,
 * then a summary with each version's checks and time.
 *
 *   npm run test:e2e                          every listed version
 *   N8N_VERSION=1.123.81 npm run test:e2e     that version only
 *
 * Each version is installed (if it is not yet) by run.ts through scripts/e2e/install-n8n.sh,
 * into the cache outside the repository. Exit code 0 only when every version passed.
 */
/* eslint-disable no-console */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const VERSIONS_FILE = join(ROOT, 'scripts', 'e2e', 'n8n-versions.txt');

function listedVersions(text = readFileSync(VERSIONS_FILE, 'utf8')): string[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('#'));
}

interface Outcome {
	version: string;
	code: number | null;
	seconds: number;
	/** run.ts's last verdict line, e.g. "PASS: 27 of 27 checks passed (n8n 2.40.7, Node v24.21.0)". */
	verdict: string;
}

async function runOne(version: string): Promise<Outcome> {
	const started = Date.now();
	let verdict = '';
	let pending = '';
	const code = await new Promise<number | null>((done, reject) => {
		const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['test/e2e/run.ts'], {
			cwd: ROOT,
			env: { ...process.env, N8N_VERSION: version },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		child.stdout.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			pending += chunk.toString('utf8');
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) {
				const match = /^== ((?:PASS|FAIL)\b.*)$/.exec(line.trim());
				if (match) verdict = match[1];
			}
		});
		child.on('error', reject);
		child.on('close', done);
	});
	return { version, code, seconds: (Date.now() - started) / 1000, verdict };
}

async function main(): Promise<number> {
	const versions = process.env.N8N_VERSION ? [process.env.N8N_VERSION] : listedVersions();
	const outcomes: Outcome[] = [];
	for (const version of versions) {
		console.log(`\n######## n8n ${version} (${outcomes.length + 1} of ${versions.length})`);
		outcomes.push(await runOne(version));
	}
	console.log('\n######## e2e matrix');
	for (const { version, code, seconds, verdict } of outcomes) {
		const status = code === 0 ? 'ok  ' : 'FAIL';
		console.log(
			`  ${status}  n8n ${version.padEnd(9)} ${seconds.toFixed(0).padStart(4)} s  ${verdict || `exit ${code}`}`,
		);
	}
	return outcomes.every((outcome) => outcome.code === 0) ? 0 : 1;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
