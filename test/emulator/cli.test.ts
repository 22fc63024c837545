// The CLI's argument parsing and its one-line request log (which must never leak secrets).
import { describeRequest, parseFault } from '../../scripts/emulator';
import type { RecordedRequest } from './server';

describe('scripts/emulator.ts', () => {
	it('parses --fault specs', () => {
		expect(parseFault('429:3')).toEqual({
			kind: 'status',
			status: 429,
			headers: { 'Retry-After': '1' },
			times: 3,
			match: undefined,
		});
		expect(parseFault('503:2:flow')).toMatchObject({
			status: 503,
			times: 2,
			match: { service: 'flow' },
		});
		expect(parseFault('drop')).toEqual({ kind: 'drop', times: 1, match: undefined });
		expect(parseFault('expire:4')).toEqual({ kind: 'expireToken', afterCalls: 4 });
	});

	it('logs method, path and status without headers, bodies or secret query values', () => {
		const request: RecordedRequest = {
			method: 'POST',
			path: '/ims/token/v3',
			query: { client_secret: 'leaked?', limit: '3', property: ['name==a', 'state==enabled'] },
			headers: { authorization: 'Bearer emu_secret_token' },
			body: 'client_id=x&client_secret=hidden&password=pw',
			status: 400,
			at: Date.now(),
			service: 'ims',
		};
		const line = describeRequest(request);
		expect(line).toContain('POST');
		expect(line).toContain('/ims/token/v3');
		expect(line).toContain('400');
		expect(line).toContain('limit=3');
		expect(line).toContain('client_secret=***');
		for (const secret of ['leaked', 'emu_secret_token', 'hidden', 'pw', 'Bearer']) {
			expect(line).not.toContain(secret);
		}
	});
});
