import type { ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { readOtherSecrets } from './sourceSecrets';
import { describePortProblem, describeServerProblem } from './validation';

/**
 * The Redshift credential's Test button. n8n has no database client here (community nodes may
 * not ship one), so this checks what can be checked offline and says so plainly; Adobe tests
 * the real connection when it is created (Create Redshift Connection, option Test After Create).
 */
export function testRedshiftSourceCredential(
	credential: ICredentialsDecrypted,
): INodeCredentialTestResult {
	const data = credential.data ?? {};
	const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string).trim() : '');
	const problems: string[] = [];
	for (const [key, label] of [
		['server', 'Server'],
		['database', 'Database'],
		['username', 'Username'],
	] as const) {
		if (!text(key)) problems.push(`${label} is empty`);
	}
	if (typeof data.password !== 'string' || !data.password.trim())
		problems.push('Password is empty');
	const serverProblem = text('server') ? describeServerProblem(text('server')) : undefined;
	if (serverProblem) problems.push(`Server ${serverProblem}`);
	const portProblem = text('port') ? describePortProblem(text('port')) : undefined;
	if (portProblem) problems.push(`Port ${portProblem}`);

	if (problems.length) return { status: 'Error', message: problems.join('; ') };
	return {
		status: 'OK',
		message:
			'The values are well formed. n8n cannot reach Redshift itself; Adobe checks the login when the connection is created or tested.',
	};
}

/**
 * The Source Secrets credential's Test button: which secrets it holds (by name, never by
 * value), and whether Other Secrets is a JSON object. Adobe checks the secrets themselves.
 */
export function testSourceSecretsCredential(
	credential: ICredentialsDecrypted,
): INodeCredentialTestResult {
	const data = credential.data ?? {};
	const names = Object.entries(data)
		.filter(([key, value]) => key !== 'otherSecrets' && typeof value === 'string' && value !== '')
		.map(([key]) => key);
	const other = readOtherSecrets(data);
	if (other === null) {
		return { status: 'Error', message: 'Other Secrets (JSON) is not a JSON object' };
	}
	names.push(...Object.keys(other ?? {}));
	if (names.length === 0) return { status: 'Error', message: 'No secret is filled in' };
	return {
		status: 'OK',
		message: `Holds ${names.join(', ')}. Adobe checks the values when a connection is created or tested.`,
	};
}
