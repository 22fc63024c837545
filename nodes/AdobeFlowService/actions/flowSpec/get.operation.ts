import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operationError } from '../../helpers/errors';
import { once } from '../../helpers/memo';
import { quotedFilter, toQueryString } from '../../helpers/pagination';
import type { ExecutionState, FlowServiceOperation } from '../../helpers/types';
import { readText, SPEC_NAME_PATTERN, UUID_PATTERN } from '../../helpers/validation';
import { flowServiceRequest } from '../../transport';
import { optionsCollection, readTimeoutMs } from '../common';

const showFor = { resource: ['flowSpec'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Flow Spec Name',
		name: 'flowSpecName',
		type: 'string',
		default: 'CRMToAEP',
		required: true,
		placeholder: 'e.g. CRMToAEP',
		description:
			"CRMToAEP for databases, CRMs and other table sources; CloudStorageToAEP for files. The output's ID feeds Dataflow → Create.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Source Connection Spec ID',
		name: 'sourceConnectionSpecId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3416976c-a9ca-4bba-901a-1f08f66978ff',
		description:
			'Optional: fail unless the flow spec lists this connection spec among the sources it accepts. Map it from the connection spec ID of the base connection.',
		displayOptions: { show: showFor },
	},
	optionsCollection(showFor, [], { perItem: false }),
];

interface Params {
	name: string;
	sourceConnectionSpecId?: string;
	timeoutMs: number;
}

export const operation: FlowServiceOperation<Params> = {
	prepare(this: IExecuteFunctions, itemIndex: number): Params {
		const sourceSpecId = readText(this, 'sourceConnectionSpecId', itemIndex, {
			label: 'Source Connection Spec ID',
			optional: true,
			pattern: {
				test: UUID_PATTERN,
				expected: 'a UUID such as 3416976c-a9ca-4bba-901a-1f08f66978ff',
			},
		});
		return {
			name: readText(this, 'flowSpecName', itemIndex, {
				label: 'Flow Spec Name',
				maxLength: 128,
				pattern: { test: SPEC_NAME_PATTERN, expected: 'a flow spec name such as CRMToAEP' },
			}),
			sourceConnectionSpecId: sourceSpecId ? sourceSpecId.toLowerCase() : undefined,
			timeoutMs: readTimeoutMs(this, itemIndex),
		};
	},

	async execute(this: IExecuteFunctions, params: Params, itemIndex: number, state: ExecutionState) {
		// GET /flowSpecs?property=name=="CRMToAEP", once per name per execution.
		const specs = await once(state, `flow-spec-by-name:${params.name}`, async () => {
			const response = await flowServiceRequest.call(
				this,
				state,
				{
					method: 'GET',
					path: `/flowSpecs${toQueryString({ property: quotedFilter('name', params.name) })}`,
					timeoutMs: params.timeoutMs,
				},
				itemIndex,
			);
			return (Array.isArray(response.body.items) ? response.body.items : []) as IDataObject[];
		});
		const spec = specs.find((candidate) => candidate?.name === params.name);
		if (!spec) {
			throw operationError(
				this.getNode(),
				`No flow spec named "${params.name}" exists in this sandbox [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Flow spec names are case-sensitive: table sources use CRMToAEP, file sources CloudStorageToAEP.',
				},
			);
		}
		if (params.sourceConnectionSpecId) checkSourceSpec.call(this, spec, params, itemIndex);
		return spec;
	},
};

/** Adobe only refuses a mismatched pair when the dataflow is created; this says so up front. */
function checkSourceSpec(
	this: IExecuteFunctions,
	spec: IDataObject,
	params: Params,
	itemIndex: number,
): void {
	const accepted = Array.isArray(spec.sourceConnectionSpecIds)
		? spec.sourceConnectionSpecIds.map((id) => String(id).toLowerCase())
		: [];
	if (accepted.includes(params.sourceConnectionSpecId as string)) return;
	throw operationError(
		this.getNode(),
		`The flow spec "${params.name}" does not accept sources of connection spec ${params.sourceConnectionSpecId} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `A dataflow of this spec can only read from the ${accepted.length} connection specs in its sourceConnectionSpecIds. Table sources use CRMToAEP, file sources CloudStorageToAEP; check the Flow Spec Name and the base connection's connection spec.`,
		},
	);
}
