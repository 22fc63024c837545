/**
 * Runs the lint checks of n8n's community-package scanner (`npx @n8n/scan-community-package`)
 * locally, before publishing:
 *
 *   npm run build && tsx scripts/scan/run.ts      # exit 0 only with zero findings
 *
 * What the scanner (0.32.0, scanner/scanner.mjs) does with a published package, and what this
 * script mirrors:
 * - it lints the source that the package's npm provenance points at, files `package.json` and
 *   `{nodes,credentials}/**\/*.{js,ts,json}`  -> here: this repository's own files;
 * - it lints the tarball from the registry, files `**\/*.js` and `package.json`
 *                                             -> here: the output of `npm pack`, extracted;
 * - both with ESLint's Node API, `allowInlineConfig: false` (eslint-disable comments are
 *   ignored), `overrideConfigFile: true` (the package's own eslint config is not used) and the
 *   config of its `buildScanConfig()`: @n8n/eslint-plugin-community-nodes `recommended`,
 *   `no-console: error`, eslint-plugin-n8n-nodes-base's community (package.json), credentials
 *   and nodes rule sets with the same rules switched off, @typescript-eslint/parser for .json
 *   and .ts files.
 * The scanner fails a package on any ESLint *error*; this script also counts warnings, and
 * requires zero of both. The provenance check itself (the package must be published with
 * `npm publish --provenance`) cannot be run before publishing; .github/workflows/publish.yml
 * publishes that way.
 *
 * The plugins are this repository's dev dependencies (the scanner 0.32.0 pins
 * @n8n/eslint-plugin-community-nodes 0.29.0; the repository has a newer one, whose rule set is
 * a superset).
 */
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';

import { ESLint, type Linter } from 'eslint';

const ROOT = resolve(__dirname, '..', '..');

/** The same flat config as the scanner's buildScanConfig(), plus noInlineConfig. */
export async function buildScanConfig(): Promise<Linter.Config[]> {
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	// CommonJS requires: these packages' types do not resolve under this repo's
	// `moduleResolution: node` (parser) or do not exist (eslint-plugin-n8n-nodes-base).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const tsParserModule = require('@typescript-eslint/parser') as {
		default?: Linter.Parser;
	} & Linter.Parser;
	const parser = tsParserModule.default ?? tsParserModule;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const nodesBaseModule = require('eslint-plugin-n8n-nodes-base') as {
		default?: NodesBasePlugin;
	} & NodesBasePlugin;
	const nodesBase = nodesBaseModule.default ?? nodesBaseModule;

	const recommended = n8nCommunityNodesPlugin.configs.recommended as unknown as
		| Linter.Config
		| Linter.Config[];
	return [
		{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
		...(Array.isArray(recommended) ? recommended : [recommended]),
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': nodesBase as unknown as ESLint.Plugin } },
		{ files: ['package.json'], rules: { ...nodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...nodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...nodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	];
}

interface NodesBasePlugin {
	configs: Record<'community' | 'credentials' | 'nodes', { rules: Linter.RulesRecord }>;
}

/** Files under `dir` (relative paths) whose name passes `keep`, skipping node_modules. */
function walk(dir: string, keep: (rel: string) => boolean, base = dir): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir)) {
		if (entry === 'node_modules') continue;
		const full = join(dir, entry);
		if (statSync(full).isDirectory()) out.push(...walk(full, keep, base));
		else if (keep(relative(base, full))) out.push(full);
	}
	return out.sort();
}

function npmPack(destination: string): string {
	const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', destination], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
	const name = packed.stdout.trim().split('\n').pop() ?? '';
	return join(destination, name);
}

async function lint(
	label: string,
	cwd: string,
	files: string[],
	config: Linter.Config[],
): Promise<{ results: ESLint.LintResult[]; eslint: ESLint }> {
	if (files.length === 0) throw new Error(`${label}: no files to lint in ${cwd}`);
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config,
	});
	const results = await eslint.lintFiles(files);
	console.log(`  ${label}: ${files.length} files linted`);
	return { results, eslint };
}

async function main(): Promise<void> {
	const started = Date.now();
	if (!statSync(join(ROOT, 'dist'), { throwIfNoEntry: false })?.isDirectory()) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	try {
		const tarball = npmPack(work);
		const extracted = join(work, 'package');
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', work], { encoding: 'utf8' });
		if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);

		const config = await buildScanConfig();
		console.log(`Scanner checks (as @n8n/scan-community-package) on ${basename(tarball)}`);

		// Scanner leg 1: the published tarball, `**/*.js` and `package.json`.
		const tarballFiles = walk(extracted, (rel) => rel === 'package.json' || rel.endsWith('.js'));
		// Scanner leg 2: the source, `package.json` and `{nodes,credentials}/**/*.{js,ts,json}`.
		const sourceFiles = [
			join(ROOT, 'package.json'),
			...['nodes', 'credentials'].flatMap((dir) =>
				walk(join(ROOT, dir), (rel) => /\.(js|ts|json)$/.test(rel)),
			),
		];

		const legs = [
			await lint('tarball (dist/**/*.js, package.json)', extracted, tarballFiles, config),
			await lint('source (nodes, credentials, package.json)', ROOT, sourceFiles, config),
		];

		let errors = 0;
		let warnings = 0;
		for (const { results, eslint } of legs) {
			errors += results.reduce((sum, r) => sum + r.errorCount, 0);
			warnings += results.reduce((sum, r) => sum + r.warningCount, 0);
			if (results.some((r) => r.errorCount + r.warningCount > 0)) {
				const formatter = await eslint.loadFormatter('stylish');
				console.log(await formatter.format(results));
			}
		}
		const findings = errors + warnings;
		console.log(
			`Scanner findings: ${findings} (${errors} errors, ${warnings} warnings) in ${Date.now() - started} ms`,
		);
		if (findings > 0) process.exitCode = 1;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		process.exitCode = 1;
	});
}
