/**
 * The Experience Platform services this node calls. They share one gateway (the credential's
 * Platform URL), the same four headers, and the same retry, token-refresh and error rules; only
 * the path below the gateway differs. A request names its service, Flow Service by default:
 *
 *   await flowServiceRequest.call(this, state, { service: 'dataPrep', method: 'POST',
 *     path: '/mappingSets', body }, itemIndex);
 *   // POST https://platform.adobe.io/data/foundation/conversion/mappingSets
 */
export const SERVICE_BASE_PATHS = {
	/** Connections, connection specs, flows. */
	flowService: '/data/foundation/flowservice',
	/** Data Prep: mapping sets. */
	dataPrep: '/data/foundation/conversion',
	/** Catalog Service: datasets. */
	catalog: '/data/foundation/catalog',
} as const;

export type PlatformService = keyof typeof SERVICE_BASE_PATHS;

export const FLOW_SERVICE_BASE_PATH = SERVICE_BASE_PATHS.flowService;

/** The full URL of `path` under a service, on the gateway the credential names. */
export function serviceUrl(platformUrl: string, service: PlatformService, path: string): string {
	const basePath = SERVICE_BASE_PATHS[service];
	// Only a programming error gets here: the service names are fixed in code, never user input.
	if (!basePath) throw new Error(`Unknown Experience Platform service "${String(service)}"`);
	return `${platformUrl}${basePath}${path}`;
}
