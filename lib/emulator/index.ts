// A local Temporal Cloud Operations API for tests and terraform runs. Not exported from the package
// root: only the CLI's `emulator` command (and tests) load it, because it needs gRPC.
export { startEmulator, DEFAULT_ACCOUNT_ID, type Emulator, type EmulatorOptions } from "./server";
export { MissingDependencyError, SERVICE_NAME } from "./proto";
export { parseDuration } from "./clock";
export { LIMITS, SEARCH_ATTRIBUTE_LIMITS } from "./rules";
