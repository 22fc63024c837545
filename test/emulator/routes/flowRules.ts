// The checks POST /flows and PATCH /flows/{id} share: schedule (§5-§6), transformations
// (Copy with its delta column, Mapping), and that mapping, target and dataset use one schema.
import type {
	StoredFlow,
	StoredMappingSet,
	StoredSourceConnection,
	Transformation,
} from '../data/entities';
import { onboardingErrors } from '../errors';
import { flowErrors } from '../http';
import { isObject } from './connections';
import type { RouteContext } from './context';

const FREQUENCIES = new Set(['once', 'minute', 'hour', 'day', 'week']);
// Epoch seconds stay below this until the year 5138; epoch milliseconds are far above it.
const MAX_EPOCH_SECONDS = 1e11;

/** A whole number, sent either natively or as a string as the docs do. */
function wholeNumber(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

export function checkSchedule(raw: unknown): Record<string, unknown> {
	if (!isObject(raw)) throw onboardingErrors.badSchedule('scheduleParams is required.');
	const frequency = raw.frequency;
	if (typeof frequency !== 'string' || !FREQUENCIES.has(frequency)) {
		throw onboardingErrors.badSchedule(
			`frequency must be one of once, minute, hour, day, week; got ${String(frequency)}.`,
		);
	}
	const startTime = wholeNumber(raw.startTime);
	if (startTime === undefined)
		throw onboardingErrors.badSchedule('startTime is required, in epoch seconds.');
	if (startTime >= MAX_EPOCH_SECONDS) {
		throw onboardingErrors.badSchedule(
			`startTime ${startTime} looks like milliseconds; send epoch seconds.`,
		);
	}
	if (frequency === 'once') {
		if (raw.interval !== undefined) throw onboardingErrors.intervalWithOnce();
		if (raw.backfill !== undefined) throw onboardingErrors.backfillWithOnce();
		return { startTime, frequency };
	}
	if (raw.interval === undefined)
		throw onboardingErrors.badSchedule(`interval is required for frequency ${frequency}.`);
	const interval = wholeNumber(raw.interval);
	if (interval === undefined)
		throw onboardingErrors.badSchedule(
			`interval must be a whole number; got ${String(raw.interval)}.`,
		);
	const minimum = frequency === 'minute' ? 15 : 1;
	if (interval < minimum) throw onboardingErrors.intervalTooSmall(frequency, minimum);
	let backfill = true;
	if (raw.backfill !== undefined) {
		if (
			raw.backfill !== true &&
			raw.backfill !== false &&
			raw.backfill !== 'true' &&
			raw.backfill !== 'false'
		) {
			throw onboardingErrors.badSchedule(
				`backfill must be true or false; got ${String(raw.backfill)}.`,
			);
		}
		backfill = raw.backfill === true || raw.backfill === 'true';
	}
	return { startTime, frequency, interval, backfill };
}

export function findTransformation(
	transformations: Transformation[],
	name: string,
): Transformation | undefined {
	return transformations.find((transformation) => transformation.name === name);
}

/** The delta column of a flow's Copy transformation, if it has one. */
export function deltaColumnOf(flow: Pick<StoredFlow, 'transformations'>): string | undefined {
	const delta = findTransformation(flow.transformations, 'Copy')?.params?.deltaColumn;
	return isObject(delta) && typeof delta.name === 'string' ? delta.name : undefined;
}

/** Checks Copy and Mapping against the schedule and the source; returns the mapping set. */
export function checkTransformations(
	ctx: RouteContext,
	raw: unknown,
	frequency: string,
	source: StoredSourceConnection,
	allowed: string[],
): { transformations: Transformation[]; mappingSet: StoredMappingSet } {
	if (raw !== undefined && !Array.isArray(raw)) {
		throw flowErrors.invalidRequest('transformations must be an array.', {
			fields: ['transformations'],
		});
	}
	const transformations = (raw ?? []) as Transformation[];
	for (const transformation of transformations) {
		if (!isObject(transformation) || !allowed.includes(String(transformation.name))) {
			throw flowErrors.invalidRequest(
				`Unknown transformation ${String(isObject(transformation) ? transformation.name : transformation)}; the flow spec has ${allowed.join(', ')}.`,
				{ fields: ['transformations'] },
			);
		}
	}
	const mapping = findTransformation(transformations, 'Mapping');
	if (!mapping) throw onboardingErrors.mappingMissing();
	const mappingId = mapping.params?.mappingId;
	const mappingSet =
		typeof mappingId === 'string' ? ctx.state.platform.mappingSets.get(mappingId) : undefined;
	if (!mappingSet || mappingSet.sandboxName !== ctx.sandboxName) {
		throw flowErrors.invalidRequest(`The mapping set ${String(mappingId)} does not exist.`, {
			fields: ['transformations.Mapping.params.mappingId'],
		});
	}
	const version = mapping.params?.mappingVersion;
	if (version === undefined || String(version) !== String(mappingSet.version)) {
		throw onboardingErrors.badMappingVersion(String(version), mappingSet.version);
	}
	const delta = deltaColumnOf({ transformations });
	const copyParams = findTransformation(transformations, 'Copy')?.params;
	if (frequency === 'once') {
		if (copyParams?.deltaColumn !== undefined) throw onboardingErrors.deltaColumnWithOnce();
	} else if (!delta) {
		throw onboardingErrors.deltaColumnRequired(
			'add a Copy transformation with params.deltaColumn.name.',
		);
	} else if (!source.params.columns.some((column) => column.name === delta)) {
		throw onboardingErrors.deltaColumnRequired(
			`${delta} is not a column of ${source.params.tableName}.`,
		);
	}
	return { transformations, mappingSet };
}

/** FLOW-1425-400 unless the mapping set, the target connection and its dataset share a schema. */
export function checkSameSchema(
	ctx: RouteContext,
	mappingSet: StoredMappingSet,
	targetSchemaId: string,
	dataSetId: string,
): void {
	const datasetSchema = (
		ctx.state.platform.datasets.get(dataSetId)?.record.schemaRef as { id?: string }
	)?.id;
	if (mappingSet.xdmSchema !== datasetSchema) {
		throw onboardingErrors.schemaMismatch(
			`mapping set ${mappingSet.id} uses ${mappingSet.xdmSchema}, dataset ${dataSetId} uses ${String(datasetSchema)}.`,
		);
	}
	if (targetSchemaId !== datasetSchema) {
		throw onboardingErrors.schemaMismatch(
			`the target connection uses ${targetSchemaId}, dataset ${dataSetId} uses ${String(datasetSchema)}.`,
		);
	}
}
