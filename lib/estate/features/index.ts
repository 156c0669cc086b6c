// Features in assembly order. Namespace inputs (CA bundles, connectivity rules, regions) are produced
// in beforeNamespaces; anything that needs a namespace id is built in afterNamespaces.
import type { Feature } from "../assembly-context";
import { mtlsFeature } from "./mtls";
import { networkingFeature } from "./networking";
import { haFeature } from "./ha";
import { identityFeature } from "./identity";
import { dataProtectionFeature } from "./data-protection";
import { pipelineFeature } from "./pipeline";
import { policyFeature } from "./policy";

export const FEATURES: readonly Feature[] = [
  haFeature,
  mtlsFeature,
  networkingFeature,
  identityFeature,
  dataProtectionFeature,
  pipelineFeature,
  policyFeature,
];
