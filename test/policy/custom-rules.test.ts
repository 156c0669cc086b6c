// A rule of the user's own, written against the public API only (the package root): IRule over the
// SynthesizedStacks view, with the Severity enum. It must behave like a built-in rule end to end.
import { App, Testing, TerraformStack } from "cdktf";
import {
  CompliancePolicy, Environment, PolicySuppressions, renderJson, renderSarif, Severity, SynthesizedStacks, TemporalcloudProvider,
  type IRule, type RuleFinding,
} from "../../lib";
import { namespace, newStack, NOW } from "./fixtures";

const synthApp = (stack: TerraformStack) => (stack.node.root as App).synth();

/** Production namespaces keep closed workflows at least 30 days (a team's own control). */
class MinimumProductionRetention implements IRule {
  public readonly id = "ACME-RET-001";
  public readonly title = "Production namespace keeps history for less than 30 days";
  public readonly severity = Severity.ERROR;
  public readonly control = "ACME-SEC-7: production workflow history is kept 30 days";
  public readonly fix = "Set retentionDays to 30 or more";
  public calls = 0;

  constructor(private readonly copyBlocks = false) {}

  check(stacks: SynthesizedStacks): RuleFinding[] {
    this.calls++;
    return stacks.resources("temporalcloud_namespace")
      .filter((ns) => stacks.environmentOf(ns) === Environment.PRODUCTION && Number(stacks.attribute(ns, "retention_days")) < 30)
      // copyBlocks: what a rule written in another language returns (equal structs, not the same objects).
      .map((ns) => ({ resource: this.copyBlocks ? { ...ns } : ns, attribute: "retention_days", message: `${stacks.namespaceName(ns)} keeps ${ns.attributes.retention_days} days`, namespaces: [stacks.namespaceName(ns)] }));
  }
}

