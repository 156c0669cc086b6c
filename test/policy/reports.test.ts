import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { XMLParser } from "fast-xml-parser";
import { PolicySuppressions } from "../../lib/policy/suppressions";
import { renderSarif } from "../../lib/policy/reports/sarif";
import { renderJunit } from "../../lib/policy/reports/junit";
import { renderJson } from "../../lib/policy/reports/json";
import { renderMarkdown } from "../../lib/policy/reports/markdown";
import { writeReports, REPORT_FILES } from "../../lib/policy/reports/write";
import type { ComplianceReport } from "../../lib/policy/types";
import { tempDir } from "../helpers";
import { check, namespace, newStack } from "./fixtures";

const sarifSchema = JSON.parse(fs.readFileSync(path.join(__dirname, "sarif", "sarif-schema-2.1.0.json"), "utf8"));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema uses these formats; checks close to their RFCs, without a formats package.
  ajv.addFormat("uri", (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s));
  ajv.addFormat("uri-reference", (s: string) => !/\s/.test(s));
  ajv.addFormat("date-time", (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(sarifSchema);
}

/** A report with an error, a warning and a suppressed finding, and a message with XML-hostile text. */
function sampleReport(): ComplianceReport {
  const stack = newStack();
  namespace(stack, "orders-prod", { connectivityRuleIds: undefined, codecServer: { endpoint: "http://codec.example.com/?a=1&b=<2>" } });
  const billing = namespace(stack, "billing-prod", { lifecycle: undefined });
  PolicySuppressions.addResourceSuppressions(billing, [{ rule: "TC-LIFE-002", reason: "destroyed & recreated by the migration", expires: "2026-12-31" }]);
  return check(stack);
}

describe("SARIF report", () => {
  const validate = validator();

  it("is valid SARIF 2.1.0 with findings and suppressions", () => {
    const report = sampleReport();
    const sarif = JSON.parse(renderSarif(report, { stackFile: "cdktf.out/stacks/fixture/cdk.tf.json" }));
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const results = sarif.runs[0].results as { ruleId: string; level: string; suppressions?: unknown[]; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[];
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0].logicalLocations[0].fullyQualifiedName, r.suppressions ? "suppressed" : "active"])).toEqual(
      expect.arrayContaining([
        ["TC-NET-001", "error", "temporalcloud_namespace.orders-prod", "active"],
        ["TC-CODEC-001", "error", "temporalcloud_namespace.orders-prod", "active"],
        ["TC-AUD-001", "warning", "stack", "active"],
        ["TC-LIFE-002", "error", "temporalcloud_namespace.billing-prod", "suppressed"],
      ]),
    );
    // Every rule is described, and every result points at its rule's index.
    const rules = sarif.runs[0].tool.driver.rules as { id: string }[];
    expect(rules.map((r) => r.id)).toEqual(report.rules.map((r) => r.id));
    for (const r of sarif.runs[0].results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it("gives GitHub code scanning a security-severity, a help page and Markdown help per rule", () => {
    const report = sampleReport();
    const rules = JSON.parse(renderSarif(report)).runs[0].tool.driver.rules as { id: string; helpUri: string; help: { text: string; markdown: string }; properties: Record<string, string> }[];
    for (const rule of rules) {
      const declared = report.rules.find((r) => r.id === rule.id)!;
      const score = Number(rule.properties["security-severity"]);
      // GitHub's bands: error → high (7-8.9), warning → medium (4-6.9), info → low (0.1-3.9).
      const band = declared.severity === "error" ? [7, 8.9] : declared.severity === "warning" ? [4, 6.9] : [0.1, 3.9];
      expect({ id: rule.id, inBand: score >= band[0] && score <= band[1] }).toEqual({ id: rule.id, inBand: true });
      expect(rule.helpUri).toMatch(/^https:\/\/.+#compliance-rules$/);
      expect(rule.help.markdown).toContain(`**${rule.id}: ${declared.title}**`);
      expect(rule.help.markdown).toContain(`Fix: ${declared.fix}`);
    }
    expect(new Set(rules.map((r) => r.properties["security-severity"])).size).toBeGreaterThan(1);
  });

  it("the schema rejects a broken log (the check is not vacuous)", () => {
    const sarif = JSON.parse(renderSarif(sampleReport()));
    sarif.runs[0].results[0].level = "fatal";
    expect(validate(sarif)).toBe(false);
  });

  it("points results at the resource's line in the stack file", () => {
    const text = '{\n  "resource": {\n    "temporalcloud_namespace": {\n      "orders-prod": {\n';
    const sarif = JSON.parse(renderSarif(sampleReport(), {}, text));
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "TC-NET-001");
    expect(result.locations[0].physicalLocation.region.startLine).toBe(4);
  });

  it("points results at the namespace in the config when the config is known, the stack as related location", () => {
    const config = "namespaces:\n  - name: billing-prod\n    environment: production\n  - name: orders-prod\n";
    const sarif = JSON.parse(renderSarif(sampleReport(), { configFile: "estate.yaml", stackFile: "out/cdk.tf.json" }, undefined, config));
    expect(validate(sarif)).toBe(true);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "TC-NET-001");
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "estate.yaml" }, region: { startLine: 4 } });
    expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe("out/cdk.tf.json");
  });
});

