import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, invalidParameter } from '../helpers/errors';
import { checkText, UUID_PATTERN } from '../helpers/validation';

/** The run's ID, for Get and Retry. Runs have no names, so there is no list to pick from. */
export function runIdParameter(operation: string, action: string): INodeProperties {
	return {
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 65b7cfcc-2d4a-4a0f-9c8e-3f2b1a0c9d8e',
		description: `The flow run to ${action}, as Flow Run → Get Many or the trigger outputs it`,
		displayOptions: { show: { resource: ['flowRun'], operation: [operation] } },
	};
}

export function readRunId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('runId', itemIndex, '');
	return checkText(context, itemIndex, raw, {
		label: 'Run ID',
		maxLength: 36,
		pattern: { test: UUID_PATTERN, expected: 'a run ID (a UUID)' },
	}).toLowerCase();
}

export const DEFAULT_MAX_WAIT_SECONDS = 600;
export const MAX_MAX_WAIT_SECONDS = 3600;
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;

/** Wait for Completion and its bounds, shown on Create and Retry. */
export function waitParameters(operation: string): INodeProperties[] {
	const show = { resource: ['flowRun'], operation: [operation] };
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep polling the run until it succeeds or fails, and output the finished run',
			displayOptions: { show },
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_MAX_WAIT_SECONDS, numberPrecision: 0 },
			default: DEFAULT_MAX_WAIT_SECONDS,
			description:
				'How long to wait for the run at most. When it runs longer the item fails with the run ID, and the run goes on in Adobe. For longer runs, loop Flow Run → Get with a Wait node.',
			displayOptions: { show: { ...show, waitForCompletion: [true] } },
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description:
				'How long to wait before the first look at the run. Each later wait doubles, up to a minute.',
			displayOptions: { show: { ...show, waitForCompletion: [true] } },
		},
	];
}

export interface WaitOptions {
	maxWaitMs: number;
	pollIntervalMs: number;
}

/** Wait for Completion as checked options, or undefined when the node is not to wait. */
export function readWaitOptions(
	context: IExecuteFunctions,
	itemIndex: number,
): WaitOptions | undefined {
	if (context.getNodeParameter('waitForCompletion', itemIndex, false) !== true) return undefined;
	const seconds = (name: string, label: string, fallback: number, max: number) => {
		const raw = context.getNodeParameter(name, itemIndex, fallback) as unknown;
		const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
			throw invalidParameter(
				context.getNode(),
				itemIndex,
				label,
				`must be a number of seconds above 0 and at most ${max} (got ${describeValue(raw)})`,
			);
		}
		return Math.round(value * 1000);
	};
	return {
		maxWaitMs: seconds(
			'maxWaitSeconds',
			'Max Wait (Seconds)',
			DEFAULT_MAX_WAIT_SECONDS,
			MAX_MAX_WAIT_SECONDS,
		),
		pollIntervalMs: seconds(
			'pollIntervalSeconds',
			'Poll Interval (Seconds)',
			DEFAULT_POLL_INTERVAL_SECONDS,
			300,
		),
	};
}
