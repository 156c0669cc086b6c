// `temporal-cloud-guardrails/estate`: one config, one whole estate. The cloud provider packages a config
// needs are loaded as its resources are created; a missing one fails with a MissingPeerError naming the
// package and the construct that needed it.
export { TemporalCloudStack, EstateStack, EstateStackRole, type EstateStackProps, type TemporalCloudStackProps } from "../estate/temporal-cloud-stack";
export { TemporalCloudEstate, type TemporalCloudEstateProps } from "../estate/temporal-cloud-estate";
export { synthesizeEstate, type SynthOptions, type SynthResult, type SynthesizedStack } from "../estate/synth";
export { AssemblyContext, EstatePart, NamespaceInputs, type IFeature, type Feature, type SummaryFact, type EstatePolicyOptions } from "../estate/assembly-context";
export { EstateConfig, estateConfig, estateConfigOf, resolvedConfigOf } from "../config/estate-config";
export type { ParseOptions } from "../config/parse";
export type { ConfigIssue } from "../config/issues";
