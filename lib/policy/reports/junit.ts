// JUnit XML: one test case per rule; error findings are failures, suppressed-only rules are skipped.
import type { ComplianceReport, Finding } from "../types";
import { TOOL_NAME } from "./common";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string)
    // XML 1.0 forbids most control characters.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

const line = (f: Finding) => `[${f.severity}] ${f.address}${f.attribute ? ` (${f.attribute})` : ""}: ${f.message}. Fix: ${f.fix}`;

export function renderJunit(report: ComplianceReport): string {
  const cases = report.rules.map((rule) => {
    const active = report.findings.filter((f) => f.ruleId === rule.id);
    const suppressed = report.suppressed.filter((f) => f.ruleId === rule.id);
    const errors = active.filter((f) => f.severity === "error");
    const name = escapeXml(`${rule.id} ${rule.title}`);
    const body: string[] = [];
    if (errors.length > 0) {
      body.push(`      <failure message="${escapeXml(`${errors.length} finding(s): ${errors[0].address}: ${errors[0].message}`)}" type="${rule.id}">${escapeXml(errors.map(line).join("\n"))}</failure>`);
    } else if (active.length === 0 && suppressed.length > 0) {
      body.push(`      <skipped message="${escapeXml(`suppressed: ${suppressed[0].suppressedBy?.reason ?? ""}`)}"/>`);
    }
    const notes = [...active.filter((f) => f.severity !== "error"), ...suppressed].map((f) => (f.suppressedBy ? `[suppressed: ${f.suppressedBy.reason}] ${line(f)}` : line(f)));
    if (notes.length > 0) body.push(`      <system-out>${escapeXml(notes.join("\n"))}</system-out>`);
    return body.length === 0
      ? `    <testcase classname="${escapeXml(report.stackName)}" name="${name}"/>`
      : [`    <testcase classname="${escapeXml(report.stackName)}" name="${name}">`, ...body, "    </testcase>"].join("\n");
  });
  const failures = report.rules.filter((r) => report.findings.some((f) => f.ruleId === r.id && f.severity === "error")).length;
  const skipped = report.rules.filter((r) => !report.findings.some((f) => f.ruleId === r.id) && report.suppressed.some((f) => f.ruleId === r.id)).length;
  const attrs = `tests="${report.rules.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${TOOL_NAME} compliance" ${attrs}>`,
    `  <testsuite name="${escapeXml(`compliance: ${report.stackName}`)}" ${attrs} timestamp="${report.generatedAt.replace(/\.\d+Z$/, "")}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
