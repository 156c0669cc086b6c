import type { Rule } from "../types";

export const CLIENT_CERT_MAX_DAYS = 90;

export const TC_MTLS_005: Rule = {
  id: "TC-MTLS-005",
  title: "Client certificate valid for more than 90 days",
  severity: "warning",
  control: "Short-lived client certificates, rotated at least quarterly (Temporal Cloud does not check CRLs)",
  fix: "Issue client certificates with validity_period_hours <= 2160 and early_renewal_hours so Terraform renews them before expiry.",
  check(model) {
    return model.resources("tls_locally_signed_cert").flatMap((cert) => {
      if (cert.attributes.is_ca_certificate === true) return [];
      const hours = cert.attributes.validity_period_hours;
      if (typeof hours !== "number" || hours <= CLIENT_CERT_MAX_DAYS * 24) return [];
      return [{ resource: cert, attribute: "validity_period_hours", message: `client certificate is valid for ${Math.round(hours / 24)} days (at most ${CLIENT_CERT_MAX_DAYS} recommended)` }];
    });
  },
};