describe("a custom IRule", () => {
  it("flags a block: its finding is in the report with the rule's facts, and fails synth", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { retentionDays: 14 });
    namespace(stack, "orders-dev", { retentionDays: 3 });
    const rule = new MinimumProductionRetention();
    const policy = CompliancePolicy.applyTo(stack, { now: NOW, rules: [rule] });
    expect(() => synthApp(stack)).toThrow(/\[ACME-RET-001\] temporalcloud_namespace\.orders-prod \(retention_days\): orders-prod keeps 14 days\. Fix: Set retentionDays to 30 or more/);
    expect(rule.calls).toBe(1);
    const report = policy.reportFor("fixture")!;
    expect(report.rules.map((r) => r.id)).toEqual(["ACME-RET-001"]);
    expect(report.findings).toEqual([{
      ruleId: "ACME-RET-001", severity: "error", title: rule.title, control: rule.control, fix: rule.fix,
      message: "orders-prod keeps 14 days", address: "temporalcloud_namespace.orders-prod", attribute: "retention_days",
      constructPath: "fixture/orders-prod", namespaces: ["orders-prod"],
    }]);
  });

  it("runs beside the built-in rules and reaches the JSON and SARIF reports with the same severity strings", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { retentionDays: 14, connectivityRuleIds: undefined });
    const policy = CompliancePolicy.applyTo(stack, { now: NOW, failOnError: false, rules: [...CompliancePolicy.builtInRules(), new MinimumProductionRetention()] });
    Testing.synth(stack);
    const report = policy.reports[0];
    expect(policy.reports).toHaveLength(1);
    expect(report.rules).toHaveLength(29);
    expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(["TC-NET-001", "ACME-RET-001"]));
    const json = JSON.parse(renderJson(report));
    expect(json.rules.find((r: { id: string }) => r.id === "ACME-RET-001").severity).toBe("error");
    const sarif = JSON.parse(renderSarif(report));
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "ACME-RET-001");
    expect(result.level).toBe("error");
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain("ACME-RET-001");
  });

  it("keeps construct paths and construct suppressions when the rule returns copies of the blocks", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod", { retentionDays: 14 });
    const policy = CompliancePolicy.applyTo(stack, { now: NOW, rules: [new MinimumProductionRetention(true)] });
    PolicySuppressions.addResourceSuppressions(ns, [{ rule: "ACME-RET-001", reason: "legal asked for 14 days until the audit closes" }]);
    synthApp(stack); // would throw on the error finding if the suppression did not apply
    const report = policy.reportFor("fixture")!;
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => [f.ruleId, f.constructPath, f.suppressedBy?.reason])).toEqual([["ACME-RET-001", "fixture/orders-prod", "legal asked for 14 days until the audit closes"]]);
  });

  it("sees every stack of a split app, each block naming its stack", () => {
    const app = Testing.app();
    const stacks = ["prod", "shared"].map((id) => {
      const stack = new TerraformStack(app, id);
      new TemporalcloudProvider(stack, "temporalcloud", {});
      return stack;
    });
    namespace(stacks[1], "billing-prod", { retentionDays: 7 });
    const seen: string[] = [];
    const spy: IRule = { ...new MinimumProductionRetention(true), check: (s) => { seen.push(...s.blocks.map((b) => `${b.stack}:${b.address}`)); return new MinimumProductionRetention(true).check(s); } };
    const policy = CompliancePolicy.applyTo(app, { now: NOW, failOnError: false, rules: [spy] });
    app.synth();
    expect(seen).toEqual(expect.arrayContaining(["shared:temporalcloud_namespace.billing-prod"]));
    expect(policy.reportFor("prod")).toBe(policy.reportFor("shared"));
    expect(policy.reportFor("prod")?.findings.map((f) => [f.stack, f.address, f.constructPath])).toEqual([["shared", "temporalcloud_namespace.billing-prod", "shared/billing-prod"]]);
  });

  it("can be unit-tested on a stack without a policy", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { retentionDays: 14 });
    const view = SynthesizedStacks.fromStack(stack, NOW);
    expect(new MinimumProductionRetention().check(view).map((f) => f.resource?.address)).toEqual(["temporalcloud_namespace.orders-prod"]);
    expect(view.get("temporalcloud_namespace.orders-prod")?.constructPath).toBe("fixture/orders-prod");
    expect(view.contextOf(view.resources("temporalcloud_namespace")[0]).environment).toBe("production");
  });

  it("is refused when malformed, every problem at once", () => {
    const bad = { id: "acme", title: "", severity: "fatal", control: "c", fix: "f", check: () => [] } as unknown as IRule;
    const noCheck = { id: "ACME-X-001", title: "t", severity: Severity.INFO, control: "c", fix: "f" } as unknown as IRule;
    const twice = new MinimumProductionRetention();
    expect(() => new CompliancePolicy({ rules: [bad, noCheck, twice, new MinimumProductionRetention()] })).toThrow(
      new Error([
        "CompliancePolicy: invalid rules:",
        '  - rules[0] (acme): id "acme" is not a rule id; use upper-case words joined by dashes, e.g. ACME-TAG-001',
        '  - rules[0] (acme): severity "fatal" is not one of error, warning, info (Severity.ERROR, .WARNING, .INFO)',
        "  - rules[0] (acme): title is missing; say what the rule checks, which control it enforces and how to fix a finding",
        "  - rules[1] (ACME-X-001): has no check method; a rule implements IRule (id, title, severity, control, fix, check)",
        "  - rules[3] (ACME-RET-001): id ACME-RET-001 is given twice; rule ids must be unique",
      ].join("\n")),
    );
  });

  it("fails the synth with the rule's name when it points at a block the stacks do not hold", () => {
    const stack = newStack();
    namespace(stack, "orders-prod");
    const ghost: IRule = { id: "ACME-GHOST-001", title: "t", severity: Severity.WARNING, control: "c", fix: "f", check: () => [{ resource: { kind: "resource", type: "x", name: "y", address: "x.y", attributes: {} }, message: "m" }] };
    CompliancePolicy.applyTo(stack, { now: NOW, rules: [ghost] });
    expect(() => Testing.synth(stack)).toThrow("rule ACME-GHOST-001: finding 0 names x.y, which is no block of the stacks it was given");
  });
});
