import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ifExistsOption } from '../../descriptions/createOptions';
import { FREQUENCY_OPTIONS, checkMappingSetRef } from '../../descriptions/dataflow';
import { readIfExists } from '../../helpers/createOrReuse';
import { createDataflow } from '../../helpers/dataflows';
import type { DataflowCreate } from '../../helpers/dataflows';
import { describeValue, invalidParameter } from '../../helpers/errors';
import {
	buildSchedule,
	CRM_TO_AEP_FLOW_SPEC_ID,
	isScheduleProblem,
	toEpochSeconds,
} from '../../helpers/schedule';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { checkText, readText, UUID_PATTERN } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['dataflow'], operation: ['create'] };
const periodic = { ...showFor, frequency: ['minute', 'hour', 'day', 'week'] };

const idField = (displayName: string, name: string, description: string, extra = {}) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	required: true,
	description,
	displayOptions: { show: showFor },
	...extra,
});

export const description: INodeProperties[] = [
	{
		...idField('Name', 'name', 'Name of the dataflow in Experience Platform'),
		placeholder: 'e.g. Redshift orders to AEP',
	},
	idField(
		'Flow Spec ID',
		'flowSpecId',
		'The flow spec, CRMToAEP for database sources. Map the ID output of Flow Spec → Get here.',
		{ default: CRM_TO_AEP_FLOW_SPEC_ID },
	),
	idField(
		'Source Connection ID',
		'sourceConnectionId',
		'The source connection (one table) the flow reads; map the ID output of Source Connection → Create',
	),
	idField(
		'Target Connection ID',
		'targetConnectionId',
		'The Data Lake target connection (one dataset) the flow writes; map the ID output of Target Connection → Create',
	),
	idField(
		'Mapping Set ID',
		'mappingSetId',
		'The mapping set from the columns to the XDM schema; map the ID output of Mapping Set → Create',
	),
	{
		displayName: 'Mapping Set Version',
		name: 'mappingSetVersion',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Version of the mapping set; Mapping Set → Create outputs it',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Frequency',
		name: 'frequency',
		type: 'options',
		options: FREQUENCY_OPTIONS,
		default: 'hour',
		description: 'How often the flow ingests new rows',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When the first run starts, in the workflow's time zone; sent to Adobe in epoch seconds",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'number',
		typeOptions: { minValue: 15, numberPrecision: 0 },
		default: 15,
		description: 'Minutes between runs, at least 15',
		displayOptions: { show: { ...showFor, frequency: ['minute'] } },
	},
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'Hours, days or weeks between runs (per the frequency), at least 1',
		displayOptions: { show: { ...showFor, frequency: ['hour', 'day', 'week'] } },
	},
	{
		displayName: 'Backfill',
		name: 'backfill',
		type: 'boolean',
		default: true,
		description: 'Whether the first run also ingests the rows from before the start time',
		displayOptions: { show: periodic },
	},
	{
		displayName: 'Delta Column',
		name: 'deltaColumn',
		type: 'string',
		default: '',
		placeholder: 'e.g. updated_at',
		description:
			'A date-time column of the table by which each run finds the new rows (values like yyyy-MM-dd HH:mm:ss). Required for CRMToAEP flows.',
		displayOptions: { show: periodic },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Delta Column Date Format',
				name: 'deltaColumnDateFormat',
				type: 'string',
				default: '',
				placeholder: 'e.g. YYYY-MM-DD',
				description: 'Only for a flow with a delta column',
			},
			{
				displayName: 'Delta Column Time Zone',
				name: 'deltaColumnTimezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. UTC',
				description: 'Only for a flow with a delta column',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
			},
			{ displayName: 'Flow Spec Version', name: 'flowSpecVersion', type: 'string', default: '1.0' },
		],
	},
	optionsCollection(showFor, [ifExistsOption('Dataflow', 'name and flow spec')]),
];

