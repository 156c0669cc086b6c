// Public API of temporal-cloud-guardrails. Import provider classes by deep path in your own code too:
// the provider barrels cost seconds and hundreds of MB to load.
export * from "./catalog";
export * from "./config";
export * from "./constructs/errors";
export * from "./constructs/secure-namespace";
export { TemporalCloudStack, type TemporalCloudStackProps } from "../stacks/temporal-cloud-stack";
export { synthesizeEstate, type SynthOptions, type SynthResult } from "../stacks/synth";
export { AssemblyContext, type Feature, type NamespaceInputs } from "../stacks/assembly-context";
export * from "./constructs/worker-secret";
export { TemporalcloudProvider, type TemporalcloudProviderConfig } from "./providers/temporalcloud/provider";
export * from "./constructs/payload-encryption-key";
export * from "./constructs/export-sink";
export * from "./constructs/audit-log-sink";
export * from "./constructs/metrics-endpoint";
export * from "./constructs/sink-identity";
export * from "./constructs/private-endpoint-common";
export * from "./constructs/private-link-endpoint";
export * from "./constructs/psc-endpoint";
export * from "./constructs/ha-private-dns";
export * from "./constructs/ha-replication";
export { checkReplicaPair, validReplicas, effectiveReplica } from "./config/replication-rules";
export { HA_MODES, type HaMode, type HaConfig } from "./config/sections/ha";
export type { ConnectivityConfig, AwsEndpointConfig, GcpEndpointConfig } from "./config/sections/connectivity";
export * from "./constructs/rotating-ca";
export * from "./constructs/client-certificate";
export * from "./constructs/imported-ca-bundle";
export { readRotationPlan, simulateRotation, type RotationPlan, type SimulationResult, type SimulationOptions } from "./mtls/rotation-simulator";
