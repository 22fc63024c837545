import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from './errors';
import { readParameter } from './parameters';

/**
 * Readers for node parameters. Each returns a clean value or throws a NodeOperationError that
 * names the parameter and the item, so nothing malformed ever reaches Adobe.
 */

/** Connection spec names are plain identifiers (amazon-redshift); a quote would break a filter. */
export const SPEC_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Letters, digits, dots and hyphens: a DNS name or an IPv4 address.
const HOST_NAME =
	/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
/** Control characters never belong in a name or a login; line breaks may in a description. */
function hasControlCharacter(value: string, allowLineBreaks: boolean): boolean {
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
		const isControl =
			code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
		if (!isControl) continue;
		if (allowLineBreaks && (code === 0x09 || code === 0x0a || code === 0x0d)) continue;
		return true;
	}
	return false;
}

export interface TextRule {
	label: string;
	/** Missing or blank values are an error unless `optional`. */
	optional?: boolean;
	maxLength?: number;
	/** Keep surrounding white space (passwords). */
	keepWhitespace?: boolean;
	/** Let line breaks and tabs through (descriptions). */
	allowLineBreaks?: boolean;
	pattern?: { test: RegExp; expected: string };
}

/** Reads a text parameter. Numbers are accepted as text; objects and arrays are not. */
export function readText(
	context: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	rule: TextRule,
	fallback: unknown = '',
): string {
	const raw = readParameter(context, parameterName, itemIndex, fallback);
	return checkText(context, itemIndex, raw, rule);
}

export function checkText(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	rule: TextRule,
): string {
	const fail = (problem: string) =>
		invalidParameter(context.getNode(), itemIndex, rule.label, problem);
	if (raw !== null && typeof raw === 'object') {
		throw fail(
			`must be text, but it resolved to ${Array.isArray(raw) ? 'a list' : 'an object'}. Check the expression: it may need a field, e.g. {{ $json.name }}`,
		);
	}
	if (raw !== undefined && raw !== null && !['string', 'number'].includes(typeof raw)) {
		throw fail(`must be text, but it resolved to a ${typeof raw}`);
	}
	const text = raw === undefined || raw === null ? '' : String(raw);
	const value = rule.keepWhitespace ? text : text.trim();
	if (value.trim() === '') {
		if (rule.optional) return '';
		throw fail(text === '' ? 'is empty' : 'contains only white space');
	}
	if (rule.maxLength !== undefined && value.length > rule.maxLength) {
		throw fail(`is too long: ${value.length} characters, at most ${rule.maxLength}`);
	}
	if (hasControlCharacter(value, rule.allowLineBreaks === true)) {
		throw fail('contains control characters (such as a line break or tab)');
	}
	if (rule.pattern && !rule.pattern.test.test(value)) {
		throw fail(`must be ${rule.pattern.expected} (got "${preview(value)}")`);
	}
	return value;
}

/** A host name only: no scheme, path, port or white space. */
export function checkServer(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label = 'Server',
): string {
	const value = checkText(context, itemIndex, raw, { label, maxLength: 253 });
	const problem = describeServerProblem(value);
	if (problem) throw invalidParameter(context.getNode(), itemIndex, label, problem);
	return value;
}

/** A TCP port as Adobe wants it: a string of digits between 1 and 65535. Empty means unset. */
export function checkPort(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label = 'Port',
): string | undefined {
	const value = checkText(context, itemIndex, raw, { label, optional: true });
	if (value === '') return undefined;
	const problem = describePortProblem(value);
	if (problem) throw invalidParameter(context.getNode(), itemIndex, label, problem);
	return String(Number(value));
}

export function describeServerProblem(value: string): string | undefined {
	if (/^[a-z][a-z0-9+.:-]*:\/\//i.test(value)) {
		return `must be a host name without a scheme, e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com (got "${preview(value)}")`;
	}
	if (value.includes('/')) {
		return `must be a host name without a path (got "${preview(value)}"). Put the database name in Database.`;
	}
	if (/:\d*$/.test(value)) {
		return `must not include a port (got "${preview(value)}"). Put the port in Port.`;
	}
	if (!HOST_NAME.test(value)) {
		return `must be a host name of letters, digits, dots and hyphens (got "${preview(value)}"). Write international names in their xn-- form.`;
	}
	return undefined;
}

export function describePortProblem(value: string): string | undefined {
	const port = Number(value);
	if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
		return `must be a whole number from 1 to 65535, e.g. 5439 (got "${preview(value)}")`;
	}
	return undefined;
}

/** Shows a bad value without flooding the message. */
function preview(value: string): string {
	return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/**
 * A date-time parameter as epoch milliseconds, or undefined when empty (and `optional`). It
 * takes what n8n hands over: an ISO string from the date picker, a Luxon DateTime or a Date
 * from an expression, or epoch seconds or milliseconds as a number.
 */
export function checkDateTime(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	{ label, optional = false }: { label: string; optional?: boolean },
): number | undefined {
	const fail = (problem: string) => invalidParameter(context.getNode(), itemIndex, label, problem);
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		if (optional) return undefined;
		throw fail('is empty');
	}
	let ms: number = Number.NaN;
	if (typeof raw === 'number') {
		// Below 10^11 a number reads as seconds (that is the year 5138 in milliseconds).
		ms = Math.abs(raw) < 1e11 ? raw * 1000 : raw;
	} else if (raw instanceof Date) {
		ms = raw.getTime();
	} else if (
		typeof raw === 'object' &&
		typeof (raw as { toMillis?: unknown }).toMillis === 'function'
	) {
		ms = Number((raw as { toMillis: () => number }).toMillis());
	} else if (typeof raw === 'string') {
		const text = raw.trim();
		ms = /^\d+$/.test(text)
			? text.length <= 11
				? Number(text) * 1000
				: Number(text)
			: Date.parse(text);
	}
	if (!Number.isFinite(ms)) {
		throw fail(
			`must be a date and time such as 2026-06-01T00:00:00Z (got ${typeof raw === 'object' ? 'an object' : `"${preview(String(raw))}"`})`,
		);
	}
	return Math.round(ms);
}
