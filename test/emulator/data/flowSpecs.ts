// Flow spec fixtures. CRMToAEP follows /work/shared/docs/flow-service-onboarding.md §5 (ids and
// the blocks that matter for validation); flow-spec.test pins it. CloudStorageToAEP is there
// so that a lookup by name has something to filter out.
import { connectionSpecs } from '../specs';

const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

export const CRM_TO_AEP_ID = '14518937-270c-4525-bdec-c2ba7cce3860';
export const CLOUD_STORAGE_TO_AEP_ID = '9753525b-82c7-4dce-8a9b-5ccfce2b9876';
export const DATA_LAKE_TARGET_SPEC_ID = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';

/** Database connection specs listed by CRMToAEP (facts file §8). */
export const DATABASE_SPEC_IDS = [
	'3416976c-a9ca-4bba-901a-1f08f66978ff', // Amazon Redshift
	'b2e08744-4f1a-40ce-af30-7abac3e23cf3', // Snowflake
	'74a1c565-4e59-48d7-9d67-7c03b8a13137', // PostgreSQL
	'3c9b37f8-13a6-43d8-bad3-b863b941fedd', // Google BigQuery
	'a49bcc7d-8038-43af-b1e4-5a7a089a7d79', // Azure Synapse Analytics
	'26d738e0-8963-47ea-aadf-c60de735468a', // MySQL
	'd6b52d86-f0f8-475f-89d4-ce54c8527328', // Oracle
	'2fa8af9c-2d1a-43ea-a253-f00a00c74412', // Teradata Vantage
	'1f372ff9-38a4-4492-96f5-b9a4e4bd00ec', // Microsoft SQL Server
	'e9d7ec6b-0873-4e57-ad21-b3a7c65e310b', // Azure Databricks
	'3000eb99-cd47-43f3-827c-43caf170f015', // MariaDB
];

const sourcesIn = (category: string) =>
	connectionSpecs
		.filter((spec) => spec.attributes.category === category && spec.attributes.isSource !== false)
		.map((spec) => spec.id);

const scheduleSpec = {
	name: 'PeriodicSchedule',
	type: 'Periodic',
	spec: {
		$schema: SCHEMA_DRAFT,
		type: 'object',
		properties: {
			startTime: { description: 'epoch time in seconds', type: 'integer' },
			frequency: { type: 'string', enum: ['once', 'minute', 'hour', 'day', 'week'] },
			interval: { type: 'integer' },
			backfill: { type: 'boolean', default: true },
		},
		required: ['startTime', 'frequency'],
		if: { properties: { frequency: { const: 'once' } } },
		then: { allOf: [{ not: { required: ['interval'] } }, { not: { required: ['backfill'] } }] },
		else: {
			required: ['interval'],
			if: { properties: { frequency: { const: 'minute' } } },
			then: { properties: { interval: { minimum: 15 } } },
			else: { properties: { interval: { minimum: 1 } } },
		},
	},
};

const copySpec = {
	name: 'Copy',
	spec: {
		$schema: SCHEMA_DRAFT,
		type: 'object',
		properties: {
			deltaColumn: {
				type: 'object',
				properties: {
					name: { type: 'string' },
					dateFormat: { type: 'string' },
					timezone: { type: 'string' },
				},
				required: ['name'],
			},
		},
		required: ['deltaColumn'],
	},
};

const mappingSpec = {
	name: 'Mapping',
	spec: {
		$schema: SCHEMA_DRAFT,
		type: 'object',
		properties: { mappingId: { type: 'string' }, mappingVersion: { type: 'string' } },
	},
};

export const crmToAepFlowSpec = {
	id: CRM_TO_AEP_ID,
	name: 'CRMToAEP',
	providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
	version: '1.0',
	attributes: {
		recordTypeEnabled: true,
		defaultRecordType: 'profile',
		isSourceFlow: true,
		flacValidationSupported: true,
		isDraftModeSupported: true,
		frequency: 'batch',
	},
	sourceConnectionSpecIds: [...new Set([...DATABASE_SPEC_IDS, ...sourcesIn('database')])],
	targetConnectionSpecIds: [DATA_LAKE_TARGET_SPEC_ID],
	optionSpec: {
		name: 'OptionSpec',
		spec: {
			$schema: SCHEMA_DRAFT,
			type: 'object',
			properties: {
				errorDiagnosticsEnabled: { type: 'boolean', default: false },
				partialIngestionPercent: { type: 'number', exclusiveMinimum: 0 },
			},
		},
	},
	transformationSpecs: [copySpec, mappingSpec],
	scheduleSpec,
	runSpec: {
		name: 'ProviderParams',
		spec: {
			$schema: SCHEMA_DRAFT,
			type: 'object',
			properties: {
				startTime: { type: 'integer' },
				windowStartTime: { type: 'integer' },
				windowEndTime: { type: 'integer' },
				deltaColumn: {
					type: 'object',
					properties: { name: { type: 'string' } },
					required: ['name'],
				},
			},
			required: ['startTime', 'windowStartTime', 'windowEndTime', 'deltaColumn'],
		},
	},
	permissionsInfo: {
		manage: [{ '@type': 'lowLevel', name: 'EnterpriseSource', permissions: ['write'] }],
	},
};

export const cloudStorageToAepFlowSpec = {
	id: CLOUD_STORAGE_TO_AEP_ID,
	name: 'CloudStorageToAEP',
	providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
	version: '1.0',
	attributes: { isSourceFlow: true, frequency: 'batch' },
	sourceConnectionSpecIds: sourcesIn('cloudStorage'),
	targetConnectionSpecIds: [DATA_LAKE_TARGET_SPEC_ID],
	transformationSpecs: [mappingSpec],
	scheduleSpec,
};

export const flowSpecs = [crmToAepFlowSpec, cloudStorageToAepFlowSpec];

export function findFlowSpec(id: string) {
	return flowSpecs.find((spec) => spec.id === id);
}
