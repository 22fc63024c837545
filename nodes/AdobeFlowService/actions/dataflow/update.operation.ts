import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkMappingSetRef,
	dataflowLocator,
	dataflowPath,
	FREQUENCY_OPTIONS,
	readDataflowId,
} from '../../descriptions/dataflow';
import { invalidParameter, operationError } from '../../helpers/errors';
import { patchWithEtag } from '../../helpers/patchWithEtag';
import type { PatchOperation } from '../../helpers/patchWithEtag';
import { FREQUENCIES, MIN_INTERVAL } from '../../helpers/schedule';
import type { Frequency } from '../../helpers/schedule';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { checkText } from '../../helpers/validation';
import { oneOf } from '../../descriptions/listing';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['dataflow'], operation: ['update'] };

export const description: INodeProperties[] = [
	dataflowLocator('update', 'update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Frequency',
				name: 'frequency',
				type: 'options',
				options: FREQUENCY_OPTIONS,
				default: 'day',
				description:
					'How often the flow runs. Once its start time has passed, Adobe no longer lets it become Once.',
			},
			{
				displayName: 'Interval',
				name: 'interval',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 1,
				description: 'Units of the frequency between runs: at least 15 for minutes, 1 otherwise',
			},
			{
				displayName: 'Mapping Set ID',
				name: 'mappingSetId',
				type: 'string',
				default: '',
				description:
					"Replaces the flow's Mapping transformation with this mapping set (its version below)",
			},
			{
				displayName: 'Mapping Set Version',
				name: 'mappingSetVersion',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
	optionsCollection(showFor),
];

interface Params {
	id: string;
	name?: string;
	description?: string;
	frequency?: Frequency;
	interval?: number;
	mapping?: { id: string; version: number };
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const id = readDataflowId(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const fail = (label: string, problem: string) =>
			invalidParameter(this.getNode(), itemIndex, label, problem);
		const params: Params = { id, timeoutMs: readTimeoutMs(this, itemIndex) };
		if (fields.name !== undefined) {
			params.name = checkText(this, itemIndex, fields.name, { label: 'Name', maxLength: 256 });
		}
		if (fields.description !== undefined) {
			params.description = checkText(this, itemIndex, fields.description, {
				label: 'Description',
				optional: true,
				maxLength: 2000,
				allowLineBreaks: true,
			});
		}
		if (fields.frequency !== undefined) {
			const frequency = oneOf(this, itemIndex, fields.frequency, [...FREQUENCIES], 'Frequency');
			params.frequency = frequency as Frequency;
		}
		if (fields.interval !== undefined) {
			const interval = Number(fields.interval);
			if (typeof fields.interval === 'boolean' || !Number.isInteger(interval) || interval < 1) {
				throw fail('Interval', 'must be a whole number of at least 1');
			}
			if (params.frequency === 'once') {
				throw fail('Interval', 'must be empty when Frequency is once (Adobe: 1361-400)');
			}
			params.interval = interval;
		}
		if (fields.mappingSetId !== undefined || fields.mappingSetVersion !== undefined) {
			params.mapping = checkMappingSetRef(
				this,
				itemIndex,
				fields.mappingSetId,
				fields.mappingSetVersion ?? 0,
			);
		}
		const { name, description: text, frequency, interval, mapping } = params;
		if ([name, text, frequency, interval, mapping].every((value) => value === undefined)) {
			throw fail('Update Fields', 'is empty: add at least one field to change');
		}
		return params;
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const outcome = await patchWithEtag.call(
			this,
			state,
			{
				path: dataflowPath(params.id),
				noun: 'dataflow',
				id: params.id,
				timeoutMs: params.timeoutMs,
				operations: (flow) => patchOperations.call(this, params, flow, itemIndex),
			},
			itemIndex,
		);
		return {
			id: String(outcome.body.id ?? params.id),
			etag: String(outcome.body.etag ?? ''),
			updated: outcome.operations.map((operation) => operation.path),
		};
	},
};

/**
 * The JSON Patch for the flow as it is now: the schedule checked against its current
 * frequency and interval, and the Mapping transformation found by name, not assumed first.
 */
function patchOperations(
	this: IExecuteFunctions,
	params: Params,
	flow: IDataObject,
	itemIndex: number,
): PatchOperation[] {
	const operations: PatchOperation[] = [];
	const replace = (path: string, value: unknown) =>
		operations.push({ op: 'replace', path, value: value as IDataObject });
	if (params.name !== undefined) replace('/name', params.name);
	if (params.description !== undefined) replace('/description', params.description);
	const schedule = (flow.scheduleParams ?? {}) as IDataObject;
	if (params.frequency !== undefined || params.interval !== undefined) {
		const frequency = (params.frequency ?? schedule.frequency) as Frequency;
		const interval = params.interval ?? Number(schedule.interval);
		if (frequency !== 'once') {
			const minimum = MIN_INTERVAL[frequency] ?? 1;
			if (!Number.isInteger(interval) || interval < minimum) {
				throw invalidParameter(
					this.getNode(),
					itemIndex,
					'Interval',
					`must be at least ${minimum} when Frequency is ${frequency} (the flow would have ${Number.isFinite(interval) ? interval : 'none'})`,
				);
			}
		}
		if (params.frequency !== undefined) replace('/scheduleParams/frequency', params.frequency);
		if (params.interval !== undefined) replace('/scheduleParams/interval', params.interval);
	}
	if (params.mapping) {
		const transformations = Array.isArray(flow.transformations) ? flow.transformations : [];
		const index = transformations.findIndex(
			(transformation) => (transformation as IDataObject)?.name === 'Mapping',
		);
		const value = {
			name: 'Mapping',
			params: { mappingId: params.mapping.id, mappingVersion: params.mapping.version },
		};
		if (index < 0 && transformations.length === 0 && !Array.isArray(flow.transformations)) {
			throw operationError(
				this.getNode(),
				`The dataflow ${params.id} has no transformations to put the mapping in [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		if (index >= 0) replace(`/transformations/${index}`, value);
		else operations.push({ op: 'add', path: '/transformations/-', value });
	}
	return operations;
}
