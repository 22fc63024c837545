// Connection → Create for any source, on the emulator with Adobe's real specs: the form's
// fields and the secrets credential become the exact auth.params of the POST, nothing secret
// shows anywhere, and a secret typed into a plain field is refused before any request.
import type { IDataObject } from 'n8n-workflow';

import { BIGQUERY_SPEC_ID, POSTGRESQL_SPEC_ID, SNOWFLAKE_SPEC_ID } from '../emulator/specs';
import { startEmulator } from '../emulator/server';
import type { FlowServiceEmulator } from '../emulator/server';
import { SECRETS, sourceSecretsCredential } from '../harness/fixtures';
import type { StoredCredential } from '../harness/credentials';
import { runWorkflow } from '../harness/runWorkflow';
import {
	BASE,
	byId,
	connectionWorkflow,
	emulatorCredential,
	flowRequests,
} from '../lifecycle/helpers';
import { captureLogs, everythingVisible, knownSecrets, leaksIn } from '../reliability/visible';

let emu: FlowServiceEmulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const mapper = (value: IDataObject) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: [],
});
const create = (
	specId: string,
	authSpecName: string,
	fields: IDataObject,
	extra: IDataObject = {},
) =>
	connectionWorkflow('create', {
		name: 'warehouse',
		connectionSpec: byId(specId),
		authSpecName,
		authParams: mapper(fields),
		...extra,
	});

async function run(
	workflow: ReturnType<typeof create>,
	secrets: StoredCredential = sourceSecretsCredential(),
) {
	const capture = captureLogs();
	try {
		const result = await runWorkflow(workflow, { credentials: [emulatorCredential(emu), secrets] });
		return { result, visible: everythingVisible(result, capture.logs) };
	} finally {
		capture.restore();
	}
}

const posted = () =>
	flowRequests(emu)
		.filter((request) => request.method === 'POST')
		.map((request) => request.json);
const keyPairFields = {
	account: 'xy12345.east-us-2.azure',
	username: 'LOADER',
	database: 'SALES',
	warehouse: 'COMPUTE_WH',
};

describe.each([
	[
		'Snowflake (key pair)',
		SNOWFLAKE_SPEC_ID,
		'KeyPair Authentication',
		keyPairFields,
		{
			...keyPairFields,
			privateKey: SECRETS.snowflakePrivateKey,
			privateKeyPassphrase: SECRETS.snowflakePassphrase,
		},
		'privateKey',
	],
	[
		'PostgreSQL (connection string)',
		POSTGRESQL_SPEC_ID,
		'Connection String Based Authentication',
		{},
		{ connectionString: SECRETS.postgresConnectionString },
		'connectionString',
	],
	[
		'Google BigQuery',
		BIGQUERY_SPEC_ID,
		'Basic Authentication',
		{ project: 'acme-analytics', clientId: '1234.apps.googleusercontent.com' },
		{
			project: 'acme-analytics',
			clientId: '1234.apps.googleusercontent.com',
			clientSecret: SECRETS.bigQueryClientSecret,
			refreshToken: SECRETS.bigQueryRefreshToken,
		},
		'clientSecret',
	],
])(
	'Connection → Create: %s',
	(_label, specId, authSpecName, fields, expectedParams, secretField) => {
		it("posts exactly the spec's fields plus the secrets it names, and outputs no secret", async () => {
			const { result, visible } = await run(create(specId, authSpecName, fields));
			expect(result.nodeError('Adobe')).toBeUndefined();
			expect(posted()).toEqual([
				{
					name: 'warehouse',
					auth: { specName: authSpecName, params: expectedParams },
					connectionSpec: { id: specId, version: '1.0' },
				},
			]);
			const [output] = result.output('Adobe');
			expect(output).toEqual({
				id: expect.any(String),
				etag: expect.any(String),
				name: 'warehouse',
				connectionSpec: { id: specId, version: '1.0' },
				reused: false,
			});
			expect(leaksIn(visible, knownSecrets())).toEqual([]);
			// The spec was read once; then one listing for create-or-reuse, then the POST.
			expect(flowRequests(emu).map((request) => `${request.method} ${request.path}`)).toEqual([
				`GET ${BASE}/connectionSpecs/${specId}`,
				`GET ${BASE}/connections`,
				`POST ${BASE}/connections`,
			]);
		});

		it('refuses a secret typed into a plain field, before any request', async () => {
			const typed = `typed-${secretField}-value-1234`;
			const { result, visible } = await run(
				create(specId, authSpecName, { ...fields, [secretField]: typed }),
			);
			expect(String(result.nodeError('Adobe')?.message)).toBe(
				`Login field "${secretField}" is a secret: put it in the "Flow Service Source Secrets API" credential, not in a parameter (n8n stores parameters in plain text) [item 0]`,
			);
			expect(posted()).toEqual([]);
			// Not even the error's copy of the node shows it: it is masked there.
			expect(leaksIn(visible, knownSecrets({ typed }))).toEqual([]);
		});
	},
);

