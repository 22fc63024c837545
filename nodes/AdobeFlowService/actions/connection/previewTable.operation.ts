import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { connectionLocator, prepareConnectionId } from '../../descriptions/connection';
import { readTablePath, tableLocator } from '../../descriptions/table';
import { exploreTable } from '../../helpers/explore';
import { readRowFilter } from '../../helpers/jsonParameters';
import type { PqlFilter } from '../../helpers/jsonParameters';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { optionsCollection } from '../common';

const showFor = { resource: ['connection'], operation: ['previewTable'] };

export const description: INodeProperties[] = [
	connectionLocator('previewTable', 'read the table from'),
	tableLocator(showFor, 'preview'),
	optionsCollection(showFor, [
		{
			displayName: 'Row Filter (PQL)',
			name: 'rowFilter',
			type: 'json',
			default: '',
			placeholder:
				'e.g. {"type":"PQL","format":"pql/json","value":{"nodeType":"fnApply","fnName":"=","params":[{"nodeType":"fieldLookup","fieldName":"CITY"},{"nodeType":"literal","value":"MZN"}]}}',
			description:
				'Only rows that match this PQL filter, or its "value" part alone. The node sends it Base64-encoded. Adobe documents row filters for Redshift, BigQuery, Snowflake, Salesforce, Dynamics and Marketo.',
		},
	]),
];

interface Params {
	id: string;
	tablePath: string;
	rowFilter?: PqlFilter;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		return {
			...prepareConnectionId.call(this, itemIndex),
			tablePath: readTablePath(this, itemIndex),
			rowFilter: readRowFilter(
				this,
				itemIndex,
				this.getNodeParameter('options.rowFilter', itemIndex, ''),
				'Row Filter (PQL)',
			),
		};
	},

	/** One output item per preview row, keyed by column name as Adobe sends it. */
	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		const schema = await exploreTable.call(this, state, params.id, params.tablePath, itemIndex, {
			timeoutMs: params.timeoutMs,
			preview: true,
			rowFilter: params.rowFilter,
		});
		return schema.data ?? [];
	},
};
