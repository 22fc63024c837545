// Imported first by the bench entry points: n8n-core writes an encryption key into
// $N8N_USER_FOLDER/.n8n/config on first use; keep that out of the user's home and the repo, in a
// temporary folder that the process which made it removes at exit (child processes inherit it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	const folder = mkdtempSync(join(tmpdir(), 'adobe-flow-bench-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}
