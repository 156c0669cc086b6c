// `temporal-cloud-guardrails/estate`: one config, one whole estate. The cloud provider packages a config
// needs are loaded as its resources are created; a missing one fails with a MissingPeerError naming the
// package and the construct that needed it.
export { TemporalCloudStack, EstateStack, type TemporalCloudStackProps } from "../estate/temporal-cloud-stack";
export { TemporalCloudEstate, type TemporalCloudEstateProps } from "../estate/temporal-cloud-estate";
export { synthesizeEstate, type SynthOptions, type SynthResult, type SynthesizedStack } from "../estate/synth";
export { AssemblyContext, EstatePart, type Feature, type NamespaceInputs } from "../estate/assembly-context";
