/**
 * What keeps the package loadable on every n8n it claims to support (README, Compatibility):
 * the package.json fields n8n reads, and the run-time values the shipped code takes from
 * n8n-workflow. The code is compiled against a 2.x n8n-workflow but runs on the host's copy,
 * so a value that the oldest supported host lacks must be detected (helpers/hostFeatures.ts),
 * not imported by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Run-time values of n8n-workflow that exist at the floor, n8n 1.85 (n8n-workflow 1.83.0,
 * checked in its published dist/index.js and the modules it re-exports). Before adding a
 * name here, check it there; otherwise detect it in helpers/hostFeatures.ts.
 */
const AVAILABLE_AT_FLOOR = new Set([
	'NodeApiError',
	'NodeOperationError',
	'NodeConnectionTypes',
	'sleep',
]);

/** The one module allowed to read n8n-workflow as a whole, to look optional APIs up. */
const FEATURE_DETECTION_MODULE = 'nodes/AdobeFlowService/helpers/hostFeatures.ts';

function shippedSources(): string[] {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.ts')) files.push(full);
		}
	};
	walk(join(ROOT, 'nodes'));
	walk(join(ROOT, 'credentials'));
	return files;
}

/** Names imported as values (not types) from n8n-workflow, and namespace imports, per file. */
function valueImports(source: string): { names: string[]; namespace: boolean } {
	const names: string[] = [];
	let namespace = false;
	const pattern = /import\s+(type\s+)?([^;]*?)\s+from\s+['"]n8n-workflow['"]/g;
	for (const match of source.matchAll(pattern)) {
		if (match[1]) continue;
		const clause = match[2];
		if (/^\*\s+as\s+\w+$/.test(clause)) {
			namespace = true;
			continue;
		}
		const braces = /\{([^}]*)\}/.exec(clause);
		for (const part of (braces?.[1] ?? '').split(',')) {
			const name = part.trim();
			if (!name || name.startsWith('type ')) continue;
			names.push(name.split(/\s+as\s+/)[0].trim());
		}
	}
	return { names, namespace };
}

describe('compatibility with the oldest supported n8n (1.85)', () => {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

	it('declares n8nNodesApiVersion 1, as an integer', () => {
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(Number.isInteger(pkg.n8n.n8nNodesApiVersion)).toBe(true);
	});

	it('takes n8n-workflow from the host only: a "*" peer, no runtime dependencies', () => {
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies ?? {}).toEqual({});
	});

	it('imports from n8n-workflow only values that n8n 1.85 has; the rest is detected', () => {
		const problems: string[] = [];
		let checked = 0;
		for (const file of shippedSources()) {
			const rel = relative(ROOT, file).split('\\').join('/');
			const { names, namespace } = valueImports(readFileSync(file, 'utf8'));
			checked += names.length;
			for (const name of names) {
				if (!AVAILABLE_AT_FLOOR.has(name)) {
					problems.push(
						`${rel} imports ${name}, which n8n 1.85 may lack: detect it in ${FEATURE_DETECTION_MODULE}`,
					);
				}
			}
			if (namespace && rel !== FEATURE_DETECTION_MODULE) {
				problems.push(
					`${rel} imports n8n-workflow as a whole; only ${FEATURE_DETECTION_MODULE} may`,
				);
			}
		}
		expect(problems).toEqual([]);
		expect(checked).toBeGreaterThanOrEqual(4);
	});

	it('the import check sees value imports and skips type-only ones', () => {
		const sample = [
			"import type { INode } from 'n8n-workflow';",
			"import { NodeApiError, type IDataObject, sleepWithAbort as wait } from 'n8n-workflow';",
			"import * as workflow from 'n8n-workflow';",
		].join('\n');
		expect(valueImports(sample)).toEqual({
			names: ['NodeApiError', 'sleepWithAbort'],
			namespace: true,
		});
	});
});
