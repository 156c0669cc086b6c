// Measures what a consumer pays for the package: install size per profile, `require` time of the root
// entry and `tsc` time of a small strict consumer. Run by hand (`npx tsx scripts/measure-install.ts
// [tarball]`); it installs from the npm cache into a temp dir and prints a Markdown table for docs/install.md.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";

const REPO = path.resolve(__dirname, "..");
const RUNS = 5;

/** Peers installed per profile, pinned to the versions this repo tests with. */
function peerSpecs(names: string[]): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
  return names.map((n) => `${n}@${lock.packages[`node_modules/${n}`].version}`);
}

const PROFILES: Record<string, string[]> = {
  "root only": ["cdktf", "constructs"],
  "AWS only": ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-tls", "@cdktf/provider-time"],
  full: ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-google", "@cdktf/provider-tls", "@cdktf/provider-time", "tsx"],
};

function sh(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

function duBytes(dir: string): number {
  return Number(sh("du", ["-sb", dir], REPO).split("\t")[0]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function install(tarball: string, profile: string, work: string): string {
  const dir = path.join(work, profile.replace(/\W+/g, "-"));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, ...peerSpecs(PROFILES[profile])], dir);
  return dir;
}

/** Wall time of `require("temporal-cloud-guardrails")` in a fresh node process, median of RUNS. */
function requireMs(dir: string): number {
  const code = `const t=process.hrtime.bigint();require("temporal-cloud-guardrails");console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  return median(Array.from({ length: RUNS }, () => Number(sh(process.execPath, ["-e", code], dir))));
}

/** `tsc --noEmit` of a one-file strict consumer using SecureNamespace from the root entry. */
function tscStats(dir: string): { ms: number; files: number; zodFiles: number } {
  fs.writeFileSync(path.join(dir, "main.ts"), [
    `import { App, TerraformStack } from "cdktf";`,
    `import { SecureNamespace, TemporalcloudProvider } from "temporal-cloud-guardrails";`,
    `const app = new App();`,
    `const stack = new TerraformStack(app, "s");`,
    `new TemporalcloudProvider(stack, "tc", {});`,
    `new SecureNamespace(stack, "ns", { name: "orders-prod", regions: ["aws-eu-west-1"], apiKeyAuth: true });`,
    `app.synth();`,
  ].join("\n"));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, target: "ES2020", module: "commonjs", lib: ["es2020"], types: [], skipLibCheck: true, noEmit: true },
    files: ["main.ts"],
  }));
  const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
  const times: number[] = [];
  let listed: string[] = [];
  for (let i = 0; i < 3; i++) {
    const t = Date.now();
    listed = sh(process.execPath, [tsc, "-p", ".", "--listFilesOnly"], dir).split("\n").filter(Boolean);
    sh(process.execPath, [tsc, "-p", "."], dir);
    times.push(Date.now() - t);
  }
  return { ms: median(times), files: listed.length, zodFiles: listed.filter((f) => f.includes("/node_modules/zod/")).length };
}

function main(): void {
  const tarball = path.resolve(process.argv[2] ?? "");
  if (!process.argv[2] || !fs.existsSync(tarball)) throw new Error("usage: tsx scripts/measure-install.ts <packed tarball>");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-measure-"));
  const rows: string[] = ["| profile | node_modules | require root (ms, median of 5) | consumer tsc (ms) | files in type check | zod .d.ts |", "| --- | --- | --- | --- | --- | --- |"];
  try {
    for (const profile of Object.keys(PROFILES)) {
      const dir = install(tarball, profile, work);
      const mb = (duBytes(path.join(dir, "node_modules")) / 1e6).toFixed(0);
      let req = "fails", tsc = "fails", files = "-", zod = "-";
      try { req = requireMs(dir).toFixed(0); } catch { /* root entry needs a peer this profile lacks */ }
      try { const s = tscStats(dir); tsc = String(s.ms); files = String(s.files); zod = String(s.zodFiles); } catch { /* type check fails without a peer */ }
      rows.push(`| ${profile} | ${mb} MB | ${req} | ${tsc} | ${files} | ${zod} |`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(rows.join("\n"));
}

main();
