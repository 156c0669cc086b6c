// The whole test suite, the README's second command (`npm test`, which `.ci/run` runs):
//   1. providers  the real Terraform providers (scripts/providers.ts; cached, a few seconds when warm)
//   2. typecheck  tsc --noEmit
//   3. unit       jest (jest.config.js)
//   4. jsii       real jsii + jsii-pacmak build the package for other languages; a Python app uses it (jest.jsii.config.js)
//   5. e2e        real terraform + providers + the Temporal Cloud emulator (jest.e2e.config.js)
//   6. e2e-tofu   the same suite again with OpenTofu (TCG_ENGINE=tofu)
// The toolchain's CLI config is put into the environment of the later steps (TF_CLI_CONFIG_FILE, and its
// manifest as TCG_MANIFEST), so nothing has to be exported by hand. Steps 2-6 all run even when one fails, so one run shows every failure.
//   tsx scripts/test.ts [step ...] [--cloud]   (npm run test:e2e = providers e2e e2e-tofu; test:unit skips this file)
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

export type StepName = "providers" | "typecheck" | "unit" | "jsii" | "e2e" | "e2e-tofu";

export interface Step {
  readonly name: StepName;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** The steps of the whole suite, in the order they run. */
export function steps(cloud: boolean): readonly Step[] {
  return [
    { name: "providers", command: path.join(BIN, "tsx"), args: [path.join(ROOT, "scripts", "providers.ts"), ...(cloud ? ["--cloud"] : [])] },
    { name: "typecheck", command: path.join(BIN, "tsc"), args: ["--noEmit", "-p", path.join(ROOT, "tsconfig.json")] },
    { name: "unit", command: path.join(BIN, "jest"), args: ["-c", path.join(ROOT, "jest.config.js")] },
    { name: "jsii", command: path.join(BIN, "jest"), args: ["-c", path.join(ROOT, "jest.jsii.config.js")] },
    { name: "e2e", command: path.join(BIN, "jest"), args: ["-c", path.join(ROOT, "jest.e2e.config.js")] },
    { name: "e2e-tofu", command: path.join(BIN, "jest"), args: ["-c", path.join(ROOT, "jest.e2e.config.js")], env: { TCG_ENGINE: "tofu" } },
  ];
}

/** The `TF_CLI_CONFIG_FILE=<path>` that is the toolchain's last output line. */
export function cliConfigFrom(stdout: string): string {
  const last = stdout.trim().split("\n").pop() ?? "";
  const m = /^TF_CLI_CONFIG_FILE=(\/.+)$/.exec(last);
  if (!m) throw new Error(`the provider toolchain did not end with TF_CLI_CONFIG_FILE=<path> (last line: ${JSON.stringify(last)})`);
  return m[1];
}

function seconds(since: number): string {
  return `${Math.round((Date.now() - since) / 1000)} s`;
}

function main(argv: string[]): number {
  const cloud = argv.includes("--cloud");
  const wanted = argv.filter((a) => a !== "--cloud");
  const all = steps(cloud);
  const unknown = wanted.filter((w) => !all.some((s) => s.name === w));
  if (unknown.length > 0) {
    process.stderr.write(`test: unknown step ${unknown.join(", ")}; steps are ${all.map((s) => s.name).join(", ")} (for one jest file: npx jest <path>)\n`);
    return 2;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", ...(cloud ? { TCG_E2E_CLOUD: "1" } : {}) };
  const results: string[] = [];
  let failed = false;
  for (const step of all.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
    const started = Date.now();
    process.stderr.write(`\n== test: ${step.name} ==\n`);
    const toolchain = step.name === "providers";
    const res = spawnSync(step.command, step.args, { cwd: ROOT, env: { ...env, ...step.env }, stdio: ["ignore", toolchain ? "pipe" : "inherit", "inherit"], encoding: "utf8" });
    const ok = res.status === 0;
    results.push(`${step.name} ${ok ? "ok" : `FAILED (exit ${res.status ?? res.signal ?? res.error?.message})`} in ${seconds(started)}`);
    if (toolchain) {
      process.stdout.write(res.stdout ?? "");
      // Without providers the e2e suite cannot run at all: stop here rather than report its confusion.
      if (!ok) return report(results, true);
      env.TF_CLI_CONFIG_FILE = cliConfigFrom(res.stdout);
      // The manifest of this very toolchain set, so a concurrent run on another commit cannot swap it.
      env.TCG_MANIFEST = path.join(path.dirname(env.TF_CLI_CONFIG_FILE), "manifest.json");
    }
    failed ||= !ok;
  }
  return report(results, failed);
}

function report(results: string[], failed: boolean): number {
  process.stderr.write(`\n== test: ${results.join("; ")} ==\n`);
  return failed ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
