// The consumer's view: npm pack, install the tarball into fresh strict-TypeScript cdktf apps, type-check every
// documented entry under node10, node16 and bundler resolution, synthesize, and check what an AWS-only app
// without @cdktf/provider-google (and without tsx) gets. One npm install; the scenarios copy it.
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { REPO_ROOT, tempDir } from "../helpers";
import { scanJsiiShapes } from "../lint/jsii-scan";
import { allSnippets, mapDiagnostics, RUNNER } from "./snippets";

const PKG = "temporal-cloud-guardrails";
const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
const ENV = { ...process.env, CHECKPOINT_DISABLE: "1" };
const ALL_PEERS = ["@types/node", "cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-google", "@cdktf/provider-tls", "@cdktf/provider-time", "tsx"];
const AWS_PEERS = ["@types/node", "cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-tls", "@cdktf/provider-time"];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: ENV });
}

/** Runs and returns exit code and output instead of throwing (for the failures the test expects). */
function attempt(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: ENV });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** `tsc -p <config>`; fails the test with tsc's diagnostics. */
function tsc(dir: string, config: string): void {
  const r = attempt(process.execPath, [TSC, "-p", config], dir);
  if (r.status !== 0) throw new Error(`tsc -p ${config} failed in ${path.basename(dir)}:\n${r.out}`);
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

/** Strict compiler options of a cdktf app; `skipLibCheck` as the cdktf template sets it unless told. */
function tsconfig(resolution: "node10" | "node16" | "bundler", extra: Record<string, unknown> = {}): Record<string, unknown> {
  const module = resolution === "node10" ? "commonjs" : resolution === "node16" ? "node16" : "preserve";
  return {
    compilerOptions: {
      strict: true, noImplicitReturns: true, noUnusedLocals: true, target: "ES2020", lib: ["es2020"], types: ["node"],
      module, moduleResolution: resolution, skipLibCheck: true, ignoreDeprecations: "5.0", ...extra,
    },
    include: ["*.ts"],
  };
}

const FULL_APP = `
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { Environment, NamespacePermission, SearchAttributeType, ServiceAccountPerWorker, ServiceAccountScope, SecureNamespace, TemporalcloudProvider, CompliancePolicy, type EstateConfigInput } from "${PKG}";
import { PrivateLinkEndpoint, WorkerSecret } from "${PKG}/aws";
import { PscEndpoint } from "${PKG}/gcp";
import { EstateConfig, TemporalCloudStack } from "${PKG}/estate";
import * as temporalcloud from "${PKG}/providers/temporalcloud";
import { DataTemporalcloudNamespace } from "${PKG}/providers/temporalcloud/data-temporalcloud-namespace";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";

const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "consumer");
new TemporalcloudProvider(stack, "temporalcloud", {});
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new GoogleProvider(stack, "google", { project: "acme-prod" });
const ns = new SecureNamespace(stack, "orders", { name: "orders-prod", environment: Environment.PRODUCTION, regions: ["aws-eu-west-1"], apiKeyAuth: true });
ns.addSearchAttribute("CustomerId", SearchAttributeType.KEYWORD);
const workers = new ServiceAccountPerWorker(stack, "workers", { workers: [{ worker: "orders/charger", serviceAccountName: "orders-charger", namespaceId: ns.namespaceId, scope: ServiceAccountScope.ACCOUNT }] });
SecureNamespace.fromNamespaceId(stack, "billing", "billing-prod.a1b2c").grantAccess(workers.serviceAccountOf("orders/charger"), NamespacePermission.READ);
new PrivateLinkEndpoint(stack, "pl", {
  region: "aws-eu-west-1", vpcId: "vpc-0a1", subnetIds: ["subnet-0a"], allowedCidrs: ["10.0.0.0/16"],
  accountId: "a1b2c", namespaces: [{ name: "orders-prod", regions: ["aws-eu-west-1"] }],
});
new PscEndpoint(stack, "psc", {
  region: "gcp-us-central1", project: "acme-prod", network: "workers", subnetwork: "workers-us-central1",
  accountId: "a1b2c", namespaces: [{ name: "orders-prod", regions: ["gcp-us-central1"] }],
});
new WorkerSecret(stack, "secret", { secretName: "temporal/orders", target: { aws: { region: "eu-west-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/w" }, value: "v" });
new DataTemporalcloudNamespace(stack, "existing", { id: "legacy.a1b2c" });
const tags: temporalcloud.namespaceTags.NamespaceTagsConfig = { namespaceId: ns.resource.id, tags: { team: "orders" } };
new temporalcloud.namespaceTags.NamespaceTags(stack, "tags", tags);
const input: EstateConfigInput = { namespaces: [{ name: "billing-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } }] };
void input;
new TemporalCloudStack(app, "estate", { config: EstateConfig.fromFile(path.join(path.dirname(require.resolve("${PKG}/package.json")), "examples", "gcp-psc.yaml")) });
void CompliancePolicy;
app.synth();
console.log(ns.retentionDays, ns.deleteProtection);
`;

/** Uses only the root and AWS entries. */
const AWS_APP = `
import { App, TerraformStack } from "cdktf";
import { SecureNamespace, TemporalcloudProvider } from "${PKG}";
import { PrivateLinkEndpoint, WorkerSecret } from "${PKG}/aws";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "aws-only");
new TemporalcloudProvider(stack, "temporalcloud", {});
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new SecureNamespace(stack, "orders", { name: "orders-prod", regions: ["aws-eu-west-1"], apiKeyAuth: true });
new PrivateLinkEndpoint(stack, "pl", {
  region: "aws-eu-west-1", vpcId: "vpc-0a1", subnetIds: ["subnet-0a"], allowedCidrs: ["10.0.0.0/16"],
  accountId: "a1b2c", namespaces: [{ name: "orders-prod", regions: ["aws-eu-west-1"] }],
});
new WorkerSecret(stack, "secret", { secretName: "temporal/orders", target: { ${"$"}{TARGET} }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/w", gcpServiceAccountEmail: "w@p.iam.gserviceaccount.com" }, value: "v" });
app.synth();
`;

/** Plain JavaScript passes the enums' string values (what a YAML-minded or untyped caller writes). */
const PLAIN_JS_APP = `
const { App, TerraformStack } = require("cdktf");
const { SecureNamespace, TemporalcloudProvider } = require("${PKG}");
const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "plain-js");
new TemporalcloudProvider(stack, "temporalcloud", {});
const ns = new SecureNamespace(stack, "orders", { name: "orders-dev", environment: "development", regions: ["aws-eu-west-1"], apiKeyAuth: true });
ns.addSearchAttribute("CustomerId", "keyword");
app.synth();
`;

/** Root entry only, type-checked without skipLibCheck: no declaration it reaches needs a cloud package or zod. */
const ROOT_APP = `
import { App, TerraformStack } from "cdktf";
import { SecureNamespace, TemporalcloudProvider, parseConfig, type EstateConfigInput } from "${PKG}";
const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "root-only");
new TemporalcloudProvider(stack, "temporalcloud", {});
new SecureNamespace(stack, "orders", { name: "orders-prod", regions: ["aws-eu-west-1"], apiKeyAuth: true });
const input: EstateConfigInput = { namespaces: [{ name: "billing-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } }] };
console.log(parseConfig(input).namespaces[0].retentionDays);
app.synth();
`;

function resources(dir: string, stackName: string): Record<string, Record<string, Record<string, unknown>>> {
  return JSON.parse(fs.readFileSync(path.join(dir, "out", "stacks", stackName, "cdk.tf.json"), "utf8")).resource;
}

describe("npm package in a consumer app", () => {
  const work = tempDir("tcg-pack-");
  const base = path.join(work, "base");
  let files: string[] = [];

  /** A consumer app: a copy of the one install plus the given peers linked from this repo's node_modules. */
  function consumer(name: string, peers: string[]): string {
    const dir = path.join(work, name);
    fs.cpSync(base, dir, { recursive: true });
    for (const scope of ["@cdktf", "@types"]) fs.mkdirSync(path.join(dir, "node_modules", scope), { recursive: true });
    for (const peer of peers) fs.symlinkSync(path.join(REPO_ROOT, "node_modules", peer), path.join(dir, "node_modules", peer), "dir");
    return dir;
  }

  beforeAll(() => {
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], REPO_ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed[0].files.map((f) => f.path);
    fs.mkdirSync(base);
    writeJson(path.join(base, "package.json"), { name: "consumer", version: "1.0.0", private: true });
    // Peers are linked from this repo afterwards (no download of the provider packages); npm must not
    // fetch them, which only works while every cloud peer is optional.
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=peer", path.join(work, packed[0].filename)], base);
  }, 180_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test("ships the compiled library, bin, schemas and example configs, not tests or outputs", () => {
    expect(files).toEqual(expect.arrayContaining(["dist/lib/index.js", "dist/lib/index.d.ts", "dist/lib/entries/aws.d.ts", "dist/lib/entries/gcp.d.ts", "dist/lib/entries/estate.d.ts", "bin/temporal-cloud-guardrails.js", "schemas/temporalcloud/provider-schema.json", "examples/production-estate.yaml", "config.schema.json"]));
    expect(files.filter((f) => /^(test|cdktf\.out|lib\/.*\.ts$|scripts|bench)\b/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
  });

  test("the package declares cloud providers and tsx as optional peers and installs neither", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(base, "node_modules", PKG, "package.json"), "utf8"));
    expect(pkg.dependencies.tsx).toBeUndefined();
    for (const peer of ["@cdktf/provider-aws", "@cdktf/provider-google", "tsx"]) expect(pkg.peerDependenciesMeta[peer]).toEqual({ optional: true });
    const installed = fs.readdirSync(path.join(base, "node_modules"));
    expect(installed).not.toContain("tsx");
    expect(installed).not.toContain("esbuild");
  });

  test("every documented entry type-checks under node10, node16 and bundler resolution and synthesizes", () => {
    const dir = consumer("full", ALL_PEERS);
    fs.writeFileSync(path.join(dir, "main.ts"), FULL_APP);
    writeJson(path.join(dir, "tsconfig.node16.json"), tsconfig("node16", { noEmit: true }));
    writeJson(path.join(dir, "tsconfig.bundler.json"), tsconfig("bundler", { noEmit: true }));
    writeJson(path.join(dir, "tsconfig.json"), tsconfig("node10"));
    tsc(dir, "tsconfig.bundler.json");
    tsc(dir, "tsconfig.node16.json");
    tsc(dir, "tsconfig.json"); // emits main.js
    // The published declarations are our own types: zod stays internal.
    const checked = run(process.execPath, [TSC, "-p", "tsconfig.bundler.json", "--listFilesOnly"], dir).split("\n");
    expect(checked.filter((f) => f.includes("/node_modules/zod/"))).toEqual([]);
    expect(run(process.execPath, ["main.js"], dir).trim()).toBe("14 true");
    const json = resources(dir, "consumer");
    expect(Object.values(json.temporalcloud_namespace)[0]).toMatchObject({ name: "orders-prod", namespace_lifecycle: { enable_delete_protection: true }, lifecycle: { prevent_destroy: true } });
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["aws_vpc_endpoint", "google_compute_forwarding_rule", "aws_secretsmanager_secret", "temporalcloud_namespace_tags"]));
    expect(Object.keys(resources(dir, "estate"))).toContain("google_compute_forwarding_rule");
    expect(Object.values(json.temporalcloud_namespace_search_attribute)[0]).toMatchObject({ name: "CustomerId", type: "keyword" });
    expect(Object.values(json.temporalcloud_service_account)[0]).toMatchObject({ account_access: "read", namespace_accesses: [expect.anything(), { namespace_id: "billing-prod.a1b2c", permission: "read" }] });
    // The installed CLI runs from dist/ and synthesizes the bundled default example.
    const cliOut = run(process.execPath, [path.join(dir, "node_modules", PKG, "bin", `${PKG}.js`), "synth", "--out", "cli-out"], dir);
    expect(cliOut).toContain("payments-prod");
    expect(fs.existsSync(path.join(dir, "cli-out", "stacks", "production-estate", "cdk.tf.json"))).toBe(true);
    // The emulator's gRPC dependencies are optional peers: absent here, the command says what to install.
    const emulator = spawnSync(process.execPath, [path.join(dir, "node_modules", PKG, "bin", `${PKG}.js`), "emulator"], { cwd: dir, encoding: "utf8" });
    expect(emulator.status).toBe(1);
    expect(emulator.stderr).toContain("npm install --save-dev @grpc/grpc-js@^1.14 @temporalio/proto@^1.23");
    expect(emulator.stdout).toBe("");
  }, 120_000);

  test("plain JavaScript passes the enums' string values", () => {
    const dir = consumer("plain-js", AWS_PEERS);
    fs.writeFileSync(path.join(dir, "plain.js"), PLAIN_JS_APP);
    run(process.execPath, ["plain.js"], dir);
    const json = resources(dir, "plain-js");
    expect(Object.values(json.temporalcloud_namespace)[0]).toMatchObject({ name: "orders-dev", retention_days: 30, namespace_lifecycle: { enable_delete_protection: false } });
    expect(Object.values(json.temporalcloud_namespace_search_attribute)[0]).toMatchObject({ type: "keyword" });
  }, 60_000);

  test("the installed declarations of every construct are jsii-friendly: props, members and return types without literal unions, tuples, intersections or inline types", () => {
    const dist = path.join(base, "node_modules", PKG, "dist", "lib").split(path.sep).join("/");
    const entries = ["index.d.ts", "entries/aws.d.ts", "entries/gcp.d.ts"].map((e) => `${dist}/${e}`);
    const scan = scanJsiiShapes(entries, {
      isApiFile: (f) => f.startsWith(`${dist}/constructs/`),
      // Generated provider bindings are cdktf's (jsii-built) shapes; everything else under dist/lib is ours.
      isOwnFile: (f) => f.startsWith(`${dist}/`) && !f.startsWith(`${dist}/providers/`),
    });
    expect(scan.roots).toEqual(expect.arrayContaining(["SecureNamespaceProps", "ISecureNamespace", "ExistingPrivateEndpointAttributes", "StateBackendProps", "ServiceAccountPerWorker", "GroupNamespaceAccessProps", "HaReplicationProps", "RotatingCaProps", "HaReplication", "CaBundleInspection", "CaSigningMaterial"]));
    expect(scan.roots.length).toBeGreaterThan(60);
    expect(scan.offences).toEqual([]);
  }, 60_000);

  test("every TypeScript snippet of README.md and docs/ type-checks (strict, one program) and synthesizes with 0 compliance errors", () => {
    const snippets = allSnippets();
    const partial = snippets.filter((s) => s.partial !== undefined);
    // Partial snippets are few and say why; everything else is a program.
    // (By file: a line number moves with every edit above the snippet.)
    expect(partial.map((s) => s.where.replace(/:\d+$/, ""))).toEqual(["docs/pipelines.md"]);
    for (const s of partial) expect(s.partial?.length).toBeGreaterThan(10);
    const programs = snippets.filter((s) => s.partial === undefined);
    expect(programs.length).toBeGreaterThanOrEqual(6);
    const dir = consumer("snippets", ALL_PEERS);
    // The estate snippet loads estate.yaml: the default example (certs next to it).
    fs.copyFileSync(path.join(REPO_ROOT, "examples", "production-estate.yaml"), path.join(dir, "estate.yaml"));
    fs.cpSync(path.join(REPO_ROOT, "examples", "certs"), path.join(dir, "certs"), { recursive: true });
    for (const s of programs) fs.writeFileSync(path.join(dir, s.fileName), `${s.code}\nexport {};\n`);
    fs.writeFileSync(path.join(dir, "run-snippets.js"), RUNNER);
    const { compilerOptions } = tsconfig("node10") as { compilerOptions: Record<string, unknown> };
    writeJson(path.join(dir, "tsconfig.snippets.json"), { compilerOptions: { ...compilerOptions, noUnusedLocals: false }, include: programs.map((s) => s.fileName) });
    const typecheck = attempt(process.execPath, [TSC, "-p", "tsconfig.snippets.json"], dir);
    expect(mapDiagnostics(typecheck.out, programs)).toBe("");
    const results = JSON.parse(run(process.execPath, ["run-snippets.js", ...programs.map((s) => s.fileName.replace(/\.ts$/, ".js"))], dir).trim().split("\n").pop() as string) as Array<{ file: string; synths: number; stacks: number; errors: string[] }>;
    const where = (file: string) => programs.find((s) => s.fileName.replace(/\.ts$/, ".js") === file)?.where;
    expect(results.filter((r) => r.synths === 0 || r.stacks === 0).map((r) => where(r.file))).toEqual([]);
    expect(results.filter((r) => r.errors.length > 0).map((r) => `${where(r.file)}: ${r.errors.join("; ")}`)).toEqual([]);
  }, 120_000);

  describe("AWS-only app (no @cdktf/provider-google, no tsx)", () => {
    let dir = "";
    beforeAll(() => {
      dir = consumer("aws-only", AWS_PEERS);
    });

    test("the root entry loads no cloud provider package", () => {
      const loaded = run(process.execPath, ["-e", `require("${PKG}"); console.log(JSON.stringify(Object.keys(require.cache)))`], dir);
      const providers = (JSON.parse(loaded) as string[]).filter((f) => /[\\/]@cdktf[\\/]provider-(aws|google)[\\/]/.test(f));
      expect(providers).toEqual([]);
    });

    test("the root entry type-checks without skipLibCheck under node10 and bundler", () => {
      fs.writeFileSync(path.join(dir, "root.ts"), ROOT_APP);
      for (const resolution of ["node10", "bundler"] as const) {
        writeJson(path.join(dir, `tsconfig.root-${resolution}.json`), { ...tsconfig(resolution, { noEmit: true, skipLibCheck: false }), include: ["root.ts"] });
        tsc(dir, `tsconfig.root-${resolution}.json`);
      }
    }, 60_000);

    test("root + /aws type-check and synthesize; a GCP resource fails naming the missing package", () => {
      fs.writeFileSync(path.join(dir, "aws.ts"), AWS_APP.replace("${TARGET}", `aws: { region: "eu-west-1" }`));
      fs.writeFileSync(path.join(dir, "gcp.ts"), AWS_APP.replace("${TARGET}", `gcp: { project: "acme-prod" }`));
      writeJson(path.join(dir, "tsconfig.bundler.json"), { ...tsconfig("bundler", { noEmit: true }), include: ["aws.ts", "gcp.ts"] });
      writeJson(path.join(dir, "tsconfig.json"), { ...tsconfig("node10"), include: ["aws.ts", "gcp.ts"] });
      tsc(dir, "tsconfig.bundler.json");
      tsc(dir, "tsconfig.json");
      run(process.execPath, ["aws.js"], dir);
      expect(Object.keys(resources(dir, "aws-only"))).toEqual(expect.arrayContaining(["temporalcloud_namespace", "aws_vpc_endpoint", "aws_secretsmanager_secret"]));
      const gcp = attempt(process.execPath, ["gcp.js"], dir);
      expect(gcp.status).not.toBe(0);
      expect(gcp.out).toContain(`aws-only/secret/secret (SecretManagerSecret) needs @cdktf/provider-google, which is not installed`);
      expect(gcp.out).toContain(`npm i @cdktf/provider-google@"^16.0.0"`);
    }, 60_000);

    test("the CLI: a GCP estate names the missing package, a .ts config without tsx says how to get it", () => {
      const cli = path.join(dir, "node_modules", PKG, "bin", `${PKG}.js`);
      const gcpEstate = attempt(process.execPath, [cli, "synth", "--config", path.join(dir, "node_modules", PKG, "examples", "gcp-psc.yaml"), "--out", "gcp-out"], dir);
      expect(gcpEstate.status).toBe(1);
      expect(gcpEstate.out).toMatch(/needs @cdktf\/provider-google, which is not installed .*npm i @cdktf\/provider-google@/);
      expect(gcpEstate.out).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(path.join(dir, "gcp-out"))).toBe(false);

      fs.writeFileSync(path.join(dir, "estate.ts"), `export default { namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } }] };\n`);
      const ts = attempt(process.execPath, [cli, "synth", "--config", "estate.ts", "--out", "ts-out"], dir);
      expect(ts.status).toBe(1);
      expect(ts.out).toContain("estate.ts: 1 configuration problem");
      expect(ts.out).toContain("needs the optional peer tsx");
      expect(ts.out).toContain("npm i -D tsx");
      expect(ts.out).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(path.join(dir, "ts-out"))).toBe(false);
    }, 60_000);
  });
});
