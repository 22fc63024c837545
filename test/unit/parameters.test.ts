import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { readParameter } from '../../nodes/AdobeFlowService/helpers/parameters';

/** A context whose getNodeParameter resolves `={{ $json.x }}` per item and counts its calls. */
function fakeContext(parameters: INodeParameters, items: Array<Record<string, unknown>>) {
	const calls: string[] = [];
	const resolve = (value: unknown, itemIndex: number): unknown => {
		const reference = typeof value === 'string' && /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value);
		if (reference) {
			let field: unknown = items[itemIndex];
			for (const key of reference[1].split('.')) field = (field as Record<string, unknown>)?.[key];
			return field;
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
		getInputData: () => items.map((json) => ({ json })),
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
		const { context } = fakeContext(
			{ name: '={{ $json.name }}', additionalFields: { description: '={{ $json.name }}' } },
			items,
		);
		expect(items.map((_, index) => readParameter(context, 'name', index))).toEqual(['a', 'b', 'c']);
		expect(items.map((_, index) => readParameter(context, 'additionalFields', index, {}))).toEqual([
			{ description: 'a' },
			{ description: 'b' },
			{ description: 'c' },
		]);
	});

	it('reads per item below a collection that is itself an expression', () => {
		const { context, calls } = fakeContext({ options: '={{ $json.name }}' }, items);
		readParameter(context, 'options.timeout', 0, 30);
		readParameter(context, 'options.timeout', 1, 30);
		expect(calls).toEqual(['options.timeout@0', 'options.timeout@1']);
	});
});

describe('readParameter: plain item-field references resolved without the expression engine', () => {
	const items = [
		{ name: 'a', port: 5439, nested: { host: 'h0' } },
		{ name: 'b', port: 5440, nested: { host: 'h1' } },
		{ name: 'c', port: 5441, nested: { host: 'h2' } },
	];

	it('asks n8n at the first item, then reads the item fields itself', () => {
		const { context, calls } = fakeContext(
			{ name: '={{ $json.name }}', additionalFields: { port: '={{$json.port}}', fixed: 'x' } },
			items,
		);
		expect(items.map((_, index) => readParameter(context, 'name', index))).toEqual(['a', 'b', 'c']);
		expect(items.map((_, index) => readParameter(context, 'additionalFields', index, {}))).toEqual([
			{ port: 5439, fixed: 'x' },
			{ port: 5440, fixed: 'x' },
			{ port: 5441, fixed: 'x' },
		]);
		expect(calls).toEqual(['name@0', 'additionalFields@0']);
	});

	it('gives every item its own copy of a collection', () => {
		const { context } = fakeContext({ additionalFields: { port: '={{ $json.port }}' } }, items);
		readParameter(context, 'additionalFields', 0, {});
		const second = readParameter(context, 'additionalFields', 1, {}) as Record<string, unknown>;
		second.port = 'changed by the caller';
		expect(readParameter(context, 'additionalFields', 1, {})).toEqual({ port: 5440 });
	});

	it.each([
		['text around the braces', '={{ $json.name }} '],
		['a method call', '={{ $json.name.toUpperCase() }}'],
		['bracket access', '={{ $json["name"] }}'],
		['another node', "={{ $('Make Items').item.json.name }}"],
		['an object-valued field', '={{ $json.nested }}'],
		['a field no item has', '={{ $json.missing }}'],
		['a prototype key', '={{ $json.constructor }}'],
	])('leaves %s to n8n, for every item', (_, expression) => {
		const { context, calls } = fakeContext({ name: expression }, items);
		for (const index of [0, 1, 2]) readParameter(context, 'name', index, '');
		expect(calls).toEqual(['name@0', 'name@1', 'name@2']);
	});

	it('reads a nested field path locally', () => {
		const { context, calls } = fakeContext({ server: '={{ $json.nested.host }}' }, items);
		expect([0, 1, 2].map((index) => readParameter(context, 'server', index, ''))).toEqual([
			'h0',
			'h1',
			'h2',
		]);
		expect(calls).toEqual(['server@0']);
	});

	it('asks n8n for an item that lacks the field, and keeps reading the others locally', () => {
		const ragged = [{ name: 'a' }, {}, { name: 'c' }];
		const { context, calls } = fakeContext({ name: '={{ $json.name }}' }, ragged);
		expect([0, 1, 2].map((index) => readParameter(context, 'name', index, ''))).toEqual([
			'a',
			undefined,
			'c',
		]);
		expect(calls).toEqual(['name@0', 'name@1']);
	});

	it('stops reading locally for the whole execution when n8n answered differently', () => {
		const { context, calls } = fakeContext({ name: '={{ $json.name }}' }, items);
		const disagreeing = context as unknown as { getNodeParameter: (...args: unknown[]) => unknown };
		const original = disagreeing.getNodeParameter;
		disagreeing.getNodeParameter = (...args) => `n8n:${String(original(...args))}`;
		expect([0, 1, 2].map((index) => readParameter(context, 'name', index, ''))).toEqual([
			'n8n:a',
			'n8n:b',
			'n8n:c',
		]);
		expect(calls).toEqual(['name@0', 'name@1', 'name@2']);
	});

	it('relies on no parameter of ours declaring validateType (n8n validates those after resolving)', () => {
		const { AdobeFlowService } = jest.requireActual(
			'../../nodes/AdobeFlowService/AdobeFlowService.node',
		) as typeof import('../../nodes/AdobeFlowService/AdobeFlowService.node');
		// Every key named validateType, at any depth (collections, fixed collections, options).
		const withValidation = (value: unknown): unknown[] =>
			value !== null && typeof value === 'object'
				? Object.entries(value).flatMap(([key, entry]) =>
						key === 'validateType' ? [(value as { name?: string }).name] : withValidation(entry),
					)
				: [];
		expect(withValidation(new AdobeFlowService().description.properties)).toEqual([]);
	});
});
