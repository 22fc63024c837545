/**
 * Checks on the base URLs a user puts in the Adobe credential. Shared by the credential (before
 * it asks IMS for a token) and by the transport (before any Flow Service call), so a bad URL is
 * refused before a single byte, let alone a secret, leaves n8n.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Returns a problem description, or undefined when the URL is acceptable. */
export function describeBaseUrlProblem(fieldLabel: string, value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') {
		return `${fieldLabel} is empty. Use e.g. https://platform.adobe.io`;
	}
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return `${fieldLabel} "${value}" is not a valid URL`;
	}
	if (url.username || url.password) {
		return `${fieldLabel} must not contain a user name or password`;
	}
	if (url.search || url.hash) {
		return `${fieldLabel} must not have a query string or fragment`;
	}
	if (url.pathname !== '/' && url.pathname !== '') {
		return `${fieldLabel} must be an origin only, without a path (got "${url.pathname}")`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:') {
		if (LOOPBACK_HOSTS.has(url.hostname)) return undefined;
		return `${fieldLabel} uses plain http:// on "${url.hostname}". Only https:// is allowed, except for a local emulator on 127.0.0.1, localhost or ::1`;
	}
	return `${fieldLabel} must start with https:// (got "${url.protocol}")`;
}

/** The URL without a trailing slash, ready to have a path appended. */
export function normalizeBaseUrl(value: string): string {
	return value.trim().replace(/\/+$/, '');
}
