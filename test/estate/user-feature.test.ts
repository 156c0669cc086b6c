// The Feature extension point (from temporal-cloud-guardrails/estate): a user's own feature runs in both phases, next to the built-in ones.
import { estateConfigOf, resolvedConfigOf } from "../../lib/config/estate-config";
import { Testing, TerraformOutput } from "cdktf";
import { TemporalCloudStack, type AssemblyContext, type Feature } from "../../lib/entries/estate";
import { ConnectivityRule } from "../../lib/providers/temporalcloud/connectivity-rule";
import { minimalConfig, resolve, resourcesOf, type SynthJson } from "../helpers";

/** Attaches a connectivity rule the organisation manages centrally, and outputs each namespace's id. */
class CentralRuleFeature implements Feature {
  public readonly phases: string[] = [];

  beforeNamespaces(ctx: AssemblyContext): void {
    this.phases.push("before");
    const rule = new ConnectivityRule(ctx.scope, "central-rule", { provider: ctx.temporalProvider, connectivityType: "public" });
    for (const ns of resolvedConfigOf(ctx.config).namespaces) {
      ctx.inputsFor(ns.name).connectivityRuleIds.push(rule.id);
      ctx.addSummaryFact(ns.name, "Central rule", "attached");
    }
  }

  afterNamespaces(ctx: AssemblyContext): void {
    this.phases.push("after");
    for (const ns of resolvedConfigOf(ctx.config).namespaces) {
      new TerraformOutput(ctx.stack, `central-${ns.name}`, { value: ctx.namespace(ns.name).namespaceId });
    }
  }
}

describe("a user's Feature", () => {
  test("contributes namespace inputs before the namespaces and resources after them", () => {
    const feature = new CentralRuleFeature();
    const stack = new TemporalCloudStack(Testing.app(), "estate", { config: estateConfigOf(resolve(minimalConfig())), features: [feature] });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    expect(feature.phases).toEqual(["before", "after"]);
    const [namespace] = resourcesOf(json, "temporalcloud_namespace");
    expect(namespace.connectivity_rule_ids).toEqual([expect.stringMatching(/^\$\{temporalcloud_connectivity_rule\.central-rule\.id\}$/)]);
    expect(json.output?.["central-orders-dev"].value).toMatch(/^\$\{temporalcloud_namespace\.ns-orders-dev_namespace_\w+\.id\}$/);
    expect(stack.context.summaryFacts("orders-dev")).toContainEqual({ column: "Central rule", value: "attached" });
  });

  test("runs after the built-in features, so it sees what they decided", () => {
    const seen: string[] = [];
    const probe: Feature = { afterNamespaces: (ctx) => seen.push(...ctx.summaryFacts("orders-dev").map((f) => f.column)) };
    new TemporalCloudStack(Testing.app(), "estate", { config: estateConfigOf(resolve(minimalConfig())), features: [probe] });
    expect(seen).toEqual(expect.arrayContaining(["HA", "SLA", "Network"]));
  });
});
