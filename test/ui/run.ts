/**
 * Browser tests of the package in a REAL n8n editor (n8n 2.40.7, from the e2e cache), driven
 * with playwright-core and Debian's Chromium. Plain tsx script with node:assert, not jest:
 *
 *   npm run build && tsx test/ui/run.ts            # exit 0 only when every check passed
 *   tsx test/ui/run.ts --screenshots[=DIR]         # also (re)writes docs/images/*.png (or DIR)
 *   UI_KEEP=1 tsx test/ui/run.ts                   # keep n8n's user folder for debugging
 *
 * Set-up (test/ui/instance.ts): `npm pack` of the built package installed into a throw-away
 * N8N_USER_FOLDER, the Adobe IMS + Flow Service emulator in this process, an Adobe credential
 * and a Redshift credential imported pointing at it, examples/redshift-connection-chain imported,
 * `n8n start` on a free port, the owner created with POST /rest/owner/setup. Then the browser
 * signs in through the sign-in form and checks, in order:
 *   1. the canvas shows our nodes with their own icon (an <img> of our SVG that loaded, not
 *      n8n's "?" placeholder) in the light theme;
 *   2. "Execute workflow" runs the example chain; Create Redshift Connection's output items
 *      carry the connection's `id` and `etag` (and Format Slack Message maps them);
 *   3. the node panel finds "Adobe Flow Service" by "Adobe", with its icon, and lists its 7
 *      actions;
 *   4. the node's parameters per resource/operation are exactly the expected ones (incl. the
 *      Redshift login from a credential or from parameters, with a masked password);
 *   5. the Adobe credential modal shows the fields of each authentication mode; its test on save
 *      fails on a wrong secret with Adobe IMS's "rejected the client ID or client secret", never
 *      echoing the secret, and succeeds against the emulator with the right one (and on Retry);
 *   6. the trigger list of a new workflow offers Adobe Flow Service Trigger with its icon, and
 *      the alert example's Fetch Test Event outputs the failed run seeded on the emulator;
 *   7. in the dark theme (localStorage N8N_THEME, the key Settings > Personal > Theme writes)
 *      the canvas shows the dark icon.
 * Before all that (no n8n needed), it checks that the committed screenshots were taken from the
 * current node and credential descriptions (docs/images/screenshots.json, test/ui/description.ts);
 * when they were not, it fails saying to run `npm run screenshots`, which rewrites the images
 * and, once every check has passed, that file.
 * On a failure a screenshot and the page HTML are written to a temp folder (printed).
 */
/* eslint-disable no-console */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import type { Locator, Page, Response } from 'playwright-core';

import { ensureChromium, launchBrowser, type UiBrowser } from './browser';
import { nodeActions, staleScreenshotsProblem, writeFingerprint } from './description';
import {
	ALERT_DATAFLOW_NAME,
	ALERT_WORKFLOW_ID,
	OWNER,
	REDSHIFT_PASSWORD,
	ROOT,
	startUiInstance,
	type UiInstance,
} from './instance';

export const DEFAULT_SCREENSHOTS_DIR = join(ROOT, 'docs', 'images');

const ICON_LIGHT =
	'/icons/n8n-nodes-adobe-flow-service/dist/nodes/AdobeFlowService/adobeFlowService.svg';
const ICON_DARK =
	'/icons/n8n-nodes-adobe-flow-service/dist/nodes/AdobeFlowService/adobeFlowService.dark.svg';
const OUR_NODE_NAMES = ['Get Connection Spec', 'Create Redshift Connection'];
const REDSHIFT_CREDENTIAL_LABEL =
	'Credential for Amazon Redshift Source for Adobe Flow Service API';
const WRONG_SECRET = 'wrong-secret-Zq81xK-do-not-echo';
const IMS_REJECTED = 'Adobe IMS rejected the client ID or client secret';

export interface UiRunOptions {
	/** Where to write canvas.png, node-panel.png, credential-modal.png, execution-output.png. */
	screenshotsDir?: string;
	keep?: boolean;
}

export interface UiRunResult {
	passed: number;
	failed: number;
	durationMs: number;
}

// ------------------------------------------------------------------------------ page helpers

/** The few DOM members used inside evaluate() callbacks (the repo's tsconfig has no DOM lib). */
interface DomElement {
	getBoundingClientRect(): { width: number; height: number };
	querySelector(selector: string): DomElement | null;
	querySelectorAll(selector: string): ArrayLike<DomElement>;
	getAttribute(name: string): string | null;
	removeAttribute(name: string): void;
	textContent: string | null;
}

/** Visible n8n parameter labels in the node details view, in screen order. */
async function visibleParameterLabels(page: Page): Promise<string[]> {
	return await page.getByTestId('ndv').evaluate((ndv) =>
		Array.from(ndv.querySelectorAll('label.n8n-input-label') as ArrayLike<DomElement>)
			.filter((label) => {
				const box = label.getBoundingClientRect();
				return box.width > 0 && box.height > 0;
			})
			.map((label) => {
				const title = label.querySelector('[class*="_title_"]') ?? label;
				return (title.textContent ?? '').replace(/\*/g, '').trim();
			}),
	);
}

interface CredentialField {
	name: string;
	label: string;
	inputType: string | null;
}

