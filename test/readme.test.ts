import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./helpers";
import { cliConfigFrom, steps } from "../scripts/test";

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("README", () => {
  test("opens with the two set-up commands, and .ci/run runs the same test command", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1].trim().split("\n");
    expect(firstBlock).toEqual(["npm ci && npm run synth", "npm test"]);
    expect(readme.indexOf("```sh")).toBeLessThan(readme.indexOf("\n## "));
    const ci = fs.readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8");
    const commands = ci.split("\n").filter((l) => l.trim() && !/^(#|set |cd |export )/.test(l));
    expect(commands).toEqual(["npm ci --no-audit --no-fund", "npm test"]);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.synth).toBeDefined();
    expect(pkg.scripts.test).toBe("tsx scripts/test.ts");
  });

  test("the test command builds the toolchain, then runs the type check, the unit suite, the jsii build with its Python app, and the e2e suite with terraform and with OpenTofu", () => {
    const all = steps(false);
    expect(all.map((s) => s.name)).toEqual(["providers", "typecheck", "unit", "jsii", "e2e", "e2e-tofu"]);
    expect(all.find((s) => s.name === "jsii")?.args).toContain(path.join(REPO_ROOT, "jest.jsii.config.js"));
    const [e2e, tofu] = all.filter((s) => s.name.startsWith("e2e"));
    expect(e2e.args).toContain(path.join(REPO_ROOT, "jest.e2e.config.js"));
    expect(tofu).toEqual({ ...e2e, name: "e2e-tofu", env: { TCG_ENGINE: "tofu" } });
    expect(steps(true)[0].args).toContain("--cloud");
    expect(cliConfigFrom("providers: progress\nTF_CLI_CONFIG_FILE=/cache/terraformrc\n")).toBe("/cache/terraformrc");
    expect(() => cliConfigFrom("built everything\n")).toThrow(/did not end with TF_CLI_CONFIG_FILE/);
  });

  test("the library usage example is the type-checked examples/library-usage.ts", () => {
    const code = fs.readFileSync(path.join(REPO_ROOT, "examples", "library-usage.ts"), "utf8").split("\n").slice(1).join("\n");
    expect(readme).toContain(code);
  });

  test("the library usage example synthesizes with the compliance policy applied and no error finding", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-readme-"));
    try {
      const run = spawnSync(path.join(REPO_ROOT, "node_modules", ".bin", "tsx"), [path.join(REPO_ROOT, "examples", "library-usage.ts")], {
        cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: out, CHECKPOINT_DISABLE: "1" },
      });
      expect(run.stderr).not.toMatch(/\[TC-[A-Z]+-\d+\]/);
      expect(run.status).toBe(0);
      const json = JSON.parse(fs.readFileSync(path.join(out, "stacks", "payments", "cdk.tf.json"), "utf8"));
      const [ns] = Object.values(json.resource.temporalcloud_namespace) as Array<Record<string, unknown>>;
      expect(ns.connectivity_rule_ids).toEqual(["cr-payments-privatelink"]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  test("the folder table of \"How it fits together\" matches the folders of lib/", () => {
    const section = readme.slice(readme.indexOf("## How it fits together"), readme.indexOf("## Using the constructs"));
    const listed = new Set([...section.matchAll(/^\| `lib\/([a-z-]+)/gm)].map((m) => m[1]));
    const folders = fs.readdirSync(path.join(REPO_ROOT, "lib"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect([...listed].sort()).toEqual([...folders].sort());
  });
});
