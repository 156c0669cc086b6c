// Rotating CAs, client certificates, certificate filters (mTLS issue).
import type { Feature } from "../assembly-context";

export const mtlsFeature: Feature = {
  name: "mtls",
};
