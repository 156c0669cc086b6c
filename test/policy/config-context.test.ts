// What the config already decided reaches the rules: a justified public access does not fail TC-NET-001,
// and records that must outlive retention (keepDays) make TC-RET-002 demand an export sink.
import { EstateConfig } from "../../lib/config/estate-config";
import { Testing, TerraformResource } from "cdktf";
import { CompliancePolicy } from "../../lib/policy/aspect";
import { parseConfig } from "../../lib/config/parse";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import type { ComplianceReport } from "../../lib/policy/types";
import { NOW } from "./fixtures";

function build(raw: unknown): TemporalCloudStack {
  return new TemporalCloudStack(Testing.app(), "estate", { config: EstateConfig.fromObject(raw), policy: { failOnError: false, now: NOW } });
}

function reportOf(stack: TemporalCloudStack): ComplianceReport {
  Testing.synth(stack);
  const r = CompliancePolicy.of(stack)?.reports.get("estate");
  if (!r) throw new Error("no report");
  return r;
}

const findingsOf = (r: ComplianceReport, rule: string) => r.findings.filter((f) => f.ruleId === rule);

describe("publicAccessJustification reaches TC-NET-001", () => {
  const vpc = { vpcId: "vpc-0a1b2c3d4e5f60718", subnetIds: ["subnet-0aa11bb22cc33dd44"], allowedCidrs: ["10.20.0.0/16"] };
  const prod = (name: string, connectivity: Record<string, unknown>) => ({
    name, environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true }, connectivity,
  });
  const JUSTIFICATION = "partner batch jobs run outside our VPCs until the Q3 migration";

  it("a justified public rule on a production namespace is suppressed with the justification as reason", () => {
    const r = reportOf(build({
      account: { id: "a1b2c" },
      namespaces: [prod("orders-prod", { aws: vpc, publicAccess: true, publicAccessJustification: JUSTIFICATION })],
    }));
    expect(findingsOf(r, "TC-NET-001")).toEqual([]);
    expect(r.suppressed.filter((f) => f.ruleId === "TC-NET-001").map((f) => [f.namespaces, f.message, f.suppressedBy?.reason, f.suppressedBy?.origin])).toEqual([
      [["orders-prod"], expect.stringMatching(/attaches public connectivity rule temporalcloud_connectivity_rule\.public-connectivity-rule/), JUSTIFICATION,
        "config: namespaces[0].connectivity.publicAccessJustification"],
    ]);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("also when the production namespace has no private endpoint at all (public rule only)", () => {
    const r = reportOf(build({ namespaces: [prod("orders-prod", { publicAccess: true, publicAccessJustification: JUSTIFICATION })] }));
    expect(findingsOf(r, "TC-NET-001")).toEqual([]);
    expect(r.suppressed.map((f) => [f.ruleId, f.suppressedBy?.reason])).toContainEqual(["TC-NET-001", JUSTIFICATION]);
  });

  it("covers only the namespace that gave the justification", () => {
    const r = reportOf(build({
      account: { id: "a1b2c" },
      namespaces: [
        prod("orders-prod", { aws: vpc, publicAccess: true, publicAccessJustification: JUSTIFICATION }),
        { ...prod("billing-prod", {}), connectivity: undefined },
      ],
    }));
    expect(findingsOf(r, "TC-NET-001").map((f) => f.namespaces)).toEqual([["billing-prod"]]);
  });
});

describe("keepDays reaches TC-RET-002", () => {
  const exportTo = {
    s3: {
      bucketName: "example-claims-prod-history",
      awsAccountId: "111122223333",
      roleName: "temporal-claims-export",
      temporalPrincipal: { principalArns: ["arn:aws:iam::000000000000:root"] },
    },
  };
  const ns = (extra: Record<string, unknown>) => ({
    name: "claims-prod", environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true },
    suppressions: [{ rule: "TC-NET-001", reason: "not what this test is about" }], ...extra,
  });

  /** Turns the export sink off behind the config's back (escape hatch), as a hand edit could. */
  function disableExportSink(stack: TemporalCloudStack): void {
    const sinks = stack.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === "temporalcloud_namespace_export_sink");
    expect(sinks).toHaveLength(1);
    sinks[0].addOverride("enabled", false);
  }

  it("export.keepDays above retention: an enabled sink passes, a disabled one is an error naming the days", () => {
    const raw = { namespaces: [ns({ retentionDays: 30, export: { keepDays: 400, ...exportTo } })] };
    expect(findingsOf(reportOf(build(raw)), "TC-RET-002")).toEqual([]);
    const stack = build(raw);
    disableExportSink(stack);
    expect(findingsOf(reportOf(stack), "TC-RET-002").map((f) => [f.namespaces, f.message])).toEqual([
      [["claims-prod"], "records must be kept 400 days but retention is 30 days and no export sink is enabled"],
    ]);
  });

  it("environments.<env>.retention.keepDays counts the same way", () => {
    const stack = build({ environments: { production: { retention: { keepDays: 365 } } }, namespaces: [ns({ export: exportTo })] });
    disableExportSink(stack);
    expect(findingsOf(reportOf(stack), "TC-RET-002").map((f) => f.message)).toEqual([
      "records must be kept 365 days but retention is 14 days and no export sink is enabled",
    ]);
  });

  it("without keepDays a disabled sink is no TC-RET-002 finding", () => {
    const stack = build({ namespaces: [ns({ export: exportTo })] });
    disableExportSink(stack);
    expect(findingsOf(reportOf(stack), "TC-RET-002")).toEqual([]);
  });
});
