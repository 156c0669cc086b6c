// The "reusable construct library" path: npm pack, install the tarball into a fresh consumer project,
// and synthesize a stack there that uses SecureNamespace directly.
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { REPO_ROOT, tempDir } from "../helpers";

const PEERS = ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-google", "@cdktf/provider-tls", "@cdktf/provider-time"];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

describe("npm package", () => {
  const work = tempDir("tcg-pack-");
  let tarball = "";

  beforeAll(() => {
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], REPO_ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(work, packed[0].filename);
    fs.writeFileSync(path.join(work, "files.json"), JSON.stringify(packed[0].files.map((f) => f.path)));
  }, 120_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test("ships the compiled library, bin, schemas and example configs, not tests or outputs", () => {
    const files = JSON.parse(fs.readFileSync(path.join(work, "files.json"), "utf8")) as string[];
    expect(files).toEqual(expect.arrayContaining(["dist/lib/index.js", "dist/lib/index.d.ts", "bin/temporal-cloud-guardrails.js", "schemas/temporalcloud/provider-schema.json", "examples/production-estate.yaml", "config.schema.json"]));
    expect(files.filter((f) => /^(test|cdktf\.out|lib\/.*\.ts$|scripts|bench)\b/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
  });

  test("installs into a consumer project whose stack uses SecureNamespace", () => {
    const consumer = path.join(work, "consumer");
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    run("npm", ["install", "--prefer-offline", "--legacy-peer-deps", "--no-audit", "--no-fund", "--ignore-scripts", tarball], consumer);
    // Peers are linked from this repo's install afterwards, so the test does not download the large
    // provider packages (a consumer installs them as ordinary dependencies).
    fs.mkdirSync(path.join(consumer, "node_modules", "@cdktf"), { recursive: true });
    for (const peer of PEERS) fs.symlinkSync(path.join(REPO_ROOT, "node_modules", peer), path.join(consumer, "node_modules", peer), "dir");
    fs.writeFileSync(path.join(consumer, "main.js"), `
const { App, TerraformStack } = require("cdktf");
const { SecureNamespace, TemporalcloudProvider } = require("temporal-cloud-guardrails");
const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "consumer");
new TemporalcloudProvider(stack, "temporalcloud", {});
const ns = new SecureNamespace(stack, "orders", { name: "orders-prod", regions: ["aws-eu-west-1"], apiKeyAuth: true });
console.log(ns.retentionDays, ns.deleteProtection);
app.synth();
`);
    expect(run(process.execPath, ["main.js"], consumer).trim()).toBe("14 true");
    const json = JSON.parse(fs.readFileSync(path.join(consumer, "out", "stacks", "consumer", "cdk.tf.json"), "utf8"));
    const [ns] = Object.values(json.resource.temporalcloud_namespace) as Array<Record<string, unknown>>;
    expect(ns).toMatchObject({ name: "orders-prod", regions: ["aws-eu-west-1"], namespace_lifecycle: { enable_delete_protection: true }, lifecycle: { prevent_destroy: true } });
    // The installed CLI runs from dist/ and synthesizes the bundled default example.
    const cliOut = run(process.execPath, [path.join(consumer, "node_modules", "temporal-cloud-guardrails", "bin", "temporal-cloud-guardrails.js"), "synth", "--out", "cli-out"], consumer);
    expect(cliOut).toContain("payments-prod");
    expect(fs.existsSync(path.join(consumer, "cli-out", "stacks", "production-estate", "cdk.tf.json"))).toBe(true);
    // The emulator's gRPC dependencies are optional peers: absent here, the command says what to install.
    const emulator = spawnSync(process.execPath, [path.join(consumer, "node_modules", "temporal-cloud-guardrails", "bin", "temporal-cloud-guardrails.js"), "emulator"], { cwd: consumer, encoding: "utf8" });
    expect(emulator.status).toBe(1);
    expect(emulator.stderr).toContain("npm install --save-dev @grpc/grpc-js@^1.14 @temporalio/proto@^1.23");
    expect(emulator.stdout).toBe("");
  }, 120_000);
});
