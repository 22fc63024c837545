// Everything a run makes visible to a user, a log or n8n's execution store, and a check that
// no secret is in it. Shared by the reliability suites (fault matrix, bad input, fuzzing).
import { LoggerProxy } from 'n8n-workflow';

import { findLeaks, SECRETS } from '../harness/fixtures';
import type { HarnessResult } from '../harness/runWorkflow';

/** JSON.stringify that survives cycles and odd values (errors keep references to nodes). */
export function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, current: unknown) => {
				if (typeof current === 'bigint') return current.toString();
				if (current && typeof current === 'object') {
					if (seen.has(current)) return '[cycle]';
					seen.add(current);
				}
				return current;
			}) ?? String(value)
		);
	} catch {
		return String(value);
	}
}

/** An error and its causes: message, description, stack, context, messages, errorResponse. */
export function errorChain(error: unknown): unknown[] {
	const parts: unknown[] = [];
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 20; depth++) {
		const { message, description, stack, context, messages, errorResponse, node } =
			current as Record<string, unknown>;
		parts.push(message, description, stack, context, messages, errorResponse, node);
		current = (current as { cause?: unknown }).cause;
	}
	return parts;
}

/**
 * The node's output items and errors, the workflow-level error, the cause chain of every error
 * and the captured logs, as one text. The input items of the run are left out on purpose: a
 * fuzz case may carry a password there, as an earlier node would.
 */
export function everythingVisible(
	result: HarnessResult,
	logs: string[] = [],
	nodeName = 'Adobe',
): string {
	const { resultData } = result.run.data;
	const nodeRuns = resultData.runData[nodeName] ?? [];
	const errors = [resultData.error, ...nodeRuns.map((run) => run.error)];
	const chain = errors.flatMap(errorChain);
	return [
		safeStringify(nodeRuns),
		safeStringify(resultData.error),
		safeStringify(chain),
		chain.map((part) => (typeof part === 'string' ? part : safeStringify(part))).join('\n'),
		...logs,
	].join('\n');
}

/** The secrets a run could leak, by name: the fixtures plus any others (emulator tokens...). */
export function knownSecrets(extra: Record<string, string> = {}): Record<string, string> {
	return { ...SECRETS, ...extra };
}

/** Named secrets found in the text, in plain, URL-encoded or JSON-escaped form. */
export function leaksIn(text: string, secrets: Record<string, string>): string[] {
	// Secrets shorter than 8 characters could match by chance; the suites use long ones only.
	const checked = Object.fromEntries(
		Object.entries(secrets).filter(([, secret]) => secret.length >= 8),
	);
	return findLeaks(text, checked);
}

/** Tokens an emulator issued, named token0, token1... for leaksIn. */
export function tokenSecrets(tokens: readonly string[]): Record<string, string> {
	return Object.fromEntries(tokens.map((token, index) => [`token${index}`, token]));
}

type LogMethod = (message: string, meta?: unknown) => void;
interface MinimalLogger {
	error: LogMethod;
	warn: LogMethod;
	info: LogMethod;
	debug: LogMethod;
}

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/**
 * Captures what would be logged: console.*, n8n-workflow's LoggerProxy (which n8n-core's
 * WorkflowExecute logs through) and, when it can be loaded, n8n's DI Logger (which node
 * execution contexts log through). Call restore() when done.
 */
export function captureLogs(): { logs: string[]; restore: () => void } {
	const logs: string[] = [];
	const record = (level: string, args: unknown[]) =>
		logs.push(
			`${level}: ${args.map((arg) => (typeof arg === 'string' ? arg : safeStringify(arg))).join(' ')}`,
		);
	const spies = (['log', ...LEVELS] as const).map((level) =>
		jest.spyOn(console, level).mockImplementation((...args: unknown[]) => record(level, args)),
	);
	const proxyLogger = Object.fromEntries(
		LEVELS.map((level) => [
			level,
			(message: string, meta?: unknown) => record(level, [message, meta]),
		]),
	) as unknown as MinimalLogger;
	LoggerProxy.init(proxyLogger as never);

	const restoreDi: Array<() => void> = [];
	try {
		// Transitive dependencies of n8n-core: loaded loosely so that their absence is not fatal.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Container } = require('@n8n/di') as { Container: { get(type: unknown): unknown } };
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Logger } = require('@n8n/backend-common') as { Logger: unknown };
		const logger = Container.get(Logger) as Record<string, unknown>;
		for (const level of LEVELS) {
			const original = logger[level];
			if (typeof original !== 'function') continue;
			const own = Object.prototype.hasOwnProperty.call(logger, level);
			logger[level] = (...args: unknown[]) => record(`di.${level}`, args);
			restoreDi.push(() => {
				if (own) logger[level] = original;
				else delete logger[level];
			});
		}
	} catch {
		// No DI logger in this n8n version: console and LoggerProxy are still captured.
	}

	return {
		logs,
		restore: () => {
			spies.forEach((spy) => spy.mockRestore());
			const quiet: LogMethod = () => {};
			LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet } as never);
			restoreDi.forEach((undo) => undo());
		},
	};
}
