/**
 * Child processes the queue-mode test starts, each in its own process group, with its output
 * in a log file. Everything started here is recorded, and `stopAll()` ends exactly those
 * process groups (by PID), never anything found by name.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';

export interface ManagedProcess {
	name: string;
	pid: number;
	logFile: string;
	/** Set once the process has exited. */
	exit?: { code: number | null; signal: NodeJS.Signals | null };
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Signals the whole process group (the process and any children it made). */
	signal(signal: NodeJS.Signals): void;
	/** SIGTERM (or `first`), then SIGKILL after `graceMs`; resolves once it has exited. */
	stop(graceMs?: number, first?: NodeJS.Signals): Promise<void>;
	/** The log file's text (empty when it does not exist yet). */
	log(): string;
}

const started: ManagedProcess[] = [];

export interface StartOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	logFile: string;
	/** Run as this user (the test runs as root; postgres refuses to). */
	uid?: number;
	gid?: number;
}

export function startProcess(
	name: string,
	file: string,
	args: string[],
	options: StartOptions,
): ManagedProcess {
	const fd = openSync(options.logFile, 'a');
	const spawnOptions: SpawnOptions = {
		env: options.env ?? process.env,
		cwd: options.cwd,
		// Own process group: the group id is the child's PID, so it can be signalled as a whole.
		detached: true,
		stdio: ['ignore', fd, fd],
	};
	if (options.uid !== undefined) spawnOptions.uid = options.uid;
	if (options.gid !== undefined) spawnOptions.gid = options.gid;
	const child = spawn(file, args, spawnOptions);
	closeSync(fd);
	if (child.pid === undefined) throw new Error(`Could not start ${name} (${file})`);
	const pid = child.pid;
	const managed: ManagedProcess = {
		name,
		pid,
		logFile: options.logFile,
		exited: new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				managed.exit = { code, signal };
				resolve({ code, signal });
			});
		}),
		signal(signal) {
			if (managed.exit) return;
			try {
				process.kill(-pid, signal);
			} catch {
				// already gone
			}
		},
		async stop(graceMs = 8000, first: NodeJS.Signals = 'SIGTERM') {
			if (!managed.exit) {
				managed.signal(first);
				const timer = setTimeout(() => managed.signal('SIGKILL'), graceMs);
				await managed.exited;
				clearTimeout(timer);
			}
			// Children left in the group (e.g. n8n's task runner) go too.
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// group empty
			}
		},
		log: () => (existsSync(options.logFile) ? readFileSync(options.logFile, 'utf8') : ''),
	};
	child.on('error', () => {
		managed.exit ??= { code: null, signal: null };
	});
	started.push(managed);
	return managed;
}

/** Stops every process started here, in reverse start order, groups sharing a stage in parallel. */
export async function stopAll(order: Array<(p: ManagedProcess) => boolean> = []): Promise<void> {
	const remaining = [...started].reverse();
	for (const belongs of order) {
		const stage = remaining.filter(belongs);
		await Promise.all(stage.map((p) => p.stop()));
		for (const p of stage) remaining.splice(remaining.indexOf(p), 1);
	}
	await Promise.all(remaining.map((p) => p.stop()));
}

/** Last resort on process exit: SIGKILL every group still running (synchronous). */
export function killAllNow(): void {
	for (const p of started) {
		if (p.exit) continue;
		try {
			process.kill(-p.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
}

/** A TCP port free on 127.0.0.1 right now; `avoid` lists ports already handed out. */
export async function freePort(avoid: Set<number> = new Set()): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = createServer();
			server.unref();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				const value = typeof address === 'object' && address ? address.port : 0;
				server.close(() => resolve(value));
			});
		});
		if (!avoid.has(port)) {
			avoid.add(port);
			return port;
		}
	}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (not undefined), the process dies, or time runs out. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	options: { timeoutMs: number; intervalMs?: number; process?: ManagedProcess[] },
): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let lastError = '';
	for (;;) {
		for (const p of options.process ?? []) {
			if (p.exit) {
				throw new Error(
					`${p.name} (pid ${p.pid}) exited (${p.exit.code ?? p.exit.signal}) while waiting for ${what}.\n` +
						`--- ${p.logFile} (tail) ---\n${tail(p.log(), 40)}`,
				);
			}
		}
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error instanceof Error ? error.message : String(error);
		}
		if (Date.now() > deadline) {
			const logs = (options.process ?? [])
				.map((p) => `--- ${p.name} ${p.logFile} (tail) ---\n${tail(p.log(), 30)}`)
				.join('\n');
			throw new Error(
				`Timed out after ${options.timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}\n${logs}`,
			);
		}
		await sleep(options.intervalMs ?? 500);
	}
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function tcpOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = new Socket();
		const done = (open: boolean) => {
			socket.destroy();
			resolve(open);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.connect(port, '127.0.0.1', () => done(true));
	});
}

export function tail(text: string, lines = 30): string {
	return text.split('\n').slice(-lines).join('\n');
}
