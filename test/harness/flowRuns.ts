import type { IDataObject } from 'n8n-workflow';

export const FLOW_ID = 'ae0a9777-b322-4ac1-b0ed-48ae9e497c7e';
export const OTHER_FLOW_ID = 'b1b2c3d4-0000-4000-8000-00000000f10f';

let counter = 0;
/** A run ID that sorts and reads well in test output. */
export function runId(n = ++counter): string {
	return `65b7cfcc-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export interface RunShape {
	id?: string;
	flowId?: string;
	status?: string;
	startedAt?: number;
	completedAt?: number;
	input?: number;
	output?: number;
	failed?: number;
	errors?: Array<{ code: string; message: string }>;
	activityErrors?: Array<{ code: string; message: string; recordCount?: number }>;
}

/** A run in the shape of Adobe's monitoring docs (FlowRunItemDTO). */
export function makeRun(shape: RunShape = {}): IDataObject {
	const startedAt = shape.startedAt ?? 1_750_000_000_000;
	const finished =
		shape.status === 'success' || shape.status === 'failed' || shape.status === undefined;
	const completedAt = shape.completedAt ?? (finished ? startedAt + 56_491 : undefined);
	return {
		id: shape.id ?? runId(),
		createdAt: startedAt - 1000,
		updatedAt: completedAt ?? startedAt,
		flowId: shape.flowId ?? FLOW_ID,
		sandboxName: 'prod',
		etag: '"560266dc-0000-0200-0000-5fd1b3ad0000"',
		metrics: {
			durationSummary: {
				startedAtUTC: startedAt,
				...(completedAt && { completedAtUTC: completedAt }),
			},
			sizeSummary: { inputBytes: 87885, outputBytes: 56730 },
			recordSummary: {
				inputRecordCount: shape.input ?? 26758,
				outputRecordCount: shape.output ?? (shape.input ?? 26758) - (shape.failed ?? 0),
				failedRecordCount: shape.failed ?? 0,
			},
			statusSummary: {
				status: shape.status ?? 'success',
				errors: shape.errors ?? [],
			},
		},
		activities: [
			{
				id: 'promotionActivity',
				name: 'Promotion Activity',
				statusSummary: {
					status: shape.status ?? 'success',
					extensions: { errors: shape.activityErrors ?? [] },
				},
			},
		],
	};
}