describe("JUnit report", () => {
  it("parses back with one test case per rule, failures for errors, skips for suppressed-only rules", () => {
    const report = sampleReport();
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(renderJunit(report));
    const suite = xml.testsuites.testsuite;
    const cases = suite.testcase as { name: string; failure?: { message: string; "#text": string }; skipped?: { message: string } }[];
    expect(cases).toHaveLength(report.rules.length);
    expect(Number(suite.tests)).toBe(report.rules.length);
    const failed = cases.filter((c) => c.failure).map((c) => c.name.split(" ")[0]);
    expect(failed.sort()).toEqual(["TC-CODEC-001", "TC-NET-001"]);
    expect(Number(suite.failures)).toBe(2);
    const codec = cases.find((c) => c.name.startsWith("TC-CODEC-001"));
    expect(codec?.failure?.["#text"]).toContain("http://codec.example.com/?a=1&b=<2>");
    const life = cases.find((c) => c.name.startsWith("TC-LIFE-002"));
    expect(life?.skipped?.message).toContain("destroyed & recreated by the migration");
  });
});

describe("JSON and Markdown reports", () => {
  it("JSON carries counts, findings with fixes, and suppressions with reason and expiry", () => {
    const json = JSON.parse(renderJson(sampleReport()));
    expect(json.passed).toBe(false);
    expect(json.counts.active).toEqual({ error: 2, warning: 1, info: 0 });
    expect(json.counts.suppressed).toEqual({ error: 1, warning: 0, info: 0 });
    expect(json.suppressed[0].suppressedBy).toMatchObject({ rule: "TC-LIFE-002", expires: "2026-12-31" });
    expect(json.findings.every((f: { fix: string }) => f.fix.length > 0)).toBe(true);
  });

  it("Markdown lists counts per severity and each finding with its address and fix", () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain("FAILED: 2 error(s)");
    expect(md).toContain("| error | 2 | 1 |");
    expect(md).toMatch(/\| error \| TC-NET-001 \| temporalcloud_namespace\.orders-prod \(connectivity_rule_ids\) \| .* \| Attach only private/);
    expect(md).toContain("| TC-LIFE-002 | temporalcloud_namespace.billing-prod | destroyed & recreated by the migration | 2026-12-31 |");
  });

  it("writeReports writes all four files", () => {
    const dir = tempDir();
    const files = writeReports(dir, sampleReport());
    expect(Object.values(files).map((f) => path.basename(f)).sort()).toEqual(Object.values(REPORT_FILES).sort());
    for (const f of Object.values(files)) expect(fs.statSync(f).size).toBeGreaterThan(100);
  });
});
