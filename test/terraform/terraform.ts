// Runs the real terraform binary on synthesized stacks: the one `npm run providers` recorded, else PATH.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readManifest } from "../../scripts/toolchain";

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { filename: string; start: { line: number } };
  readonly snippet?: { context?: string; code?: string };
}

export interface TerraformRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `TCG_ENGINE=tofu` runs OpenTofu (the e2e suite's second pass); anything else terraform. */
export function engine(): "terraform" | "tofu" {
  return process.env.TCG_ENGINE === "tofu" ? "tofu" : "terraform";
}

export function terraformBinary(): string {
  const manifest = readManifest();
  if (engine() === "tofu") {
    if (!manifest?.tofu) throw new Error("TCG_ENGINE=tofu but the toolchain has no OpenTofu: run `npm run providers`");
    return manifest.tofu.path;
  }
  return manifest?.terraform.path ?? "terraform";
}

/** Runs terraform in `cwd` with the given CLI config; never reads the user's ~/.terraformrc. */
export function terraform(cwd: string, args: string[], cliConfig: string, env: NodeJS.ProcessEnv = {}): TerraformRun {
  const res = spawnSync(terraformBinary(), args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", TF_CLI_CONFIG_FILE: cliConfig, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (res.error) throw new Error(`cannot run ${terraformBinary()} (install terraform ≥ 1.11 or run \`npm run providers\`): ${res.error.message}`);
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Diagnostics of a `-json` run (one JSON object per line). */
export function diagnosticsOf(stdout: string): Diagnostic[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { type?: string; diagnostic?: Diagnostic })
    .filter((m) => m.type === "diagnostic" && m.diagnostic)
    .map((m) => m.diagnostic as Diagnostic);
}

/** A CLI config that installs providers from an empty folder: init parses everything, then finds no provider. */
export function noProviderCliConfig(dir: string): string {
  const empty = path.join(dir, "no-providers");
  fs.mkdirSync(empty, { recursive: true });
  const file = path.join(dir, "terraformrc");
  fs.writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(empty)}\n  }\n}\n`);
  return file;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.range ? ` (${d.range.filename}:${d.range.start.line}${d.snippet?.context ? `, ${d.snippet.context}` : ""})` : "";
  return `${d.severity}: ${d.summary}${where}${d.snippet?.code ? `\n    ${d.snippet.code.trim()}` : ""}${d.detail ? `\n    ${d.detail}` : ""}`;
}
