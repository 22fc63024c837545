/**
 * A stable text form of a value, object keys sorted, so that two equal definitions (a mapping
 * set's schema and mappings, say) give the same `key` whatever order their fields came in.
 */
export function canonicalKey(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalKey(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
