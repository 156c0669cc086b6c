import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { PolicyResource, RuleFinding } from "../types";
import { caCertificates } from "./helpers";

export const TC_SEP_002 = builtInRule({
  id: "TC-SEP-002",
  title: "CA shared between production and non-production",
  severity: Severity.WARNING,
  control: "Separate CAs between production and non-production",
  fix: "Issue a dedicated CA for production; a non-production client certificate must not chain to a CA production trusts.",
  check(model) {
    const trustedBy = new Map<string, { subject: string; namespaces: PolicyResource[] }>();
    for (const ns of model.resources("temporalcloud_namespace")) {
      for (const c of caCertificates(model, ns.attributes.accepted_client_ca).certs) {
        const entry = trustedBy.get(c.identity) ?? { subject: c.subject, namespaces: [] };
        entry.namespaces.push(ns);
        trustedBy.set(c.identity, entry);
      }
    }
    const out: RuleFinding[] = [];
    for (const { subject, namespaces } of trustedBy.values()) {
      const prod = namespaces.filter((ns) => model.environmentOf(ns) === "production");
      const other = namespaces.filter((ns) => { const e = model.environmentOf(ns); return e !== undefined && e !== "production"; });
      if (prod.length === 0 || other.length === 0) continue;
      for (const ns of prod) {
        out.push({ resource: ns, attribute: "accepted_client_ca", message: `CA ${subject} is also trusted by non-production ${other.map((o) => model.namespaceName(o)).join(", ")}`, namespaces: [model.namespaceName(ns)] });
      }
    }
    return out;
  },
});
