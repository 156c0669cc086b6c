import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { namespaces } from "./helpers";

export const TC_RET_001 = builtInRule({
  id: "TC-RET-001",
  title: "Retention outside the environment's policy",
  severity: Severity.ERROR,
  control: "Retention within the environment's policy (production 7–90 days by default; Temporal allows 1–90)",
  fix: "Set retention_days inside the environment's bounds; keep records longer with an export sink.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of namespaces(model)) {
      const days = ns.attributes.retention_days;
      if (typeof days !== "number") continue;
      const ctx = model.contextOf(ns);
      const min = ctx.retention?.minDays ?? 1;
      const max = ctx.retention?.maxDays ?? 90;
      if (days < min || days > max) {
        out.push({ resource: ns, attribute: "retention_days", message: `retention_days ${days} is outside ${ctx.environment ?? "the"} policy of ${min}–${max} days`, namespaces: [model.namespaceName(ns)] });
      }
    }
    return out;
  },
});
