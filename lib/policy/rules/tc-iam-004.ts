import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";

export const TC_IAM_004 = builtInRule({
  id: "TC-IAM-004",
  title: "Machine identity with namespace admin permission",
  severity: Severity.WARNING,
  control: "Least privilege: workers get write (or read), not namespace admin",
  fix: "Set the service account's namespace permission to write; keep namespace admin for the people and automation that manage the namespace.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const sa of model.resources("temporalcloud_service_account")) {
      const grants = [sa.attributes.namespace_scoped_access, ...(Array.isArray(sa.attributes.namespace_accesses) ? sa.attributes.namespace_accesses : [])];
      for (const grant of grants) {
        const g = grant as { permission?: unknown; namespace_id?: unknown } | undefined;
        if (typeof g?.permission !== "string" || g.permission.toLowerCase() !== "admin") continue;
        const names = model.namespacesIn(g.namespace_id).map((ns) => model.namespaceName(ns));
        out.push({ resource: sa, attribute: sa.attributes.namespace_scoped_access === grant ? "namespace_scoped_access.permission" : "namespace_accesses.permission", message: `service account has namespace admin on ${names.join(", ") || String(g.namespace_id)}`, namespaces: names });
      }
    }
    return out;
  },
});
