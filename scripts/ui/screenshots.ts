/**
 * Regenerates the README screenshots in docs/images/ (canvas.png, node-panel.png,
 * credential-modal.png, execution-output.png) by running the browser tests against a real n8n:
 *
 *   npm run build && tsx scripts/ui/screenshots.ts [DIR]
 *
 * Same set-up and checks as `npm run test:ui` (test/ui/run.ts); exits non-zero if a check fails,
 * since a failing check means a screenshot may show the wrong thing.
 */
/* eslint-disable no-console */
import { DEFAULT_SCREENSHOTS_DIR, runUiTests } from '../../test/ui/run';

const dir = process.argv[2] ?? DEFAULT_SCREENSHOTS_DIR;

runUiTests({ screenshotsDir: dir, keep: process.env.UI_KEEP === '1' })
	.then((result) => {
		if (result.failed === 0) console.log(`Screenshots written to ${dir}`);
		process.exitCode = result.failed === 0 && result.passed > 0 ? 0 : 1;
	})
	.catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
