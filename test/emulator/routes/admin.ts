// The test hooks over HTTP, below /__emulator, for an emulator started by `npm run emulator`
// in another process. No Adobe counterpart: no auth, no faults, not in the request log.
//   POST /__emulator/runs              {flowId, outcome?, startedAt?, ...RunOptions} -> 201 run
//   POST /__emulator/runs/{id}/finish  {outcome?, completedAt?, ...RunOptions}       -> 200 run
//   POST /__emulator/runs/{id}/status  {status}                                      -> 200 run
//   POST /__emulator/tables            {tables, connectionId?}                       -> 204
//   POST /__emulator/datasets          {datasets}                                    -> 204
//   POST /__emulator/schemas           {schemas}                                     -> 204
import type { ServerResponse } from 'node:http';
import type { OnboardingHooks } from '../hooks';
import { sendJson, sendNoContent, sendProblem } from '../http';
import { ADMIN_BASE_PATH } from '../paths';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

export function handleAdmin(
	res: ServerResponse,
	method: string,
	path: string,
	text: string,
	hooks: OnboardingHooks,
): void {
	let body: Body;
	try {
		body = text ? (JSON.parse(text) as Body) : {};
	} catch {
		return sendProblem(res, 400, 'The body is not valid JSON.');
	}
	const route = path.slice(ADMIN_BASE_PATH.length);
	if (method !== 'POST') return sendProblem(res, 405, 'Test hooks take POST.');
	try {
		if (route === '/runs') return sendJson(res, 201, hooks.addRun(String(body.flowId), body));
		const runHook = /^\/runs\/([^/]+)\/(finish|status)$/.exec(route);
		if (runHook) {
			const [, id, hook] = runHook;
			const run =
				hook === 'finish'
					? hooks.finishRun(id, body.outcome, body)
					: hooks.setRunStatus(id, String(body.status));
			return sendJson(res, 200, run);
		}
		if (route === '/tables')
			return void (hooks.seedTables(body.tables, body.connectionId), sendNoContent(res));
		if (route === '/datasets') return void (hooks.seedDatasets(body.datasets), sendNoContent(res));
		if (route === '/schemas') return void (hooks.seedSchemas(body.schemas), sendNoContent(res));
	} catch (error) {
		return sendProblem(res, 404, (error as Error).message);
	}
	sendProblem(res, 404, `No test hook ${route}.`);
}
