import { countBySeverity } from "../engine";
import type { ComplianceReport, Finding, ScopedSuppression } from "../types";
import { TOOL_NAME, toolVersion, type ReportContext } from "./common";

const suppression = (s: ScopedSuppression) => ({ rule: s.rule, reason: s.reason, expires: s.expires, resources: s.resources, namespace: s.namespace, origin: s.origin });
const finding = (f: Finding) => ({
  rule: f.ruleId,
  severity: f.severity,
  title: f.title,
  control: f.control,
  address: f.address,
  attribute: f.attribute,
  constructPath: f.constructPath,
  namespaces: f.namespaces,
  message: f.message,
  fix: f.fix,
  suppressedBy: f.suppressedBy && suppression(f.suppressedBy),
});

/** The machine-readable report (compliance/report.json). */
export function renderJson(report: ComplianceReport, context: ReportContext = {}): string {
  return JSON.stringify(
    {
      tool: { name: TOOL_NAME, version: toolVersion() },
      stack: report.stackName,
      stackFile: context.stackFile,
      configFile: context.configFile,
      generatedAt: report.generatedAt,
      passed: report.findings.every((f) => f.severity !== "error"),
      counts: { active: countBySeverity(report.findings), suppressed: countBySeverity(report.suppressed) },
      findings: report.findings.map(finding),
      suppressed: report.suppressed.map(finding),
      expiredSuppressions: report.expiredSuppressions.map(suppression),
      unusedSuppressions: report.unusedSuppressions.map(suppression),
      invalidSuppressions: report.invalidSuppressions.map((s) => ({ origin: s.origin, problems: s.problems })),
      rules: report.rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, control: r.control, fix: r.fix })),
    },
    null,
    2,
  );
}
