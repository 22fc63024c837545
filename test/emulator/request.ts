// Reading an incoming request: its query as a record, its body as text and as JSON.
import type { IncomingMessage } from 'node:http';

export function queryRecord(url: URL): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function parseJsonBody(req: IncomingMessage, body: string): unknown {
	if (!/json/i.test(req.headers['content-type'] ?? '') || body === '') return undefined;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}
