/**
 * The node and credential descriptions that the README's screenshots show, read from the built
 * package (dist/, as n8n loads it), and a fingerprint of them stored beside the images.
 *
 * `npm run screenshots` writes docs/images/screenshots.json with the fingerprint of the
 * descriptions it photographed; `npm run test:ui` fails, naming the command to run, when the
 * current descriptions no longer match it, so a screenshot never shows an older node.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export const FINGERPRINT_FILE = 'screenshots.json';
export const REGENERATE_COMMAND = 'npm run screenshots';
/** On a machine shared with other real-n8n runs (ports, caches), under the shared lock. */
export const REGENERATE_COMMAND_SHARED = 'flock /tmp/real-n8n.lock npm run screenshots';

interface Described {
	kind: 'node' | 'credential';
	name: string;
	/** What the editor renders: the node's description, or the credential's own fields. */
	shown: unknown;
}

/** Every node and credential the package registers (package.json `n8n`), from dist/. */
function describedTypes(): Described[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const instances = (file: string): Array<Record<string, unknown>> => {
		const path = join(ROOT, file);
		if (!existsSync(path)) throw new Error(`${file} is not built: run npm run build first`);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path) as Record<string, unknown>;
		return Object.values(exported)
			.filter((value): value is new () => Record<string, unknown> => typeof value === 'function')
			.map((Type) => new Type());
	};
	const described: Described[] = [];
	for (const file of pkg.n8n.nodes) {
		for (const node of instances(file)) {
			const description = node.description as { name: string };
			described.push({ kind: 'node', name: description.name, shown: description });
		}
	}
	for (const file of pkg.n8n.credentials) {
		for (const credential of instances(file)) {
			described.push({ kind: 'credential', name: String(credential.name), shown: credential });
		}
	}
	return described.sort((a, b) => `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`));
}

/** JSON with object keys sorted at every level (functions dropped, as JSON.stringify does). */
function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return inner;
		const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
			a < b ? -1 : a > b ? 1 : 0,
		);
		return Object.fromEntries(entries);
	});
}

export interface DescriptionFingerprint {
	sha256: string;
	/** e.g. ["credential adobeFlowServiceApi", "node adobeFlowService"] */
	covers: string[];
}

export function currentFingerprint(): DescriptionFingerprint {
	const described = describedTypes();
	const hash = createHash('sha256');
	for (const { kind, name, shown } of described)
		hash.update(`${kind} ${name}\n${stableJson(shown)}\n`);
	return { sha256: hash.digest('hex'), covers: described.map((d) => `${d.kind} ${d.name}`) };
}

/** The actions the node panel lists for the regular node: each operation's `action` text. */
export function nodeActions(nodeName = 'adobeFlowService'): string[] {
	const node = describedTypes().find((d) => d.kind === 'node' && d.name === nodeName);
	if (!node) throw new Error(`node ${nodeName} not found in dist/`);
	const { properties } = node.shown as {
		properties: Array<{ name: string; options?: Array<{ name: string; action?: string }> }>;
	};
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => property.options ?? [])
		.map((option) => option.action ?? option.name);
}

interface StoredFingerprint extends DescriptionFingerprint {
	n8nVersion: string;
	writtenBy: string;
}

/** Written by `npm run screenshots` after every check passed and every image was written. */
export function writeFingerprint(dir: string, n8nVersion: string): string {
	const file = join(dir, FINGERPRINT_FILE);
	const stored: StoredFingerprint = {
		...currentFingerprint(),
		n8nVersion,
		writtenBy: `${REGENERATE_COMMAND} (npm run test:ui compares it with the current node and credential descriptions)`,
	};
	writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`);
	return file;
}

/** Undefined when the images in `dir` were taken from the current descriptions, else why not. */
export function staleScreenshotsProblem(dir: string): string | undefined {
	const file = join(dir, FINGERPRINT_FILE);
	const where = relative(ROOT, file) || file;
	const fix =
		`Regenerate the screenshots with \`${REGENERATE_COMMAND}\` ` +
		`(on a shared machine: \`${REGENERATE_COMMAND_SHARED}\`) and commit docs/images/.`;
	if (!existsSync(file)) return `${where} is missing, so the screenshots cannot be checked. ${fix}`;
	const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredFingerprint>;
	const current = currentFingerprint();
	if (stored.sha256 === current.sha256) return undefined;
	return (
		`The screenshots in ${relative(ROOT, dir) || dir}/ were taken from an older node or credential ` +
		`description (${where}: ${String(stored.sha256).slice(0, 12)}…, now ${current.sha256.slice(0, 12)}… ` +
		`over ${current.covers.join(', ')}). ${fix}`
	);
}
