import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { problemCollector } from './createOrReuse';
import { describeValue, invalidParameter } from './errors';
import { readParameter } from './parameters';
import { REDSHIFT_CREDENTIAL_TYPE } from './types';
import { checkPort, checkServer, checkText } from './validation';

/** Amazon Redshift's connection spec in every Experience Platform sandbox. */
export const REDSHIFT_CONNECTION_SPEC_ID = '3416976c-a9ca-4bba-901a-1f08f66978ff';
export const REDSHIFT_AUTH_SPEC_NAME = 'Basic Authentication';

export interface RedshiftLogin extends IDataObject {
	server: string;
	database: string;
	username: string;
	password: string;
	port?: string;
	schema?: string;
}

/**
 * The Redshift login, from the n8n credential or from parameters, checked field by field.
 * With `problems` (a dry run) each field's problem is noted and the field left out instead.
 */
export async function readRedshiftLogin(
	this: IExecuteFunctions,
	itemIndex: number,
	additional: IDataObject,
	problems?: string[],
): Promise<RedshiftLogin> {
	const source = readParameter(this, 'redshiftCredentials', itemIndex, 'credential');
	if (source !== 'credential' && source !== 'parameters') {
		throw invalidParameter(
			this.getNode(),
			itemIndex,
			'Redshift Login From',
			`must be credential or parameters (got ${describeValue(source)})`,
		);
	}
	let raw: IDataObject;
	let prefix: string;
	if (source === 'parameters') {
		prefix = '';
		raw = {
			server: readParameter(this, 'server', itemIndex, ''),
			database: readParameter(this, 'database', itemIndex, ''),
			username: readParameter(this, 'username', itemIndex, ''),
			password: readParameter(this, 'password', itemIndex, ''),
			port: additional.port,
			schema: additional.schema,
		};
	} else {
		prefix = 'Redshift credential field ';
		raw = await this.getCredentials(REDSHIFT_CREDENTIAL_TYPE, itemIndex);
	}
	const label = (field: string) => (prefix ? `${prefix}"${field}"` : field);
	const check = problemCollector(problems);
	const login: IDataObject = {
		server: check(() => checkServer(this, itemIndex, raw.server, label('Server'))),
		database: check(() =>
			checkText(this, itemIndex, raw.database, { label: label('Database'), maxLength: 127 }),
		),
		username: check(() =>
			checkText(this, itemIndex, raw.username, { label: label('Username'), maxLength: 128 }),
		),
		password: check(() => checkRedshiftPassword(this, itemIndex, raw.password, label('Password'))),
		port: check(() => checkPort(this, itemIndex, raw.port, label('Port'))),
		schema: check(() =>
			checkText(this, itemIndex, raw.schema, {
				label: label('Schema'),
				optional: true,
				maxLength: 127,
			}),
		),
	};
	// Adobe wants port and schema only when set.
	for (const key of Object.keys(login))
		if (login[key] === undefined || login[key] === '') delete login[key];
	return login as RedshiftLogin;
}

export function checkRedshiftPassword(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
): string {
	return checkText(context, itemIndex, raw, { label, maxLength: 4096, keepWhitespace: true });
}
