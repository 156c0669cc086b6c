// EstateConfig: the config as the estate constructs take it, from a file or from plain data (what a Python
// dict or parsed JSON arrives as through jsii), with the same all-at-once `path: message` report either way.
import * as fs from "node:fs";
import * as path from "node:path";
import { App, TerraformOutput, Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import {
  EstateConfig, EstateStackRole, TemporalCloudEstate, TemporalCloudStack, estateConfig, resolvedConfigOf,
  type AssemblyContext, type IFeature,
} from "../../lib/entries/estate";
import { ConnectivityRule } from "../../lib/providers/temporalcloud/connectivity-rule";
import { EXAMPLES_DIR, resourcesOf, tempDir, type SynthJson } from "../helpers";

const NOW = new Date("2026-03-02T09:00:00Z");

/** The document of an example as plain JSON data: no prototypes, no undefined, as jsii delivers a dict. */
function plainDocument(file: string): unknown {
  return JSON.parse(JSON.stringify(parseYaml(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8"))));
}

/** Every stack of the estate as written by app.synth(), by stack name. */
function synthesized(config: EstateConfig): Record<string, string> {
  const app = new App({ outdir: tempDir("tcg-estate-config-"), skipValidation: true });
  const estate = new TemporalCloudEstate(app, { config, policy: { failOnError: false, now: NOW } });
  app.synth();
  return Object.fromEntries(estate.stacks.map((s) => [s.node.id, fs.readFileSync(path.join(app.outdir, "stacks", s.node.id, "cdk.tf.json"), "utf8")]));
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("EstateConfig from a file and from plain data", () => {
  test.each(["production-estate.yaml", "split-estate.yaml"])("%s: the YAML file and the same document as an object synthesize the same stacks", (file) => {
    const fromFile = synthesized(EstateConfig.fromFile(path.join(EXAMPLES_DIR, file)));
    // CA files in the document are relative to the config's folder; plain data names that folder.
    const fromObject = synthesized(EstateConfig.fromObject(plainDocument(file), { baseDir: EXAMPLES_DIR }));
    expect(Object.keys(fromObject)).toEqual(Object.keys(fromFile));
    expect(Object.keys(fromFile).length).toBeGreaterThan(0);
    for (const name of Object.keys(fromFile)) expect(fromObject[name]).toEqual(fromFile[name]);
  });

  test("tells what the config holds without the TypeScript model", () => {
    const split = EstateConfig.fromFile(path.join(EXAMPLES_DIR, "split-estate.yaml"));
    const model = resolvedConfigOf(split);
    expect(split.split).toBe(true);
    expect(split.name).toBe(model.name);
    expect(split.namespaceNames).toEqual(model.namespaces.map((ns) => ns.name));
    expect(split.stackNames).toEqual(model.stacks.stacks.map((s) => s.name));
    const one = EstateConfig.fromObject({ account: { id: "a1b2c" }, namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } }] });
    expect([one.split, one.stackNames, one.namespaceNames, one.accountId, one.name]).toEqual([false, [], ["orders-dev"], "a1b2c", undefined]);
    expect(model.namespaces.map((ns) => split.environmentOf(ns.name))).toEqual(model.namespaces.map((ns) => ns.environment));
    expect(() => one.environmentOf("nope")).toThrow(/no namespace "nope" \(namespaces: orders-dev\)/);
  });

  test("a split estate's stacks carry their role as an enum", () => {
    const app = Testing.app();
    const estate = new TemporalCloudEstate(app, { config: EstateConfig.fromFile(path.join(EXAMPLES_DIR, "split-estate.yaml")), policy: { failOnError: false, now: NOW } });
    const roles = resolvedConfigOf(estate.context.config).stacks.stacks.map((s) => s.role as string);
    expect(estate.stacks.map((s) => s.role as string)).toEqual(roles);
    expect(estate.stacks.map((s) => s.role)).toContain(EstateStackRole.SHARED);
  });
});

describe("a bad config given as plain data", () => {
  const bad = {
    namespaces: [
      { name: "Orders_Prod", environment: "prod", regions: ["aws-us-east-1"], auth: { apiKey: true }, retentionDays: 0 },
      { name: "billing-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true }, workers: [{ name: "w", permission: "owner" }], colour: "blue" },
    ],
  };
  const paths = ["namespaces[0].name", "namespaces[0].environment", "namespaces[0].retentionDays", "namespaces[1].workers[0].permission", "namespaces[1]"];

  test("reports every problem at once with its config path, as the same document in a file does", () => {
    const message = thrown(() => EstateConfig.fromObject(bad));
    const problems = EstateConfig.problemsIn(bad);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(paths));
    for (const p of problems) expect(message).toContain(`  ${p.path || "(config)"}: ${p.message}`);
    expect(message).toMatch(new RegExp(`^${problems.length} configuration problems:`));
    expect(message).not.toMatch(/\n\s+at /);

    const file = path.join(tempDir(), "bad.yaml");
    fs.writeFileSync(file, JSON.stringify(bad));
    const fromFile = thrown(() => EstateConfig.fromFile(file));
    expect(fromFile).toBe(`${file}: ${message}`);
  });

  test("a valid document has no problems; the source option names it in the report", () => {
    expect(EstateConfig.problemsIn(plainDocument("development-estate.yaml"), { baseDir: EXAMPLES_DIR })).toEqual([]);
    expect(thrown(() => EstateConfig.fromObject(bad, { source: "estate (dict)" }))).toMatch(/^estate \(dict\): \d+ configuration problems:/);
    expect(thrown(() => EstateConfig.fromObject("namespaces: []"))).toMatch(/configuration problem/);
  });

  test("TypeScript's typed estateConfig() is the same validation", () => {
    const typed = estateConfig({ namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } }] });
    expect(typed.namespaceNames).toEqual(["orders-dev"]);
    // @ts-expect-error: a literal the schema refuses is a compile error in TypeScript, a ConfigError at run time
    expect(thrown(() => estateConfig({ namespaces: [{ name: "orders-dev", environment: "prod" }] }))).toMatch(/namespaces\[0\]\.environment: "prod"/);
  });
});

