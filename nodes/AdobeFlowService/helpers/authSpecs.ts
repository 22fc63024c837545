import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findConnectionSpecById } from './connectionSpecs';
import { dryRunResult } from './createOrReuse';
import { validateAgainstSchema } from './jsonSchema';
import type { ExecutionState } from './types';

/** A connection spec's `authSpec[]`: one JSON Schema per way of logging in. */

export function authSpecsOf(spec: IDataObject): IDataObject[] {
	return (Array.isArray(spec.authSpec) ? spec.authSpec : []).filter(
		(entry): entry is IDataObject => !!entry && typeof entry === 'object',
	);
}

export function findAuthSpec(spec: IDataObject, name: string): IDataObject | undefined {
	return authSpecsOf(spec).find((candidate) => candidate.name === name);
}

/** What a create's dry run reports on. */
export interface AuthDryRun {
	name: string;
	connectionSpec: { id: string; version: string };
	specName: string;
	params: IDataObject;
	/** Problems already found while reading the parameters. */
	problems: string[];
	timeoutMs: number;
}

/** Dry run: the login checked against the spec's own auth spec; nothing is sent but the spec lookup. */
export async function dryRunAuth(
	this: IExecuteFunctions,
	state: ExecutionState,
	run: AuthDryRun,
	itemIndex: number,
): Promise<IDataObject> {
	const spec = await findConnectionSpecById.call(
		this,
		state,
		run.connectionSpec.id,
		itemIndex,
		run.timeoutMs,
	);
	const errors = [...run.problems];
	const authSpec = findAuthSpec(spec, run.specName);
	if (!authSpec) {
		errors.push(
			`The connection spec "${String(spec.name ?? run.connectionSpec.id)}" has no "${run.specName}" auth spec`,
		);
	} else {
		errors.push(...validateAgainstSchema(run.params, authSpec.spec, 'auth.params'));
	}
	return dryRunResult(errors, {
		name: run.name,
		connectionSpec: run.connectionSpec,
		authSpec: run.specName,
	});
}
