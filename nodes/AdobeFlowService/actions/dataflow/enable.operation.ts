import { flowActionOperation } from '../../helpers/dataflows';

// POST /flows/{id}/action?op=enable: built by the same helper as its counterpart.
export const { description, operation } = flowActionOperation('enable');
