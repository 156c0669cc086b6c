// Encryption keys, export and audit sinks, metrics (data-protection issue).
import type { Feature } from "../assembly-context";

export const dataProtectionFeature: Feature = {
  name: "data-protection",
};
