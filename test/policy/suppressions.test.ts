import { Aspects, Testing, TerraformStack } from "cdktf";
import { EstateConfig } from "../../lib/config/estate-config";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { PolicySuppressions } from "../../lib/policy/suppressions";
import { CompliancePolicy } from "../../lib/policy/aspect";
import { TC_NET_001 } from "../../lib/policy/rules/tc-net-001";
import { TC_LIFE_002 } from "../../lib/policy/rules/tc-life-002";
import { safeParseConfig } from "../../lib/config/parse";
import { minimalConfig } from "../helpers";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { parseConfig } from "../../lib/config/parse";
import { check, namespace, newStack, NOW } from "./fixtures";
import { Environment } from "../../lib/domain/environments";

describe("construct suppressions", () => {
  it("suppress a finding on the construct and its children, and list it with its reason", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod", { connectivityRuleIds: undefined });
    PolicySuppressions.addResourceSuppressions(ns, [{ rule: "TC-NET-001", reason: "PrivateLink arrives with the Q3 network project" }]);
    const report = check(stack, [TC_NET_001]);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => [f.ruleId, f.address, f.suppressedBy?.reason])).toEqual([
      ["TC-NET-001", "temporalcloud_namespace.orders-prod", "PrivateLink arrives with the Q3 network project"],
    ]);
  });

  it("reject a suppression without a reason", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod");
    expect(() => PolicySuppressions.addResourceSuppressions(ns, [{ rule: "TC-NET-001", reason: "" }])).toThrow(/reason is missing/);
    expect(() => PolicySuppressions.addResourceSuppressions(ns, [{ rule: "net", reason: "a long enough reason" }])).toThrow(/not a rule id/);
  });

  it("stop suppressing once expired, and report the expired suppression", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod", { connectivityRuleIds: undefined });
    PolicySuppressions.addResourceSuppressions(ns, [{ rule: "TC-NET-001", reason: "temporary until the migration", expires: "2026-05-31" }]);
    const report = check(stack, [TC_NET_001]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["TC-NET-001"]);
    expect(report.expiredSuppressions.map((s) => s.expires)).toEqual(["2026-05-31"]);
    // The day before expiry it still applies.
    expect(check(stack, [TC_NET_001], { now: new Date("2026-05-30T12:00:00Z") }).findings).toEqual([]);
  });

  it("only cover the rule named", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod", { connectivityRuleIds: undefined, lifecycle: undefined });
    PolicySuppressions.addResourceSuppressions(ns, [{ rule: "TC-NET-001", reason: "PrivateLink arrives later this year" }]);
    expect(check(stack, [TC_NET_001, TC_LIFE_002]).findings.map((f) => f.ruleId)).toEqual(["TC-LIFE-002"]);
  });
});

