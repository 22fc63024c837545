import nock from 'nock';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createExecutionState } from '../../nodes/AdobeFlowService/helpers/types';
import { flowServiceRequest, SERVICE_BASE_PATHS } from '../../nodes/AdobeFlowService/transport';
import type { PlatformService } from '../../nodes/AdobeFlowService/transport';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { adobeCredential, CLIENT_ID, ORG_ID, PLATFORM, SECRETS } from '../harness/fixtures';
import { mockImsToken, watchUnmatchedRequests } from '../harness/nockAdobe';
import { nodeTypesWith } from '../harness/nodeTypes';
import { runWorkflow, singleNodeWorkflow } from '../harness/runWorkflow';

/**
 * A stand-in for an operation of a later resource: it sends each item's request through the
 * transport to the service the item names, as Data Prep and Catalog operations will.
 */
class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport probe',
		name: 'adobeFlowService',
		group: ['transform'],
		version: 1,
		description: 'Test stand-in',
		defaults: { name: 'Adobe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'adobeFlowServiceApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const state = createExecutionState();
		const items = this.getInputData();
		const output = await Promise.all(
			items.map(async (item, itemIndex) => {
				const { service, method, path, body } = item.json as {
					service?: PlatformService;
					method: 'GET' | 'POST';
					path: string;
					body?: IDataObject;
				};
				const response = await flowServiceRequest.call(
					this,
					state,
					{ service, method, path, body },
					itemIndex,
				);
				return { json: { status: response.status, attempts: response.attempts, ...response.body } };
			}),
		);
		return [output];
	}
}

const nodeTypes = nodeTypesWith(
	new Map([['n8n-nodes-adobe-flow-service.adobeFlowService', new TransportProbe() as INodeType]]),
);

/** One service's gateway path, requiring the same four IMS headers as Flow Service. */
function mockService(service: PlatformService, token = SECRETS.accessToken): nock.Scope {
	return nock(`${PLATFORM}${SERVICE_BASE_PATHS[service]}`)
		.matchHeader('authorization', `Bearer ${token}`)
		.matchHeader('x-api-key', CLIENT_ID)
		.matchHeader('x-gw-ims-org-id', ORG_ID)
		.matchHeader('x-sandbox-name', 'prod');
}

async function run(inputItems: IDataObject[], credentialsHelper?: HarnessCredentialsHelper) {
	return await runWorkflow(singleNodeWorkflow({}), {
		credentialsHelper: credentialsHelper ?? new HarnessCredentialsHelper([adobeCredential()]),
		inputItems,
		nodeTypes,
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Transport base paths: Flow Service, Data Prep and Catalog on one gateway', () => {
	it('has the three documented base paths', () => {
		expect(SERVICE_BASE_PATHS).toEqual({
			flowService: '/data/foundation/flowservice',
			dataPrep: '/data/foundation/conversion',
			catalog: '/data/foundation/catalog',
		});
	});

	it('sends each request below its service, with one token and the same headers for all', async () => {
		const ims = mockImsToken(SECRETS.accessToken, 1);
		const flow = mockService('flowService').get('/connections').reply(200, { items: [] });
		const mappingSet = { outputSchema: { schemaRef: { id: 'https://ns.adobe.com/x' } } };
		const dataPrep = mockService('dataPrep')
			.post('/mappingSets', mappingSet)
			.matchHeader('content-type', 'application/json')
			// Data Prep answers a create with 200, not 201.
			.reply(200, { id: 'mapping-1', version: 0 });
		const catalog = mockService('catalog')
			.get('/dataSets')
			.reply(200, { 'dataset-1': { name: 'Orders' } });
		const unmatched = watchUnmatchedRequests();
		const result = await run([
			{ method: 'GET', path: '/connections' },
			{ service: 'dataPrep', method: 'POST', path: '/mappingSets', body: mappingSet },
			{ service: 'catalog', method: 'GET', path: '/dataSets' },
		]);
		unmatched.stop();
		expect(result.nodeError('Adobe')).toBeUndefined();
		expect(unmatched.count()).toBe(0);
		for (const scope of [ims, flow, dataPrep, catalog]) expect(scope.isDone()).toBe(true);
		expect(result.output('Adobe')).toEqual([
			{ status: 200, attempts: 1, items: [] },
			{ status: 200, attempts: 1, id: 'mapping-1', version: 0 },
			{ status: 200, attempts: 1, 'dataset-1': { name: 'Orders' } },
		]);
	});

	it('retries a Catalog read after a 503 and refreshes the token after a Data Prep 401', async () => {
		const ims = mockImsToken(SECRETS.accessToken, 1);
		const refreshed = mockImsToken(SECRETS.refreshedToken, 1);
		const catalog = mockService('catalog')
			.get('/dataSets')
			.reply(503, { title: 'unavailable' })
			.get('/dataSets')
			.reply(200, { 'dataset-1': {} });
		const expired = mockService('dataPrep')
			.get('/mappingSets/m1')
			.reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
		const renewed = mockService('dataPrep', SECRETS.refreshedToken)
			.get('/mappingSets/m1')
			.reply(200, { id: 'm1' });
		// One n8n instance: the second execution starts with the token the first one stored.
		const helper = new HarnessCredentialsHelper([adobeCredential()]);
		const catalogFirst = await run(
			[{ service: 'catalog', method: 'GET', path: '/dataSets' }],
			helper,
		);
		expect(catalogFirst.output('Adobe')).toEqual([{ status: 200, attempts: 2, 'dataset-1': {} }]);
		const dataPrep = await run(
			[{ service: 'dataPrep', method: 'GET', path: '/mappingSets/m1' }],
			helper,
		);
		expect(dataPrep.nodeError('Adobe')).toBeUndefined();
		expect(dataPrep.output('Adobe')).toEqual([{ status: 200, attempts: 1, id: 'm1' }]);
		for (const scope of [ims, refreshed, catalog, expired, renewed]) {
			expect(scope.isDone()).toBe(true);
		}
	});

	it("does not replay a Data Prep create after a 500, and names Adobe's error", async () => {
		mockImsToken(SECRETS.accessToken, 1);
		const once = mockService('dataPrep')
			.post('/mappingSets')
			.once()
			.reply(500, { type: 'https://ns.adobe.com/aep/errors/CONV-500', title: 'Internal error' });
		const unmatched = watchUnmatchedRequests();
		const result = await run([
			{ service: 'dataPrep', method: 'POST', path: '/mappingSets', body: {} },
		]);
		unmatched.stop();
		expect(once.isDone()).toBe(true);
		expect(unmatched.count()).toBe(0);
		const error = result.nodeError('Adobe');
		expect(String(error?.message)).toMatch(/Internal error/);
		expect(String(error?.description)).toMatch(/not sent again/);
	});
});
