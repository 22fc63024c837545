import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { readParameter } from '../../nodes/AdobeFlowService/helpers/parameters';

/** A context whose getNodeParameter resolves `={{ $json.x }}` per item and counts its calls. */
function fakeContext(parameters: INodeParameters, items: Array<Record<string, unknown>>) {
	const calls: string[] = [];
	const resolve = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('={{ $json.')) {
			return items[itemIndex][value.slice('={{ $json.'.length, -' }}'.length)];
		}
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [key, resolve(entry, itemIndex)]),
			);
		}
		return value;
	};
	const context = {
		getNode: () => ({ parameters: structuredClone(parameters) }),
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			calls.push(`${name}@${itemIndex}`);
			let value: unknown = parameters;
			for (const key of name.split('.')) value = (value as Record<string, unknown>)?.[key];
			return value === undefined ? fallback : resolve(structuredClone(value), itemIndex);
		},
	} as unknown as IExecuteFunctions;
	return { context, calls };
}

describe('readParameter: once per execution unless an expression makes items differ', () => {
	const items = [{ name: 'a' }, { name: 'b' }, { name: 'c' }];

	it('reads a plain value once and gives every item its own copy', () => {
		const { context, calls } = fakeContext({ options: { ifExists: 'create', timeout: 10 } }, items);
		const first = readParameter(context, 'options', 0, {}) as Record<string, unknown>;
		first.ifExists = 'changed by the caller';
		expect(readParameter(context, 'options', 1, {})).toEqual({ ifExists: 'create', timeout: 10 });
		expect(readParameter(context, 'options.timeout', 2, 30)).toBe(10);
		expect(readParameter(context, 'options.concurrency', 2, 5)).toBe(5);
		expect(calls).toEqual(['options@0', 'options.timeout@2', 'options.concurrency@2']);
	});

	it('reads expressions per item, at any depth', () => {
		const { context, calls } = fakeContext(
			{ name: '={{ $json.name }}', additionalFields: { description: '={{ $json.name }}' } },
			items,
		);
		expect(items.map((_, index) => readParameter(context, 'name', index))).toEqual(['a', 'b', 'c']);
		expect(items.map((_, index) => readParameter(context, 'additionalFields', index, {}))).toEqual([
			{ description: 'a' },
			{ description: 'b' },
			{ description: 'c' },
		]);
		expect(calls).toHaveLength(6);
	});

	it('reads per item below a collection that is itself an expression', () => {
		const { context, calls } = fakeContext({ options: '={{ $json.name }}' }, items);
		readParameter(context, 'options.timeout', 0, 30);
		readParameter(context, 'options.timeout', 1, 30);
		expect(calls).toEqual(['options.timeout@0', 'options.timeout@1']);
	});
});
