import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { namespaces } from "./helpers";

export const TC_RET_002 = builtInRule({
  id: "TC-RET-002",
  title: "Records must outlive retention but no export sink",
  severity: Severity.ERROR,
  control: "Workflow history that must be kept beyond retention (max 90 days) is exported",
  fix: "Add a temporalcloud_namespace_export_sink (S3 or GCS) for the namespace.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of namespaces(model)) {
      const keep = model.contextOf(ns).recordsRetentionDays;
      const retention = typeof ns.attributes.retention_days === "number" ? ns.attributes.retention_days : 90;
      if (keep === undefined || keep <= retention) continue;
      const sinks = model.resources("temporalcloud_namespace_export_sink").filter((s) => model.namespacesIn(s.attributes.namespace).includes(ns) && s.attributes.enabled !== false);
      if (sinks.length === 0) {
        out.push({ resource: ns, message: `records must be kept ${keep} days but retention is ${retention} days and no export sink is enabled`, namespaces: [model.namespaceName(ns)] });
      }
    }
    return out;
  },
});
