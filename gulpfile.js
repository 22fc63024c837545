// Copies what tsc does not: the node and credential icons, and the codex JSON, into dist/.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/*.node.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist')));
}

task('build:icons', parallel(copyAssets));