/** Visible fields of the credential modal: parameter name, label and input type. */
async function visibleCredentialFields(modal: Locator): Promise<CredentialField[]> {
	return await modal.evaluate((root) =>
		Array.from(
			root.querySelectorAll(
				'[data-test-id="credential-connection-parameter"]',
			) as ArrayLike<DomElement>,
		)
			.filter((item) => {
				const box = item.getBoundingClientRect();
				return box.width > 0 && box.height > 0;
			})
			.map((item) => {
				const input = item.querySelector('[data-test-id^="parameter-input-"]');
				const id = input?.getAttribute('data-test-id') ?? '';
				const title = item.querySelector('label [class*="_title_"]') ?? item.querySelector('label');
				const field = input?.querySelector('input, textarea');
				return {
					name: id.replace(/^parameter-input-/, ''),
					label: (title?.textContent ?? '').replace(/\*/g, '').trim(),
					inputType: field?.getAttribute('type') ?? null,
				};
			}),
	);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Picks `option` (its headline, e.g. "Get Many") in the n8n select `select` and waits until the
 * select shows it. Element Plus drops a click made while the popper is still opening, so the
 * pick is retried.
 */
async function pickOption(page: Page, select: Locator, option: string): Promise<void> {
	const headline = new RegExp(`^\\s*${escapeRegExp(option)}\\s*$`);
	const item = page
		.locator('li[role="option"]:visible')
		.filter({
			has: page.locator('.option-headline', { hasText: headline }),
		})
		.or(
			page
				.locator('li[role="option"]:visible')
				.filter({ hasText: new RegExp(`^${escapeRegExp(option)}`) }),
		)
		.first();
	const input = select.locator('input').first();
	for (let attempt = 1; attempt <= 4; attempt++) {
		await select.click();
		try {
			await item.waitFor({ state: 'visible', timeout: 5000 });
			await item.click({ timeout: 5000 });
		} catch (error) {
			if (attempt === 4) throw error;
			await page.keyboard.press('Escape');
			continue;
		}
		const deadline = Date.now() + 3000;
		while (Date.now() < deadline) {
			const shown =
				(await input.inputValue().catch(() => '')) ||
				(await input.getAttribute('placeholder')) ||
				'';
			if (shown.trim() === option) return;
			await page.waitForTimeout(100);
		}
	}
	throw new Error(`Could not pick "${option}"`);
}

/** Page text and DOM with password inputs' values blanked (a typed secret lives only there). */
async function pageTextOutsidePasswordInputs(page: Page): Promise<{ text: string; html: string }> {
	return await page.locator('body').evaluate((body) => {
		const clone = body.cloneNode(true) as typeof body;
		for (const input of Array.from(
			clone.querySelectorAll('input[type="password"]') as ArrayLike<DomElement>,
		)) {
			input.removeAttribute('value');
		}
		return { text: body.innerText as string, html: clone.outerHTML as string };
	});
}

async function waitForCredentialTest(
	page: Page,
	action: () => Promise<void>,
): Promise<{
	status: string;
	message: string;
	raw: string;
}> {
	const response = page.waitForResponse(
		(r: Response) => r.url().includes('/rest/credentials/test') && r.request().method() === 'POST',
		{ timeout: 30_000 },
	);
	await action();
	const raw = await (await response).text();
	const data = (JSON.parse(raw) as { data?: { status?: string; message?: string } }).data ?? {};
	return { status: String(data.status), message: String(data.message ?? ''), raw };
}

async function imageState(img: Locator): Promise<{ src: string; loaded: boolean }> {
	return await img.evaluate((el) => ({
		src: String(el.getAttribute('src') ?? ''),
		loaded: Boolean(el.complete) && Number(el.naturalWidth) > 0,
	}));
}

/**
 * Opens `url` in `theme`: n8n reads localStorage N8N_THEME when the editor loads (Settings >
 * Personal > Theme writes the same key) and puts it on <body data-theme>.
 */
async function openInTheme(page: Page, url: string, theme: 'light' | 'dark'): Promise<void> {
	await page.addInitScript((value) => {
		(
			globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
		).localStorage.setItem('N8N_THEME', value);
	}, theme);
	await page.goto(url);
	await page.getByTestId('canvas-node').first().waitFor();
	const applied = await page.locator('body').getAttribute('data-theme');
	assert.equal(applied, theme, `body[data-theme] in the ${theme} theme`);
}

/** The node's canvas icon is our <img> (loaded), not n8n's "?" placeholder. */
async function assertCanvasIcons(page: Page, expectedSrc: string): Promise<void> {
	for (const name of OUR_NODE_NAMES) {
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
		await node.waitFor();
		const icon = node.locator('.n8n-node-icon').first();
		const img = icon.locator('img').first();
		await img.waitFor();
		await page.waitForFunction((el) => Boolean(el && el.complete), await img.elementHandle(), {
			timeout: 10_000,
		});
		const state = await imageState(img);
		assert.equal(state.src, expectedSrc, `${name}: canvas icon src`);
		assert.ok(state.loaded, `${name}: canvas icon ${state.src} did not load`);
		const iconText = ((await icon.textContent()) ?? '').trim();
		assert.notEqual(iconText, '?', `${name}: canvas shows the "?" placeholder icon`);
	}
	const response = await page.request.get(expectedSrc);
	assert.equal(response.status(), 200, `GET ${expectedSrc}`);
	assert.match(response.headers()['content-type'] ?? '', /svg/, `${expectedSrc} content type`);
	assert.match(await response.text(), /<svg[\s>]/, `${expectedSrc} is an SVG`);
}

// ------------------------------------------------------------------------------ the checks

interface Context {
	page: Page;
	instance: UiInstance;
	shots: string;
	screenshotsToDocs: boolean;
	artifacts: string;
}

type Check = [name: string, run: (ctx: Context) => Promise<void>];

/** Closes n8n's toasts (Element Plus notifications) so that they do not cover a screenshot. */
async function dismissToasts(page: Page): Promise<void> {
	const close = page.locator('.el-notification .el-notification__closeBtn:visible');
	for (let i = 0; i < 10 && (await close.count()) > 0; i++) {
		await close
			.first()
			.click({ timeout: 2000 })
			.catch(() => {});
	}
	await page
		.locator('.el-notification:visible')
		.first()
		.waitFor({ state: 'hidden', timeout: 5000 })
		.catch(() => {});
}

/** Writes a screenshot when screenshots were asked for (--screenshots / npm run screenshots). */
async function shot(ctx: Context, name: string, locator?: Locator): Promise<void> {
	if (!ctx.screenshotsToDocs) return;
	await dismissToasts(ctx.page);
	const file = join(ctx.shots, name);
	if (locator) await locator.screenshot({ path: file });
	else await ctx.page.screenshot({ path: file });
	console.log(
		`    screenshot ${relative(ROOT, file).startsWith('..') ? file : relative(ROOT, file)}`,
	);
}

type ExpectFields = (label: string, parameters: string[], credentials: string[]) => Promise<void>;

/**
 * The onboarding resources in the node details view: the Table picker lists the tables of the
 * connection chosen above it, and Dataflow → Create shows exactly the fields of the frequency.
 */
async function expectOnboardingPanels(
	page: Page,
	instance: Context['instance'],
	select: (name: string) => Locator,
	expectFields: ExpectFields,
	adobe: string[],
): Promise<void> {
	const ndv = page.getByTestId('ndv');
	await pickOption(page, select('resource'), 'Connection');
	await pickOption(page, select('operation'), 'Get Table Schema');
	const connection = [...instance.emulator.connections.values()].at(-1);
	assert.ok(connection, 'the execute check created a connection to explore');
	const connectionPicker = ndv.getByTestId('resource-locator-connectionId');
	await pickOption(page, connectionPicker.getByTestId('rlc-mode-selector'), 'By ID');
	const idInput = connectionPicker.getByTestId('rlc-input').first();
	await idInput.click();
	await idInput.fill(connection.id);
	await page.keyboard.press('Tab');
	const tablePicker = ndv.getByTestId('resource-locator-table');
	await tablePicker.getByTestId('rlc-input').click();
	// The list opens in a popover outside the NDV: its items are the picker's search results.
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items.first().waitFor({ timeout: 15_000 });
	const tables = (await items.allInnerTexts()).map((t) => t.trim());
	assert.deepEqual(
		[...tables].sort(),
		['public.customers', 'public.orders'],
		`the Table picker lists the connection's tables (got ${JSON.stringify(tables)})`,
	);
	await page.keyboard.press('Escape');

	await pickOption(page, select('resource'), 'Dataflow');
	await pickOption(page, select('operation'), 'Create');
	const head = [
		'Resource',
		'Operation',
		'Name',
		'Flow Spec ID',
		'Source Connection ID',
		'Target Connection ID',
		'Mapping Set ID',
		'Mapping Set Version',
		'Frequency',
		'Start Time',
	];
	const tail = ['Additional Fields', 'Options'];
	const periodic = [...head, 'Interval', 'Backfill', 'Delta Column', ...tail];
	await expectFields('Dataflow > Create (Hourly, the default)', periodic, adobe);
	await pickOption(page, select('frequency'), 'Once');
	// Once takes no interval, backfill or delta column: the panel does not offer them.
	await expectFields('Dataflow > Create (Once)', [...head, ...tail], adobe);
	await pickOption(page, select('frequency'), 'Every N Minutes');
	await expectFields('Dataflow > Create (Every N Minutes)', periodic, adobe);
	const interval = await select('interval').locator('input').first().inputValue();
	assert.equal(interval, '15', 'minutes start at the smallest interval Adobe takes');
	await pickOption(page, select('operation'), 'Update');
	await expectFields(
		'Dataflow > Update',
		['Resource', 'Operation', 'Dataflow', 'Update Fields', 'Options'],
		adobe,
	);
	await pickOption(page, select('resource'), 'Mapping Set');
	await pickOption(page, select('operation'), 'Create');
	await expectFields(
		'Mapping Set > Create',
		['Resource', 'Operation', 'XDM Schema ID', 'Mappings', 'Mapping', 'Options'],
		adobe,
	);
}

/**
 * Searches the open node panel for "Adobe" and returns the entry named `name`, once its icon
 * has loaded from `iconSrc` (not n8n's "?" placeholder).
 */
async function searchCreator(page: Page, name: string, iconSrc: string): Promise<Locator> {
	const creator = page.getByTestId('node-creator');
	await creator.waitFor();
	await page.getByTestId('node-creator-search-bar').fill('Adobe');
	const item = creator
		.getByTestId('item-iterator-item')
		.filter({ has: page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) })
		.first();
	await item.waitFor();
	const img = item.locator('.n8n-node-icon img').first();
	await img.waitFor();
	await page.waitForFunction((el) => Boolean(el && el.complete), await img.elementHandle());
	const state = await imageState(img);
	assert.equal(state.src, iconSrc, `${name}: node panel icon src`);
	assert.ok(state.loaded, `${name}: node panel icon ${state.src} did not load`);
	assert.notEqual(((await item.locator('.n8n-node-icon').first().textContent()) ?? '').trim(), '?');
	return item;
}

