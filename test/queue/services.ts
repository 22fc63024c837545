/**
 * Redis and PostgreSQL for the queue-mode test: installed with apt when missing, started on
 * free loopback ports with their data in a temp folder, and stopped by PID afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';

import { startProcess, waitFor, type ManagedProcess } from './processes';

function commandExists(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The newest /usr/lib/postgresql/<major>/bin that has initdb, or undefined. */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((entry) => /^\d+$/.test(entry) && existsSync(join(root, entry, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? join(root, majors[0], 'bin') : undefined;
}

/**
 * apt-get install of redis-server and/or postgresql when they are missing. Quiet; runs
 * `apt-get update` only if the first install attempt fails (no package lists yet).
 */
export function ensureServicesInstalled(log: (line: string) => void): void {
	const missing: string[] = [];
	if (!commandExists('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`Missing ${missing.join(' and ')}; install them first: sudo apt-get install -y ${missing.join(' ')}`,
		);
	}
	log(`installing ${missing.join(', ')} with apt-get (quiet)...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
			env,
			encoding: 'utf8',
		});
	let result = install();
	if (result.status !== 0) {
		spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
		result = install();
	}
	if (result.status !== 0 || !commandExists('redis-server') || !postgresBinDir()) {
		throw new Error(
			`apt-get install ${missing.join(' ')} failed:\n${result.stdout}\n${result.stderr}`,
		);
	}
}

/** Sends one inline Redis command and returns the first reply line. */
export function redisCommand(port: number, command: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = new Socket();
		let data = '';
		socket.setTimeout(2000, () => {
			socket.destroy();
			reject(new Error('redis: no answer'));
		});
		socket.once('error', reject);
		socket.on('data', (chunk) => {
			data += chunk.toString('utf8');
			if (data.includes('\r\n')) {
				socket.end();
				resolve(data.split('\r\n')[0]);
			}
		});
		socket.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
	});
}

export async function startRedis(dir: string, port: number): Promise<ManagedProcess> {
	mkdirSync(dir, { recursive: true });
	const redis = startProcess(
		'redis',
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ logFile: join(dir, 'redis.log'), cwd: dir },
	);
	await waitFor(
		'redis to answer PING',
		async () => ((await redisCommand(port, 'PING')) === '+PONG' ? true : undefined),
		{ timeoutMs: 15_000, intervalMs: 200, process: [redis] },
	);
	return redis;
}

export interface Postgres {
	process: ManagedProcess;
	port: number;
	database: string;
	user: string;
	password: string;
	/** Runs SQL as the superuser over the unix socket; returns psql's unaligned output. */
	query(sql: string, database?: string): string;
}

/**
 * initdb in `dir` and postgres on 127.0.0.1:port. Root may not run postgres, so when the test
 * runs as root both run as the `postgres` system user (created by Debian's package).
 */
export async function startPostgres(dir: string, port: number): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)');
	let uid: number | undefined;
	let gid: number | undefined;
	if (process.getuid?.() === 0) {
		uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	}
	const dataDir = join(dir, 'data');
	const socketDir = join(dir, 'socket');
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	mkdirSync(socketDir, { recursive: true });
	if (uid !== undefined && gid !== undefined) {
		// The postgres user must reach its folders through the (root-owned) temp folders.
		chmodSync(join(dir, '..'), 0o711);
		chmodSync(dir, 0o711);
		chownSync(dataDir, uid, gid);
		chownSync(socketDir, uid, gid);
	}
	const asUser = { uid, gid, env: { ...process.env, HOME: dir, LC_ALL: 'C' } };
	const password = 'n8n-queue-test';
	const initdb = spawnSync(
		join(bin, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--locale=C',
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'--no-sync',
		],
		{ ...asUser, encoding: 'utf8', cwd: dir },
	);
	if (initdb.status !== 0) {
		throw new Error(`initdb failed (${initdb.status}):\n${initdb.stdout}\n${initdb.stderr}`);
	}
	const postgres = startProcess(
		'postgres',
		join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			socketDir,
			'-c',
			'listen_addresses=127.0.0.1',
			// A throw-away test database: durability off, for speed.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ ...asUser, cwd: dir, logFile: join(dir, 'postgres.log') },
	);
	const query = (sql: string, database = 'postgres'): string => {
		const result = spawnSync(
			join(bin, 'psql'),
			[
				'-h',
				socketDir,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-At',
				'-c',
				sql,
			],
			{ ...asUser, encoding: 'utf8', cwd: dir },
		);
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr.trim()}`);
		return result.stdout.trim();
	};
	await waitFor(
		'postgres to accept connections',
		async () => (query('SELECT 1') === '1' ? true : undefined),
		{
			timeoutMs: 30_000,
			intervalMs: 250,
			process: [postgres],
		},
	);
	query(`CREATE ROLE n8n LOGIN PASSWORD '${password}'`);
	query('CREATE DATABASE n8n OWNER n8n');
	return { process: postgres, port, database: 'n8n', user: 'n8n', password, query };
}
