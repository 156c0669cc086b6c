// SARIF 2.1.0, the format GitHub code scanning reads (upload with github/codeql-action/upload-sarif).
import type { ComplianceReport, Finding, Severity } from "../types";
import { allFindings, configLineOf, lineOf, TOOL_NAME, TOOL_URI, toolVersion, type ReportContext } from "./common";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/**
 * GitHub code scanning ranks security alerts by `security-severity` (0-10: critical ≥ 9, high ≥ 7, medium ≥ 4,
 * low > 0). A rule's score follows its severity: an error blocks synth (high), a warning is medium, info low.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.0", warning: "5.0", info: "2.0" };

/** Where the rule table (control, checks, fix of every rule) is documented. */
export const RULES_HELP_URI = `${TOOL_URI}/blob/main/README.md#compliance-rules`;

function helpMarkdown(rule: { id: string; title: string; control: string; fix: string; severity: Severity }): string {
  return [
    `**${rule.id}: ${rule.title}** (${rule.severity})`,
    "",
    `Control: ${rule.control}`,
    "",
    `Fix: ${rule.fix}`,
    "",
    `To accept a finding, add a suppression with a reason (and an expiry) to the estate config: \`suppressions: [{ rule: ${rule.id}, reason: "...", expires: YYYY-MM-DD }]\`. All rules: [rule table](${RULES_HELP_URI}).`,
  ].join("\n");
}

/**
 * With a config file (and its text), results point at the namespace in the config — the file a pull request
 * changes, so code scanning annotates it — and the stack file becomes a related location.
 */
export function renderSarif(report: ComplianceReport, context: ReportContext = {}, stackText?: string, configText?: string): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const uri = (context.stackFile ?? `stacks/${report.stackName}/cdk.tf.json`).replace(/\\/g, "/");
  const configUri = context.configFile?.replace(/\\/g, "/");
  const stackLocation = (f: Finding) => {
    const own = f.stack !== undefined ? context.stackFiles?.[f.stack] : undefined;
    return own
      ? { artifactLocation: { uri: own.file.replace(/\\/g, "/") }, region: { startLine: lineOf(own.text, f.address) } }
      : { artifactLocation: { uri }, region: { startLine: lineOf(stackText, f.address) } };
  };
  const physicalLocation = (f: Finding) =>
    configUri ? { artifactLocation: { uri: configUri }, region: { startLine: configLineOf(configText, f.namespaces[0]) } } : stackLocation(f);
  const result = (f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: `${f.address}${f.attribute ? ` (${f.attribute})` : ""}: ${f.message}. Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: physicalLocation(f),
        logicalLocations: [{ fullyQualifiedName: f.address, kind: f.address === "stack" ? "module" : "resource" }],
      },
    ],
    ...(configUri ? { relatedLocations: [{ id: 1, physicalLocation: stackLocation(f), message: { text: `synthesized ${f.address}` } }] } : {}),
    partialFingerprints: { "resourceRule/v1": `${f.ruleId}:${f.address}:${f.attribute ?? ""}` },
    ...(f.suppressedBy
      ? { suppressions: [{ kind: "external", justification: `${f.suppressedBy.reason}${f.suppressedBy.expires ? ` (until ${f.suppressedBy.expires})` : ""} [${f.suppressedBy.origin}]` }] }
      : {}),
    properties: { namespaces: [...f.namespaces], constructPath: f.constructPath },
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion(),
            informationUri: TOOL_URI,
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : "")),
              shortDescription: { text: r.title },
              fullDescription: { text: r.control },
              help: { text: `${r.fix} (${r.control})`, markdown: helpMarkdown(r) },
              helpUri: RULES_HELP_URI,
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ["security", "temporal-cloud"], control: r.control, precision: "very-high", "security-severity": SECURITY_SEVERITY[r.severity] },
            })),
          },
        },
        results: allFindings(report).map(result),
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
