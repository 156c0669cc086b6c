// `validate --rules` on written JSON gives exactly what synth gave: the namespace context and every
// suppression (config, construct, justification) travel in the JSON's "//" metadata.
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { TerraformModel, type StackJson } from "../../lib/analysis/model";
import { evaluate } from "../../lib/policy/engine";
import { CompliancePolicy } from "../../lib/policy/aspect";
import { PolicySuppressions } from "../../lib/policy/suppressions";
import type { ComplianceReport } from "../../lib/policy/types";
import { main } from "../../lib/cli/main";
import { EXAMPLES_DIR, tempDir } from "../helpers";
import { namespace, newStack, NOW } from "./fixtures";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".yaml"));

/** Everything a report says, in a comparable form. */
function summary(r: ComplianceReport) {
  const finding = (f: ComplianceReport["findings"][number]) => [f.ruleId, f.address, f.attribute ?? "", f.message, f.namespaces.join(","), f.suppressedBy ? `${f.suppressedBy.reason} [${f.suppressedBy.origin}] ${f.suppressedBy.expires ?? ""}` : ""];
  return {
    findings: r.findings.map(finding),
    suppressed: r.suppressed.map(finding),
    expired: r.expiredSuppressions.map((s) => `${s.rule} ${s.origin}`),
    unused: r.unusedSuppressions.map((s) => `${s.rule} ${s.origin}`),
    invalid: r.invalidSuppressions.map((s) => s.origin),
  };
}

describe("the written JSON gives the synth's report", () => {
  it.each(examples)("%s", (file) => {
    const now = new Date();
    const result = synthesizeEstate({ config: loadConfig(path.join(EXAMPLES_DIR, file)), outdir: tempDir(), now });
    expect(result.blocked).toBe(false);
    const json = JSON.parse(fs.readFileSync(result.stackFile, "utf8")) as StackJson;
    const again = evaluate(TerraformModel.fromJson(result.stackName, json, { now }));
    expect(summary(again)).toEqual(summary(result.compliance));
  });

  it("config suppressions (estate-wide, per namespace, public-access justification) suppress on the JSON too", () => {
    const now = new Date();
    const file = path.join(tempDir(), "estate.yaml");
    fs.writeFileSync(file, [
      "name: suppressed-estate",
      "suppressions: [{ rule: TC-AUD-001, reason: the audit-log sink lives in the account stack }]",
      "namespaces:",
      "  - name: orders",
      "    environment: production",
      "    regions: [aws-us-east-1]",
      "    auth: { apiKey: true }",
      "    connectivity: { publicAccess: true, publicAccessJustification: partner batch jobs until the network project lands }",
      "  - name: billing",
      "    environment: production",
      "    regions: [aws-us-east-1]",
      "    auth: { apiKey: true }",
      "    suppressions: [{ rule: TC-NET-001, reason: private endpoints come with the network project, expires: '2999-01-01' }]",
      "  - name: ledger",
      "    environment: staging",
      "    regions: [aws-us-east-1]",
      "    auth: { apiKey: true }",
      "    suppressions: [{ rule: TC-HA-001, reason: nothing to suppress here but listed as unused }]",
    ].join("\n"));
    const result = synthesizeEstate({ config: loadConfig(file), outdir: tempDir(), now });
    expect(result.blocked).toBe(false);
    const again = evaluate(TerraformModel.fromJson(result.stackName, JSON.parse(fs.readFileSync(result.stackFile, "utf8")) as StackJson, { now }));
    expect(summary(again)).toEqual(summary(result.compliance));
    expect(again.suppressed.map((f) => [f.ruleId, f.suppressedBy?.origin])).toEqual(expect.arrayContaining([
      ["TC-NET-001", "config: namespaces[0].connectivity.publicAccessJustification"],
      ["TC-NET-001", "config: namespaces[1].suppressions[0]"],
      ["TC-AUD-001", "config: suppressions[0]"],
    ]));
    expect(again.unusedSuppressions.map((s) => s.origin)).toEqual(["config: namespaces[2].suppressions[0]"]);
  });

  it("a construct suppression on a raw stack, an expired one and a config-less policy's own survive the round trip", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod", { connectivityRuleIds: undefined, lifecycle: undefined });
    PolicySuppressions.addResourceSuppressions(ns, [{ rule: "TC-NET-001", reason: "PrivateLink arrives with the Q3 network project" }]);
    PolicySuppressions.addResourceSuppressions(ns, [{ rule: "TC-LIFE-002", reason: "the migration recreates it this month", expires: "2026-05-01" }]);
    const policy = CompliancePolicy.applyTo(stack, { now: NOW, failOnError: false, suppressions: [{ rule: "TC-AUD-001", reason: "the audit sink lives in the account stack", origin: "pipeline" }] });
    const dir = Testing.fullSynth(stack);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "stacks", "fixture", "cdk.tf.json"), "utf8")) as StackJson;
    const atSynth = policy.reportFor("fixture")!;
    const fromJson = evaluate(TerraformModel.fromJson("fixture", json, { now: NOW }));
    expect(summary(fromJson)).toEqual(summary(atSynth));
    expect(summary(fromJson)).toMatchObject({
      findings: [["TC-LIFE-002", "temporalcloud_namespace.orders-prod", "lifecycle.prevent_destroy", expect.any(String), "orders-prod", ""]],
      suppressed: [expect.arrayContaining(["TC-NET-001"]), expect.arrayContaining(["TC-AUD-001"])],
      expired: ["TC-LIFE-002 fixture/orders-prod"],
    });
  });

  it("a suppression without a reason written by hand into the JSON is not applied and is reported", async () => {
    const dir = tempDir();
    const file = path.join(dir, "cdk.tf.json");
    fs.writeFileSync(file, JSON.stringify({
      "//": { temporal_cloud_guardrails: { suppressions: [{ rule: "TC-LIFE-002" }, { rule: "TC-CTX-001", reason: "namespaces of this stack are built elsewhere" }] } },
      resource: { temporalcloud_namespace: { x: { name: "orders-prod", regions: ["aws-us-east-1"], retention_days: 14, api_key_auth: true, namespace_lifecycle: { enable_delete_protection: true }, connectivity_rule_ids: ["r-1"] } } },
    }));
    const lines: string[] = [];
    const code = await main(["validate", file, "--rules"], { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    const text = lines.join("\n");
    expect(code).toBe(1);
    expect(text).toMatch(/\| error \| TC-LIFE-002 \| temporalcloud_namespace\.x/);
    expect(text).toMatch(/### Invalid suppressions \(not applied\)[\s\S]*stack metadata \| reason is missing or too short/);
  });
});
