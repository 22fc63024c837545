// Shared pieces of the bench: the emulator process, the workflows, the fetch baseline, stats.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { StoredCredential } from '../../test/harness/credentials';
import { adobeCredential, REDSHIFT_SPEC_ID } from '../../test/harness/fixtures';
import type { WorkflowJson } from '../../test/harness/runWorkflow';
import { connectionWorkflow } from '../../test/lifecycle/helpers';
import type {
	EmulatorCommand,
	EmulatorReady,
	EmulatorStats,
	LoggedRequest,
} from './emulator-process';

export const SCOPES =
	'openid,session,AdobeID,read_organizations,additional_info.projectedProductContext';

// ---------------------------------------------------------------- emulator process

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface EmulatorProcess extends Omit<EmulatorReady, 'ready'> {
	setLatency(ms: number): Promise<void>;
	clearLog(): Promise<void>;
	clearConnections(): Promise<void>;
	stats(): Promise<EmulatorStats>;
	close(): Promise<void>;
	child: ChildProcess;
}

/** Starts scripts/bench/emulator-process.ts (under tsx, as this process runs) and waits for it. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
	const child = fork(join(__dirname, 'emulator-process.ts'), [], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		// Inherit tsx's loader flags, never --cpu-prof or --expose-gc meant for this process.
		execArgv: process.execArgv.filter((flag) => !/^--(cpu-prof|expose-gc|max-old)/.test(flag)),
	});
	let nextId = 1;
	const pending = new Map<number, (result: unknown) => void>();
	const ready = new Promise<EmulatorReady>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`emulator process exited (${code})`)));
		child.on('message', (raw) => {
			const message = raw as { ready?: true; id?: number; result?: unknown };
			if (message.ready) return resolve(message as EmulatorReady);
			if (message.id !== undefined) {
				pending.get(message.id)?.(message.result);
				pending.delete(message.id);
			}
		});
	});
	const info = await ready;
	const call = <T>(command: WithoutId<EmulatorCommand>): Promise<T> =>
		new Promise<T>((resolve) => {
			const id = nextId++;
			pending.set(id, resolve as (result: unknown) => void);
			child.send({ ...command, id });
		});
	return {
		url: info.url,
		tokenUrl: info.tokenUrl,
		baseUrl: info.baseUrl,
		credentials: info.credentials,
		child,
		setLatency: async (ms) => void (await call({ cmd: 'setLatency', ms })),
		clearLog: async () => void (await call({ cmd: 'clearLog' })),
		clearConnections: async () => void (await call({ cmd: 'clearConnections' })),
		stats: async () => await call<EmulatorStats>({ cmd: 'stats' }),
		close: async () => {
			if (child.exitCode !== null || !child.connected) return;
			await Promise.race([
				call({ cmd: 'close' }),
				new Promise((resolve) => setTimeout(resolve, 2000)),
			]);
			if (child.exitCode === null) child.kill();
		},
	};
}

/** The Adobe credential (server-to-server) pointed at the emulator process. */
export function benchCredential(
	emu: Pick<EmulatorProcess, 'url' | 'credentials'>,
): StoredCredential {
	return adobeCredential({
		platformUrl: emu.url,
		imsUrl: emu.url,
		clientId: emu.credentials.clientId,
		clientSecret: emu.credentials.clientSecret,
		imsOrgId: emu.credentials.imsOrgId,
		sandboxName: emu.credentials.sandboxName,
	});
}

/** Counts the requests of a log by kind. */
export function countRequests(requests: LoggedRequest[]): {
	total: number;
	token: number;
	creates: number;
	listings: number;
	specLookups: number;
	other: number;
} {
	const counts = {
		total: requests.length,
		token: 0,
		creates: 0,
		listings: 0,
		specLookups: 0,
		other: 0,
	};
	for (const request of requests) {
		if (request.service === 'ims') counts.token++;
		else if (request.method === 'POST' && request.path.endsWith('/connections')) counts.creates++;
		else if (request.method === 'GET' && request.path.endsWith('/connections')) counts.listings++;
		else if (request.method === 'GET' && request.path.includes('/connectionSpecs'))
			counts.specLookups++;
		else counts.other++;
	}
	return counts;
}

// ---------------------------------------------------------------- items and workflows

