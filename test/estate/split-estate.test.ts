// Split estates: the config decides the stacks once, the assembly follows it with cdktf cross-stack
// references, and the compliance rules judge the stacks together, so a split estate gets exactly the
// findings of the same estate in one stack.
import { EstateConfig } from "../../lib/config/estate-config";
import * as fs from "node:fs";
import * as path from "node:path";
import { Aspects, Testing, TerraformStack } from "cdktf";
import { parseConfig, safeParseConfig } from "../../lib/config/parse";
import { synthesizeEstate, type SynthResult } from "../../lib/estate/synth";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { TemporalCloudEstate } from "../../lib/estate/temporal-cloud-estate";
import { CompliancePolicy } from "../../lib/policy/aspect";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { ServiceAccountPerWorker } from "../../lib/constructs/service-account-per-worker";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { validateCommand } from "../../lib/cli/validate-command";
import { Environment } from "../../lib/domain/environments";
import { NamespacePermission } from "../../lib/constructs/references";
import { EXAMPLES_DIR, synthStacks, tempDir } from "../helpers";

const NOW = new Date("2026-06-01T00:00:00Z");
const aws = { aws: { region: "us-east-1" } };

/** One estate with a dev worker that also writes to production (TC-SEP-001), and a staging namespace. */
function estate(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "shop",
    account: { id: "a1b2c" },
    defaults: { regions: ["aws-us-east-1"], secretsManager: aws },
    namespaces: [
      {
        name: "orders-prod", environment: "production", auth: { apiKey: true },
        connectivity: { aws: { vpcId: "vpc-0d1e2f3a4b5c6d7e8", subnetIds: ["subnet-0d11e22f33a44b55c"], allowedCidrs: ["10.60.0.0/16"] } },
        workers: [{ name: "processor", identity: { awsRoleArn: "arn:aws:iam::123456789012:role/processor" } }],
      },
      {
        name: "orders-dev", environment: "development", auth: { apiKey: true },
        workers: [{ name: "tester", identity: { awsRoleArn: "arn:aws:iam::123456789012:role/tester" }, crossNamespaceAccess: [{ namespace: "orders-prod", permission: "write" }] }],
      },
      { name: "orders-staging", environment: "staging", auth: { apiKey: true } },
    ],
    access: { groups: [{ name: "developers", environments: { development: "write", staging: "read" } }] },
    suppressions: [{ rule: "TC-AUD-001", reason: "the account's audit log is managed by the security team" }],
    ...extra,
  };
}

function synth(doc: Record<string, unknown>): SynthResult {
  return synthesizeEstate({ config: parseConfig(doc, { baseDir: EXAMPLES_DIR }), outdir: path.join(tempDir(), "cdktf.out"), now: NOW });
}

/** What a finding says, without where it was written. */
const said = (r: SynthResult) => ({
  findings: r.compliance.findings.map((f) => `${f.ruleId} ${f.severity} ${f.address} ${f.attribute ?? ""} [${f.namespaces.join(",")}] ${f.message}`).sort(),
  suppressed: r.compliance.suppressed.map((f) => `${f.ruleId} ${f.address} ${f.suppressedBy?.origin}`).sort(),
  unused: r.compliance.unusedSuppressions.map((s) => `${s.rule} ${s.origin}`).sort(),
});