const readId = (context: IExecuteFunctions, itemIndex: number, name: string, label: string) =>
	readText(context, name, itemIndex, {
		label,
		maxLength: 64,
		pattern: {
			test: UUID_PATTERN,
			expected: 'a UUID such as ae0a9777-b322-4ac1-b0ed-48ae9e497c7e',
		},
	}).toLowerCase();

export const operation: FlowServiceOperation<DataflowCreate> = {
	prepare(this: IExecuteFunctions, itemIndex: number): DataflowCreate {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const fail = (label: string, problem: string) =>
			invalidParameter(this.getNode(), itemIndex, label, problem);
		const flowSpecId = readId(this, itemIndex, 'flowSpecId', 'Flow Spec ID');
		const rawStart = this.getNodeParameter('startTime', itemIndex, '') as unknown;
		const startTime = toEpochSeconds(rawStart, this.getTimezone());
		if (startTime === undefined) {
			throw fail(
				'Start Time',
				`must be a date and time, e.g. 2030-01-01T06:00:00 (got ${describeValue(rawStart)})`,
			);
		}
		// n8n drops the fields the chosen frequency hides; they read as empty, i.e. not set.
		const schedule = buildSchedule({
			frequency: this.getNodeParameter('frequency', itemIndex, '') as unknown,
			interval: this.getNodeParameter('interval', itemIndex, '') as unknown,
			backfill: this.getNodeParameter('backfill', itemIndex, '') as unknown,
			deltaColumn: this.getNodeParameter('deltaColumn', itemIndex, '') as unknown,
			startTime,
			deltaColumnRequired: flowSpecId === CRM_TO_AEP_FLOW_SPEC_ID,
		});
		if (isScheduleProblem(schedule)) throw fail(schedule.parameter, schedule.rule);
		const optionalText = (value: unknown, label: string, maxLength = 64) =>
			checkText(this, itemIndex, value, { label, optional: true, maxLength }) || undefined;
		if (schedule.deltaColumn) {
			checkText(this, itemIndex, schedule.deltaColumn, { label: 'Delta Column', maxLength: 256 });
		}
		const dateFormat = optionalText(additional.deltaColumnDateFormat, 'Delta Column Date Format');
		const timezone = optionalText(additional.deltaColumnTimezone, 'Delta Column Time Zone');
		return {
			name: readText(this, 'name', itemIndex, { label: 'Name', maxLength: 256 }),
			description:
				checkText(this, itemIndex, additional.description, {
					label: 'Description',
					optional: true,
					maxLength: 2000,
					allowLineBreaks: true,
				}) || undefined,
			flowSpec: {
				id: flowSpecId,
				version:
					checkText(this, itemIndex, additional.flowSpecVersion ?? '1.0', {
						label: 'Flow Spec Version',
						optional: true,
						pattern: { test: /^\d+(\.\d+)*$/, expected: 'a version such as 1.0' },
					}) || '1.0',
			},
			sourceConnectionId: readId(this, itemIndex, 'sourceConnectionId', 'Source Connection ID'),
			targetConnectionId: readId(this, itemIndex, 'targetConnectionId', 'Target Connection ID'),
			mapping: checkMappingSetRef(
				this,
				itemIndex,
				this.getNodeParameter('mappingSetId', itemIndex, ''),
				this.getNodeParameter('mappingSetVersion', itemIndex, 0),
			),
			deltaColumn: schedule.deltaColumn
				? {
						name: schedule.deltaColumn,
						...(dateFormat && { dateFormat }),
						...(timezone && { timezone }),
					}
				: undefined,
			scheduleParams: schedule.scheduleParams,
			ifExists: readIfExists(this, itemIndex, 'If a Dataflow With This Name Exists'),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(
		this: IExecuteFunctions,
		params: DataflowCreate,
		itemIndex: number,
		state: ExecutionState,
	) {
		return await createDataflow.call(this, state, params, itemIndex);
	},
};
