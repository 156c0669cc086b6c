// `temporal-cloud-guardrails/estate`: one config, one whole estate. The cloud provider packages a config
// needs are loaded as its resources are created; a missing one fails with a MissingPeerError naming the
// package and the construct that needed it.
export { TemporalCloudStack, type TemporalCloudStackProps } from "../estate/temporal-cloud-stack";
export { synthesizeEstate, type SynthOptions, type SynthResult } from "../estate/synth";
export { AssemblyContext, type Feature, type NamespaceInputs } from "../estate/assembly-context";
