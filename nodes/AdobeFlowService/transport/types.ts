import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { PlatformService } from './basePaths';

/** Node executions, the editor's pickers (listSearch) and the trigger's polls send through the transport. */
export type FlowServiceContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface FlowServiceRequest {
	/** Which service's base path `path` is below; Flow Service unless said otherwise. */
	service?: PlatformService;
	method: IHttpRequestMethods;
	/** Path below the service's base path, e.g. `/connections`, or a `_links.next.href`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	timeoutMs?: number;
	/**
	 * For a create: after a failure that leaves it unknown whether Adobe processed the request
	 * (5xx, time-out, dropped connection), look for what it would have created. Return it, and
	 * the request counts as done; return undefined to prove nothing was created, and it is sent
	 * again. Without this, such a request is never sent twice.
	 */
	findCreated?: () => Promise<IDataObject | undefined>;
}

export interface FlowServiceResponse {
	status: number;
	headers: Record<string, string>;
	/** The parsed JSON body; an empty object for 204 and other empty answers that are allowed. */
	body: IDataObject;
	/** How many HTTP calls this request took, retries included. */
	attempts: number;
}
