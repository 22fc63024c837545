import type { IDataObject } from 'n8n-workflow';

/**
 * Data Prep mapping sets: the body Adobe documents as the current API style, and the test of
 * whether an existing set is the one we would create. Mapping sets have no name, so "the
 * same" means the same output schema and the same mappings, in any order.
 */

/** "Latest minor version of the schema", as Data Prep and target connections both want it. */
export const XDM_FULL_CONTENT_TYPE = 'application/vnd.adobe.xed-full+json;version=1';

export const SOURCE_TYPES = ['ATTRIBUTE', 'EXPRESSION', 'STATIC'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface Mapping {
	sourceType: SourceType;
	/** A source column (ATTRIBUTE), a calculated field (EXPRESSION) or a constant (STATIC). */
	source: string;
	/** The XDM path it lands on, e.g. person.name.firstName. */
	destination: string;
}

/** An XDM path: dot-separated field names, tenant fields starting with an underscore. */
const XDM_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/**
 * Reads mappings in any of the shapes users have: our own pairs (sourceColumn → destination),
 * Data Prep's style (source, destination, sourceType) or the legacy one (sourceAttribute,
 * destinationXdmPath). Returns the mappings, or a problem naming the entry (1-based).
 */
export function readMappings(input: unknown): Mapping[] | { problem: string } {
	let raw = input;
	if (typeof raw === 'string') {
		try {
			raw = JSON.parse(raw) as unknown;
		} catch (error) {
			return { problem: `is not valid JSON (${(error as Error).message})` };
		}
	}
	if (!Array.isArray(raw)) return { problem: 'must be a list of mappings' };
	if (raw.length === 0) return { problem: 'must hold at least one mapping' };
	const mappings: Mapping[] = [];
	const destinations = new Set<string>();
	for (const [index, entry] of raw.entries()) {
		const at = `entry ${index + 1}`;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			return { problem: `${at} must be an object with a source and a destination` };
		}
		const value = entry as IDataObject;
		const source = firstText(value.source, value.sourceColumn, value.sourceAttribute);
		const destination = firstText(value.destination, value.destinationXdmPath, value.xdmPath);
		if (!source) return { problem: `${at} has no source column` };
		if (!destination) return { problem: `${at} (${source}) has no destination XDM path` };
		if (!XDM_PATH.test(destination)) {
			return {
				problem: `${at} has a destination that is not an XDM path such as person.name.firstName (got "${destination}")`,
			};
		}
		if (destinations.has(destination)) {
			return { problem: `${at} maps a second column onto ${destination}` };
		}
		destinations.add(destination);
		const sourceType = (firstText(value.sourceType) ?? 'ATTRIBUTE').toUpperCase();
		if (!SOURCE_TYPES.includes(sourceType as SourceType)) {
			return {
				problem: `${at} has source type "${sourceType}"; it must be ${SOURCE_TYPES.join(', ')}`,
			};
		}
		mappings.push({ sourceType: sourceType as SourceType, source, destination });
	}
	return mappings;
}

/** POST /mappingSets (and /mappingSets/validate) body, Data Prep's current style. */
export function mappingSetBody(schemaId: string, mappings: Mapping[]): IDataObject {
	return {
		outputSchema: { schemaRef: { id: schemaId, contentType: XDM_FULL_CONTENT_TYPE } },
		mappings: mappings.map((mapping) => ({ ...mapping })),
	};
}

/** The output schema ID a stored mapping set names, in either body style. */
export function outputSchemaOf(mappingSet: IDataObject): string | undefined {
	const outputSchema = mappingSet.outputSchema as IDataObject | undefined;
	const schemaRef = outputSchema?.schemaRef as IDataObject | undefined;
	return firstText(schemaRef?.id, mappingSet.xdmSchema);
}

/**
 * What makes a mapping set the same as another: its output schema and its mappings, in any
 * order. Used as the create-or-reuse key, for the set we would create and for listed ones.
 */
export function mappingSetKey(schemaId: string, mappings: Mapping[]): string {
	const lines = mappings.map((mapping) => mappingKey(mapping as unknown as IDataObject));
	return JSON.stringify([schemaId, [...lines].sort()]);
}

/**
 * The key of a stored set, or undefined when it cannot be read. Adobe echoes stored attribute
 * mappings with sourceType "text/x.schema-path" and the legacy field names, so both spellings
 * give the same key.
 */
export function storedMappingSetKey(mappingSet: IDataObject): string | undefined {
	const schemaId = outputSchemaOf(mappingSet);
	if (!schemaId || !Array.isArray(mappingSet.mappings)) return undefined;
	const lines = mappingSet.mappings.map((entry) => mappingKey(entry as IDataObject));
	if (lines.some((line) => line === undefined)) return undefined;
	return JSON.stringify([schemaId, [...(lines as string[])].sort()]);
}

/** One line per mapping, the same for every spelling of the same mapping. */
function mappingKey(entry: IDataObject | undefined): string | undefined {
	if (!entry || typeof entry !== 'object') return undefined;
	const source = firstText(entry.source, entry.sourceAttribute);
	const destination = firstText(entry.destination, entry.destinationXdmPath);
	if (!source || !destination) return undefined;
	const type = (firstText(entry.sourceType) ?? 'ATTRIBUTE').toUpperCase();
	const kind = type === 'TEXT/X.SCHEMA-PATH' ? 'ATTRIBUTE' : type;
	return JSON.stringify([kind, source, destination]);
}

function firstText(...values: unknown[]): string | undefined {
	for (const value of values) {
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return undefined;
}
