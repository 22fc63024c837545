// The Flow Service emulator in its own process, driven over IPC by scripts/bench/run.ts.
// A separate process plays the part of Adobe being on another machine: its own CPU work (JSON,
// routing, the latency timers) does not run on the event loop of the process being measured,
// so the bench process's CPU time is the client's alone.
import { startEmulator } from '../../test/emulator/server';
import type { FlowServiceEmulator } from '../../test/emulator/server';

export type EmulatorCommand =
	| { id: number; cmd: 'setLatency'; ms: number }
	/** Clears the request log (tokens and connections stay). */
	| { id: number; cmd: 'clearLog' }
	/** Forgets every stored connection (tokens stay valid). */
	| { id: number; cmd: 'clearConnections' }
	/** The request log, trimmed to what the bench counts, and the number of tokens issued. */
	| { id: number; cmd: 'stats' }
	| { id: number; cmd: 'close' };

export interface LoggedRequest {
	method: string;
	path: string;
	service: 'ims' | 'flow';
	status: number;
	/** Arrival time, epoch ms. */
	at: number;
	query: Record<string, string | string[]>;
	/** Only kept for the first POST /connections in the log, to compare with the baseline's. */
	headers?: Record<string, string | string[] | undefined>;
	json?: unknown;
}

export interface EmulatorStats {
	requests: LoggedRequest[];
	tokensIssued: number;
	connections: number;
}

export interface EmulatorReady {
	ready: true;
	url: string;
	tokenUrl: string;
	baseUrl: string;
	credentials: FlowServiceEmulator['credentials'];
}

async function main(): Promise<void> {
	const emu = await startEmulator();
	const send = (message: unknown) => process.send?.(message);
	process.on('message', (raw) => {
		const message = raw as EmulatorCommand;
		const reply = (result: unknown = true) => send({ id: message.id, result });
		switch (message.cmd) {
			case 'setLatency':
				emu.setLatency(message.ms);
				return reply();
			case 'clearLog':
				emu.requests.length = 0;
				return reply();
			case 'clearConnections':
				emu.connections.clear();
				return reply();
			case 'stats': {
				let firstPostKept = false;
				const requests = emu.requests.map((request): LoggedRequest => {
					const logged: LoggedRequest = {
						method: request.method,
						path: request.path,
						service: request.service,
						status: request.status,
						at: request.at,
						query: request.query,
					};
					if (!firstPostKept && request.method === 'POST' && request.service === 'flow') {
						firstPostKept = true;
						logged.headers = request.headers;
						logged.json = request.json;
					}
					return logged;
				});
				const stats: EmulatorStats = {
					requests,
					tokensIssued: emu.tokensIssued.length,
					connections: emu.connections.size,
				};
				return reply(stats);
			}
			case 'close':
				void emu.close().then(() => {
					reply();
					process.exit(0);
				});
				return;
		}
	});
	// The parent going away (Ctrl-C, crash) takes the emulator with it.
	process.on('disconnect', () => process.exit(0));
	const ready: EmulatorReady = {
		ready: true,
		url: emu.url,
		tokenUrl: emu.tokenUrl,
		baseUrl: emu.baseUrl,
		credentials: emu.credentials,
	};
	send(ready);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
