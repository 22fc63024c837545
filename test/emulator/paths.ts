// Where the emulator serves each API; the same origin stands in for both Adobe hosts.
export const IMS_TOKEN_PATH = '/ims/token/v3';
export const FLOW_BASE_PATH = '/data/foundation/flowservice';
export const CATALOG_BASE_PATH = '/data/foundation/catalog';
export const CONVERSION_BASE_PATH = '/data/foundation/conversion';
/** Test hooks over HTTP, for an emulator running in another process; no Adobe counterpart. */
export const ADMIN_BASE_PATH = '/__emulator';
