import type { Rule, RuleFinding } from "../types";
import { caCertificates, DAY_MS } from "./helpers";

export const CA_EXPIRY_HORIZON_DAYS = 30;

export const TC_MTLS_002: Rule = {
  id: "TC-MTLS-002",
  title: "mTLS CA expires within 30 days",
  severity: "error",
  control: "mTLS CA rotation: no accepted CA expires within the 30-day horizon",
  fix: "Add the next CA to the bundle now (old + new), roll client certificates to it, then remove the old CA.",
  check(model) {
    const out: RuleFinding[] = [];
    const horizon = model.now.getTime() + CA_EXPIRY_HORIZON_DAYS * DAY_MS;
    for (const ns of model.resources("temporalcloud_namespace")) {
      for (const c of caCertificates(model, ns.attributes.accepted_client_ca).certs) {
        if (!c.notAfter || c.notAfter.getTime() > horizon) continue;
        const days = Math.floor((c.notAfter.getTime() - model.now.getTime()) / DAY_MS);
        out.push({
          resource: ns,
          attribute: "accepted_client_ca",
          message: days < 0 ? `CA ${c.subject} expired ${-days} days ago` : `CA ${c.subject} expires in ${days} days (horizon ${CA_EXPIRY_HORIZON_DAYS})`,
          namespaces: [model.namespaceName(ns)],
        });
      }
    }
    return out;
  },
};
