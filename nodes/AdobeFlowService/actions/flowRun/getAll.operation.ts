import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataflowLocator, readDataflowId } from '../../descriptions/dataflow';
import { oneOf } from '../../descriptions/listing';
import { invalidParameter } from '../../helpers/errors';
import { RUNS_PATH, runFilterProperties, shapeRun } from '../../helpers/flowRuns';
import type { FinishedStatus } from '../../helpers/flowRuns';
import { listAll, readLimit } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { checkDateTime } from '../../helpers/validation';
import { optionsCollection, readTimeoutMs, returnAllAndLimit } from '../common';

const showFor = { resource: ['flowRun'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	dataflowLocator('getAll', 'list the runs of', {
		resource: 'flowRun',
		required: false,
		description: 'Only runs of this dataflow. Leave it empty for the runs of every dataflow.',
	}),
	...returnAllAndLimit(showFor),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Started After',
				name: 'startedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only runs that started after this time',
			},
			{
				displayName: 'Started Before',
				name: 'startedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only runs that started before this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Failed', value: 'failed' },
					{ name: 'Success', value: 'success' },
				],
				default: 'failed',
				description: 'Only runs that ended this way',
			},
		],
	},
	optionsCollection(showFor),
];

interface Params {
	properties: string[];
	limit?: number;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const flowId = readDataflowId(this, itemIndex, { optional: true });
		const startedAfterMs = checkDateTime(this, itemIndex, filters.startedAfter, {
			label: 'Filter "Started After"',
			optional: true,
		});
		const startedBeforeMs = checkDateTime(this, itemIndex, filters.startedBefore, {
			label: 'Filter "Started Before"',
			optional: true,
		});
		if (
			startedAfterMs !== undefined &&
			startedBeforeMs !== undefined &&
			startedBeforeMs <= startedAfterMs
		) {
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'Filter "Started Before"',
				'must be later than Filter "Started After"',
			);
		}
		const status =
			filters.status === undefined || filters.status === ''
				? undefined
				: (oneOf(
						this,
						itemIndex,
						filters.status,
						['failed', 'success'],
						'Filter "Status"',
					) as FinishedStatus);
		return {
			properties: runFilterProperties({
				flowIds: flowId ? [flowId] : undefined,
				status,
				startedAfterMs,
				startedBeforeMs,
			}),
			limit: readLimit(this, itemIndex),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// Newest first. Every page re-sends the filters with the continuation token (§11).
		const runs = await listAll.call(
			this,
			state,
			{
				path: RUNS_PATH,
				query: { property: params.properties, orderby: '-createdAt' },
				limit: params.limit,
				sendPageSize: true,
				resendQuery: true,
				timeoutMs: params.timeoutMs,
			},
			itemIndex,
		);
		return runs.map(shapeRun);
	},
};
