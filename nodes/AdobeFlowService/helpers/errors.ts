import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { createScrubber, maskedNode } from './secrets';
import type { Scrubber } from './secrets';

/** What an Adobe error answer boils down to, whichever of its three shapes it came in. */
export interface AdobeErrorSummary {
	/** Adobe's own code: a gateway code such as `401013`, or `FLOW-1415-400`. */
	code?: string;
	title?: string;
	detail?: string;
	requestId?: string;
}

const PERMISSION_HINT =
	"The project's product profile lacks a permission. Ask an Experience Platform admin to grant the Sources permissions (View Sources, Manage Sources) to it.";

/** What must go before a base connection can: Adobe refuses to delete one that flows still use. */
export const TEARDOWN_ORDER =
	'Tear down in this order: delete the dataflows first (Dataflow → Delete), then their source and target connections, then the base connection.';

const HINTS: Record<string, string> = {
	'401013':
		'Check the client secret in the credential. If it is right, the token has expired: in server-to-server mode n8n fetches a new one by itself, while a pasted access token lasts only 24 hours.',
	'403010': "No access token was sent. Check the credential's authentication mode.",
	'403000': 'No API key was sent. Fill in the Client ID: it is also the x-api-key.',
	'403003':
		'Adobe does not know this API key. The Client ID of the OAuth Server-to-Server credential is the API key.',
	'400003':
		'A required header is missing. Check the IMS Organization ID and Sandbox Name in the credential.',
	'403025':
		"The product profile is not valid for this organization. Check the project's product profile in Adobe Developer Console.",
	'403027':
		'Check the IMS Organization ID (it ends in @AdobeOrg) and that the project in Adobe Developer Console has an Experience Platform product profile.',
	'FLOW-1101-404':
		'Nothing with this ID exists in this sandbox. Check the ID and the Sandbox Name.',
	'FLOW-1413-400':
		'Adobe does not know this connection spec ID. Use Get Connection Spec to look it up.',
	'FLOW-1415-400':
		'This connection spec has no auth spec by that name. For Amazon Redshift it is "Basic Authentication".',
	'FLOW-1361-400': 'A dataflow that runs once takes no interval: leave Interval empty.',
	'FLOW-1364-400': 'A dataflow that runs once takes no backfill: leave Backfill empty.',
	'FLOW-1367-400':
		'Database and CRM dataflows read new rows by a delta column: set Delta Column to a date-time column of the table.',
	'FLOW-1369-400': 'A dataflow that runs once takes no delta column: leave Delta Column empty.',
	'FLOW-1370-400':
		'Create a mapping set (Mapping Set → Create) and give its ID and version to Dataflow → Create.',
	'FLOW-1403-400':
		"An update needs the entity's current etag in If-Match; this node reads it itself, so check that nothing strips the header.",
	'FLOW-1404-412':
		'The entity was changed by someone else between reading it and the update. Run the update again.',
	'FLOW-1418-400': TEARDOWN_ORDER,
	'FLOW-1425-400':
		"The mapping set's output schema and the target dataset's schema differ: use the same XDM schema ID (and version) for both.",
	'FLOW-2100-404': 'This sandbox does not exist. Check the Sandbox Name in the credential.',
	'FLOW-2105-400':
		'The x-sandbox-name header is missing. Fill in the Sandbox Name in the credential.',
	'FLOW-2118-403': PERMISSION_HINT,
	'FLOW-2120-403': PERMISSION_HINT,
	'FLOW-2121-403': PERMISSION_HINT,
};

/** Where Adobe's own title says too little ("Invalid request"), our headline says what happened. */
const HEADLINES: Record<string, string> = {
	'FLOW-1418-400': 'The connection is still used by one or more dataflows, so it cannot be deleted',
};

const STATUS_HINTS: Record<number, string> = {
	401: 'Check the credential: the token was refused.',
	403: "The credential is not allowed to do this. Writes need the Manage Sources permission on the project's product profile.",
	404: 'Check the ID and the Sandbox Name.',
	429: "Adobe is rate limiting this project. Lower the node's concurrency or run it less often.",
	500: 'Adobe failed to process the request. Try again later.',
	502: "Adobe's gateway failed. Try again later.",
	503: 'Flow Service is unavailable. Try again later.',
	504: "Adobe's gateway timed out. Try again later.",
};