describe('Connection → Create: checks before any request', () => {
	it('names a secret missing from the credential, with the credential', async () => {
		const { result } = await run(
			create(SNOWFLAKE_SPEC_ID, 'KeyPair Authentication', keyPairFields),
			sourceSecretsCredential({ privateKey: '' }),
		);
		expect(String(result.nodeError('Adobe')?.message)).toBe(
			'The "Flow Service Source Secrets API" credential has no "privateKey", which the auth spec "KeyPair Authentication" requires [item 0]',
		);
		expect(posted()).toEqual([]);
	});

	it('leaves an optional secret out when the credential lacks it', async () => {
		await run(
			create(SNOWFLAKE_SPEC_ID, 'KeyPair Authentication', keyPairFields),
			sourceSecretsCredential({ privateKeyPassphrase: '' }),
		);
		expect((posted()[0] as IDataObject).auth).toEqual({
			specName: 'KeyPair Authentication',
			params: { ...keyPairFields, privateKey: SECRETS.snowflakePrivateKey },
		});
	});

	it('checks every item against the schema and names field and item; nothing is posted', async () => {
		const workflow = create(SNOWFLAKE_SPEC_ID, 'KeyPair Authentication', {
			account: '={{ $json.account }}',
			username: 'LOADER',
			database: 'SALES',
			warehouse: '={{ $json.warehouse }}',
		});
		const capture = captureLogs();
		const result = await runWorkflow(workflow, {
			credentials: [emulatorCredential(emu), sourceSecretsCredential()],
			inputItems: [
				{ account: 'a', warehouse: 'W' },
				{ account: 'b', warehouse: 'W' },
				{ account: 'c' },
			],
		}).finally(capture.restore);
		expect(String(result.nodeError('Adobe')?.message)).toBe(
			'auth.params.warehouse is required [item 2]',
		);
		expect(posted()).toEqual([]);
	});

	it('passes unknown fields through and takes secrets under other names from Other Secrets', async () => {
		await run(
			create(POSTGRESQL_SPEC_ID, 'Connection String Based Authentication', {
				applicationName: 'n8n',
			}),
			sourceSecretsCredential({
				connectionString: '',
				otherSecrets: JSON.stringify({ connectionString: SECRETS.postgresConnectionString }),
			}),
		);
		expect((posted()[0] as IDataObject).auth).toEqual({
			specName: 'Connection String Based Authentication',
			params: { applicationName: 'n8n', connectionString: SECRETS.postgresConnectionString },
		});
	});

	it('refuses an auth spec name the spec does not have, listing the ones it has', async () => {
		const { result } = await run(
			create(POSTGRESQL_SPEC_ID, 'Basic Authentication for PostgreSQL', {}),
		);
		expect(result.nodeError('Adobe')).toMatchObject({
			message:
				'Authentication Method "Basic Authentication for PostgreSQL" is not an auth spec of the connection spec "postgre-sql" [item 0]',
			description: expect.stringContaining('"Connection String Based Authentication"'),
		});
		expect(posted()).toEqual([]);
	});

	it('a dry run reports every problem and creates nothing', async () => {
		const { result, visible } = await run(
			create(
				SNOWFLAKE_SPEC_ID,
				'KeyPair Authentication',
				{ account: 'a', privateKey: 'typed-secret-0001' },
				{ options: { validateOnly: true } },
			),
			sourceSecretsCredential({ privateKey: '' }),
		);
		expect(result.output('Adobe')).toEqual([
			{
				valid: false,
				errors: [
					'Login field "privateKey" is a secret: put it in the "Flow Service Source Secrets API" credential, not in a parameter (n8n stores parameters in plain text)',
					'The "Flow Service Source Secrets API" credential has no "privateKey", which the auth spec "KeyPair Authentication" requires',
					'auth.params.username is required',
					'auth.params.database is required',
					'auth.params.warehouse is required',
				],
				name: 'warehouse',
				connectionSpec: { id: SNOWFLAKE_SPEC_ID, version: '1.0' },
				authSpec: 'KeyPair Authentication',
			},
		]);
		expect(posted()).toEqual([]);
		expect(leaksIn(visible, knownSecrets())).toEqual([]);
	});

	it('reuses a connection of the same name on a re-run', async () => {
		const workflow = create(POSTGRESQL_SPEC_ID, 'Connection String Based Authentication', {});
		const first = await run(workflow);
		const second = await run(workflow);
		expect(second.result.output('Adobe')[0]).toEqual({
			...first.result.output('Adobe')[0],
			reused: true,
		});
		expect(emu.connections.size).toBe(1);
	});
});
