// Everything the emulator remembers between requests.
import { randomBytes } from 'node:crypto';
import { PlatformStore } from './data/store';
import { FaultQueue } from './faults';
import type { RecordedRequest, StoredConnection } from './types';

export interface EmulatorConfig {
	clientId: string;
	clientSecret: string;
	imsOrgId: string;
	sandboxes: Set<string>;
	tokenLifetimeSeconds: number;
}

interface TokenRecord {
	expiresAt: number;
	revoked: boolean;
}

export class EmulatorState {
	readonly requests: RecordedRequest[] = [];
	readonly tokensIssued: string[] = [];
	readonly connections = new Map<string, StoredConnection>();
	readonly faults = new FaultQueue();
	readonly inUse = new Set<string>();
	readonly testResults = new Map<string, boolean>();
	readonly platform = new PlatformStore();
	latencyMs = 0;

	private readonly tokens = new Map<string, TokenRecord>();
	// Creation order, so sorting by createdAt is stable when two connections share a millisecond.
	private readonly creationOrder = new Map<string, number>();
	private nextSequence = 0;

	constructor(readonly config: EmulatorConfig) {}

	issueToken(): string {
		// Unguessable, and shaped like nothing real so it cannot be mistaken for an Adobe token.
		const token = `emu_${randomBytes(32).toString('base64url')}`;
		this.tokens.set(token, {
			expiresAt: Date.now() + this.config.tokenLifetimeSeconds * 1000,
			revoked: false,
		});
		this.tokensIssued.push(token);
		return token;
	}

	isTokenValid(token: string): boolean {
		const record = this.tokens.get(token);
		return record !== undefined && !record.revoked && record.expiresAt > Date.now();
	}

	validTokens(): string[] {
		return [...this.tokens.keys()].filter((token) => this.isTokenValid(token));
	}

	revokeTokens(tokens: Iterable<string> = this.tokens.keys()): void {
		for (const token of tokens) {
			const record = this.tokens.get(token);
			if (record) record.revoked = true;
		}
	}

	addConnection(connection: StoredConnection): void {
		this.connections.set(connection.id, connection);
		this.creationOrder.set(connection.id, this.nextSequence++);
	}

	deleteConnection(id: string): void {
		this.connections.delete(id);
		this.creationOrder.delete(id);
		this.inUse.delete(id);
		this.testResults.delete(id);
		this.platform.tables.delete(id);
	}

	/** Marked with markInUse, or read by a dataflow (FLOW-1418-400 on delete). */
	isInUse(id: string): boolean {
		return this.inUse.has(id) || this.platform.flowsUsing(id).length > 0;
	}

	sequenceOf(id: string): number {
		return this.creationOrder.get(id) ?? 0;
	}

	reset(): void {
		this.requests.length = 0;
		this.tokensIssued.length = 0;
		this.tokens.clear();
		this.connections.clear();
		this.creationOrder.clear();
		this.faults.clear();
		this.inUse.clear();
		this.testResults.clear();
		this.platform.reset();
		this.latencyMs = 0;
	}
}

/** An etag as Flow Service sends it: a quoted version string, quotes included. */
export function newEtag(): string {
	const hex = (bytes: number) => randomBytes(bytes).toString('hex');
	return `"${hex(4)}-0000-0200-0000-${hex(6)}"`;
}
