// Root entry of temporal-cloud-guardrails: everything that needs no cloud provider package. AWS and Google
// Cloud constructs come from `temporal-cloud-guardrails/aws` and `/gcp`, the config-driven estate from
// `/estate`, the generated Temporal Cloud bindings from `/providers/temporalcloud/<resource>`.
// Loading this module loads neither @cdktf/provider-aws nor @cdktf/provider-google (a test checks it).
export * from "./domain";
export * from "./config";
export * from "./constructs/errors";
export { tfString, fnString, isToken } from "./constructs/tokens";
export { MissingPeerError, type OptionalPeer } from "./constructs/peers/lazy";
export * from "./constructs/references";
export * from "./constructs/secure-namespace";
export { ExistingNamespace, type ExistingNamespaceProps } from "./constructs/existing-namespace";
export * from "./constructs/existing-private-endpoint";
export { TemporalcloudProvider, type TemporalcloudProviderConfig } from "./providers/temporalcloud/provider";
export * from "./constructs/metrics-endpoint";
// The endpoint types; the helpers in that file are internal to the endpoint constructs.
export {
  EndpointAuth, WorkerAddressKind, TEMPORAL_GRPC_PORT, NAMESPACE_RECORD_TTL,
  type IPrivateEndpoint, type PrivateEndpointNamespace, type WorkerAddress, type WorkerConnection,
} from "./constructs/private-endpoint-common";
export * from "./constructs/ha-replication";
export * from "./constructs/rotating-ca";
export * from "./constructs/client-certificate";
export * from "./constructs/imported-ca-bundle";
export { analyseRotation, unwarnedOutages, type RotationReport, type ReplayOptions, type WorkerOutage } from "./analysis/rotation";
export { TerraformReplay, type StackJson } from "./analysis/terraform-replay";
export { applySchedule, longestGapDays, type ScheduleFamily, type ScheduleSpec } from "./analysis/schedules";
export { credentialExpiries, needsAttention, type CredentialExpiry, type ExpiryOptions } from "./analysis/expiry";
export * from "./constructs/service-account-per-worker";
export * from "./constructs/group-namespace-access";
export * from "./constructs/state-backend";
export { reviewDirectories, reviewOutputs, loadSynthOutput, isProductionNamespace, type ReviewOptions, type ReviewResult, type ReviewFinding, type FindingKind } from "./review";
export * from "./policy";
