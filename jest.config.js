/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The e2e, queue, UI and benchmark suites have their own npm scripts.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/queue/', '/test/ui/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	testTimeout: 30000,
	// n8n-core leaves internal handles open after WorkflowExecute runs (none of ours), which
	// would keep jest alive after the last test.
	forceExit: true,
};
