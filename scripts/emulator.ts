// Runs the Adobe IMS + Flow Service emulator until Ctrl-C:
//   tsx scripts/emulator.ts [--port N] [--latency MS] [--fault SPEC]... [--sandbox NAME]...
//                           [--token-lifetime S] [--client-id ID] [--client-secret S] [--org-id ID]
// Fault SPEC is KIND[:TIMES[:SERVICE]], KIND a status (429, 503, ...) or drop, hang, malformed,
// html, empty; SERVICE ims or flow (default: both). `expire:N` expires tokens after N calls.
// The request log shows method, path, redacted query and status: never headers or bodies.
/* eslint-disable no-console */
import {
	CATALOG_BASE_PATH,
	CONVERSION_BASE_PATH,
	FLOW_BASE_PATH,
	startEmulator,
	type EmulatorOptions,
	type Fault,
	type RecordedRequest,
	type Service,
} from '../test/emulator/server';

const USAGE = `Usage: tsx scripts/emulator.ts [options]
  --port N              port to listen on (default: random)
  --latency MS          delay every response by MS milliseconds
  --fault SPEC          queue a fault; repeatable. SPEC = KIND[:TIMES[:SERVICE]]
                          KIND: an HTTP status (429, 500, 503, ...), drop, hang, malformed, html, empty
                          SERVICE: ims or flow (default: any). 429/503 carry Retry-After: 1.
                        --fault expire:N   tokens issued so far expire after N Flow Service calls
  --sandbox NAME        another sandbox that exists besides prod; repeatable
  --token-lifetime S    access token lifetime in seconds (default 86399)
  --client-id ID, --client-secret S, --org-id ID   override the example credentials
  --help`;

function fail(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

function parseNumber(flag: string, raw: string | undefined): number {
	const value = Number(raw);
	if (raw === undefined || !Number.isInteger(value) || value < 0) {
		fail(`${flag} needs a whole number`);
	}
	return value;
}

export function parseFault(spec: string): Fault {
	const [kind, timesRaw, serviceRaw] = spec.split(':');
	if (kind === 'expire') {
		return { kind: 'expireToken', afterCalls: parseNumber('--fault expire', timesRaw ?? '0') };
	}
	const times = timesRaw === undefined ? 1 : parseNumber('--fault', timesRaw);
	if (serviceRaw !== undefined && serviceRaw !== 'ims' && serviceRaw !== 'flow') {
		fail(`unknown service ${serviceRaw} in --fault ${spec}`);
	}
	const match = serviceRaw ? { service: serviceRaw as Service } : undefined;
	if (/^\d{3}$/.test(kind)) {
		const status = Number(kind);
		const headers: Record<string, string> =
			status === 429 || status === 503 ? { 'Retry-After': '1' } : {};
		return { kind: 'status', status, headers, times, match };
	}
	if (['drop', 'hang', 'malformed', 'html', 'empty'].includes(kind)) {
		return { kind: kind as 'drop', times, match };
	}
	return fail(`unknown fault kind ${kind}`);
}

interface CliOptions {
	emulator: EmulatorOptions;
	latency: number;
	faults: Fault[];
}

function parseArgs(argv: string[]): CliOptions {
	const result: CliOptions = { emulator: { sandboxes: [] }, latency: 0, faults: [] };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => argv[++i] ?? fail(`${flag} needs a value`);
		switch (flag) {
			case '--port':
				result.emulator.port = parseNumber(flag, value());
				break;
			case '--latency':
				result.latency = parseNumber(flag, value());
				break;
			case '--fault':
				result.faults.push(parseFault(value()));
				break;
			case '--sandbox':
				result.emulator.sandboxes!.push(value());
				break;
			case '--token-lifetime':
				result.emulator.tokenLifetimeSeconds = parseNumber(flag, value());
				break;
			case '--client-id':
				result.emulator.clientId = value();
				break;
			case '--client-secret':
				result.emulator.clientSecret = value();
				break;
			case '--org-id':
				result.emulator.imsOrgId = value();
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				return process.exit(0);
			default:
				fail(`unknown option ${flag}`);
		}
	}
	return result;
}

/** Query keys whose values may be credentials; their values never reach the terminal. */
const SENSITIVE_KEY = /secret|password|token|key|auth|code/i;

export function describeRequest(request: RecordedRequest): string {
	const query = Object.entries(request.query)
		.flatMap(([key, values]) =>
			(Array.isArray(values) ? values : [values]).map(
				(value) => `${key}=${SENSITIVE_KEY.test(key) ? '***' : value}`,
			),
		)
		.join('&');
	const time = new Date().toISOString().slice(11, 23);
	const status = request.status === 0 ? '--- (no answer)' : String(request.status);
	const elapsed = Date.now() - request.at;
	return `${time} ${request.service.padEnd(4)} ${request.method.padEnd(6)} ${request.path}${query ? `?${query}` : ''} -> ${status} ${elapsed}ms`;
}

async function main(): Promise<void> {
	const cli = parseArgs(process.argv.slice(2));
	const emulator = await startEmulator({
		...cli.emulator,
		onRequest: (request) => console.log(describeRequest(request)),
	});
	emulator.setLatency(cli.latency);
	for (const fault of cli.faults) emulator.inject(fault);

	const { clientId, clientSecret, imsOrgId, sandboxName } = emulator.credentials;
	const extraSandboxes = cli.emulator.sandboxes?.length
		? ` (also: ${cli.emulator.sandboxes.join(', ')})`
		: '';
	console.log(`Adobe IMS + Flow Service emulator listening on ${emulator.url}

Example credential values (emulator only, not real Adobe credentials):
  Client ID (x-api-key)   ${clientId}
  Client secret           ${clientSecret}
  IMS org ID              ${imsOrgId}
  Sandbox                 ${sandboxName}${extraSandboxes}
  Platform URL            ${emulator.url}
  IMS URL                 ${emulator.url}
  Token endpoint          ${emulator.tokenUrl}
  Flow Service base       ${emulator.url}${FLOW_BASE_PATH}
  Catalog base            ${emulator.url}${CATALOG_BASE_PATH}
  Data Prep base          ${emulator.url}${CONVERSION_BASE_PATH}
  Test hooks              POST ${emulator.url}/__emulator/runs, /runs/{id}/finish, /tables, /datasets (docs/emulator.md)
${cli.latency ? `Latency: ${cli.latency} ms per response\n` : ''}${cli.faults.length ? `Faults queued: ${cli.faults.length}\n` : ''}
Ctrl-C to stop. Requests:`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the emulator`);
		void emulator.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