describe("a feature written against the jsii surface only", () => {
  /** What a Python feature can do: names, the inputs' add methods, the built namespaces, summary facts. */
  class PortableFeature implements IFeature {
    beforeNamespaces(ctx: AssemblyContext): void {
      const rule = new ConnectivityRule(ctx.scope, "org-rule", { provider: ctx.temporalProvider, connectivityType: "public" });
      for (const name of ctx.namespaceNames) {
        ctx.inputsFor(name).addConnectivityRuleId(rule.id);
        ctx.addSummaryFact(name, "Org rule", "attached");
      }
    }

    afterNamespaces(ctx: AssemblyContext): void {
      for (const name of ctx.namespaceNames) new TerraformOutput(ctx.stack, `org-${name}`, { value: ctx.namespace(name).namespaceId });
    }
  }

  test("attaches its rule to every namespace and reads the built namespaces", () => {
    const config = EstateConfig.fromObject({ namespaces: [
      { name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } },
      { name: "billing-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } },
    ] });
    const stack = new TemporalCloudStack(Testing.app(), "estate", { config, features: [new PortableFeature()], policy: { failOnError: false, now: NOW } });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const namespaces = resourcesOf(json, "temporalcloud_namespace");
    expect(namespaces).toHaveLength(2);
    for (const ns of namespaces) expect(ns.connectivity_rule_ids).toContain("${temporalcloud_connectivity_rule.org-rule.id}");
    expect(Object.keys(json.output ?? {})).toEqual(expect.arrayContaining(["org-orders-dev", "org-billing-dev"]));
    expect(stack.context.summaryFacts("billing-dev")).toContainEqual({ column: "Org rule", value: "attached" });
    expect(Object.keys(stack.namespaces).sort()).toEqual(["billing-dev", "orders-dev"]);
  });
});
