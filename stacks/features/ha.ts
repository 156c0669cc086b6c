// Namespace replication and HA networking (HA issue).
import type { Feature } from "../assembly-context";

export const haFeature: Feature = {
  name: "ha",
};
