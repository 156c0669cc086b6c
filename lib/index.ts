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
export * from "./policy";
