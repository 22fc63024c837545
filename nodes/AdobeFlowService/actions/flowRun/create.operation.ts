import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataflowLocator, dataflowPath, readDataflowId } from '../../descriptions/dataflow';
import { readWaitOptions, waitParameters } from '../../descriptions/flowRun';
import type { WaitOptions } from '../../descriptions/flowRun';
import { invalidParameter, operationError } from '../../helpers/errors';
import { firstItem, RUNS_PATH, runFilterProperties, shapeRun } from '../../helpers/flowRuns';
import { createOrReuse } from '../../helpers/createOrReuse';
import { getEntity } from '../../helpers/entities';
import { listAll } from '../../helpers/pagination';
import { waitForRun } from '../../helpers/runRequests';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { checkDateTime, checkText } from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['flowRun'], operation: ['create'] };

export const description: INodeProperties[] = [
	dataflowLocator('create', 'run', {
		resource: 'flowRun',
		description:
			'The dataflow to run now. Only dataflows scheduled to run once can be run on demand.',
	}),
	{
		displayName: 'Window Start',
		name: 'windowStart',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Ingest the records changed from this time on',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Window End',
		name: 'windowEnd',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Ingest the records changed up to this time',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Delta Column',
		name: 'deltaColumn',
		type: 'string',
		default: '',
		placeholder: 'e.g. updated_at',
		description:
			"The source column whose time puts a record in the window. A database source needs it on the dataflow's first run; later runs use the same column, so leave it empty then.",
		displayOptions: { show: showFor },
	},
	...waitParameters('create'),
	optionsCollection(showFor),
];

interface Params {
	flowId: string;
	windowStartMs: number;
	windowEndMs: number;
	deltaColumn: string;
	wait?: WaitOptions;
	timeoutMs: number;
}

/** Seconds, as text: the form Adobe's on-demand examples send (§0: "unix time"). */
const unixSeconds = (ms: number) => String(Math.floor(ms / 1000));

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const flowId = readDataflowId(this, itemIndex);
		const time = (name: string, label: string) =>
			checkDateTime(this, itemIndex, this.getNodeParameter(name, itemIndex, ''), {
				label,
			}) as number;
		const windowStartMs = time('windowStart', 'Window Start');
		const windowEndMs = time('windowEnd', 'Window End');
		if (windowEndMs < windowStartMs) {
			// Adobe would answer 1381-400.
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'Window End',
				'must not be before Window Start',
			);
		}
		const deltaColumn = checkText(
			this,
			itemIndex,
			this.getNodeParameter('deltaColumn', itemIndex, ''),
			{
				label: 'Delta Column',
				optional: true,
				maxLength: 256,
			},
		);
		return {
			flowId,
			windowStartMs,
			windowEndMs,
			deltaColumn,
			wait: readWaitOptions(this, itemIndex),
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		await checkDataflow.call(this, state, params, itemIndex);
		const sentAt = Date.now();
		const body = {
			flowId: params.flowId,
			params: {
				startTime: unixSeconds(sentAt),
				windowStartTime: unixSeconds(params.windowStartMs),
				windowEndTime: unixSeconds(params.windowEndMs),
				...(params.deltaColumn && { deltaColumn: { name: params.deltaColumn } }),
			},
		};
		// Nothing to reuse (every run is new), but a POST whose answer was lost is looked up
		// before it is sent again: a run of this dataflow created since is the one sent.
		const { entity } = await createOrReuse.call(this, state, itemIndex, {
			ifExists: 'create',
			send: async (findCreated) =>
				await flowServiceRequest.call(
					this,
					state,
					{ method: 'POST', path: RUNS_PATH, body, timeoutMs: params.timeoutMs, findCreated },
					itemIndex,
				),
			findLost: async () => {
				const runs = await listAll.call(
					this,
					state,
					{
						path: RUNS_PATH,
						query: {
							property: runFilterProperties({ flowIds: [params.flowId] }),
							orderby: '-createdAt',
						},
						limit: 10,
						sendPageSize: true,
						timeoutMs: params.timeoutMs,
					},
					itemIndex,
				);
				return runs.find((run) => Number(run.createdAt) >= sentAt - 60_000);
			},
		});
		// The docs answer {"items": [{id, etag}]}, the OpenAPI a bare {id, etag}.
		const created = firstItem(entity);
		if (!created || typeof created.id !== 'string') {
			throw operationError(
				this.getNode(),
				`Adobe answered without the new run's ID [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'The run may have been created: look for it with Flow Run → Get Many.',
				},
			);
		}
		if (params.wait) {
			return await waitForRun.call(
				this,
				state,
				created.id,
				params.wait,
				itemIndex,
				params.timeoutMs,
			);
		}
		const run: IDataObject = { flowId: params.flowId, ...created };
		return run.metrics ? shapeRun(run) : run;
	},
};

/**
 * Checks the dataflow before the run is asked for: Adobe refuses on-demand runs of scheduled
 * dataflows (1386-400), a missing delta column on a database source's first run (1383-400),
 * and a delta column other than the one the dataflow already uses (1382-400).
 */
async function checkDataflow(
	this: IExecuteFunctions,
	state: ExecutionState,
	params: Params,
	itemIndex: number,
): Promise<void> {
	const flow = await getEntity.call(
		this,
		state,
		{
			path: dataflowPath(params.flowId),
			noun: 'dataflow',
			id: params.flowId,
			timeoutMs: params.timeoutMs,
		},
		itemIndex,
	);
	const schedule = (flow.scheduleParams ?? {}) as IDataObject;
	const frequency = String(schedule.frequency ?? '').toLowerCase();
	if (frequency !== 'once') {
		throw invalidParameter(
			this.getNode(),
			itemIndex,
			'Dataflow',
			`is scheduled with frequency "${frequency || 'unknown'}": only dataflows scheduled to run once can be run on demand (Adobe error 1386)`,
			'Create a dataflow with Frequency "once" for on-demand runs, or wait for its next scheduled run.',
		);
	}
	const transformations = Array.isArray(flow.transformations) ? flow.transformations : [];
	const copy = transformations.find(
		(entry) => String((entry as IDataObject)?.name ?? '').toLowerCase() === 'copy',
	) as IDataObject | undefined;
	if (!copy) return; // A file-based source: no delta column.
	const current = ((copy.params as IDataObject | undefined)?.deltaColumn as IDataObject | undefined)
		?.name;
	if (typeof current === 'string' && current) {
		if (params.deltaColumn && params.deltaColumn !== current) {
			throw invalidParameter(
				this.getNode(),
				itemIndex,
				'Delta Column',
				`must be "${current}", the column this dataflow already uses, or empty (Adobe error 1382)`,
			);
		}
	} else if (!params.deltaColumn) {
		throw invalidParameter(
			this.getNode(),
			itemIndex,
			'Delta Column',
			"is needed on this dataflow's first run (Adobe error 1383)",
			'Name the source column whose time puts a record in the window, e.g. updated_at.',
		);
	}
}