describe("config: stacks", () => {
  test("without stacks the estate is one stack, and everything is placed in it", () => {
    const config = parseConfig(estate(), { baseDir: EXAMPLES_DIR });
    expect(config.stacks.split).toBe(false);
    expect(config.stacks.stacks.map((s) => s.name)).toEqual(["shop"]);
    expect(new Set([...config.namespaces.map((ns) => ns.stack), ...config.namespaces.flatMap((ns) => ns.workers.map((w) => w.stack))])).toEqual(new Set(["shop"]));
  });

  test("by: environment decides every placement in resolve: namespaces, a worker reaching two stacks, groups", () => {
    const config = parseConfig(estate({ stacks: { by: "environment", names: { production: "shop-prod" } } }), { baseDir: EXAMPLES_DIR });
    expect(config.stacks.stacks.map((s) => [s.name, s.role, s.namespaces])).toEqual([
      ["shop-shared", "shared", []],
      ["shop-prod", "namespaces", ["orders-prod"]],
      ["shop-development", "namespaces", ["orders-dev"]],
      ["shop-staging", "namespaces", ["orders-staging"]],
      ["shop-access", "access", []],
    ]);
    const worker = (ns: string) => config.namespaces.find((n) => n.name === ns)!.workers[0].stack;
    expect([worker("orders-prod"), worker("orders-dev")]).toEqual(["shop-prod", "shop-access"]);
    expect(config.access?.groups.map((g) => g.stack)).toEqual(["shop-access"]);
    expect([...config.placement.awsEndpoints.values()]).toEqual(["shop-prod"]);
  });

  test("every problem at once, as path: value: fix, and nothing written", () => {
    const out = path.join(tempDir(), "cdktf.out");
    const doc = estate({
      stacks: { shared: "shop-x", access: "shop-x", names: { production: "shop-x" } },
      backend: { type: "s3", bucket: "shop-state", key: "state.tfstate", region: "us-east-1", kmsKeyId: "alias/state" },
    });
    const ns = doc.namespaces as Record<string, unknown>[];
    ns[0].stack = "Shop_Prod";
    ns[1].stack = "shop-dev";
    const result = safeParseConfig(doc, { baseDir: EXAMPLES_DIR });
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^namespaces\[0\]\.stack: "Shop_Prod" is not a valid stack name; use 1-63 lowercase letters/),
    ]));
    // The schema problem stops the cross checks; without it they all show up together.
    ns[0].stack = "shop-prod";
    const second = safeParseConfig(doc, { baseDir: EXAMPLES_DIR });
    const all = second.ok ? [] : second.issues.map((i) => `${i.path}: ${i.message}`);
    expect(all).toEqual(expect.arrayContaining([
      expect.stringMatching(/^namespaces\[2\]\.stack: is not set while namespaces\[0\]\.stack is \("shop-prod"\); name the stack of every namespace/),
      expect.stringMatching(/^stacks\.access: "shop-x" is also the shared stack's name/),
      expect.stringMatching(/^stacks\.names: names stacks per environment, which only applies with stacks\.by: environment/),
      expect.stringMatching(/^backend\.key: "state\.tfstate" is one state object for \d stacks; remove it/),
    ]));
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a namespace stack named like the shared stack, a generated CA across stacks, and a namespace named twice are refused", () => {
    const doc = {
      name: "shop",
      defaults: { regions: ["aws-us-east-1"] },
      stacks: { by: "namespace" },
      certificateAuthorities: [{ name: "platform", generated: {} }],
      namespaces: [
        { name: "a-dev", environment: "development", auth: { mtls: { ca: "platform" } } },
        { name: "b-dev", environment: "development", auth: { mtls: { ca: "platform" } } },
        { name: "c-dev", environment: "development", auth: { apiKey: true }, stack: "shop-shared" },
        { name: "a-dev", environment: "development", auth: { apiKey: true }, stack: "other" },
      ],
    };
    const result = safeParseConfig(doc, { baseDir: EXAMPLES_DIR });
    const lines = result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^namespaces\[2\]\.stack: puts namespace "c-dev" into "shop-shared", the shared stack/),
      expect.stringMatching(/^certificateAuthorities\[0\]: generated CA "platform" is trusted by namespaces of stacks "shop-a-dev" and "shop-b-dev"/),
      expect.stringMatching(/^namespaces\[3\]\.name: "a-dev" is already used by namespaces\[0\]; .*a namespace lives in one stack; here "shop-a-dev" and "other"/),
    ]));
  });

  test("TemporalCloudStack refuses a split config and names TemporalCloudEstate", () => {
    const config = EstateConfig.fromObject(estate({ stacks: { by: "environment" } }), { baseDir: EXAMPLES_DIR });
    expect(() => new TemporalCloudStack(Testing.app(), "x", { config })).toThrow(/splits the estate into 5 stacks .*new TemporalCloudEstate\(app, \{ config \}\)/);
  });
});

