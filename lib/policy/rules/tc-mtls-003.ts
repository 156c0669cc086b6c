import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { PolicyResource, RuleFinding } from "../types";
import { caCertificates } from "./helpers";

export const TC_MTLS_003 = builtInRule({
  id: "TC-MTLS-003",
  title: "CA shared across environments without certificate filters",
  severity: Severity.ERROR,
  control: "Certificate filters are required when a CA is trusted by namespaces of different environments",
  fix: "Add certificate_filters (e.g. common_name = the namespace's client name) to every namespace that trusts the shared CA, or issue one CA per environment.",
  check(model) {
    const trustedBy = new Map<string, PolicyResource[]>();
    for (const ns of model.resources("temporalcloud_namespace")) {
      for (const c of caCertificates(model, ns.attributes.accepted_client_ca).certs) {
        trustedBy.set(c.identity, [...(trustedBy.get(c.identity) ?? []), ns]);
      }
    }
    const out: RuleFinding[] = [];
    const reported = new Set<PolicyResource>();
    for (const list of trustedBy.values()) {
      const envs = new Set(list.map((ns) => model.environmentOf(ns) ?? "unknown"));
      if (envs.size < 2) continue;
      for (const ns of list) {
        const filters = ns.attributes.certificate_filters;
        if ((Array.isArray(filters) && filters.length > 0) || typeof filters === "string" || reported.has(ns)) continue;
        reported.add(ns);
        const others = list.filter((o) => o !== ns).map((o) => `${model.namespaceName(o)} (${model.environmentOf(o) ?? "unknown"})`);
        out.push({ resource: ns, attribute: "certificate_filters", message: `trusts a CA also trusted by ${others.join(", ")} but has no certificate filters`, namespaces: [model.namespaceName(ns)] });
      }
    }
    return out;
  },
});
