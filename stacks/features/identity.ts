// Service accounts, API keys, human access (identity issue).
import type { Feature } from "../assembly-context";

export const identityFeature: Feature = {
  name: "identity",
};
