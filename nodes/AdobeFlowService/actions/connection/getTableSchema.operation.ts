import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionLocator, prepareConnectionId } from '../../descriptions/connection';
import { readTablePath, tableLocator } from '../../descriptions/table';
import { exploreTable } from '../../helpers/explore';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

const showFor = { resource: ['connection'], operation: ['getTableSchema'] };

export const description: INodeProperties[] = [
	connectionLocator('getTableSchema', 'read the table from'),
	tableLocator(showFor, 'describe'),
	optionsCollection(showFor),
];

interface Params {
	id: string;
	tablePath: string;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		return {
			...prepareConnectionId.call(this, itemIndex),
			tablePath: readTablePath(this, itemIndex),
		};
	},

	/**
	 * One item per table: its columns exactly as Adobe describes them, so that Source Connection
	 * → Create can take them with {{ $json.columns }}.
	 */
	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const schema = await exploreTable.call(this, state, params.id, params.tablePath, itemIndex, {
			timeoutMs: params.timeoutMs,
		});
		return {
			connectionId: params.id,
			tableName: params.tablePath,
			...(schema.format !== undefined && { format: schema.format }),
			columns: schema.columns,
		};
	},
};
