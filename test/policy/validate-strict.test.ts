// `validate` as strict as the provider on one configuration, and never crashing on any JSON.
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { validateStackJson, validateTargets, temporalCloudCatalogue } from "../../lib/policy/schema-validation/validate";
import { CODE_CHECKS, NEEDS_STATE, codeCheckKey } from "../../lib/policy/schema-validation/code-checks";
import { main } from "../../lib/cli/main";
import { ACCEPTANCE_CASES } from "./provider-acceptance-cases";
import { EXAMPLES_DIR, synthConfig, tempDir, type SynthJson } from "../helpers";

const production = synthConfig(parseYaml(fs.readFileSync(path.join(EXAMPLES_DIR, "production-estate.yaml"), "utf8")));
const errorsOf = (json: unknown) => validateStackJson(json).filter((p) => p.severity !== "warning");

describe("the provider's own invalid acceptance-test configurations", () => {
  it.each(ACCEPTANCE_CASES.filter((c) => c.decidable))("$id ($expect) is reported", (c) => {
    const problems = validateStackJson(JSON.parse(JSON.stringify(c.json)));
    expect(problems.map((p) => p.address)).toContain("temporalcloud_" + Object.keys((c.json.resource as Record<string, unknown>))[0].replace(/^temporalcloud_/, "") + ".subject");
  });

  it("catches 27 of the 29, missing only the two that need the prior state", () => {
    const caught = ACCEPTANCE_CASES.filter((c) => validateStackJson(JSON.parse(JSON.stringify(c.json))).length > 0);
    expect(ACCEPTANCE_CASES).toHaveLength(29);
    expect(caught).toHaveLength(27);
    expect(ACCEPTANCE_CASES.filter((c) => !caught.includes(c)).map((c) => c.expect)).toEqual(["capacity cannot be removed once set", "fairness cannot be removed once set"]);
  });

  it("reports provisioned capacity as a warning only: it fails on create, not on an existing namespace", () => {
    const json = ACCEPTANCE_CASES.find((c) => c.id === "ns-provisioned-on-create")!.json;
    expect(validateStackJson(json)).toEqual([expect.objectContaining({ path: "capacity.mode", severity: "warning" })]);
  });

  it("implements every code_check of validators.json, or says why a single config cannot decide it", () => {
    const catalogue = temporalCloudCatalogue();
    const missing: string[] = [];
    for (const [type, paths] of Object.entries(catalogue.validators)) {
      if (type.startsWith("_")) continue;
      for (const rules of Object.values(paths)) {
        for (const rule of rules) {
          const key = codeCheckKey(rule);
          if (key && !CODE_CHECKS[type]?.[key] && !NEEDS_STATE[key]) missing.push(`${type}: ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("does not report a check on a value that is a reference", () => {
    const json = { resource: { temporalcloud_connectivity_rule: { r: { connectivity_type: "private", connection_id: "${aws_vpc_endpoint.e.id}", region: "${var.region}" } } } };
    expect(validateStackJson(json)).toEqual([]);
  });
});

describe("HCL-JSON forms Terraform accepts", () => {
  /** The production stack with every label level written as an array of one-key objects. */
  function asArrays(json: SynthJson): unknown {
    const section = (blocks: Record<string, Record<string, unknown>>) =>
      Object.entries(blocks).map(([type, byName]) => ({ [type]: Object.entries(byName).map(([name, body]) => ({ [name]: [body] })) }));
    return { ...json, resource: section(json.resource ?? {}), data: section(json.data ?? {}) };
  }

  it("reads arrays of objects at every label level like the object form", () => {
    expect(validateStackJson(asArrays(production))).toEqual([]);
    const broken = JSON.parse(JSON.stringify(production)) as SynthJson;
    const ns = Object.values(broken.resource!.temporalcloud_namespace)[0];
    ns.retention_days = "forever";
    expect(validateStackJson(asArrays(broken))).toEqual(validateStackJson(broken));
  });

  it("reads a null block body as an empty body, as Terraform does", () => {
    expect(errorsOf({ resource: { temporalcloud_namespace: { x: null } } }).map((p) => p.path)).toEqual(expect.arrayContaining(["name", "regions", "retention_days"]));
  });

  it.each([
    [{ resource: { temporalcloud_namespace: null } }, "temporalcloud_namespace", /names no resource block/],
    [{ data: { temporalcloud_regions: null } }, "data.temporalcloud_regions", /names no data block/],
    [{ resource: null }, "resource", /has no resource block type/],
    [{ resource: { temporalcloud_namespace: { x: "text" } } }, "temporalcloud_namespace.x", /must be an object or an array of objects, got a string/],
    [{ resource: { temporalcloud_namespace: { x: [{ name: "a" }, { name: "b" }] } } }, "temporalcloud_namespace.x", /declared more than once/],
    ["just a string", "(file)", /not a Terraform JSON configuration/],
  ])("reports %j at its address", (json, address, message) => {
    expect(validateStackJson(json)).toEqual(expect.arrayContaining([expect.objectContaining({ address, message: expect.stringMatching(message) })]));
  });

  it("never throws, whatever the JSON", () => {
    const body = fc.dictionary(fc.constantFrom("name", "regions", "api_key_auth", "capacity", "connectivity_type", "region", "certificate_filters", "namespace_accesses", "x"), fc.jsonValue({ maxDepth: 3 }));
    const named = fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(body, fc.jsonValue({ maxDepth: 2 }))), fc.jsonValue({ maxDepth: 2 }));
    const typed = fc.dictionary(fc.constantFrom("temporalcloud_namespace", "temporalcloud_connectivity_rule", "temporalcloud_service_account", "temporalcloud_apikey", "temporalcloud_regions"), fc.oneof(named, fc.array(named, { maxLength: 2 })));
    const document = fc.oneof(fc.record({ resource: fc.oneof(typed, fc.array(typed, { maxLength: 2 })), data: typed }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 4 }));
    fc.assert(fc.property(document, (doc) => {
      validateStackJson(doc);
    }), { seed: 16, numRuns: 2000 });
  });
});

describe("validate on files and folders", () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["validate", ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  function outDir(stacks: Record<string, string>): string {
    const dir = tempDir();
    for (const [name, text] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
      fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), text);
    }
    return dir;
  }

  it("reports a truncated cdk.tf.json with its line and still validates the other stacks", async () => {
    const good = JSON.stringify(production, null, 2);
    const bad = JSON.parse(good) as SynthJson;
    Object.values(bad.resource!.temporalcloud_namespace)[0].retention_days = "forever";
    const dir = outDir({ a: good.slice(0, good.length / 2), b: JSON.stringify(bad) });
    const result = await run([dir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/stacks\/a\/cdk\.tf\.json: \(file\): is not valid JSON: .* at line \d+, column \d+/);
    expect(result.err).toMatch(/stacks\/b\/cdk\.tf\.json: temporalcloud_namespace\.[^:]+: retention_days: must be a number/);
    expect(result.out).toBe("Provider schema: 2 stack file(s), 2 problem(s)");
    expect(result.err).not.toMatch(/Internal error|\n\s+at /);
  });

  it("takes several directories and files in one run", async () => {
    const a = outDir({ one: JSON.stringify(production) });
    const file = path.join(tempDir(), "main.tf.json");
    fs.writeFileSync(file, JSON.stringify({ resource: { temporalcloud_service_account: { sa: { name: "lonely" } } } }));
    const result = await run([a, file]);
    expect(result.code).toBe(1);
    expect(result.out).toBe("Provider schema: 2 stack file(s), 1 problem(s)");
    expect(result.err).toMatch(/main\.tf\.json: temporalcloud_service_account\.sa: Missing access configuration/);
    expect(validateTargets([a, file]).files.map((f) => path.basename(f.file))).toEqual(["cdk.tf.json", "main.tf.json"]);
  });

  it("exits 0 with a warning for a create-only check", async () => {
    const file = path.join(tempDir(), "cap.tf.json");
    fs.writeFileSync(file, JSON.stringify({ resource: { temporalcloud_namespace: { n: { name: "orders", regions: ["aws-us-east-1"], api_key_auth: true, retention_days: 7, capacity: { mode: "provisioned", value: 2 } } } } }));
    const result = await run([file]);
    expect(result.code).toBe(0);
    expect(result.out).toBe("Provider schema: 1 stack file(s), 0 problem(s), 1 warning(s)");
    expect(result.err).toMatch(/warning: temporalcloud_namespace\.n: capacity\.mode: "provisioned": Temporal Cloud refuses/);
  });

  it("--rules skips unreadable files instead of crashing", async () => {
    const dir = outDir({ a: "{\"resource\": ", b: JSON.stringify(production) });
    const result = await run([dir, "--rules"]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/is not valid JSON/);
    expect(result.out).toMatch(/Compliance/);
  });

  it("is a usage error for a path that does not exist", async () => {
    expect((await run([path.join(tempDir(), "nope")])).code).toBe(2);
  });
});
