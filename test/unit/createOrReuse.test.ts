// The shared create path on its own, with the kinds of identity later creates use: a name, a
// fingerprint of what defines a nameless thing (a mapping set), and a create that has nothing
// to reuse but must not be sent twice blindly (an on-demand run).
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	canonicalKey,
	createOrReuse,
	dryRunResult,
	problemCollector,
} from '../../nodes/AdobeFlowService/helpers/createOrReuse';
import type {
	CreateRequest,
	ExistingLookup,
} from '../../nodes/AdobeFlowService/helpers/createOrReuse';
import { createExecutionState } from '../../nodes/AdobeFlowService/helpers/types';

const context = {} as IExecuteFunctions;
const run = async (state: ReturnType<typeof createExecutionState>, request: CreateRequest) =>
	await createOrReuse.call(context, state, 0, request);

function mappingSets(existing: IDataObject[]) {
	const calls = { list: 0, lookUp: 0, sent: [] as IDataObject[] };
	const fingerprint = (set: IDataObject) =>
		canonicalKey({ outputSchema: set.outputSchema, mappings: set.mappings });
	const lookup = (wanted: IDataObject): ExistingLookup => ({
		scope: 'mappingSets',
		key: fingerprint(wanted),
		keyOf: fingerprint,
		list: async () => {
			calls.list++;
			return existing;
		},
		lookUp: async () => {
			calls.lookUp++;
			return undefined;
		},
	});
	const send = (body: IDataObject) => async () => {
		calls.sent.push(body);
		await Promise.resolve();
		return { body: { id: `new-${calls.sent.length}` } };
	};
	return { calls, lookup, send };
}

describe('createOrReuse', () => {
	const schema = { id: 'https://ns.adobe.com/tenant/schemas/1' };
	const mappings = [{ source: 'a', destination: 'b', sourceType: 'ATTRIBUTE' }];

	it('reuses a nameless entity whose definition is the same, whatever its key order', async () => {
		const stored = { id: 'old', createdAt: 1, mappings, outputSchema: { schemaRef: schema } };
		const { calls, lookup, send } = mappingSets([stored]);
		const wanted = { outputSchema: { schemaRef: schema }, mappings: [{ ...mappings[0] }] };
		const state = createExecutionState();
		const outcome = await run(state, {
			ifExists: 'reuse',
			existing: lookup(wanted),
			send: send(wanted),
		});
		expect(outcome).toEqual({ entity: stored, reused: true });
		expect(calls.sent).toHaveLength(0);
	});

	it('lists once per execution and lets two items with one key create once', async () => {
		const { calls, lookup, send } = mappingSets([]);
		const wanted = { outputSchema: { schemaRef: schema }, mappings };
		const state = createExecutionState();
		const request = { ifExists: 'reuse' as const, existing: lookup(wanted), send: send(wanted) };
		const outcomes = await Promise.all([run(state, request), run(state, request)]);
		expect(outcomes.map((outcome) => outcome.reused)).toEqual([false, true]);
		expect(outcomes[1].entity).toEqual(outcomes[0].entity);
		expect(calls).toMatchObject({ list: 1, sent: [wanted] });
	});

	it('hands the narrow look-up to transport as findCreated, and none for Create Another', async () => {
		const { lookup } = mappingSets([]);
		const seen: unknown[] = [];
		const send: CreateRequest['send'] = async (findCreated) => {
			seen.push(findCreated);
			return { body: { id: 'x' } };
		};
		const existing = lookup({ mappings });
		await run(createExecutionState(), { ifExists: 'reuse', existing, send });
		await run(createExecutionState(), { ifExists: 'create', existing, send });
		expect(seen).toEqual([existing.lookUp, undefined]);
	});

	it('a create with nothing to reuse (a run) still passes its own lost-create look-up', async () => {
		const findLost = async () => ({ id: 'run-1' });
		const seen: unknown[] = [];
		const outcome = await run(createExecutionState(), {
			ifExists: 'create',
			findLost,
			send: async (findCreated) => {
				seen.push(findCreated);
				return { body: { id: 'run-1' } };
			},
		});
		expect(seen).toEqual([findLost]);
		expect(outcome.reused).toBe(false);
	});

	it('Fail throws the caller’s error naming the existing entity', async () => {
		const { lookup, send } = mappingSets([{ id: 'old', mappings }]);
		await expect(
			run(createExecutionState(), {
				ifExists: 'fail',
				existing: lookup({ mappings }),
				send: send({}),
				alreadyExists: (entity) => new Error(`exists: ${String(entity.id)}`),
			}),
		).rejects.toThrow('exists: old');
	});

	it('a failed listing is forgotten, so the next item lists again', async () => {
		let lists = 0;
		const existing: ExistingLookup = {
			scope: 's',
			key: 'k',
			keyOf: (entity) => String(entity.name),
			list: async () => {
				if (lists++ === 0) throw new Error('listing failed');
				return [];
			},
			lookUp: async () => undefined,
		};
		const state = createExecutionState();
		const send = async () => ({ body: { id: 'made' } });
		await expect(run(state, { ifExists: 'reuse', existing, send })).rejects.toThrow(
			'listing failed',
		);
		await expect(run(state, { ifExists: 'reuse', existing, send })).resolves.toMatchObject({
			reused: false,
		});
		expect(lists).toBe(2);
	});
});

describe('dry run helpers', () => {
	it('collects problems without the item suffix, and reports { valid, errors }', () => {
		const problems: string[] = [];
		const check = problemCollector(problems);
		expect(
			check(() => {
				throw new Error('Server is empty [item 3]');
			}),
		).toBeUndefined();
		expect(check(() => 'ok')).toBe('ok');
		expect(dryRunResult(problems, { name: 'n' })).toEqual({
			valid: false,
			errors: ['Server is empty'],
			name: 'n',
		});
		expect(() =>
			problemCollector()(() => {
				throw new Error('boom');
			}),
		).toThrow('boom');
	});
});
