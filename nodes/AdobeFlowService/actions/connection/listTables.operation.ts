import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionLocator, prepareConnectionId } from '../../descriptions/connection';
import type { ConnectionIdParams } from '../../descriptions/connection';
import { listTables } from '../../helpers/explore';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

const showFor = { resource: ['connection'], operation: ['listTables'] };

export const description: INodeProperties[] = [
	connectionLocator('listTables', 'list the tables of'),
	optionsCollection(showFor),
];

export const operation: FlowServiceOperation<ConnectionIdParams> = {
	prepare: prepareConnectionId,

	/** One output item per table: Adobe's entry, plus the connection it came from for the next step. */
	async execute(
		this: IExecuteFunctions,
		params: ConnectionIdParams,
		itemIndex: number,
		state: ExecutionState,
	) {
		const tables = await listTables.call(this, state, params.id, itemIndex, {
			timeoutMs: params.timeoutMs,
		});
		return tables.map((table) => ({ ...table, connectionId: params.id }));
	},
};
