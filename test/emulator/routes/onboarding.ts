// Flow Service routes of the onboarding chain and its runs, below /data/foundation/flowservice.
import type { Route } from './flow';
import { deleteFlow, flowAction, patchFlow } from './flowChanges';
import { createFlow, getFlow, listFlows } from './flows';
import { getFlowSpec, listFlowSpecs } from './flowSpecs';
import { createRun, getRun, listRuns, runAction } from './runs';
import {
	createSourceConnection,
	deleteSourceConnection,
	getSourceConnection,
	listSourceConnections,
	patchSourceConnection,
} from './sourceConnections';
import {
	createTargetConnection,
	deleteTargetConnection,
	getTargetConnection,
	listTargetConnections,
	patchTargetConnection,
} from './targetConnections';

const ID = '([^/]+)';
const one = (collection: string, suffix = '') => new RegExp(`^/${collection}/${ID}${suffix}$`);

export const onboardingRoutes: Route[] = [
	{
		pattern: /^\/sourceConnections$/,
		methods: { GET: listSourceConnections, POST: createSourceConnection },
	},
	{
		pattern: one('sourceConnections'),
		methods: {
			GET: getSourceConnection,
			PATCH: patchSourceConnection,
			DELETE: deleteSourceConnection,
		},
	},
	{
		pattern: /^\/targetConnections$/,
		methods: { GET: listTargetConnections, POST: createTargetConnection },
	},
	{
		pattern: one('targetConnections'),
		methods: {
			GET: getTargetConnection,
			PATCH: patchTargetConnection,
			DELETE: deleteTargetConnection,
		},
	},
	{ pattern: /^\/flowSpecs$/, methods: { GET: listFlowSpecs } },
	{ pattern: one('flowSpecs'), methods: { GET: getFlowSpec } },
	{ pattern: /^\/flows$/, methods: { GET: listFlows, POST: createFlow } },
	{ pattern: one('flows'), methods: { GET: getFlow, PATCH: patchFlow, DELETE: deleteFlow } },
	{ pattern: one('flows', '/action'), methods: { POST: flowAction } },
	{ pattern: /^\/runs$/, methods: { GET: listRuns, POST: createRun } },
	{ pattern: one('runs'), methods: { GET: getRun } },
	{ pattern: one('runs', '/action'), methods: { POST: runAction } },
];
