import { flowActionOperation } from '../../helpers/dataflows';

// POST /flows/{id}/action?op=disable: built by the same helper as its counterpart.
export const { description, operation } = flowActionOperation('disable');