/** What each input item carries; the node and the baseline build the same body from it. */
export interface BenchItem extends IDataObject {
	name: string;
	description: string;
	server: string;
	database: string;
	username: string;
	password: string;
	port: string;
	schema: string;
}

export function benchItems(count: number, prefix = 'bench'): BenchItem[] {
	return Array.from({ length: count }, (_, index) => ({
		name: `${prefix}-${index}`,
		description: `Bench connection ${index}`,
		server: `cluster${index % 7}.abc123xyz789.us-west-2.redshift.amazonaws.com`,
		database: 'dev',
		username: 'aep_reader',
		password: `Bench-P@ss-${index}`,
		port: '5439',
		schema: 'public',
	}));
}

/** The body our node sends for an item (the transport's own shape, key order included). */
export function createBody(item: BenchItem): IDataObject {
	return {
		name: item.name,
		description: item.description,
		auth: {
			specName: 'Basic Authentication',
			params: {
				server: item.server,
				database: item.database,
				username: item.username,
				password: item.password,
				port: item.port,
				schema: item.schema,
			},
		},
		connectionSpec: { id: REDSHIFT_SPEC_ID, version: '1.0' },
	};
}

/** Create Redshift Connection with every field mapped from the item. */
export function createWorkflow(options: IDataObject): WorkflowJson {
	return connectionWorkflow('createRedshift', {
		name: '={{ $json.name }}',
		connectionSpecId: REDSHIFT_SPEC_ID,
		redshiftCredentials: 'parameters',
		server: '={{ $json.server }}',
		database: '={{ $json.database }}',
		username: '={{ $json.username }}',
		password: '={{ $json.password }}',
		additionalFields: {
			description: '={{ $json.description }}',
			port: '={{ $json.port }}',
			schema: '={{ $json.schema }}',
		},
		options,
	});
}

// ---------------------------------------------------------------- the fetch baseline

/**
 * What our node does, written by hand with Node's own fetch: one token call, then one POST per
 * item with the same headers and body, `concurrency` at a time, output in input order.
 */
export async function fetchBaseline(
	emu: Pick<EmulatorProcess, 'tokenUrl' | 'baseUrl' | 'credentials'>,
	items: BenchItem[],
	concurrency: number,
): Promise<Array<{ id: string; etag: string }>> {
	const { clientId, clientSecret, imsOrgId, sandboxName } = emu.credentials;
	const tokenResponse = await fetch(emu.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams({
			client_id: clientId,
			client_secret: clientSecret,
			grant_type: 'client_credentials',
			scope: SCOPES,
		}).toString(),
	});
	const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
	const headers = {
		Accept: 'application/json',
		'Content-Type': 'application/json',
		Authorization: `Bearer ${token}`,
		'x-api-key': clientId,
		'x-gw-ims-org-id': imsOrgId,
		'x-sandbox-name': sandboxName,
		'User-Agent': 'n8n',
	};
	const results: Array<{ id: string; etag: string }> = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			const response = await fetch(`${emu.baseUrl}/connections`, {
				method: 'POST',
				headers,
				body: JSON.stringify(createBody(items[index])),
			});
			const body = (await response.json()) as { id: string; etag: string };
			if (response.status !== 201) throw new Error(`baseline create failed: ${response.status}`);
			results[index] = { id: body.id, etag: body.etag };
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return results;
}

// ---------------------------------------------------------------- stats

export function median(values: number[]): number {
	const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function round(value: number, digits = 2): number {
	if (!Number.isFinite(value)) return value;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** Wall and CPU time (user + system, this process) of one call. */
export async function timed<T>(
	work: () => Promise<T>,
): Promise<{ result: T; wallMs: number; cpuMs: number }> {
	const cpuStart = process.cpuUsage();
	const start = performance.now();
	const result = await work();
	const wallMs = performance.now() - start;
	const cpu = process.cpuUsage(cpuStart);
	return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Renders rows as a fixed-width text table. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map((row) => row.map((cell) => String(cell)))];
	const widths = headers.map((_, column) =>
		Math.max(...cells.map((row) => (row[column] ?? '').length)),
	);
	const line = (row: string[]) =>
		row
			.map((cell, column) =>
				column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
			)
			.join('  ');
	return [
		line(cells[0]),
		widths.map((width) => '-'.repeat(width)).join('  '),
		...cells.slice(1).map(line),
	].join('\n');
}
