// Error codes of the onboarding chain (explore, source/target connections, dataflows, runs),
// from Adobe's sources and Flow Service error catalogues. Where the catalogue gives a range
// without saying which number means what (1360-1364, 1380-1388), the pick is noted.
import { FlowError } from './http';

const bad = (code: string, detail: string, details?: Record<string, unknown>) =>
	new FlowError({ code, status: 400, title: 'Invalid request', detail, details });

export const onboardingErrors = {
	targetSpecNotDataLake: (id: string) =>
		bad(
			'1307',
			`The target connection spec ${id} is not supported. Use the Data Lake connection spec c604ff05-7f1a-43c0-8e18-33bf874cb11c.`,
		),
	missingEntity: (kind: string, id: string) =>
		bad('1323', `The ${kind} with the ID ${id} could not be found. Please provide a valid ID.`),
	invalidDataSet: (id: string) =>
		bad('1325', `The dataSetId ${id} is invalid. Please provide the ID of an existing dataset.`),
	unsupportedFormat: (format: string) =>
		bad('1327', `The data format '${format}' is not supported for this source.`),
	noColumns: (table: string) =>
		bad('1330', `No columns were found for the table ${table}. Please provide the columns.`),
	filterNotReadable: () =>
		bad('1335', 'The filters parameter could not be deserialised: send Base64-encoded PQL JSON.'),
	exploreNotSupported: (objectType: string, specId: string) =>
		bad('1336', `Explore with objectType ${objectType} is not supported for spec ${specId}.`),
	exploreParamMissing: (param: string, objectType: string) =>
		bad('1337', `The query parameter ${param} is required for objectType ${objectType}.`),
	badObjectType: (objectType: string) =>
		bad('1358', `Invalid objectType ${objectType}. Supported: root, table, file, folder, rest.`),
	startTimeInPast: () => bad('1360', 'The start time cannot be set in the past.'),
	intervalWithOnce: () =>
		bad('1361', 'The interval cannot be set when the frequency is once. Remove the interval.'),
	// 1362/1363: the catalogue lists the range only; the emulator uses them for these two.
	badSchedule: (detail: string) => bad('1362', `Invalid scheduleParams: ${detail}`),
	intervalTooSmall: (frequency: string, minimum: number) =>
		bad('1363', `The interval for frequency ${frequency} must be at least ${minimum}.`),
	backfillWithOnce: () =>
		bad('1364', 'Backfill cannot be set when the frequency is once. Remove backfill.'),
	startTimeLocked: () =>
		bad('1366', 'The start time cannot be changed once the scheduled start time has passed.'),
	deltaColumnRequired: (detail: string) => bad('1367', `The delta column is required: ${detail}`),
	modeInBody: () =>
		bad('1368', 'The field mode is not allowed in the request body. Use the query parameter mode.'),
	deltaColumnWithOnce: () =>
		bad('1369', 'The delta column cannot be set when the frequency is once.'),
	mappingMissing: () =>
		bad(
			'1370',
			'The source columns could not be fetched for ingestion because the mapping transformation is missing. Please add the mapping transformation and try again.',
		),
	// 1380/1384/1385: run errors from the 1380-1388 range, picked by the emulator.
	badRunRequest: (detail: string) => bad('1380', `Invalid flow run request: ${detail}`),
	windowReversed: () => bad('1381', 'The window end time cannot be before the window start time.'),
	deltaColumnChanged: (current: string) =>
		bad('1382', `The delta column cannot be changed; the flow uses '${current}'.`),
	deltaColumnMissing: () =>
		bad('1383', 'The delta column is required for the first run of this flow.'),
	runParamMissing: (param: string) =>
		bad('1384', `The parameter params.${param} is required and must be a unix time.`),
	onDemandNotOnce: (frequency: string) =>
		bad(
			'1386',
			`On-demand runs are supported only for flows scheduled with frequency once; this flow runs every ${frequency}.`,
		),
	cannotReTrigger: (status: string) =>
		bad('1387', `The run cannot be re-triggered in its current state (${status}).`),
	flowNotEnabled: (id: string) => bad('1388', `The flow ${id} must be enabled.`),
	unsupportedRunAction: (op: string) =>
		bad('1401', `The flow run action ${op} is not supported. Supported: RE_TRIGGER.`),
	frequencyLockedToOnce: () =>
		bad('1403', 'The frequency cannot be changed to once after the start time has passed.'),
	backfillLocked: () =>
		bad('1404', 'Backfill cannot be changed after the scheduled start time has passed.'),
	stateInBody: () => bad('1410', 'State is not allowed in the create flow request.'),
	badMappingVersion: (given: string, current: number) =>
		bad('1412', `Invalid mapping version ${given}; the mapping set is at version ${current}.`),
	badFlowSpec: (detail: string) =>
		bad(
			'1413',
			`The spec ID provided is invalid. Please provide a valid spec ID and try again.${detail}`,
		),
	actionNotApplicable: (op: string, state: string) =>
		bad('1422', `The action ${op} cannot be applied to the flow in its current state (${state}).`),
	schemaMismatch: (detail: string) =>
		bad(
			'1425',
			`The schema used in the mapping and the schema of the target dataset do not match: ${detail}`,
		),
	flowNotFound: (id: string) =>
		new FlowError({
			code: '1430',
			status: 400,
			title: 'Invalid request',
			detail: `The flow with the ID ${id} could not be found.`,
		}),
	entityInUse: (kind: string, id: string) =>
		bad(
			'1418',
			`The ${kind} with the ID ${id} cannot be deleted because it is used in one or more flows (in use by dataflows). Delete the flows first.`,
		),
};

/** Errors of the Catalog and Data Prep services, in the same problem shape with their own prefix. */
export const serviceError = (service: string, code: string, status: number, detail: string) =>
	new FlowError({
		service,
		code,
		status,
		title: status === 404 ? 'Not Found' : 'Bad Request',
		detail,
	});
