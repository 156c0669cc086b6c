// The jsii entry (scripts/jsii.ts builds it; test/package/jsii.test.ts requires 0 jsii errors): the API other
// languages get through jsii-pacmak, as one flat module. TypeScript users keep the subpath entries, which
// only differ in what they load: here the AWS and Google constructs sit beside the rest, and each still
// loads its provider package only when its first resource is created.
// What a jsii build cannot carry stays TypeScript-only: free functions and constants, the config loader's
// types, the analysis and review layers, and error classes (jsii cannot extend Error).
// lib/domain module by module (as lib/domain/index.ts) but for CaInspection: what the TypeScript-only
// inspectCaBundle() returns keeps its [path, message] pairs; ImportedCaBundle.inspection is the jsii shape.
export * from "../domain/problem";
export * from "../domain/limits";
export * from "../domain/regions";
export * from "../domain/environments";
export * from "../domain/namespace-rules";
export * from "../domain/replication";
export * from "../domain/ca-rotation";
export { type CaPemSource, type InspectedCaCertificate } from "../domain/certificates";
export * from "../domain/sinks";
export * from "../domain/secrets";
export * from "../domain/compliance";
export * as apiKeyRotation from "../domain/api-key-rotation";
export * from "../constructs/references";
export * from "../constructs/secure-namespace";
export { ExistingNamespace, type ExistingNamespaceProps } from "../constructs/existing-namespace";
export * from "../constructs/existing-private-endpoint";
// The generated bindings, as submodule `temporalcloud` (construct members expose their resources: Namespace,
// Apikey, ...), the provider as `temporalcloud.provider.TemporalcloudProvider`. Not also at the top: jsii
// would list the same class under two names, and the props name the submodule's.
export * as temporalcloud from "../providers/temporalcloud";
export * from "../constructs/metrics-endpoint";
export {
  EndpointAuth, WorkerAddressKind,
  type IPrivateEndpoint, type PrivateEndpointNamespace, type WorkerAddress, type WorkerConnection,
} from "../constructs/private-endpoint-common";
export * from "../constructs/ha-replication";
export * from "../constructs/rotating-ca";
export * from "../constructs/client-certificate";
export { ImportedCaBundle, type ImportedCaBundleProps, type CaBundleInspection } from "../constructs/imported-ca-bundle";
export * from "../constructs/service-account-per-worker";
export * from "../constructs/group-namespace-access";
export * from "../constructs/state-backend";
export * from "./clouds";
export * from "../constructs/private-link-endpoint";
export * from "../constructs/psc-endpoint";
export { CompliancePolicy, type CompliancePolicyProps } from "../policy/aspect";
export { PolicySuppressions } from "../policy/suppressions";
export type { ComplianceReport, Finding, NamespaceContext, PolicyResource, Rule, RuleFinding, ScopedSuppression, Severity, Suppression } from "../policy/types";
export { TemporalCloudStack, EstateStack, EstateStackRole, type EstateStackProps, type TemporalCloudStackProps } from "../estate/temporal-cloud-stack";
export { TemporalCloudEstate, type TemporalCloudEstateProps } from "../estate/temporal-cloud-estate";
export { AssemblyContext, EstatePart, NamespaceInputs, type IFeature, type SummaryFact, type EstatePolicyOptions } from "../estate/assembly-context";
// The config as other languages give it: a file path or plain data (EstateConfig.fromFile / fromObject).
export { EstateConfig } from "../config/estate-config";
export type { ParseOptions } from "../config/parse";
export type { ConfigIssue } from "../config/issues";
