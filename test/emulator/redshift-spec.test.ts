// Pins the Amazon Redshift fixture to /work/shared/docs/adobe-flow-service.md, so the emulator
// cannot drift from the facts the node is built on.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { amazonRedshiftSpec, connectionSpecs, findSpec, secretParamNames } from './specs';

// shared/ sits beside the repository, locally and in CI.
const FACTS_FILE = resolve(__dirname, '../../../shared/docs/adobe-flow-service.md');

const FACTS = {
	id: '3416976c-a9ca-4bba-901a-1f08f66978ff',
	name: 'amazon-redshift',
	providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
	version: '1.0',
	authSpecName: 'Basic Authentication',
	authSpecType: 'Basic_Authentication',
	required: ['server', 'username', 'password', 'database'],
};

describe('Amazon Redshift connection spec fixture', () => {
	it('has the id, name, providerId and version of the facts file', () => {
		expect(amazonRedshiftSpec).toMatchObject({
			id: FACTS.id,
			name: FACTS.name,
			providerId: FACTS.providerId,
			version: FACTS.version,
			attributes: { category: 'database', isSource: true },
		});
		expect(findSpec(FACTS.id)).toBe(amazonRedshiftSpec);
	});

	it('has one auth spec, Basic Authentication, with the required fields', () => {
		expect(amazonRedshiftSpec.authSpec).toHaveLength(1);
		const [auth] = amazonRedshiftSpec.authSpec;
		expect(auth.name).toBe(FACTS.authSpecName);
		expect(auth.type).toBe(FACTS.authSpecType);
		expect(auth.spec.type).toBe('object');
		expect(auth.spec.$schema).toBe('http://json-schema.org/draft-07/schema#');
		expect([...(auth.spec.required ?? [])].sort()).toEqual([...FACTS.required].sort());
	});

	it('types every param as a string, with password secret and port/schema optional', () => {
		const { properties = {}, required = [] } = amazonRedshiftSpec.authSpec[0].spec;
		expect(Object.keys(properties).sort()).toEqual(
			['database', 'password', 'port', 'schema', 'server', 'username'].sort(),
		);
		for (const property of Object.values(properties)) expect(property.type).toBe('string');
		expect(properties.password.format).toBe('password');
		expect(secretParamNames(amazonRedshiftSpec.authSpec[0].spec)).toEqual(new Set(['password']));
		expect(required).not.toContain('port');
		expect(required).not.toContain('schema');
	});

	it('carries sourceSpec and exploreSpec objects', () => {
		expect(amazonRedshiftSpec.sourceSpec).toEqual(
			expect.objectContaining({ spec: expect.any(Object) }),
		);
		expect(amazonRedshiftSpec.exploreSpec).toEqual(
			expect.objectContaining({ type: expect.any(String) }),
		);
	});

	it('gives every other fixture its own ids', () => {
		const ids = connectionSpecs.map((spec) => spec.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(connectionSpecs.map((spec) => spec.name)).size).toBe(ids.length);
	});

	(existsSync(FACTS_FILE) ? it : it.skip)('matches the values written in the facts file', () => {
		const facts = readFileSync(FACTS_FILE, 'utf8');
		for (const value of [
			FACTS.id,
			FACTS.name,
			FACTS.providerId,
			FACTS.authSpecName,
			FACTS.authSpecType,
		]) {
			expect(facts).toContain(value);
		}
		expect(facts).toContain('`version` `"1.0"`');
		expect(facts).toMatch(
			/requiring `server`, `username`, `password` \(format password\) and `database`/,
		);
		expect(facts).toMatch(/optional `port` \(a string/);
	});
});
