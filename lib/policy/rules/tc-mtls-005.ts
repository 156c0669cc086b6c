import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { PROFILES } from "../../domain/environments";
import type { PolicyModel, PolicyResource } from "../types";

/** The production profile's limit: the title's number, and the limit for certificates of no known namespace. */
const PRODUCTION_MAX_DAYS = PROFILES.production.maxClientCertificateDays;

/** Namespaces that accept a client certificate: those whose accepted_client_ca holds a CA certificate that signed it. */
function trustingNamespaces(model: PolicyModel, cert: PolicyResource): PolicyResource[] {
  return model.referenced(cert.attributes.ca_cert_pem).flatMap((ca) => model.referencing(ca, "temporalcloud_namespace"));
}

export const TC_MTLS_005 = builtInRule({
  id: "TC-MTLS-005",
  title: `Client certificate valid longer than the profile allows (production: ${PRODUCTION_MAX_DAYS} days)`,
  severity: Severity.WARNING,
  control: "Short-lived client certificates, rotated at least quarterly (Temporal Cloud does not check CRLs)",
  fix: `Issue client certificates with validity_period_hours within the environment profile's limit (production: ${PRODUCTION_MAX_DAYS * 24}) and early_renewal_hours so Terraform renews them before expiry.`,
  check(model) {
    return model.resources("tls_locally_signed_cert").flatMap((cert) => {
      if (cert.attributes.is_ca_certificate === true) return [];
      const hours = cert.attributes.validity_period_hours;
      if (typeof hours !== "number") return [];
      const trusting = trustingNamespaces(model, cert);
      // The strictest limit of the namespaces that accept it (their decided context), else production's.
      const maxDays = Math.min(...trusting.map((ns) => model.contextOf(ns).maxClientCertificateDays ?? PRODUCTION_MAX_DAYS), ...(trusting.length === 0 ? [PRODUCTION_MAX_DAYS] : []));
      if (hours <= maxDays * 24) return [];
      // No namespaces on the finding: a shared CA is trusted by several, and a suppression for one of them
      // must not cover another namespace's certificate.
      return [{ resource: cert, attribute: "validity_period_hours", message: `client certificate is valid for ${Math.round(hours / 24)} days (at most ${maxDays} recommended)` }];
    });
  },
});
