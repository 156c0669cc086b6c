// Runs rules over a model and applies suppressions.
import { PolicySuppressions, covers, isExpired } from "./suppressions";
import type { ComplianceReport, Finding, PolicyModel, Rule, ScopedSuppression } from "./types";
import { RULES } from "./rules";

export interface EvaluateOptions {
  /** @default every rule of the pack */
  readonly rules?: readonly Rule[];
  /** Suppressions from configuration (construct suppressions are read from the tree). */
  readonly suppressions?: readonly ScopedSuppression[];
  /** Rule ids to skip entirely. */
  readonly disabledRules?: readonly string[];
}

export function evaluate(model: PolicyModel, options: EvaluateOptions = {}): ComplianceReport {
  const rules = (options.rules ?? RULES).filter((r) => !options.disabledRules?.includes(r.id));
  const configured = options.suppressions ?? [];
  const live = configured.filter((s) => !isExpired(s, model.now));
  const expired = new Set<ScopedSuppression>(configured.filter((s) => isExpired(s, model.now)));
  const used = new Set<ScopedSuppression>();
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const rule of rules) {
    for (const raw of rule.check(model)) {
      const finding: Finding = {
        ruleId: rule.id,
        severity: rule.severity,
        title: rule.title,
        control: rule.control,
        fix: rule.fix,
        message: raw.message,
        address: raw.resource?.address ?? "stack",
        attribute: raw.attribute,
        constructPath: raw.resource?.constructPath,
        namespaces: raw.namespaces ?? [],
      };
      const candidates = [...live];
      for (const s of PolicySuppressions.of(raw.resource?.construct)) {
        if (isExpired(s, model.now)) expired.add(s);
        else candidates.push(s);
      }
      const match = candidates.find((s) => covers(s, finding));
      if (match) {
        used.add(match);
        suppressed.push({ ...finding, suppressedBy: match });
      } else {
        active.push(finding);
      }
    }
  }
  return {
    stackName: model.stackName,
    generatedAt: model.now.toISOString(),
    rules,
    findings: active,
    suppressed,
    expiredSuppressions: [...expired],
    unusedSuppressions: live.filter((s) => !used.has(s)),
  };
}

export function countBySeverity(findings: readonly Finding[]): Record<"error" | "warning" | "info", number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
