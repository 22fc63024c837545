import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Links into the Experience Platform UI. The org's tenant name is not known here, so links
 * leave it out and Experience Cloud opens the user's current org; the sandbox is the
 * credential's, and a staging platform URL links to the staging UI.
 */
export function platformUiUrl(
	credential: ICredentialDataDecryptedObject | undefined,
	path: string,
): string {
	const data = credential ?? {};
	const stage =
		typeof data.platformUrl === 'string' && data.platformUrl.includes('platform-stage.');
	const sandbox = typeof data.sandboxName === 'string' ? data.sandboxName : 'prod';
	const host = stage ? 'https://experience-stage.adobe.com' : 'https://experience.adobe.com';
	return `${host}/#/sname:${encodeURIComponent(sandbox)}/platform/${path}`;
}

/** A dataflow's activity page (Sources → Dataflows), where its runs and their errors are listed. */
export function dataflowActivityUrl(
	credential: ICredentialDataDecryptedObject | undefined,
	flowId: string,
): string {
	return platformUiUrl(credential, `source/dataflows/${encodeURIComponent(flowId)}/activity`);
}
