// Shared parts of the property-based suites: seeds, the invariants every run must keep, and
// arbitraries for "anything a user or an expression could put in a parameter".
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { HarnessResult } from '../harness/runWorkflow';
import { everythingVisible, leaksIn } from './visible';

/** The fixed-seed run: the same cases on every machine, every time. */
export const FIXED_SEED = 42;

/**
 * The random-seed run's seed: FUZZ_SEED when set (to replay a failure), else a fresh one.
 * Printed before the run, and fast-check prints it again (with the shrunk case) on failure.
 */
export function randomSeed(): number {
	const fromEnv = process.env.FUZZ_SEED;
	if (fromEnv !== undefined && /^-?\d+$/.test(fromEnv.trim())) return Number(fromEnv);
	return Math.floor(Math.random() * 0x7fffffff);
}

export function announceSeed(suite: string, seed: number, numRuns: number): void {
	process.stdout.write(
		`\n${suite}: random-seed run of ${numRuns} cases with seed ${seed}. ` +
			`Reproduce: FUZZ_SEED=${seed} N8N_USER_FOLDER=.n8n-test npx jest test/reliability/${suite} ` +
			`(add FUZZ_PATH=<path fast-check prints> to replay the shrunk case only)\n`,
	);
}

/** The delays transport asked for: sleep is mocked in the fuzz suites, so nothing waits. */
export function sleeps(): number[] {
	const holder = globalThis as { __reliabilitySleeps?: number[] };
	holder.__reliabilitySleeps ??= [];
	return holder.__reliabilitySleeps;
}

