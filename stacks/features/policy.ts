// Compliance rule pack as Aspects (compliance issue).
import type { Feature } from "../assembly-context";

export const policyFeature: Feature = {
  name: "policy",
};
