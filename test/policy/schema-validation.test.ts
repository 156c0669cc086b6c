import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { validateStackJson, validateOutDir, formatProblem } from "../../lib/policy/schema-validation/validate";
import { main } from "../../lib/cli/main";
import { EXAMPLES_DIR, synthConfig, synthStacks, tempDir, type SynthJson } from "../helpers";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".yaml"));
const synthExample = (file: string) => synthConfig(parseYaml(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8")));
const production = synthExample("production-estate.yaml");
const nsName = Object.keys(production.resource?.temporalcloud_namespace ?? {}).find((n) => n.startsWith("ns-payments-prod")) as string;
const ADDRESS = `temporalcloud_namespace.${nsName}`;

/** A deep copy of the production example with `edit` applied to the payments-prod namespace. */
function mutate(edit: (ns: Record<string, unknown>, json: SynthJson) => void): SynthJson {
  const copy = JSON.parse(JSON.stringify(production)) as SynthJson;
  edit(copy.resource!.temporalcloud_namespace[nsName], copy);
  return copy;
}

const problemsOf = (json: SynthJson) => validateStackJson(json).map((p) => [p.address, p.path, p.message]);

describe("provider-schema validation", () => {
  it.each(examples)("passes example %s", (file) => {
    // Every stack of a split example.
    for (const json of Object.values(synthStacks(parseYaml(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8"))))) expect(validateStackJson(json)).toEqual([]);
  });

  it.each([
    ["wrong type", (ns: Record<string, unknown>) => (ns.retention_days = "thirty"), "retention_days", /must be a number/],
    ["unknown attribute", (ns: Record<string, unknown>) => (ns.retention = 14), "retention", /unknown attribute "retention"/],
    ["missing required", (ns: Record<string, unknown>) => delete ns.regions, "regions", /required attribute "regions" is missing/],
    ["empty set", (ns: Record<string, unknown>) => (ns.certificate_filters = []), "certificate_filters", /at least 1 needed/],
    ["bad regex", (ns: Record<string, unknown>) => (ns.name = "Payments_Prod"), "name", /must start with a lowercase letter/],
    ["bad region format", (ns: Record<string, unknown>) => (ns.regions = ["us-east-1"]), "regions[0]", /prefixed with cloud provider/],
    ["nested unknown attribute", (ns: Record<string, unknown>) => ((ns.certificate_filters as Record<string, unknown>[])[0].cn = "x"), "certificate_filters[0].cn", /unknown attribute "cn"/],
    ["nested wrong shape", (ns: Record<string, unknown>) => (ns.codec_server = "https://codec"), "codec_server", /must be an object/],
    ["read-only attribute", (ns: Record<string, unknown>) => (ns.endpoints = { grpc_address: "x" }), "endpoints", /read-only/],
    ["bad timeout", (ns: Record<string, unknown>) => (ns.timeouts = { create: "ten minutes" }), "timeouts.create", /not a duration/],
  ])("rejects %s with the resource address and attribute path", (_label, edit, attribute, message) => {
    const problems = problemsOf(mutate(edit));
    expect(problems).toEqual([[ADDRESS, attribute, expect.stringMatching(message)]]);
  });

  it("rejects a bad enum, conflicting attributes and a missing exactly-one-of", () => {
    const json = mutate((_ns, j) => {
      j.resource!.temporalcloud_connectivity_rule = { rule: { connectivity_type: "semi-private" } };
      j.resource!.temporalcloud_service_account = {
        sa: { name: "sa", account_access: "read", namespace_scoped_access: { namespace_id: "x", permission: "write" } },
        admin: { name: "admin", account_access: "admin", namespace_accesses: [{ namespace_id: "a", permission: "write" }] },
      };
      j.resource!.temporalcloud_namespace_export_sink = { sink: { namespace: "x", sink_name: "s" } };
    });
    expect(problemsOf(json)).toEqual(expect.arrayContaining([
      ["temporalcloud_connectivity_rule.rule", "connectivity_type", expect.stringMatching(/"semi-private" is not one of public, private/)],
      ["temporalcloud_service_account.sa", "account_access", expect.stringMatching(/conflicts with namespace_scoped_access/)],
      ["temporalcloud_service_account.admin", "namespace_accesses", expect.stringMatching(/must be empty when account_access is "admin"/)],
      ["temporalcloud_namespace_export_sink.sink", "gcs", expect.stringMatching(/exactly one of gcs, s3 must be set, found none/)],
    ]));
  });

  it("checks data sources and skips references", () => {
    const json = mutate((ns, j) => {
      ns.retention_days = "${var.days}";
      j.data = { temporalcloud_namespaces: { all: { filter: "x" } } };
    });
    expect(problemsOf(json)).toEqual([["data.temporalcloud_namespaces.all", "filter", expect.stringMatching(/unknown attribute/)]]);
  });
});

describe("temporal-cloud-guardrails validate", () => {
  function outDir(json: SynthJson): string {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "stacks", "estate"), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", "estate", "cdk.tf.json"), JSON.stringify(json));
    return dir;
  }
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["validate", ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("exits 0 on a valid output directory", async () => {
    const dir = outDir(production);
    const result = await run([dir]);
    expect(result).toEqual({ code: 0, out: "Provider schema: 1 stack file(s), 0 problem(s)", err: "" });
    expect(validateOutDir(dir).files).toHaveLength(1);
  });

  it("exits 1 and names the address and path of each problem", async () => {
    const result = await run([outDir(mutate((ns) => (ns.retention_days = true)))]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${ADDRESS}: retention_days: must be a number, got boolean true`);
  });

  it("--rules runs the rule pack on the JSON, taking environments from names", async () => {
    expect((await run([outDir(production), "--rules"])).code).toBe(0);
    // Without its private connectivity rules, payments-prod (production by its name) is public.
    const result = await run([outDir(mutate((ns) => delete ns.connectivity_rule_ids)), "--rules"]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/\| error \| TC-NET-001 \| temporalcloud_namespace\.ns-payments-prod_namespace_[0-9A-F]+ \(connectivity_rule_ids\)/);
  });

  it("is a usage error when there is nothing to validate", async () => {
    expect((await run([tempDir()])).code).toBe(2);
  });

  it("formats problems as address: path: message", () => {
    expect(formatProblem({ address: "a.b", path: "c[0]", message: "bad" })).toBe("a.b: c[0]: bad");
  });
});
