// PrivateLink / PSC endpoints and connectivity rules (private-networking issue).
import type { Feature } from "../assembly-context";

export const networkingFeature: Feature = {
  name: "networking",
};