describe("assembly", () => {
  const stacks = synthStacks(estate({ stacks: { by: "environment" } }));

  test("each stack holds its namespaces, and references cross stacks through remote state", () => {
    const names = (json: (typeof stacks)[string]) => Object.values(json.resource?.temporalcloud_namespace ?? {}).map((r) => r.name);
    expect(Object.fromEntries(Object.entries(stacks).map(([k, v]) => [k, names(v)]))).toEqual({
      "shop-shared": [], "shop-production": ["orders-prod"], "shop-development": ["orders-dev"], "shop-staging": ["orders-staging"], "shop-access": [],
    });
    const access = stacks["shop-access"];
    const tester = Object.values(access.resource?.temporalcloud_service_account ?? {})[0] as { namespace_accesses: { namespace_id: string }[] };
    expect(tester.namespace_accesses.map((a) => a.namespace_id)).toEqual([
      expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-shop-development\.outputs\.cross-stack-output-/),
      expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-shop-production\.outputs\.cross-stack-output-/),
    ]);
    // The worker's key and secret live with its service account.
    expect(Object.keys(access.resource?.temporalcloud_apikey ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(access.resource?.aws_secretsmanager_secret ?? {}).length).toBe(1);
  });

  test("each stack its own local state, at a path the other stacks' remote state reads from their own folder", () => {
    for (const [name, json] of Object.entries(stacks)) {
      expect((json.terraform as { backend: unknown }).backend).toEqual({ local: { path: `../${name}/terraform.${name}.tfstate` } });
      for (const [input, body] of Object.entries(json.data?.terraform_remote_state ?? {})) {
        const from = input.replace("cross-stack-reference-input-", "");
        expect(body).toMatchObject({ backend: "local", config: { path: `../${from}/terraform.${from}.tfstate` } });
      }
    }
  });

  test("the stack graph has no cycle: shared reads nothing, namespace stacks read only shared, access reads the rest", () => {
    const reads = (json: (typeof stacks)[string]) => Object.keys(json.data?.terraform_remote_state ?? {}).map((k) => k.replace("cross-stack-reference-input-", "")).sort();
    expect(reads(stacks["shop-shared"])).toEqual([]);
    for (const ns of ["shop-production", "shop-development", "shop-staging"]) expect(reads(stacks[ns]).filter((s) => s !== "shop-shared")).toEqual([]);
    expect(reads(stacks["shop-access"])).toEqual(["shop-development", "shop-production", "shop-staging"]);
  });
});

