import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { caCertificates } from "./helpers";

/** Issuers of publicly trusted certificates: anyone can obtain a certificate chaining to them. */
const PUBLIC_CA = /Let's Encrypt|ISRG|DigiCert|GlobalSign|Sectigo|COMODO|GoDaddy|Entrust|Baltimore CyberTrust|Amazon Root CA|GTS Root|Google Trust Services|USERTrust|Starfield|IdenTrust/i;

export const TC_MTLS_004 = builtInRule({
  id: "TC-MTLS-004",
  title: "Publicly trusted CA accepted without certificate filters",
  severity: Severity.ERROR,
  control: "mTLS trusts a private CA; a public CA (e.g. Let's Encrypt) is only acceptable with certificate filters",
  fix: "Use a private CA (AWS Private CA, your enterprise CA or a self-signed CA); if a public CA is unavoidable, add certificate_filters naming your clients.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of model.resources("temporalcloud_namespace")) {
      const filters = ns.attributes.certificate_filters;
      if ((Array.isArray(filters) && filters.length > 0) || typeof filters === "string") continue;
      for (const c of caCertificates(model, ns.attributes.accepted_client_ca).certs) {
        if (PUBLIC_CA.test(c.subject) || (c.issuer !== undefined && PUBLIC_CA.test(c.issuer))) {
          out.push({ resource: ns, attribute: "accepted_client_ca", message: `CA ${c.subject} is publicly trusted and the namespace has no certificate filters`, namespaces: [model.namespaceName(ns)] });
        }
      }
    }
    return out;
  },
});