describe("config suppressions", () => {
  const prod = { name: "orders-prod", environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true } };

  it("require a reason", () => {
    const result = safeParseConfig(minimalConfig({ suppressions: [{ rule: "TC-AUD-001" }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain("suppressions[0].reason");
  });

  it("reject a malformed rule id and expiry date", () => {
    const result = safeParseConfig(minimalConfig({ suppressions: [{ rule: "NET-1", reason: "because it is fine", expires: "next year" }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual(["suppressions[0].expires", "suppressions[0].rule"]);
  });

  it("name the closest rule when the id is unknown", () => {
    const result = safeParseConfig(minimalConfig({ suppressions: [{ rule: "TC-NET-011", reason: "because it is fine" }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([expect.stringMatching(/^suppressions\[0\]\.rule: "TC-NET-011" is not a rule of this version; did you mean TC-NET-001\?/)]);
  });

  function report(raw: unknown, now = NOW) {
    const stack = new TemporalCloudStack(Testing.app(), "estate", { config: EstateConfig.fromObject(raw), policy: { failOnError: false, now } });
    Testing.synth(stack);
    const r = CompliancePolicy.of(stack)?.reports.get("estate");
    if (!r) throw new Error("no report");
    return r;
  }

  it("per namespace: suppress only that namespace's findings", () => {
    const raw = {
      namespaces: [
        { ...prod, suppressions: [{ rule: "TC-NET-001", reason: "private endpoints come with the network project" }] },
        { ...prod, name: "billing-prod" },
      ],
      suppressions: [{ rule: "TC-AUD-001", reason: "the audit sink lives in the account stack" }],
    };
    const r = report(raw);
    expect(r.findings.map((f) => [f.ruleId, f.namespaces])).toEqual([["TC-NET-001", ["billing-prod"]]]);
    expect(r.suppressed.map((f) => [f.ruleId, f.suppressedBy?.origin])).toEqual([
      ["TC-NET-001", "config: namespaces[0].suppressions[0]"],
      ["TC-AUD-001", "config: suppressions[0]"],
    ]);
  });

  it("expired config suppressions no longer suppress", () => {
    const raw = { namespaces: [{ ...prod, suppressions: [{ rule: "TC-NET-001", reason: "private endpoints come later", expires: "2026-01-01" }] }] };
    const r = report(raw);
    expect(r.findings.map((f) => f.ruleId)).toContain("TC-NET-001");
    expect(r.expiredSuppressions.map((s) => s.origin)).toEqual(["config: namespaces[0].suppressions[0]"]);
  });

  it("list suppressions that matched nothing as unused", () => {
    const r = report(minimalConfig({ suppressions: [{ rule: "TC-HA-001", reason: "no critical namespace yet" }] }));
    expect(r.unusedSuppressions.map((s) => s.rule)).toEqual(["TC-HA-001"]);
  });
});

describe("CompliancePolicy aspect", () => {
  it("fails app synth with readable error annotations by default", () => {
    const app = Testing.app();
    const stack = new TemporalCloudStack(app, "estate", {
      config: EstateConfig.fromObject({ namespaces: [{ name: "orders-prod", environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true } }] }),
    });
    expect(() => app.synth()).toThrow(/TC-NET-001/);
    expect(CompliancePolicy.of(stack)).toBeDefined();
  });

  it("works on a stack of raw bindings", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { connectivityRuleIds: undefined });
    const policy = CompliancePolicy.applyTo(stack, { now: NOW, failOnError: false });
    Testing.synth(stack);
    expect(policy.reports.get("fixture")?.findings.map((f) => f.ruleId)).toEqual(["TC-NET-001", "TC-AUD-001"]);
  });

  describe("at app scope (issue 15: Aspects.of(app) checked nothing)", () => {
    function appWithStacks(raw: boolean) {
      const app = Testing.app();
      const lib = new TerraformStack(app, "library");
      new TemporalcloudProvider(lib, "temporalcloud", {});
      new SecureNamespace(lib, "orders", { name: "orders-prod", environment: Environment.PRODUCTION, regions: ["aws-us-east-1"], apiKeyAuth: true });
      const second = new TerraformStack(app, "second");
      new TemporalcloudProvider(second, "temporalcloud", {});
      if (raw) namespace(second, "billing-prod", { connectivityRuleIds: undefined });
      else new SecureNamespace(second, "billing", { name: "billing-prod", environment: Environment.PRODUCTION, regions: ["aws-us-east-1"], apiKeyAuth: true });
      return app;
    }

    it("Aspects.of(app).add(policy) checks every stack built with the library's constructs", () => {
      const app = appWithStacks(false);
      const policy = new CompliancePolicy({ now: NOW, failOnError: false });
      Aspects.of(app).add(policy);
      app.synth();
      expect([...policy.reports.keys()].sort()).toEqual(["library", "second"]);
      expect(policy.reports.get("second")?.findings.map((f) => f.ruleId)).toContain("TC-NET-001");
    });

    it("refuses with a clear error when the app holds a stack it cannot reach", () => {
      const app = appWithStacks(true);
      Aspects.of(app).add(new CompliancePolicy({ now: NOW, failOnError: false }));
      expect(() => app.synth()).toThrow(/cdktf never runs app-level aspects, so it cannot check stack\(s\) "second".*CompliancePolicy\.applyTo\(app\)/);
    });

    it("CompliancePolicy.applyTo(app) covers every stack, raw bindings included", () => {
      const app = appWithStacks(true);
      const policy = CompliancePolicy.applyTo(app, { now: NOW, failOnError: false });
      app.synth();
      expect(policy.reports.get("second")?.findings.map((f) => `${f.ruleId} ${f.address}`)).toContain("TC-NET-001 temporalcloud_namespace.billing-prod");
      expect(policy.reports.get("library")?.findings.map((f) => f.ruleId)).toContain("TC-NET-001");
      expect(() => CompliancePolicy.applyTo(Testing.app())).toThrow(/no stacks yet; create the stacks first/);
    });
  });
});