describe("compliance over the whole app", () => {
  const unsplit = synth(estate());
  const split = synth(estate({ stacks: { by: "environment" } }));

  test("a dev service account with write on production is the same error split as in one stack", () => {
    expect(unsplit.stacks).toHaveLength(1);
    expect(split.stacks.map((s) => s.name)).toEqual(["shop-shared", "shop-production", "shop-development", "shop-staging", "shop-access"]);
    const sep = (r: SynthResult) => r.compliance.findings.filter((f) => f.ruleId === "TC-SEP-001").map((f) => [f.severity, f.namespaces]);
    expect(sep(unsplit)).toEqual([["error", ["orders-dev", "orders-prod"]]]);
    expect(sep(split)).toEqual(sep(unsplit));
    expect(split.compliance.findings.find((f) => f.ruleId === "TC-SEP-001")?.stack).toBe("shop-access");
    expect(split.blocked).toBe(true);
    expect(fs.readdirSync(split.outdir)).toEqual(["compliance"]);
  });

  test("every finding, suppression and count is the same as the same estate in one stack", () => {
    expect(said(split)).toEqual(said(unsplit));
    // The config's suppression is written into every stack, and still used and listed once.
    expect(said(split).suppressed).toEqual([expect.stringMatching(/^TC-AUD-001 stack config: suppressions\[0\]$/)]);
  });

  test("a finding names its stack in the reports", () => {
    const sarif = JSON.parse(fs.readFileSync(path.join(split.complianceDir, "report.sarif"), "utf8")) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uri = sarif.runs[0].results.find((r) => r.ruleId === "TC-SEP-001")?.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toMatch(/stacks\/shop-access\/cdk\.tf\.json$/);
  });

  test("validate --rules on the written cdktf.out of a split app gives what synth gave", () => {
    const result = synthesizeEstate({ config: parseConfig(path.join(EXAMPLES_DIR, "split-estate.yaml") && readExample("split-estate.yaml"), { baseDir: EXAMPLES_DIR }), outdir: path.join(tempDir(), "cdktf.out") });
    expect(result.blocked).toBe(false);
    expect(result.stacks.length).toBeGreaterThan(2);
    const out: string[] = [];
    const code = validateCommand.run([result.outdir, "--rules"], { out: (s: string) => out.push(s), err: () => undefined } as never);
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text.match(/## Compliance/g)).toHaveLength(1);
    const count = (s: string) => /(\d+) error/.exec(s)?.[1];
    expect(count(text)).toBe(String(result.compliance.findings.filter((f) => f.severity === "error").length));
  });

  test("Aspects.of(app).add(new CompliancePolicy()) judges hand-written stacks together: dev writing prod fails synth", () => {
    const app = Testing.app();
    const prod = new TerraformStack(app, "prod");
    new TemporalcloudProvider(prod, "temporalcloud", {});
    const prodNs = new SecureNamespace(prod, "ns", { name: "orders-prod", environment: Environment.PRODUCTION, regions: ["aws-us-east-1"], apiKeyAuth: true, connectivityRuleIds: ["cr-1"] });
    const dev = new TerraformStack(app, "dev");
    new TemporalcloudProvider(dev, "temporalcloud", {});
    // The same construct id in both stacks: the model keeps them apart.
    const devNs = new SecureNamespace(dev, "ns", { name: "orders-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true });
    new ServiceAccountPerWorker(dev, "sas", {
      workers: [{ worker: "tester", serviceAccountName: "orders-dev-tester", namespaceId: devNs.namespaceId, crossNamespaceAccess: [{ namespaceId: prodNs.namespaceId, permission: NamespacePermission.WRITE }] }],
    });
    const policy = new CompliancePolicy({ now: NOW });
    Aspects.of(app).add(policy);
    expect(() => app.synth()).toThrow(/TC-SEP-001/);
    const report = policy.reports.get("dev");
    expect(report?.findings.filter((f) => f.ruleId === "TC-SEP-001").map((f) => [f.stack, f.namespaces])).toEqual([["dev", ["orders-dev", "orders-prod"]]]);
    expect(policy.reports.get("prod")).toBe(report);
  });

  test("one estate split with TemporalCloudEstate and CompliancePolicy.applyTo(app) covers every stack", () => {
    const app = Testing.app();
    const built = new TemporalCloudEstate(app, { config: EstateConfig.fromObject(estate({ stacks: { by: "environment" } }), { baseDir: EXAMPLES_DIR }), policy: { now: NOW } });
    expect(built.stacks.map((s) => CompliancePolicy.of(s))).toEqual(built.stacks.map(() => CompliancePolicy.of(built.stacks[0])));
    expect(() => app.synth()).toThrow(/TC-SEP-001/);
  });
});

function readExample(file: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../../lib/config/load") as typeof import("../../lib/config/load")).readConfigDocument(path.join(EXAMPLES_DIR, file));
}