/** Messages that are JavaScript talking, not the node. */
const JS_INTERNALS =
	/Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Cannot convert|Maximum call stack|Unexpected token|Unexpected end of JSON|\(reading '|\[object Object\]/;

const NODE_ERRORS = new Set(['NodeApiError', 'NodeOperationError']);

/**
 * Known issues (knownIssues.test.ts), counted rather than failed:
 * - n8n-workflow's COMMON_ERRORS texts, which NodeError puts in place of any message that merely
 *   contains "ECONNRESET", "ENOENT", "EACCES"...;
 * - n8n's "Credentials not found" when Redshift Login From is neither literal option.
 */
const N8N_SWAPPED =
	/^(The service refused the connection|The connection to the server was closed unexpectedly|The connection cannot be established|The connection timed out|The port is already occupied|The address is not available|The connection was aborted|The host is unreachable|The DNS server returned an error|The file or directory does not exist|The file path was expected|The directory path was expected|Forbidden by access permissions|The file or directory already exists|Operation not permitted|The server closed the connection unexpectedly)/;

export interface RunUnderTest {
	result: HarnessResult;
	inputCount: number;
	continueOnFail: boolean;
	/** One output item per input item on success (every operation but the Get Many ones). */
	singleResult: boolean;
	secrets: Record<string, string>;
	logs?: string[];
}

export type Outcome = 'success' | 'NodeApiError' | 'NodeOperationError' | 'other';

/**
 * The invariants: the node either succeeds or fails with a NodeApiError/NodeOperationError
 * (never a raw TypeError, never JavaScript's own words); with continue-on-fail every input
 * item gets its outputs, in order, paired, and a failed item exactly one error item; no secret
 * is visible anywhere. Returns the problems found (none is a pass) and the outcome.
 */
export function checkRun(run: RunUnderTest): {
	problems: string[];
	outcome: Outcome;
	/** Known issues met (see knownIssues.test.ts), for the tally. */
	known: string[];
} {
	const { result, inputCount, continueOnFail, singleResult } = run;
	const problems: string[] = [];
	const known: string[] = [];
	let outcome: Outcome = 'success';
	const error = result.nodeError('Adobe');
	if (error) {
		const name = String(error.name);
		outcome = NODE_ERRORS.has(name) ? (name as Outcome) : 'other';
		if (continueOnFail)
			problems.push(`stopped despite continue-on-fail: ${name}: ${String(error.message)}`);
		if (!NODE_ERRORS.has(name)) problems.push(`raw ${name}: ${String(error.message)}`);
		checkMessage(String(error.message ?? ''), problems);
		const itemIndex = (error.context as { itemIndex?: number } | undefined)?.itemIndex;
		if (itemIndex !== undefined && (itemIndex < 0 || itemIndex >= inputCount)) {
			problems.push(`error names item ${itemIndex} of ${inputCount}`);
		}
		// The node's own NodeOperationErrors name the item; one that does not is something
		// else wrapped by the router (a TypeError, say).
		const message = String(error.message ?? '');
		if (
			name === 'NodeOperationError' &&
			!new RegExp(`\\[item ${itemIndex ?? '\\d+'}\\]$`).test(message)
		) {
			if (N8N_SWAPPED.test(message)) known.push('n8n message swap');
			else if (message === 'Credentials not found') known.push('Redshift Login From not checked');
			else problems.push(`NodeOperationError that does not name its item: ${message}`);
		}
	} else {
		const items = result.items('Adobe');
		const paired = items.map((item) => (item.pairedItem as { item?: number } | undefined)?.item);
		if (paired.some((index) => index === undefined || index < 0 || index >= inputCount)) {
			problems.push(`pairedItem out of range: ${JSON.stringify(paired)}`);
		}
		if (paired.some((index, position) => position > 0 && index! < paired[position - 1]!)) {
			problems.push(`output out of input order: ${JSON.stringify(paired)}`);
		}
		if (
			singleResult &&
			(items.length !== inputCount || paired.some((index, position) => index !== position))
		) {
			problems.push(
				`expected one output per input (${inputCount}), got pairing ${JSON.stringify(paired)}`,
			);
		}
		for (let index = 0; index < inputCount; index++) {
			const own = items.filter((_, position) => paired[position] === index);
			const errors = own.filter((item) => item.json.error !== undefined);
			if (errors.length && own.length !== 1) {
				problems.push(`item ${index} failed but has ${own.length} output items`);
			}
			for (const item of errors) {
				if (!continueOnFail)
					problems.push(`error item without continue-on-fail: ${String(item.json.error)}`);
				if (typeof item.json.error !== 'string')
					problems.push(`error is not text: ${JSON.stringify(item.json.error)}`);
				else checkMessage(item.json.error, problems);
			}
		}
		if (items.some((item) => item.json.error !== undefined)) outcome = errorOutcome(items);
	}
	const leaks = leaksIn(everythingVisible(result, run.logs), run.secrets);
	if (leaks.length) problems.push(`secrets visible: ${leaks.join(', ')}`);
	return { problems, outcome, known };
}

/** Under continue-on-fail the error's class is gone; an httpCode marks an API error. */
function errorOutcome(items: Array<{ json: IDataObject }>): Outcome {
	const failed = items.find((item) => item.json.error !== undefined);
	return failed?.json.httpCode !== undefined ? 'NodeApiError' : 'NodeOperationError';
}

function checkMessage(message: string, problems: string[]): void {
	if (!message.trim()) problems.push('empty error message');
	if (JS_INTERNALS.test(message)) problems.push(`JavaScript internals in the message: ${message}`);
}

/** Counts outcomes for the summary. */
export class Tally {
	readonly counts: Record<string, number> = {};
	runs = 0;
	cases = 0;
	add(outcome: string): void {
		this.note(outcome);
		this.runs++;
	}
	/** Counts something seen in a run without counting a run. */
	note(label: string): void {
		this.counts[label] = (this.counts[label] ?? 0) + 1;
	}
}

// --- arbitraries -------------------------------------------------------------------------

/** Text of every kind: ASCII, any grapheme, any code unit (lone surrogates too), tricky bits. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'',
			' ',
			'\t',
			'\n',
			'null',
			'undefined',
			'{{ $json }}',
			'"',
			'a,b',
			'\\',
			'../..',
			'%00',
			'\u0000',
			'\u202e',
			'\ud800',
			'🚀',
			'ß',
			'İ',
			'<script>',
			'enoent',
			'ECONNRESET',
			"'; DROP TABLE x; --",
		),
	},
	{ weight: 1, arbitrary: fc.string({ minLength: 250, maxLength: 5000 }) },
);

/** Anything an expression could resolve to. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 6, arbitrary: anyText },
	{ weight: 1, arbitrary: fc.integer() },
	{ weight: 1, arbitrary: fc.double() },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 1, arbitrary: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }) },
	{
		weight: 1,
		arbitrary: fc.dictionary(
			fc
				.string({ maxLength: 8 })
				.filter((key) => !['__proto__', 'constructor', 'prototype'].includes(key)),
			fc.oneof(fc.string(), fc.integer(), fc.boolean()),
			// Items reach a node as JSON: null-prototype objects cannot occur in n8n.
			{ maxKeys: 3, noNullPrototype: true },
		),
	},
);

/** Mostly a plausible value (so that requests do reach Adobe), sometimes anything. */
export const plausibly = <T>(good: fc.Arbitrary<T>, weight = 2): fc.Arbitrary<unknown> =>
	fc.oneof(
		{ weight, arbitrary: good as fc.Arbitrary<unknown> },
		{ weight: 1, arbitrary: anyValue },
	);
