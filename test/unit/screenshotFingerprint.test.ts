/**
 * The check `npm run test:ui` makes before anything else: the committed screenshots were taken
 * from the current node and credential descriptions (test/ui/description.ts). Needs dist/,
 * which `npm test` builds before jest runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	currentFingerprint,
	FINGERPRINT_FILE,
	nodeActions,
	REGENERATE_COMMAND,
	REGENERATE_COMMAND_SHARED,
	staleScreenshotsProblem,
	writeFingerprint,
} from '../ui/description';

describe('screenshot fingerprint', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'afs-shots-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('covers every node and credential the package registers, and is stable', () => {
		const first = currentFingerprint();
		expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(first.covers).toEqual(
			expect.arrayContaining([
				'node adobeFlowService',
				'credential adobeFlowServiceApi',
				'credential amazonRedshiftSourceApi',
			]),
		);
		expect(currentFingerprint()).toEqual(first);
	});

	it('passes right after npm run screenshots wrote it', () => {
		writeFingerprint(dir, '2.40.7');
		expect(staleScreenshotsProblem(dir)).toBeUndefined();
		const stored = JSON.parse(readFileSync(join(dir, FINGERPRINT_FILE), 'utf8'));
		expect(stored).toMatchObject({ sha256: currentFingerprint().sha256, n8nVersion: '2.40.7' });
	});

	it('fails, naming the command to run, once the description has changed', () => {
		writeFingerprint(dir, '2.40.7');
		const file = join(dir, FINGERPRINT_FILE);
		const stored = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, JSON.stringify({ ...stored, sha256: '0'.repeat(64) }));
		const problem = staleScreenshotsProblem(dir) ?? '';
		expect(problem).toContain('older node or credential description');
		expect(problem).toContain(`\`${REGENERATE_COMMAND}\``);
		expect(problem).toContain(`\`${REGENERATE_COMMAND_SHARED}\``);
		expect(problem).toContain('commit docs/images/');
	});

	it('fails when there is no fingerprint at all', () => {
		expect(staleScreenshotsProblem(dir)).toContain(`${FINGERPRINT_FILE} is missing`);
	});

	it("lists the node panel's actions from the operations' action texts", () => {
		const actions = nodeActions();
		expect(actions).toEqual(
			expect.arrayContaining([
				'Get connection spec',
				'Create Redshift connection',
				'Test connection',
			]),
		);
		expect(new Set(actions).size).toBe(actions.length);
	});
});
