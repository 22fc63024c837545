// Mapping sets and dataflows in the reliability suite: what each operation needs seeded on the
// emulator (over its HTTP API), the request faults are aimed at, and the node's parameters.
import type { INodeParameters } from 'n8n-workflow';

import { caller, flowBody, mappingBody, sourceBody, targetBody } from '../emulator/chain';
import type { CallResult } from '../emulator/helpers';
import { PROFILE_SCHEMA_ID } from '../emulator/data/seeds';
import type { FlowServiceEmulator } from '../emulator/server';
import type { OperationCase } from './support';

const DATA_PREP = '/data/foundation/conversion';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const options = (timeoutSeconds: number | undefined, extra: INodeParameters = {}) => ({
	...extra,
	...(timeoutSeconds !== undefined && { timeout: timeoutSeconds }),
});

function created(result: CallResult, status = 201): string {
	if (result.status !== status) throw new Error(`seeding failed: ${result.text}`);
	return String(result.body.id);
}

/** Source, target and mapping set on the seeded base connection. */
async function seedInputs(emu: FlowServiceEmulator, connectionId: string, token: string) {
	const call = caller(
		() => emu,
		() => token,
	);
	const post = (path: string, body: unknown) => call.flow(path, { method: 'POST', body });
	return {
		source: created(await post('/sourceConnections', sourceBody(connectionId))),
		target: created(await post('/targetConnections', targetBody())),
		mapping: created(
			await call.platform(`${DATA_PREP}/mappingSets`, { method: 'POST', body: mappingBody() }),
			200,
		),
		call,
	};
}

/**
 * A dataflow create needs three IDs where the matrix hands an operation one: the seeded source
 * connection's stands for them, and the other two are kept here under it.
 */
const inputsBySource = new Map<string, { target: string; mapping: string }>();

export function flowOperations(name: string): OperationCase[] {
	const flowCase = (
		key: string,
		kind: OperationCase['kind'],
		target: (id: string) => { method: string; path: string },
		parameters: (id: string) => INodeParameters,
		callsBeforeTarget?: number,
	): OperationCase => ({
		key: `dataflow.${key}`,
		kind,
		needsConnection: true,
		callsBeforeTarget,
		seedEntity: async (emu, connectionId, token) => {
			const inputs = await seedInputs(emu, connectionId, token);
			return created(await inputs.call.flow('/flows', { method: 'POST', body: flowBody(inputs) }));
		},
		stored: (emu) => emu.flows,
		target,
		parameters: (id, timeout) => ({
			resource: 'dataflow',
			operation: key,
			...parameters(id),
			options: options(timeout),
		}),
	});
	const flowPath = (id: string) => `/flows/${id}`;
	return [
		{
			key: 'mappingSet.create(reuse)',
			kind: 'createReuse',
			needsConnection: false,
			// Mapping sets have no name: any set in the emulator afterwards is this run's. A live
			// view, as the matrix reads it after the run.
			stored: (emu) =>
				({
					values: () => [...emu.mappingSets.keys()].map(() => ({ name })),
					has: (id: string) => emu.mappingSets.has(id),
				}) as unknown as ReadonlyMap<string, { name?: unknown }>,
			target: () => ({ method: 'POST', path: `${DATA_PREP}/mappingSets` }),
			parameters: (_id, timeout) => ({
				resource: 'mappingSet',
				operation: 'create',
				schemaId: PROFILE_SCHEMA_ID,
				mappingPairs: {
					mapping: [
						{ source: 'customer_id', destination: 'personID' },
						{ source: 'email', destination: 'personalEmail.address' },
					],
				},
				options: options(timeout, { ifExists: 'reuse' }),
			}),
		},
		{
			key: 'mappingSet.get',
			kind: 'read',
			needsConnection: true,
			seedEntity: async (emu, connectionId, token) =>
				(await seedInputs(emu, connectionId, token)).mapping,
			target: (id) => ({ method: 'GET', path: `${DATA_PREP}/mappingSets/${id}` }),
			parameters: (id, timeout) => ({
				resource: 'mappingSet',
				operation: 'get',
				mappingSetId: id || '93ddfa69c4864d978832b1e5ef6ec3b9',
				options: options(timeout),
			}),
		},
		{
			key: 'dataflow.create(reuse)',
			kind: 'createReuse',
			needsConnection: true,
			seedEntity: async (emu, connectionId, token) => {
				const { source, target, mapping } = await seedInputs(emu, connectionId, token);
				inputsBySource.set(source, { target, mapping });
				return source;
			},
			stored: (emu) => emu.flows,
			target: () => ({ method: 'POST', path: '/flows' }),
			parameters: (source, timeout) => ({
				resource: 'dataflow',
				operation: 'create',
				name,
				sourceConnectionId: source || 'b7581b59-c603-4df1-a689-d23d7ac440f3',
				// Suites that answer with nock seed nothing: any well-formed IDs will do there.
				targetConnectionId:
					inputsBySource.get(source)?.target ?? '320f119a-5ac1-4ab1-88ea-eb19e674ea2e',
				mappingSetId: inputsBySource.get(source)?.mapping ?? '93ddfa69c4864d978832b1e5ef6ec3b9',
				mappingSetVersion: 0,
				frequency: 'hour',
				interval: 1,
				startTime: '2030-01-01T06:00:00Z',
				deltaColumn: 'updated_at',
				options: options(timeout, { ifExists: 'reuse' }),
			}),
		},
		flowCase(
			'get',
			'read',
			(id) => ({ method: 'GET', path: flowPath(id) }),
			(id) => ({
				dataflowId: byId(id),
			}),
		),
		flowCase(
			'getAll',
			'read',
			() => ({ method: 'GET', path: '/flows' }),
			() => ({
				returnAll: false,
				limit: 10,
			}),
		),
		// The etag is read first (one GET), then the PATCH: faults hit the PATCH.
		flowCase(
			'update',
			'update',
			(id) => ({ method: 'PATCH', path: flowPath(id) }),
			(id) => ({ dataflowId: byId(id), updateFields: { name: `${name} v2` } }),
			1,
		),
		flowCase(
			'disable',
			'action',
			(id) => ({ method: 'POST', path: `${flowPath(id)}/action` }),
			(id) => ({ dataflowId: byId(id) }),
		),
		flowCase(
			'delete',
			'delete',
			(id) => ({ method: 'DELETE', path: flowPath(id) }),
			(id) => ({
				dataflowId: byId(id),
			}),
		),
	];
}
