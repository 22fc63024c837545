import type { INode, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

const SECRET_PARAMETER = /pass(word|phrase)|secret|token|private.?key|connection.?string/i;
export const MASK = '**hidden**';

/**
 * n8n serializes `error.node`, parameters included, into the execution record of every failed
 * run. Errors are therefore built from this copy, in which secret parameters are masked.
 */
export function maskedNode(node: INode): INode {
	return { ...node, parameters: maskParameters(node.parameters) };
}

function maskParameters(parameters: INodeParameters): INodeParameters {
	const copy: INodeParameters = {};
	for (const [key, value] of Object.entries(parameters)) {
		copy[key] = SECRET_PARAMETER.test(key) && value !== '' ? MASK : maskValue(value);
	}
	return copy;
}

function maskValue(value: NodeParameterValueType): NodeParameterValueType {
	if (Array.isArray(value)) {
		return value.map((entry) =>
			entry && typeof entry === 'object' ? maskParameters(entry as INodeParameters) : entry,
		) as NodeParameterValueType;
	}
	if (value && typeof value === 'object') {
		return maskParameters(value as INodeParameters);
	}
	return value;
}

/**
 * Removes every known secret from a text taken from an HTTP answer, in the plain, URL-encoded
 * and JSON-escaped forms a server might echo it in.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
	return createScrubber(secrets)(text);
}

export type Scrubber = (text: string) => string;

/**
 * A scrubber over a live collection of secrets, built once per execution: each secret's forms
 * are worked out the first time it is seen, and secrets added later (a refreshed token, a
 * password from a later item) are scrubbed too.
 */
export function createScrubber(secrets: Iterable<string>): Scrubber {
	const formsOf = new Map<string, string[]>();
	return (text: string) => {
		let result = text;
		for (const secret of secrets) {
			if (secret.length < 4) continue;
			let forms = formsOf.get(secret);
			if (!forms) {
				forms = [
					...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]),
				];
				formsOf.set(secret, forms);
			}
			for (const form of forms) result = result.split(form).join('[redacted]');
		}
		return result;
	};
}
