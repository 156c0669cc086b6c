// The Markdown summary printed at the end of synth (and written to compliance/summary.md).
import { countBySeverity } from "../engine";
import type { ComplianceReport } from "../types";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = (header: string[], rows: string[][]) =>
  [header, header.map(() => "---"), ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");

export function renderMarkdown(report: ComplianceReport): string {
  const active = countBySeverity(report.findings);
  const suppressed = countBySeverity(report.suppressed);
  const verdict = active.error > 0 ? `FAILED: ${active.error} error(s)` : "passed";
  const out = [
    `## Compliance \`${report.stackName}\`: ${verdict}`,
    "",
    `${report.rules.length} rules · ${active.error} error · ${active.warning} warning · ${active.info} info · ${report.suppressed.length} suppressed`,
    "",
    table(["Severity", "Active", "Suppressed"], (["error", "warning", "info"] as const).map((s) => [s, String(active[s]), String(suppressed[s])])),
  ];
  if (report.findings.length > 0) {
    out.push("", "### Findings", "", table(["Severity", "Rule", "Resource", "Finding", "Fix"], report.findings.map((f) => [
      f.severity, f.ruleId, `${f.address}${f.attribute ? ` (${f.attribute})` : ""}`, f.message, f.fix,
    ])));
  }
  if (report.suppressed.length > 0) {
    out.push("", "### Suppressed", "", table(["Rule", "Resource", "Reason", "Expires", "Declared in"], report.suppressed.map((f) => [
      f.ruleId, f.address, f.suppressedBy?.reason ?? "", f.suppressedBy?.expires ?? "never", f.suppressedBy?.origin ?? "",
    ])));
  }
  if (report.expiredSuppressions.length > 0) {
    out.push("", "### Expired suppressions (no longer applied)", "", table(["Rule", "Expired", "Reason", "Declared in"], report.expiredSuppressions.map((s) => [
      s.rule, s.expires ?? "", s.reason, s.origin,
    ])));
  }
  if (report.invalidSuppressions.length > 0) {
    out.push("", "### Invalid suppressions (not applied)", "", table(["Declared in", "Problem"], report.invalidSuppressions.map((s) => [s.origin, s.problems.join("; ")])));
  }
  if (report.unusedSuppressions.length > 0) {
    out.push("", `Unused suppressions (nothing to suppress; remove them): ${report.unusedSuppressions.map((s) => `${s.rule} [${s.origin}]`).join(", ")}`);
  }
  return out.join("\n");
}
