import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { productionNamespaces } from "./helpers";

export const TC_AUD_001 = builtInRule({
  id: "TC-AUD-001",
  title: "No account audit-log sink",
  severity: Severity.WARNING,
  control: "Account audit logs are exported to a sink (Kinesis or Pub/Sub)",
  fix: "Add an enabled temporalcloud_account_audit_log_sink, or suppress with the name of the stack that manages it.",
  check(model) {
    const prod = productionNamespaces(model);
    if (prod.length === 0) return [];
    const sinks = model.resources("temporalcloud_account_audit_log_sink").filter((s) => s.attributes.enabled !== false);
    if (sinks.length > 0 || model.blocks.some((b) => b.kind === "data" && b.type === "temporalcloud_account_audit_log_sink")) return [];
    return [{ message: "the stack manages production namespaces but no enabled account audit-log sink" }];
  },
});
