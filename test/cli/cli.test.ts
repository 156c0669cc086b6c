import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { main } from "../../lib/cli/main";
import type { CliIo } from "../../lib/cli/command";
import { REPO_ROOT, tempDir } from "../helpers";

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: "", stderr: "", out: (t: string) => { io.stdout += `${t}\n`; }, err: (t: string) => { io.stderr += `${t}\n`; } };
  return io;
}

const BAD_CONFIG = `
namespaces:
  - name: Payments
    environment: production
    regions: [aws-us-est-1]
    retentionDays: 120
    auth: { apiKey: true }
`;

describe("temporal-cloud-guardrails CLI", () => {
  test("the app cdktf.json names synthesizes the chosen config (what npx cdktf synth runs)", () => {
    const dir = tempDir();
    const app = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdktf.json"), "utf8")).app as string;
    const [command, ...args] = app.split(" ");
    const run = spawnSync(command, args, {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: dir, TCG_CONFIG: path.join(REPO_ROOT, "examples", "development-estate.yaml") },
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const stacks = fs.readdirSync(path.join(dir, "stacks"));
    expect(stacks).toHaveLength(1);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "stacks", stacks[0], "cdk.tf.json"), "utf8"));
    expect(Object.keys(json.resource.temporalcloud_namespace).length).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("synth writes cdk.tf.json and prints the estate summary", async () => {
    const dir = tempDir();
    const io = capture();
    const code = await main(["synth", "--out", path.join(dir, "out")], io);
    expect(io.stderr).not.toMatch(/error|Internal/i);
    expect(code).toBe(0);
    const stackFile = path.join(dir, "out", "stacks", "production-estate", "cdk.tf.json");
    expect(JSON.parse(fs.readFileSync(stackFile, "utf8")).resource.temporalcloud_namespace).toBeDefined();
    // The flagship: payments-prod replicated to a second region, every production namespace on PrivateLink.
    expect(io.stdout).toMatch(/\| payments-prod \| production \| aws-us-east-1, aws-us-west-2 \| mTLS \| 14 d \| on \| on \| multi-region \| 99\.99% \|.*\| private \(PrivateLink aws-us-east-1, PrivateLink aws-us-west-2\) \|/);
    expect(io.stdout).toMatch(/\| ledger-prod \| production \| aws-us-east-1 \| API key \|.*\| private \(PrivateLink aws-us-east-1\) \| 2 \| AWS KMS \| s3:\/\/example-ledger-prod-workflow-history \|/);
    expect(io.stdout).toMatch(/## Compliance `production-estate`: passed\n\n\d+ rules · 0 error · 0 warning · 0 info · 0 suppressed/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("an invalid config lists every problem, exits 1 and writes nothing", async () => {
    const dir = tempDir();
    const configFile = path.join(dir, "bad.yaml");
    fs.writeFileSync(configFile, BAD_CONFIG);
    const out = path.join(dir, "out");
    const io = capture();
    const code = await main(["synth", "--config", configFile, "--out", out], io);
    expect(code).toBe(1);
    expect(io.stderr).toContain("3 configuration problems");
    expect(io.stderr).toContain("namespaces[0].name: \"Payments\" is not a valid namespace name");
    expect(io.stderr).toContain("namespaces[0].regions[0]: \"aws-us-est-1\" is not a Temporal Cloud region; did you mean \"aws-us-east-1\"");
    expect(io.stderr).toContain("namespaces[0].retentionDays: 120 is above the Temporal Cloud maximum of 90");
    expect(io.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(["bad.yaml"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("an invalid config leaves an earlier output untouched", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out");
    expect(await main(["synth", "--out", out], capture())).toBe(0);
    const before = fs.readFileSync(path.join(out, "stacks", "production-estate", "cdk.tf.json"), "utf8");
    fs.writeFileSync(path.join(dir, "bad.yaml"), BAD_CONFIG);
    expect(await main(["synth", "--config", path.join(dir, "bad.yaml"), "--out", out], capture())).toBe(1);
    expect(fs.readFileSync(path.join(out, "stacks", "production-estate", "cdk.tf.json"), "utf8")).toBe(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("accepts JSON and TypeScript configs", async () => {
    const dir = tempDir();
    const config = { name: "ts-estate", namespaces: [{ name: "orders-dev", environment: "development", regions: ["gcp-us-central1"], auth: { apiKey: true } }] };
    fs.writeFileSync(path.join(dir, "estate.json"), JSON.stringify(config));
    fs.writeFileSync(path.join(dir, "estate.ts"), `const config: Record<string, unknown> = ${JSON.stringify(config)};\nexport default config;\n`);
    for (const file of ["estate.json", "estate.ts"]) {
      const io = capture();
      expect(await main(["synth", "--config", path.join(dir, file), "--out", path.join(dir, file + ".out")], io)).toBe(0);
      expect(fs.existsSync(path.join(dir, file + ".out", "stacks", "ts-estate", "cdk.tf.json"))).toBe(true);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("unparseable YAML and a missing file are reported plainly", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "broken.yaml"), "namespaces: [\n  - name: x\n");
    const io = capture();
    expect(await main(["synth", "--config", path.join(dir, "broken.yaml"), "--out", path.join(dir, "o")], io)).toBe(1);
    expect(io.stderr).toMatch(/cannot be parsed as YAML/);
    const io2 = capture();
    expect(await main(["synth", "--config", path.join(dir, "nope.yaml")], io2)).toBe(1);
    expect(io2.stderr).toMatch(/nope.yaml does not exist/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("--help describes every flag; unknown flags and commands are usage errors", async () => {
    const io = capture();
    expect(await main(["synth", "--help"], io)).toBe(0);
    for (const flag of ["--config FILE", "--out DIR", "--help"]) expect(io.stdout).toContain(flag);
    const bad = capture();
    expect(await main(["synth", "--outdir", "x"], bad)).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--outdir'/);
    const unknown = capture();
    expect(await main(["deploy"], unknown)).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "deploy"/);
  });

  test("the bin runs as a process and exits non-zero without a stack trace on bad config", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "bad.yaml"), BAD_CONFIG);
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "temporal-cloud-guardrails.js"), "synth", "--config", path.join(dir, "bad.yaml"), "--out", path.join(dir, "out")], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("namespaces[0].retentionDays: 120 is above the Temporal Cloud maximum of 90");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("synth needs no terraform binary, even for estates with generated CAs (terraform_data)", () => {
    const dir = tempDir();
    // PATH holds only node's folder: no terraform, as on a fresh CI runner.
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "temporal-cloud-guardrails.js"), "synth", "--config", path.join(REPO_ROOT, "examples", "mtls-estate.yaml"), "--out", path.join(dir, "out")], {
      encoding: "utf8",
      env: { PATH: path.dirname(process.execPath), HOME: process.env.HOME ?? dir, CHECKPOINT_DISABLE: "1" },
    });
    expect(result.stderr).not.toMatch(/terraform version|Internal error/i);
    expect(result.status).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "out", "stacks", "mtls-estate", "cdk.tf.json"), "utf8"));
    expect(json.terraform.required_version).toBe(">= 1.5.0");
    expect(Object.keys(json.resource.terraform_data ?? {}).length).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
