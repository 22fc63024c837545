/**
 * Debian's Chromium driven by playwright-core. playwright-core never downloads a browser by
 * itself (only the `playwright` package and `playwright-core install` do); we always pass
 * executablePath, so a missing /usr/bin/chromium is installed with apt-get instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.UI_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Installs Debian's chromium when /usr/bin/chromium is missing (needs root and apt). */
export function ensureChromium(say: (line: string) => void): void {
	if (existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`${CHROMIUM} is missing: run \`apt-get install -y chromium\` as root`);
	}
	say(`${CHROMIUM} is missing: apt-get install -y chromium`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', 'chromium']]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
	}
	if (!existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
}

export interface UiBrowser {
	context: BrowserContext;
	close(): Promise<void>;
}

/** A fresh persistent context (new temp user-data-dir) of headless Chromium. */
export async function launchBrowser(options: { baseURL: string }): Promise<UiBrowser> {
	// n8n marks its elements with data-test-id, not Playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = mkdtempSync(join(tmpdir(), 'n8n-ui-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		baseURL: options.baseURL,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
		colorScheme: 'light',
	});
	context.setDefaultTimeout(20_000);
	return {
		context,
		close: async () => {
			await context.close().catch(() => {});
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}
