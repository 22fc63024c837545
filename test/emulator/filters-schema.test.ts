import { FlowError } from './http';
import { matchesAll, parseFilters } from './filters';
import { validate } from './schema';

const any = () => true;

function flowCode(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		if (error instanceof FlowError) return `${error.input.code}-${error.input.status}`;
		throw error;
	}
	return undefined;
}

describe('parseFilters', () => {
	it('parses quoted, unquoted and comma-listed values', () => {
		expect(parseFilters(['name=="a"', 'id==x,y', 'state!=disabled'], any)).toEqual([
			{ field: 'name', operator: '==', values: ['a'] },
			{ field: 'id', operator: '==', values: ['x', 'y'] },
			{ field: 'state', operator: '!=', values: ['disabled'] },
		]);
	});

	it('keeps commas inside quotes and allows an explicit empty string', () => {
		expect(parseFilters(['name=="a,b","c"'], any)[0].values).toEqual(['a,b', 'c']);
		expect(parseFilters(['description==""'], any)[0].values).toEqual(['']);
	});

	it('rejects unknown fields (1449), operators (1450) and empty or unclosed values (1453)', () => {
		expect(flowCode(() => parseFilters(['colour==red'], (field) => field === 'name'))).toBe(
			'1449-400',
		);
		expect(flowCode(() => parseFilters(['name~x'], any))).toBe('1450-400');
		expect(flowCode(() => parseFilters(['name'], any))).toBe('1450-400');
		expect(flowCode(() => parseFilters(['name=='], any))).toBe('1453-400');
		expect(flowCode(() => parseFilters(['name=="open'], any))).toBe('1453-400');
	});

	it('refuses two expressions joined by a comma (1453): repeated property params AND', () => {
		expect(flowCode(() => parseFilters(['name=="a",flowSpec.id=="b"'], any))).toBe('1453-400');
		expect(flowCode(() => parseFilters(['name==a,state==enabled'], any))).toBe('1453-400');
		expect(flowCode(() => parseFilters(['name==a"b'], any))).toBe('1453-400');
		expect(parseFilters(['name=="a=b"'], any)[0].values).toEqual(['a=b']);
	});
});

describe('matchesAll', () => {
	const item = { name: 'a', attributes: { isSource: true, category: 'database' } };

	it('compares as strings along dotted paths and ANDs filters', () => {
		expect(matchesAll(item, parseFilters(['attributes.isSource==true'], any))).toBe(true);
		expect(matchesAll(item, parseFilters(['attributes.isSource==true', 'name==b'], any))).toBe(
			false,
		);
		expect(matchesAll(item, parseFilters(['attributes.missing!=x'], any))).toBe(true);
		expect(matchesAll(item, parseFilters(['attributes.missing==x'], any))).toBe(false);
	});
});

describe('array paths, comparisons and case-insensitive fields', () => {
	const flow = {
		sourceConnectionIds: ['s1', 's2'],
		inheritedAttributes: { targetConnections: [{ connectionSpec: { id: 't' } }] },
		createdAt: 1000,
		metrics: { statusSummary: { status: 'failed' } },
	};
	const comparable = { isComparable: (field: string) => field === 'createdAt' };
	const folded = { isCaseInsensitive: (field: string) => field.endsWith('status') };

	it('looks inside arrays with []', () => {
		expect(matchesAll(flow, parseFilters(['sourceConnectionIds[]==x,s2'], any))).toBe(true);
		expect(matchesAll(flow, parseFilters(['sourceConnectionIds[]==x'], any))).toBe(false);
		expect(
			matchesAll(
				flow,
				parseFilters(['inheritedAttributes.targetConnections[].connectionSpec.id==t'], any),
			),
		).toBe(true);
	});

	it('compares numbers where the endpoint allows it, and refuses it elsewhere (1450)', () => {
		const filters = parseFilters(['createdAt>999', 'createdAt<=1000'], any, comparable);
		expect(matchesAll(flow, filters)).toBe(true);
		expect(matchesAll(flow, parseFilters(['createdAt>1000'], any, comparable))).toBe(false);
		expect(matchesAll(flow, parseFilters(['createdAt>=1000'], any, comparable))).toBe(true);
		expect(matchesAll(flow, parseFilters(['createdAt<1000'], any, comparable))).toBe(false);
		expect(flowCode(() => parseFilters(['name>1'], any, comparable))).toBe('1450-400');
		expect(flowCode(() => parseFilters(['createdAt>soon'], any, comparable))).toBe('1453-400');
	});

	it('folds case only for the fields that say so', () => {
		const filters = parseFilters(['metrics.statusSummary.status==Failed'], any, folded);
		expect(matchesAll(flow, filters, folded)).toBe(true);
		expect(matchesAll(flow, parseFilters(['metrics.statusSummary.status==Failed'], any))).toBe(
			false,
		);
	});
});

describe('validate', () => {
	const schema = {
		type: 'object',
		properties: {
			host: { type: 'string', minLength: 1 },
			port: { type: 'integer' },
			ratio: { type: 'number' },
			mode: { type: 'string', enum: ['a', 'b'] },
		},
		required: ['host'],
		additionalProperties: false,
	};

	it('accepts a valid object (an integer is also a number)', () => {
		expect(validate({ host: 'h', port: 1, ratio: 2, mode: 'a' }, schema)).toEqual([]);
	});

	it('lists every problem with its field', () => {
		expect(validate({ port: 1.5, mode: 'c', extra: 1 }, schema, 'p')).toEqual([
			{ field: 'p.host', problem: 'is required' },
			{ field: 'p.port', problem: 'expected integer, got number' },
			{ field: 'p.mode', problem: 'must be one of a, b' },
			{ field: 'p.extra', problem: 'is not allowed by the auth spec' },
		]);
		expect(validate({ host: '' }, schema)).toEqual([
			{ field: 'host', problem: 'must be at least 1 characters long' },
		]);
		expect(validate(null, schema, 'p')).toEqual([
			{ field: 'p', problem: 'expected object, got null' },
		]);
	});
});
