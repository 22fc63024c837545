// Routes below /data/foundation/flowservice, after the gateway checks.
import { sendProblem } from '../http';
import { getConnectionSpec, listConnectionSpecs } from './connectionSpecs';
import {
	createConnection,
	deleteConnection,
	getConnection,
	listConnections,
	patchConnection,
	testConnection,
} from './connections';
import type { RouteContext } from './context';
import { exploreConnection } from './explore';
import { onboardingRoutes } from './onboarding';

type Handler = (ctx: RouteContext, id: string) => void;

export interface Route {
	pattern: RegExp;
	methods: Record<string, Handler>;
}

const ID = '([^/]+)';

const routes: Route[] = [
	{ pattern: /^\/connectionSpecs$/, methods: { GET: listConnectionSpecs } },
	{ pattern: new RegExp(`^/connectionSpecs/${ID}$`), methods: { GET: getConnectionSpec } },
	{ pattern: /^\/connections$/, methods: { GET: listConnections, POST: createConnection } },
	{
		pattern: new RegExp(`^/connections/${ID}$`),
		methods: { GET: getConnection, DELETE: deleteConnection, PATCH: patchConnection },
	},
	{ pattern: new RegExp(`^/connections/${ID}/test$`), methods: { GET: testConnection } },
	{ pattern: new RegExp(`^/connections/${ID}/explore$`), methods: { GET: exploreConnection } },
	...onboardingRoutes,
];

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Runs the matching handler; FlowErrors thrown by handlers are answered by the caller. */
export function routeFlow(ctx: RouteContext): void {
	runRoutes(ctx, routes);
}

export function runRoutes(ctx: RouteContext, routes: Route[]): void {
	const headers = { 'x-request-id': ctx.requestId };
	for (const route of routes) {
		const match = route.pattern.exec(ctx.path);
		if (!match) continue;
		const handler = route.methods[ctx.req.method ?? ''];
		if (!handler) {
			const allow = Object.keys(route.methods).join(', ');
			return sendProblem(ctx.res, 405, `Method ${ctx.req.method} is not allowed here.`, {
				...headers,
				allow,
			});
		}
		return handler(ctx, decodeSegment(match[1] ?? ''));
	}
	sendProblem(ctx.res, 404, `No route for ${ctx.req.method} ${ctx.path}.`, headers);
}
