import type { ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

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
