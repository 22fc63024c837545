// Response helpers and Adobe's three error shapes.
import { STATUS_CODES, type ServerResponse } from 'node:http';

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json;charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function sendNoContent(res: ServerResponse, headers: Record<string, string> = {}): void {
	res.writeHead(204, headers);
	res.end();
}

/** Gateway (Adobe I/O) and IMS-adjacent shape: `{error_code, message}`. */
export function sendGatewayError(
	res: ServerResponse,
	status: number,
	errorCode: string,
	message: string,
	headers: Record<string, string> = {},
): void {
	sendJson(res, status, { error_code: errorCode, message }, headers);
}

/** IMS token endpoint shape: `{error, error_description}`. */
export function sendImsError(
	res: ServerResponse,
	status: number,
	error: string,
	description: string,
): void {
	sendJson(res, status, { error, error_description: description });
}

/** RFC 7807 problem shape, used for routing-level errors (unknown route, bad media type). */
export function sendProblem(
	res: ServerResponse,
	status: number,
	detail: string,
	headers: Record<string, string> = {},
): void {
	sendJson(
		res,
		status,
		{ type: 'about:blank', status, title: STATUS_CODES[status] ?? 'Error', detail },
		{ ...headers, 'content-type': 'application/problem+json;charset=utf-8' },
	);
}

export interface FlowErrorInput {
	/** The numeric part of Adobe's code, e.g. '1415' for FLOW-1415-400. */
	code: string;
	status: number;
	/** The service part of the error type; FLOW unless another service answers. */
	service?: string;
	title: string;
	detail: string;
	details?: Record<string, unknown>;
}

export function flowErrorBody(error: FlowErrorInput, requestId: string): Record<string, unknown> {
	return {
		type: `https://ns.adobe.com/aep/errors/${error.service ?? 'FLOW'}-${error.code}-${error.status}`,
		title: error.title,
		status: error.status,
		report: {
			'detailed-message': error.detail,
			'request-id': requestId,
			timestamp: new Date().toISOString(),
		},
		errorMessage: error.detail,
		errorDetails: error.details ?? {},
	};
}

/** Flow Service shape `{type: .../FLOW-XXXX-SSS, title, status, report, errorMessage, errorDetails}`. */
export function sendFlowError(res: ServerResponse, requestId: string, error: FlowErrorInput): void {
	sendJson(res, error.status, flowErrorBody(error, requestId));
}

/** Thrown by route code; the dispatcher turns it into a Flow Service error response. */
export class FlowError extends Error {
	constructor(readonly input: FlowErrorInput) {
		super(input.detail);
	}
}

// The titles and detail texts follow Adobe's Flow Service error catalogue.
export const flowErrors = {
	invalidRequest: (detail: string, details?: Record<string, unknown>) =>
		new FlowError({ code: '1100', status: 400, title: 'Invalid request', detail, details }),
	notFound: (id: string) =>
		new FlowError({
			code: '1101',
			status: 404,
			title: 'Resource not found',
			detail: `The requested resource is not found. Error from flow provider: Resource with given id ${id} does not exist.`,
		}),
	internal: () =>
		new FlowError({
			code: '1102',
			status: 500,
			title: 'Internal Error',
			detail:
				'An internal error has occurred. Please try again. If the problem persists, please contact customer support.',
		}),
	countWithLimit: () =>
		new FlowError({
			code: '1401',
			status: 400,
			title: 'Invalid request',
			detail:
				'The limit and count parameters cannot be given together in the same request. Please provide either only the limit or the count parameter and try again.',
		}),
	ifMatchMissing: () =>
		new FlowError({
			code: '1403',
			status: 400,
			title: 'Header is missing',
			detail:
				"The header 'If-Match' is missing in the request. Please provide the header and try again.",
		}),
	versionMismatch: (given: string, current: string) =>
		new FlowError({
			code: '1404',
			status: 412,
			title: 'Version not matching',
			detail: `The supplied version '${given}' does not match the current version on entity '${current}'. Please ensure that the supplied version matches the current version on entity and try again.`,
		}),
	emptyBody: () =>
		new FlowError({
			code: '1405',
			status: 400,
			title: 'Invalid request',
			detail:
				'The request body cannot be null or empty. Please provide a request body and try again.',
		}),
	badSpecId: (detail = '') =>
		new FlowError({
			code: '1413',
			status: 400,
			title: 'Invalid request',
			detail: `The spec ID provided is invalid. Please provide a valid spec ID and try again.${detail}`,
		}),
	specNotUpdatable: () =>
		new FlowError({
			code: '1414',
			status: 400,
			title: 'Invalid request',
			detail: 'The connection spec of a connection cannot be updated.',
		}),
	authSpecNotFound: (specName: string, specId: string) =>
		new FlowError({
			code: '1415',
			status: 400,
			title: 'Invalid request',
			detail: `The auth spec '${specName}' could not be found for the connection spec ID ${specId}.`,
		}),
	inUse: (id: string) =>
		new FlowError({
			code: '1418',
			status: 400,
			title: 'Invalid request',
			detail: `The base connection with the ID ${id} cannot be deleted because the base connection is being used in one or more flows (the connection is in use by dataflows). Please ensure that corresponding flows are deleted before deleting a base connection.`,
		}),
	badOrderBy: (field: string) =>
		new FlowError({
			code: '1433',
			status: 400,
			title: 'Invalid request',
			detail: `Incorrect field= ${field} passed in orderBy, example are +name, -name, name.`,
		}),
	badFilterField: (field: string) =>
		new FlowError({
			code: '1449',
			status: 400,
			title: 'Invalid request',
			detail: `Invalid field ${field} in filter params.`,
		}),
	badFilterOperator: (expression: string) =>
		new FlowError({
			code: '1450',
			status: 400,
			title: 'Invalid request',
			detail: `Invalid operator in filter params: ${expression}. Supported operators are == and !=.`,
		}),
	badFilterValue: (expression: string) =>
		new FlowError({
			code: '1453',
			status: 400,
			title: 'Invalid request',
			detail: `Invalid query value ${expression} provided in query param.`,
		}),
	badPatch: (detail: string) =>
		new FlowError({
			code: '1455',
			status: 400,
			title: 'Invalid request',
			detail: `An error has occurred while validating patch instructions: ${detail}`,
		}),
	sandboxNotFound: (name: string) =>
		new FlowError({
			code: '2100',
			status: 404,
			title: 'Sandbox not found',
			detail: `The sandbox with the name '${name}' could not be found. Please ensure that the sandbox name is correct and try again.`,
		}),
	sandboxMissing: () =>
		new FlowError({
			code: '2105',
			status: 400,
			title: 'Header is missing',
			detail:
				'The header x-sandbox-name is missing in the request. Please add the header in the request and try again.',
		}),
};
