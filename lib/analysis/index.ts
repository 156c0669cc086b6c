// Public API of the analysis layer: one model of synthesized Terraform JSON, shared by policy and review.
export { TerraformModel, type Block, type ModelOptions, type NamespaceContext, type StackJson } from "./model";
export { referencesIn, interpolations, isUnknown, visitStrings, type Reference } from "./references";
export { GUARDRAILS_KEY, contextFromMarker, markerFor, metadataIn, type GuardrailsMetadata, type NamespaceMarker } from "./marker";
export { asEnvironment, environmentFromName } from "./environment";
