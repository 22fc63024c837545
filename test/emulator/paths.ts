// Where the emulator serves each API; the same origin stands in for both Adobe hosts.
export const IMS_TOKEN_PATH = '/ims/token/v3';
export const FLOW_BASE_PATH = '/data/foundation/flowservice';
