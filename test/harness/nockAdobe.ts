import nock from 'nock';

import { BASE_PATH, CLIENT_ID, IMS, ORG_ID, PLATFORM, SECRETS } from './fixtures';

/** IMS answering one token request, checking the form fields exactly. */
export function mockImsToken(token = SECRETS.accessToken, times = 1): nock.Scope {
	return nock(IMS)
		.post('/ims/token/v3', (body) => {
			const form = new URLSearchParams(body as unknown as string);
			return (
				form.get('client_id') === CLIENT_ID &&
				form.get('client_secret') === SECRETS.clientSecret &&
				form.get('grant_type') === 'client_credentials'
			);
		})
		.times(times)
		.matchHeader('content-type', 'application/x-www-form-urlencoded')
		.reply(200, { access_token: token, token_type: 'bearer', expires_in: 86399 });
}

/** The Flow Service gateway, requiring the four IMS headers on every call. */
export function mockFlowService(token = SECRETS.accessToken): nock.Scope {
	return mockPlatformService(BASE_PATH, token);
}

/** Catalog Service (datasets), on the same gateway with the same four headers. */
export function mockCatalog(token = SECRETS.accessToken): nock.Scope {
	return mockPlatformService('/data/foundation/catalog', token);
}

function mockPlatformService(basePath: string, token: string): nock.Scope {
	return nock(`${PLATFORM}${basePath}`)
		.matchHeader('authorization', `Bearer ${token}`)
		.matchHeader('x-api-key', CLIENT_ID)
		.matchHeader('x-gw-ims-org-id', ORG_ID)
		.matchHeader('x-sandbox-name', 'prod');
}

/** Counts requests that reached no mock: with disableNetConnect, any attempt at all shows here. */
export function watchUnmatchedRequests(): { count: () => number; stop: () => void } {
	let unmatched = 0;
	const onNoMatch = () => unmatched++;
	nock.emitter.on('no match', onNoMatch);
	return { count: () => unmatched, stop: () => nock.emitter.removeListener('no match', onNoMatch) };
}