/** Reads Adobe's gateway, problem-details, Flow Service and IMS error shapes. */
export function summarizeAdobeError(body: unknown, requestIdHeader?: string): AdobeErrorSummary {
	const summary: AdobeErrorSummary = { requestId: requestIdHeader || undefined };
	if (!body || typeof body !== 'object' || Array.isArray(body)) return summary;
	const data = body as IDataObject;
	const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

	if (data.error_code !== undefined) {
		// Gateway: {"error_code": "401013", "message": "Oauth token is not valid"}
		summary.code = String(data.error_code);
		summary.title = text(data.message);
		return summary;
	}
	if (typeof data.error === 'string') {
		// IMS: {"error": "invalid_client", "error_description": "..."}
		summary.code = data.error;
		summary.title = text(data.error_description);
		return summary;
	}
	const type = text(data.type);
	const flowCode = type?.match(/(FLOW-\d+-\d+)/)?.[1];
	summary.code = flowCode ?? (type && !type.startsWith('http') ? type : undefined);
	summary.title = text(data.title) ?? text(data.message);
	const report = (data.report && typeof data.report === 'object' ? data.report : {}) as IDataObject;
	summary.detail = text(report['detailed-message']) ?? text(data.detail) ?? text(data.errorMessage);
	summary.requestId = text(report['request-id']) ?? text(data['request-id']) ?? summary.requestId;
	return summary;
}

export interface ApiFailure {
	/** HTTP status, or undefined when no answer came (dropped connection, timeout). */
	status?: number;
	summary: AdobeErrorSummary;
	/** A sentence of our own when there is no Adobe answer to quote. */
	problem?: string;
	/** Extra advice, e.g. why a create was not retried. */
	advice?: string;
}

/** Builds the NodeApiError users see: Adobe's code, title, detail and request ID, plus a hint. */
export function toNodeApiError(
	node: INode,
	failure: ApiFailure,
	itemIndex: number,
	/** The execution's scrubber (see ExecutionState.scrub), or the secrets to build one from. */
	secrets: Iterable<string> | Scrubber,
): NodeApiError {
	const { status, summary } = failure;
	const scrub = typeof secrets === 'function' ? secrets : createScrubber(secrets);
	const headline =
		failure.problem ??
		(summary.code && HEADLINES[summary.code]) ??
		summary.title ??
		summary.detail ??
		`HTTP ${status ?? 'error'} from Adobe`;
	const codeLabel = summary.code ? ` [${summary.code}]` : status ? ` [HTTP ${status}]` : '';
	const hint = (summary.code && HINTS[summary.code]) ?? (status ? STATUS_HINTS[status] : undefined);
	const description = [
		summary.detail && summary.detail !== headline ? summary.detail : undefined,
		hint,
		failure.advice,
		summary.requestId ? `Adobe request ID: ${summary.requestId}` : undefined,
	]
		.filter(Boolean)
		.join(' ');

	const errorResponse: JsonObject = {
		message: scrub(headline),
		...(status !== undefined && { httpCode: String(status) }),
		...(summary.code && { adobeCode: scrub(summary.code) }),
		...(summary.requestId && { requestId: scrub(summary.requestId) }),
	};
	const message = scrub(`${headline}${codeLabel}`);
	const error = new NodeApiError(maskedNode(node), errorResponse, {
		message,
		description: scrub(description) || undefined,
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex,
	});
	return keepMessage(error, message);
}

/**
 * n8n's error classes replace a message that merely contains a Node error code (ECONNRESET,
 * EACCES, ...) with a generic sentence, which would lose the parameter and item it names.
 */
function keepMessage<E extends Error>(error: E, message: string): E {
	error.message = message;
	return error;
}

/** A NodeOperationError built from the masked node, keeping its message as written. */
export function operationError(
	node: INode,
	message: string,
	options: { itemIndex?: number; description?: string } = {},
): NodeOperationError {
	return keepMessage(new NodeOperationError(maskedNode(node), message, options), message);
}

/** How a value that should have been text or a number reads in a message. */
export function describeValue(raw: unknown): string {
	if (raw !== null && typeof raw === 'object') return Array.isArray(raw) ? 'a list' : 'an object';
	const text = String(raw);
	return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/** Bad input, named by its parameter and item, raised before any request is sent. */
export function invalidParameter(
	node: INode,
	itemIndex: number,
	parameterLabel: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return operationError(node, `${parameterLabel} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}
