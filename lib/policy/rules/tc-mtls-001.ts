import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { caCertificates } from "./helpers";

export const MAX_CA_CERTIFICATES = 16;
export const MAX_CA_BUNDLE_BYTES = 32 * 1024;

export const TC_MTLS_001 = builtInRule({
  id: "TC-MTLS-001",
  title: "mTLS CA bundle breaks Temporal Cloud's limits",
  severity: Severity.ERROR,
  control: "mTLS CA bundle: at most 16 certificates and 32 KB, every certificate a CA (CA: true), SHA-256 or stronger",
  fix: "Remove retired CAs from accepted_client_ca, and include only CA certificates signed with SHA-256 or stronger.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of model.resources("temporalcloud_namespace")) {
      const { certs, bundleBytes, unreadable } = caCertificates(model, ns.attributes.accepted_client_ca);
      const name = [model.namespaceName(ns)];
      const add = (message: string) => out.push({ resource: ns, attribute: "accepted_client_ca", message, namespaces: name });
      if (unreadable) add(`CA bundle ${unreadable}`);
      if (certs.length > MAX_CA_CERTIFICATES) add(`CA bundle holds ${certs.length} certificates (maximum ${MAX_CA_CERTIFICATES})`);
      if (bundleBytes !== undefined && bundleBytes > MAX_CA_BUNDLE_BYTES) add(`CA bundle is ${bundleBytes} bytes before base64 (maximum ${MAX_CA_BUNDLE_BYTES})`);
      for (const c of certs) {
        if (c.isCa === false) add(`certificate ${c.subject} is not a CA (basic constraints CA: false)`);
        if (c.signatureWeak) add(`certificate ${c.subject} is signed with SHA-1 or MD5`);
      }
    }
    return out;
  },
});