const workflowUrl = (ctx: Context) => `/workflow/${ctx.instance.workflowId}`;

const checks: Check[] = [
	[
		'sign in through the sign-in form',
		async ({ page }) => {
			await page.goto('/signin');
			await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
			await page.getByTestId('password').locator('input').fill(OWNER.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL(/\/home\/|\/workflows?/, { timeout: 30_000 });
			assert.doesNotMatch(page.url(), /signin/, 'still on the sign-in page');
		},
	],
	[
		'canvas: the node renders with its own icon in the light theme',
		async (ctx) => {
			await openInTheme(ctx.page, workflowUrl(ctx), 'light');
			await assertCanvasIcons(ctx.page, ICON_LIGHT);
		},
	],
	[
		'editor: "Execute workflow" runs the example chain; output items carry id and etag',
		async (ctx) => {
			const { page, instance } = ctx;
			if (!page.url().includes(workflowUrl(ctx))) await page.goto(workflowUrl(ctx));
			await page.getByTestId('canvas-node').first().waitFor();
			const before = instance.emulator.connections.size;
			await page.getByTestId('execute-workflow-button').click();
			await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 60_000 });
			for (const name of [...OUR_NODE_NAMES, 'Format Slack Message']) {
				await page
					.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`)
					.getByTestId('canvas-node-status-success')
					.waitFor({ timeout: 60_000 });
			}
			assert.equal(instance.emulator.connections.size, before + 1, 'one connection created');
			const created = [...instance.emulator.connections.values()].at(-1);

			await page
				.locator('[data-test-id="canvas-node"][data-node-name="Create Redshift Connection"]')
				.dblclick();
			const output = page.getByTestId('output-panel');
			await output.waitFor();
			await output.getByRole('radio', { name: 'JSON' }).click();
			const jsonText = (await output.locator('.json-data').first().textContent()) ?? '';
			const items = JSON.parse(jsonText.replace(/\u00a0/g, ' ')) as Array<Record<string, unknown>>;
			assert.equal(items.length, 1, 'Create Redshift Connection output items');
			assert.match(String(items[0].id), /^[0-9a-f-]{36}$/, 'output item id');
			assert.ok(String(items[0].etag).length > 2, 'output item etag');
			assert.equal(items[0].name, 'Redshift analytics (n8n demo)');
			assert.ok(created, 'the emulator stored the connection');
			assert.equal(items[0].id, created.id, 'id is the connection the emulator created');
			assert.equal(items[0].etag, created.etag, 'etag is the emulator connection etag');
			const { text, html } = await pageTextOutsidePasswordInputs(page);
			assert.ok(
				!text.includes(REDSHIFT_PASSWORD) && !html.includes(REDSHIFT_PASSWORD),
				'the Redshift password is shown in the editor',
			);
			await shot(ctx, 'execution-output.png');

			// Format Slack Message maps the same id and etag.
			await page.keyboard.press('Escape');
			await page.getByTestId('ndv').waitFor({ state: 'hidden' });
			await page
				.locator('[data-test-id="canvas-node"][data-node-name="Format Slack Message"]')
				.dblclick();
			await output.waitFor();
			await output.getByRole('radio', { name: 'JSON' }).click();
			const slack = JSON.parse(
				((await output.locator('.json-data').first().textContent()) ?? '').replace(/\u00a0/g, ' '),
			) as Array<Record<string, unknown>>;
			assert.equal(slack[0].connectionId, items[0].id, 'Format Slack Message connectionId');
			assert.equal(slack[0].etag, items[0].etag, 'Format Slack Message etag');
			await page.keyboard.press('Escape');
			await page.getByTestId('ndv').waitFor({ state: 'hidden' });
			// Deselect (click empty canvas), fit the view, move the mouse away, then shoot.
			await page.mouse.click(700, 200);
			await page
				.getByTestId('zoom-to-fit')
				.click()
				.catch(() => {});
			await page.mouse.move(5, 450);
			await page.waitForTimeout(600);
			await shot(ctx, 'canvas.png');
		},
	],
	[
		'node panel: searching "Adobe" shows Adobe Flow Service with its icon and its actions',
		async (ctx) => {
			const { page } = ctx;
			if (!page.url().includes(workflowUrl(ctx))) await page.goto(workflowUrl(ctx));
			await page.getByTestId('canvas-node').first().waitFor();
			await page.getByTestId('node-creator-plus-button').click();
			const creator = page.getByTestId('node-creator');
			const item = await searchCreator(page, 'Adobe Flow Service', ICON_LIGHT);

			await item.click();
			await creator.getByText('Create Redshift connection', { exact: true }).waitFor();
			// While the panel slides from the search results to the actions, both lists are in
			// the DOM: wait until only actions (one line each) and their category headers are.
			let actions: string[] = [];
			const deadline = Date.now() + 10_000;
			while (Date.now() < deadline) {
				const texts = (await creator.getByTestId('item-iterator-item').allInnerTexts()).map((t) =>
					t.trim(),
				);
				actions = texts.filter((text) => text && !/ACTIONS$/.test(text));
				if (actions.length > 0 && actions.every((text) => !text.includes('\n'))) break;
				await page.waitForTimeout(200);
			}
			// Every operation's action text, from the built description: no more, no fewer.
			const expectedActions = nodeActions();
			assert.ok(expectedActions.includes('Create Redshift connection'));
			assert.deepEqual(
				[...actions].sort(),
				[...expectedActions].sort(),
				`the node panel lists exactly the ${expectedActions.length} actions of the description`,
			);
			await page.waitForTimeout(300);
			await shot(ctx, 'node-panel.png');
		},
	],
	[
		'node details: each resource/operation shows exactly its own fields',
		async ({ page, instance }) => {
			const creator = page.getByTestId('node-creator');
			if (!(await creator.isVisible()))
				throw new Error('needs the node panel of the previous check');
			await creator.getByText('Create Redshift connection', { exact: true }).click();
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor();
			await ndv.getByTestId('parameter-input-redshiftCredentials').waitFor();

			const expectFields = async (
				label: string,
				parameters: string[],
				credentials: string[],
			): Promise<void> => {
				// Labels render right after a change; give Vue a moment to settle, then compare.
				let seen: string[] = [];
				const deadline = Date.now() + 5000;
				const wanted = JSON.stringify({ parameters, credentials: [...credentials].sort() });
				while (Date.now() < deadline) {
					seen = await visibleParameterLabels(page);
					const got = JSON.stringify({
						parameters: seen.filter((l) => !/^Credential( for |$)/.test(l)),
						credentials: seen.filter((l) => /^Credential( for |$)/.test(l)).sort(),
					});
					if (got === wanted) return;
					await page.waitForTimeout(200);
				}
				assert.deepEqual(
					{
						parameters: seen.filter((l) => !/^Credential( for |$)/.test(l)),
						credentials: seen.filter((l) => /^Credential( for |$)/.test(l)).sort(),
					},
					{ parameters, credentials: [...credentials].sort() },
					`fields of ${label}`,
				);
			};
			const select = (name: string) => ndv.getByTestId(`parameter-input-${name}`);
			const adobe = ['Credential'];

			await expectFields(
				'Connection > Create Redshift (login from a credential)',
				[
					'Resource',
					'Operation',
					'Name',
					'Connection Spec ID',
					'Redshift Login From',
					'Additional Fields',
					'Options',
				],
				[...adobe, REDSHIFT_CREDENTIAL_LABEL],
			);
			await pickOption(page, select('redshiftCredentials'), 'From Parameters');
			await expectFields(
				'Connection > Create Redshift (login from parameters)',
				[
					'Resource',
					'Operation',
					'Name',
					'Connection Spec ID',
					'Redshift Login From',
					'Server',
					'Database',
					'Username',
					'Password',
					'Additional Fields',
					'Options',
				],
				adobe,
			);
			assert.equal(
				await select('password').locator('input').first().getAttribute('type'),
				'password',
				'the Password parameter is masked',
			);
			for (const name of ['server', 'database', 'username']) {
				assert.equal(
					await select(name).locator('input').first().getAttribute('type'),
					'text',
					name,
				);
			}
			await ndv
				.getByText('A password in a parameter is saved in the workflow in plain text')
				.waitFor();
			await pickOption(page, select('redshiftCredentials'), 'From a Credential (Recommended)');
			await expectFields(
				'Connection > Create Redshift (back to a credential)',
				[
					'Resource',
					'Operation',
					'Name',
					'Connection Spec ID',
					'Redshift Login From',
					'Additional Fields',
					'Options',
				],
				[...adobe, REDSHIFT_CREDENTIAL_LABEL],
			);

			for (const operation of ['Get', 'Delete', 'Test']) {
				await pickOption(page, select('operation'), operation);
				await expectFields(
					`Connection > ${operation}`,
					['Resource', 'Operation', 'Connection', 'Options'],
					adobe,
				);
			}
			await pickOption(page, select('operation'), 'Get Many');
			await expectFields(
				'Connection > Get Many',
				['Resource', 'Operation', 'Return All', 'Limit', 'Filters', 'Sort', 'Options'],
				adobe,
			);
			await pickOption(page, select('resource'), 'Connection Spec');
			await pickOption(page, select('operation'), 'Get');
			await expectFields(
				'Connection Spec > Get',
				['Resource', 'Operation', 'Spec Name', 'Options'],
				adobe,
			);
			await pickOption(page, select('operation'), 'Get Many');
			await expectFields(
				'Connection Spec > Get Many',
				['Resource', 'Operation', 'Return All', 'Limit', 'Filters', 'Options'],
				adobe,
			);
			await expectOnboardingPanels(page, instance, select, expectFields, adobe);
			// Back to Create Redshift for the credential checks.
			await pickOption(page, select('resource'), 'Connection');
			await pickOption(page, select('operation'), 'Create Redshift');
			await select('redshiftCredentials').waitFor();
		},
	],
	[
		"Connection > Create: choosing Snowflake, then Key Pair Authentication, shows exactly that auth spec's plain fields and asks for the secrets credential",
		async ({ page }) => {
			const ndv = page.getByTestId('ndv');
			if (!(await ndv.isVisible()))
				throw new Error('needs the node details view of the previous check');
			const select = (name: string) => ndv.getByTestId(`parameter-input-${name}`);
			await pickOption(page, select('operation'), 'Create');
			// The Connection Spec picker lists source specs by name (listSearch on the emulator).
			// The first input of a locator is its mode (From list / By ID); the value input is the one
			// with the list's placeholder.
			await ndv
				.getByTestId('resource-locator-connectionSpec')
				.getByPlaceholder('Select a source...')
				.click();
			const items = page.locator('[data-test-id="rlc-item"]:visible');
			await items.first().waitFor();
			const names = (await items.allInnerTexts()).map((t) => t.trim());
			for (const source of ['amazon-redshift', 'google-big-query', 'postgre-sql', 'snowflake']) {
				assert.ok(
					names.includes(source),
					`"${source}" missing from the spec list ${JSON.stringify(names)}`,
				);
			}
			assert.ok(!names.includes('amazon-s3-export'), 'a destination spec is listed');
			await items.filter({ hasText: /^\s*snowflake\s*$/ }).click();
			await pickOption(page, select('authSpecName'), 'KeyPair Authentication');
			const container = ndv.getByTestId('mapping-fields-container');
			const expected = [
				'account (Account name, e.g. xy12345.east-us-2.azure)',
				'username (User name of the Snowflake account.)',
				'database (Database to read from.)',
				'warehouse (Warehouse that runs the queries.)',
			];
			let fields: string[] = [];
			const deadline = Date.now() + 15_000;
			while (Date.now() < deadline) {
				fields = (
					await container
						.locator('label.n8n-input-label')
						.allInnerTexts()
						.catch(() => [])
				)
					// A label holds its Fixed / Expression switch on later lines; the first is the title.
					.map((text) => text.split('\n')[0].replace(/\*/g, '').trim())
					.filter((text) => text && text !== 'Values to Send');
				if (JSON.stringify(fields) === JSON.stringify(expected)) break;
				await page.waitForTimeout(250);
			}
			assert.deepEqual(fields, expected, 'the login fields of KeyPair Authentication');
			const labels = await visibleParameterLabels(page);
			assert.ok(
				labels.includes('Credential for Flow Service Source Secrets API'),
				`the secrets credential is not asked for: ${JSON.stringify(labels)}`,
			);
			assert.ok(!labels.some((label) => /privateKey/i.test(label)), 'a secret field is shown');
			// Back to Create Redshift for the credential checks.
			await pickOption(page, select('operation'), 'Create Redshift');
			await select('redshiftCredentials').waitFor();
		},
	],
	[
		'credential modal: the fields of each authentication mode',
		async ({ page }) => {
			const ndv = page.getByTestId('ndv');
			if (!(await ndv.isVisible()))
				throw new Error('needs the node details view of the previous check');
			await ndv.getByTestId('node-credentials-select').first().click();
			await page
				.locator('[data-test-id="node-credentials-select-item-new"]:visible')
				.first()
				.click();
			const modal = page.getByTestId('editCredential-modal');
			await modal.getByTestId('parameter-input-clientSecret').waitFor();

			const fieldsOf = async () =>
				(await visibleCredentialFields(modal)).filter(
					// n8n 2.40 adds this to every credential type; it is not ours.
					(field) => field.name !== 'allowedHttpRequestDomains',
				);
			const serverToServer = await fieldsOf();
			assert.deepEqual(
				serverToServer.map((field) => field.name),
				[
					'authentication',
					'clientId',
					'clientSecret',
					'scopes',
					'imsOrgId',
					'sandboxName',
					'platformUrl',
					'imsUrl',
				],
				'OAuth Server-to-Server fields',
			);
			const labels = serverToServer.map((field) => field.label);
			for (const label of [
				'Client ID',
				'Client Secret',
				'Scopes',
				'IMS Organization ID',
				'Sandbox Name',
				'Platform URL',
				'IMS URL',
			]) {
				assert.ok(
					labels.some((shown) => shown.startsWith(label)),
					`label "${label}" missing from ${JSON.stringify(labels)}`,
				);
			}
			assert.equal(
				serverToServer.find((field) => field.name === 'clientSecret')?.inputType,
				'password',
				'Client Secret is masked',
			);

			await pickOption(page, modal.getByTestId('parameter-input-authentication'), 'Access Token');
			await modal.getByTestId('parameter-input-accessToken').waitFor();
			const accessToken = await fieldsOf();
			assert.deepEqual(
				accessToken.map((field) => field.name),
				['authentication', 'clientId', 'accessToken', 'imsOrgId', 'sandboxName', 'platformUrl'],
				'Access Token fields (no Client Secret, Scopes or IMS URL)',
			);
			assert.equal(
				accessToken.find((field) => field.name === 'accessToken')?.inputType,
				'password',
				'Access Token is masked',
			);
			await pickOption(
				page,
				modal.getByTestId('parameter-input-authentication'),
				'OAuth Server-to-Server',
			);
			await modal.getByTestId('parameter-input-clientSecret').waitFor();
		},
	],
	[
		'credential modal: a wrong secret says Adobe IMS rejected it, without echoing it',
		async ({ page, instance }) => {
			const modal = page.getByTestId('editCredential-modal');
			if (!(await modal.isVisible()))
				throw new Error('needs the credential modal of the previous check');
			const fill = async (name: string, value: string) => {
				const input = modal
					.getByTestId(`parameter-input-${name}`)
					.locator('input, textarea')
					.first();
				await input.click();
				await input.fill(value);
			};
			await fill('clientId', instance.emulator.credentials.clientId);
			await fill('clientSecret', WRONG_SECRET);
			await fill('imsOrgId', instance.emulator.credentials.imsOrgId);
			await fill('sandboxName', instance.emulator.credentials.sandboxName);
			await fill('platformUrl', instance.emulator.url);
			await fill('imsUrl', instance.emulator.url);
			const tested = await waitForCredentialTest(page, () =>
				modal.getByTestId('credential-save-button').click(),
			);
			assert.equal(tested.status, 'Error', `credential test answered ${tested.raw}`);
			assert.ok(tested.message.includes(IMS_REJECTED), `test message: ${tested.message}`);
			assert.ok(!tested.raw.includes(WRONG_SECRET), 'the test response echoes the secret');
			await modal
				.getByText('Couldn’t connect with these settings')
				.or(modal.getByText("Couldn't connect with these settings"))
				.first()
				.waitFor();
			const details = modal.getByText('More details', { exact: true });
			if (await details.isVisible()) await details.click();
			await modal.getByText(IMS_REJECTED).first().waitFor();
			await modal.getByRole('button', { name: 'Retry' }).waitFor();
			const { text, html } = await pageTextOutsidePasswordInputs(page);
			assert.ok(!text.includes(WRONG_SECRET), 'the secret is shown in the page text');
			assert.ok(
				!html.includes(WRONG_SECRET),
				'the secret is in the page outside its password input',
			);
			const ims = instance.emulator.requests.filter((r) => r.service === 'ims').at(-1);
			assert.equal(ims?.status, 401, 'IMS saw the token request and refused it');
		},
	],
	[
		'credential modal: Test succeeds against the emulator with the right secret',
		async (ctx) => {
			const { page, instance } = ctx;
			const modal = page.getByTestId('editCredential-modal');
			if (!(await modal.isVisible()))
				throw new Error('needs the credential modal of the previous check');
			const secret = modal.getByTestId('parameter-input-clientSecret').locator('input').first();
			await secret.click();
			await secret.fill(instance.emulator.credentials.clientSecret);
			const saved = await waitForCredentialTest(page, () =>
				modal.getByTestId('credential-save-button').click(),
			);
			assert.equal(saved.status, 'OK', `credential test on save answered ${saved.raw}`);
			// Created from the node, the modal closes itself once the test passed; reopen it.
			await modal.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
			const ndv = page.getByTestId('ndv');
			if (!(await modal.isVisible())) {
				const reopened = await waitForCredentialTest(page, () =>
					ndv.getByTestId('credential-edit-button').first().click(),
				);
				assert.equal(reopened.status, 'OK', `credential test on open answered ${reopened.raw}`);
			}
			await modal.getByTestId('credentials-config-container-test-success').waitFor();
			await modal.getByText('Connection tested successfully').waitFor();
			const retried = await waitForCredentialTest(page, () =>
				modal.getByRole('button', { name: 'Retry' }).click(),
			);
			assert.equal(retried.status, 'OK', `Retry answered ${retried.raw}`);
			await modal.getByTestId('credentials-config-container-test-success').waitFor();
			const { text, html } = await pageTextOutsidePasswordInputs(page);
			const real = instance.emulator.credentials.clientSecret;
			assert.ok(!text.includes(real) && !html.includes(real), 'the saved secret is shown');
			await modal.getByText('Adobe Flow Service API', { exact: true }).first().hover();
			await page.waitForTimeout(300);
			await shot(ctx, 'credential-modal.png');
		},
	],
	[
		'node panel: the trigger list of a new workflow shows Adobe Flow Service Trigger with its icon',
		async (ctx) => {
			const { page } = ctx;
			await page.goto('/workflow/new');
			await page.getByTestId('canvas-add-button').click();
			// The trigger list shows the package as one app entry, "Adobe Flow Service" with the
			// regular node's icon; the description is the trigger's.
			const item = await searchCreator(page, 'Adobe Flow Service', ICON_LIGHT);
			await item
				.getByText('Starts the workflow when an Adobe Experience Platform dataflow run fails')
				.waitFor();
			await page.keyboard.press('Escape');
		},
	],
	[
		'alert example: Fetch Test Event outputs the latest failed run with its dataflow name',
		async (ctx) => {
			const { page, instance } = ctx;
			await page.goto(`/workflow/${ALERT_WORKFLOW_ID}`);
			const trigger = page.locator(
				`[data-test-id="canvas-node"][data-node-name="When a Dataflow Run Fails"]`,
			);
			await trigger.waitFor();
			await page.mouse.move(5, 450);
			await page
				.getByTestId('zoom-to-fit')
				.click()
				.catch(() => {});
			await page.waitForTimeout(600);
			await shot(ctx, 'alert-workflow.png');
			await trigger.dblclick();
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor();
			await ndv.getByTestId('node-execute-button').filter({ hasText: 'Fetch Test Event' }).click();
			const output = page.getByTestId('output-panel');
			await output.getByRole('radio', { name: 'JSON' }).click({ timeout: 60_000 });
			await output.getByText('1 item').first().waitFor();
			// The JSON view renders what is on screen only: scroll through it and read every part.
			const json = output.locator('.json-data').first();
			const seen: string[] = [];
			for (let step = 0; step < 30; step++) {
				seen.push(((await json.innerText()) ?? '').replace(/\u00a0/g, ' '));
				await json.hover();
				await page.mouse.wheel(0, 600);
				await page.waitForTimeout(100);
			}
			const text = seen.join('\n');
			assert.match(text, new RegExp(`"id":\\s*"${instance.failedRunId}"`), 'the failed run');
			assert.match(text, /"status":\s*"failed"/, 'status');
			assert.match(text, new RegExp(`"dataflowName":\\s*"${ALERT_DATAFLOW_NAME}"`), 'dataflowName');
			assert.match(text, /"code":\s*"CONNECTOR-2001-500"/, 'error codes');
			await shot(ctx, 'trigger-test-event.png');
			await page.keyboard.press('Escape');
		},
	],
	[
		'canvas: the node renders with its dark icon in the dark theme',
		async (ctx) => {
			// A second tab of the same signed-in browser, so the first keeps its unsaved editor.
			const dark = await ctx.page.context().newPage();
			try {
				await openInTheme(dark, workflowUrl(ctx), 'dark');
				await assertCanvasIcons(dark, ICON_DARK);
			} finally {
				await dark.close();
			}
		},
	],
];

// ------------------------------------------------------------------------------ runner

export async function runUiTests(options: UiRunOptions = {}): Promise<UiRunResult> {
	const started = Date.now();
	const say = (line: string) => console.log(`  ${line}`);
	const artifacts = mkdtempSync(join(tmpdir(), 'n8n-ui-artifacts-'));
	const shots = options.screenshotsDir ? resolve(options.screenshotsDir) : artifacts;
	mkdirSync(shots, { recursive: true });

	console.log('UI tests: real n8n + Chromium (test/ui/run.ts)');
	let instance: UiInstance | undefined;
	let browser: UiBrowser | undefined;
	let passed = 0;
	let failed = 0;
	if (!options.screenshotsDir) {
		// Cheap and first: a stale screenshot is reported even if n8n cannot start.
		const name = 'docs/images: the screenshots show the current node and credential descriptions';
		const problem = staleScreenshotsProblem(DEFAULT_SCREENSHOTS_DIR);
		if (problem) {
			failed++;
			console.log(`  FAIL ${name}\n       ${problem}`);
		} else {
			passed++;
			console.log(`  ok   ${name}`);
		}
	}
	ensureChromium(say);
	try {
		instance = await startUiInstance({ say, keep: options.keep });
		say(
			`n8n ${instance.paths.n8nVersion} at ${instance.baseUrl}, emulator at ${instance.emulator.url}`,
		);
		const launchStarted = Date.now();
		browser = await launchBrowser({ baseURL: instance.baseUrl });
		say(`chromium launch: ${Date.now() - launchStarted} ms`);
		const page = browser.context.pages()[0] ?? (await browser.context.newPage());
		const consoleErrors: string[] = [];
		page.on('pageerror', (error) => consoleErrors.push(String(error)));
		const ctx: Context = {
			page,
			instance,
			shots,
			screenshotsToDocs: Boolean(options.screenshotsDir),
			artifacts,
		};
		for (const [name, run] of checks) {
			const checkStarted = Date.now();
			try {
				await run(ctx);
				passed++;
				console.log(`  ok   ${name} (${Date.now() - checkStarted} ms)`);
			} catch (error) {
				failed++;
				const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
				await page.screenshot({ path: join(artifacts, `FAILED-${slug}.png`) }).catch(() => {});
				writeFileSync(join(artifacts, `FAILED-${slug}.html`), await page.content().catch(() => ''));
				console.log(`  FAIL ${name} (${Date.now() - checkStarted} ms)`);
				console.log(
					String(error instanceof Error ? (error.stack ?? error.message) : error)
						.split('\n')
						.slice(0, 14)
						.map((line) => `       ${line}`)
						.join('\n'),
				);
			}
		}
		if (failed > 0) {
			writeFileSync(join(artifacts, 'n8n.log'), instance.log());
			if (consoleErrors.length)
				writeFileSync(join(artifacts, 'page-errors.txt'), consoleErrors.join('\n'));
			console.log(`  failure artifacts (screenshots, HTML, n8n log): ${artifacts}`);
		}
	} catch (error) {
		failed++;
		console.log(
			`  FAIL set-up: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
		);
	} finally {
		await browser?.close();
		await instance?.stop();
	}
	if (options.screenshotsDir && instance) {
		if (failed === 0 && passed > 0) {
			const file = writeFingerprint(shots, instance.paths.n8nVersion);
			console.log(`  description fingerprint ${relative(ROOT, file) || file}`);
		} else {
			console.log(
				'  description fingerprint NOT written: a check failed, so an image may be wrong',
			);
		}
	}
	if (failed === 0 && !options.keep) rmSync(artifacts, { recursive: true, force: true });
	const durationMs = Date.now() - started;
	console.log(`UI tests finished in ${(durationMs / 1000).toFixed(1)} s`);
	console.log(`${passed} passed, ${failed} failed`);
	return { passed, failed, durationMs };
}

function parseArgs(argv: string[]): UiRunOptions {
	const options: UiRunOptions = { keep: process.env.UI_KEEP === '1' };
	for (const arg of argv) {
		if (arg === '--screenshots') options.screenshotsDir = DEFAULT_SCREENSHOTS_DIR;
		else if (arg.startsWith('--screenshots='))
			options.screenshotsDir = arg.slice('--screenshots='.length);
		else if (arg === '--keep') options.keep = true;
		else throw new Error(`unknown option ${arg} (use --screenshots[=DIR] or --keep)`);
	}
	return options;
}

if (require.main === module) {
	runUiTests(parseArgs(process.argv.slice(2)))
		.then((result) => {
			process.exitCode = result.failed === 0 && result.passed > 0 ? 0 : 1;
		})
		.catch((error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		});
}
