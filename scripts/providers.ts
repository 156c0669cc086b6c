// Test toolchain: builds the real Terraform providers from their Go modules (Go module proxy) into a cache
// outside the repo, lays them out for Terraform and writes a CLI config that installs them without a registry.
//   npm run providers            -> temporalcloud, tls, time (what `.ci/run` and the e2e suite need)
//   npm run providers -- --cloud -> also aws and google (slow; see docs/testing.md), and moto (scripts/moto.ts)
// Last output line: TF_CLI_CONFIG_FILE=<absolute path>. The manifest beside it says what was really built.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureMoto } from "./moto";
import { OPENTOFU, PROVIDERS, readManifest, REGISTRY_HOSTS, type BuildCandidate, type ProviderSpec, toolchainDir, type ToolchainManifest, type BuiltProvider } from "./toolchain";

const MIN_TERRAFORM = [1, 11] as const;
const TERRAFORM_MODULE = { module: "github.com/hashicorp/terraform", goVersion: "v1.11.4" };

function log(message: string): void {
  process.stderr.write(`providers: ${message}\n`);
}

function goEnv(): NodeJS.ProcessEnv {
  // Go only as a build tool: never let it fetch a toolchain or read VCS state of the module cache.
  return { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-buildvcs=false -mod=readonly" };
}

/** `go mod download` is a cheap proxy query: it answers "not available" in a second when a version is not served. */
function download(module: string, goVersion: string): string | undefined {
  const res = spawnSync("go", ["mod", "download", "-json", `${module}@${goVersion}`], { env: goEnv(), encoding: "utf8", cwd: process.env.HOME });
  const info = safeJson(res.stdout);
  if (res.status === 0 && typeof info?.Dir === "string") return info.Dir;
  log(`${module}@${goVersion} not available: ${String(info?.Error ?? res.stderr).trim().split("\n")[0]}`);
  return undefined;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Builds the module's main package (inside the downloaded module, so its own go.mod and replaces apply). */
function build(dir: string, out: string, ldflags: string, main = "."): number {
  const started = Date.now();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  execFileSync("nice", ["-n", "10", "go", "build", "-trimpath", "-ldflags", `-s -w ${ldflags}`, "-o", tmp, main], {
    cwd: dir,
    env: goEnv(),
    stdio: ["ignore", "inherit", "inherit"],
  });
  fs.renameSync(tmp, out);
  return Math.round((Date.now() - started) / 1000);
}

/** The first candidate the proxy serves, built (or reused from the cache). */
function provide(spec: ProviderSpec, root: string): BuiltProvider {
  for (const candidate of spec.candidates) {
    const binary = path.join(root, "providers", spec.name, candidate.version, `terraform-provider-${spec.name}`);
    if (fs.existsSync(binary)) {
      log(`${spec.name} ${candidate.version}: cached (${binary})`);
      return built(spec, candidate, binary, 0);
    }
    const dir = download(spec.module, candidate.goVersion);
    if (!dir) continue;
    log(`${spec.name} ${candidate.version}: building ${spec.module}@${candidate.goVersion}`);
    return built(spec, candidate, binary, build(dir, binary, `-X main.version=${candidate.version}`));
  }
  const served = spec.unavailable ? `; ${spec.unavailable}` : "";
  throw new Error(`no version of ${spec.module} could be had from the Go module proxy (tried ${spec.candidates.map((c) => c.goVersion).join(", ")})${served}`);
}

function built(spec: ProviderSpec, candidate: BuildCandidate, binary: string, seconds: number): BuiltProvider {
  return { source: spec.source, pinned: spec.pinned, built: candidate.version, module: `${spec.module}@${candidate.goVersion}`, binary, buildSeconds: seconds, note: candidate.note };
}

/**
 * Filesystem mirror (unpacked layout) at the pinned version. A provider built at another version gets a
 * placeholder there that refuses to run: `terraform init` needs something to install even for a provider
 * under dev_overrides, and nothing may pass the other build off as the pinned one.
 */
function mirror(root: string, provider: BuiltProvider): void {
  const [first, ...others] = REGISTRY_HOSTS.map((host) => mirrorPath(root, provider, host));
  fs.mkdirSync(path.dirname(first), { recursive: true });
  if (provider.built === provider.pinned) {
    link(provider.binary, first);
  } else if (!fs.existsSync(first)) {
    const why = `${provider.source} ${provider.pinned} was not built (only ${provider.built}); it runs through dev_overrides in ${path.join(root, "terraformrc")}`;
    writeAtomically(first, `#!/bin/sh\necho ${JSON.stringify(why)} >&2\nexit 1\n`);
    fs.chmodSync(first, 0o755);
  }
  // The same file under OpenTofu's default registry host.
  for (const target of others) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    link(first, target);
  }
}

/** A hard link (no copy of the binary); one that another run made first is as good. */
function link(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

/** `<mirror>/<host>/<namespace>/<type>/<version>/<platform>/terraform-provider-<type>_v<version>` (unpacked layout). */
function mirrorPath(root: string, provider: BuiltProvider, host: string): string {
  const [, namespace, name] = provider.source.split("/");
  return path.join(root, "mirror", host, namespace, name, provider.pinned, platform(), `terraform-provider-${name}_v${provider.pinned}`);
}

/** `registry.terraform.io/ns/type` under every registry host. */
function addresses(source: string): string[] {
  const bare = source.split("/").slice(1).join("/");
  return REGISTRY_HOSTS.map((host) => `${host}/${bare}`);
}

function platform(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  return `${process.platform}_${arch}`;
}

/** Mirror for every provider; dev_overrides (no version check) for one built at another version than pinned. */
function cliConfig(root: string, providers: BuiltProvider[]): string {
  const overrides = providers.filter((p) => p.built !== p.pinned);
  const lines = ["# Written by scripts/providers.ts. Installs only the locally built providers.", "provider_installation {"];
  if (overrides.length > 0) {
    lines.push("  # Built at another version than the stacks pin (see manifest.json): no version check.", "  dev_overrides {");
    for (const p of overrides) for (const address of addresses(p.source)) lines.push(`    "${address}" = ${JSON.stringify(path.dirname(p.binary))}`);
    lines.push("  }");
  }
  lines.push("  filesystem_mirror {", `    path    = ${JSON.stringify(path.join(root, "mirror"))}`);
  lines.push(`    include = ${JSON.stringify(providers.flatMap((p) => addresses(p.source)))}`, "  }", "}");
  const file = path.join(root, "terraformrc");
  writeAtomically(file, `${lines.join("\n")}\n`);
  return file;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * Folder of one toolchain (mirror, CLI config, manifest), named by what it holds (build times aside).
 * Checkouts on different commits share the cache and run `npm test` at the same time: each gets its own
 * set, and a set, once written, never changes under a running suite.
 */
function setDir(root: string, m: Omit<ToolchainManifest, "cliConfig">): string {
  const providers = Object.fromEntries(Object.entries(m.providers).map(([k, p]) => [k, { ...p, buildSeconds: 0 }]));
  const key = createHash("sha256").update(JSON.stringify({ ...m, providers })).digest("hex").slice(0, 12);
  return path.join(root, "sets", key);
}

/** `version -json` of terraform or tofu (both answer with `terraform_version`). */
function terraformVersion(bin: string): string | undefined {
  const res = spawnSync(bin, ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" } });
  return (safeJson(res.stdout ?? "")?.terraform_version as string | undefined) ?? undefined;
}

/** terraform on PATH when ≥ 1.11, else built from its Go module into the cache. */
function terraform(root: string): { path: string; version: string } {
  const which = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" }).stdout.trim();
  const onPath = which ? terraformVersion(which) : undefined;
  if (which && onPath) {
    if (atLeast(onPath, MIN_TERRAFORM)) return { path: which, version: onPath };
    log(`terraform ${onPath} on PATH is older than ${MIN_TERRAFORM.join(".")}`);
  }
  const binary = path.join(root, "terraform", TERRAFORM_MODULE.goVersion, "terraform");
  if (!fs.existsSync(binary)) {
    const dir = download(TERRAFORM_MODULE.module, TERRAFORM_MODULE.goVersion);
    if (!dir) throw new Error("no terraform ≥ 1.11 on PATH and none could be built");
    build(dir, binary, `-X main.version=${TERRAFORM_MODULE.goVersion.slice(1)}`);
  }
  return { path: binary, version: terraformVersion(binary) ?? TERRAFORM_MODULE.goVersion.slice(1) };
}

function atLeast(version: string, minimum: readonly number[]): boolean {
  const [major, minor] = version.split(".").map(Number);
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

/** tofu on PATH when ≥ 1.10, else built from its Go module into the cache; undefined when neither works. */
function opentofu(root: string): { path: string; version: string } | undefined {
  const which = spawnSync("sh", ["-c", "command -v tofu"], { encoding: "utf8" }).stdout.trim();
  const onPath = which ? terraformVersion(which) : undefined;
  if (which && onPath && atLeast(onPath, OPENTOFU.minimum)) return { path: which, version: onPath };
  const binary = path.join(root, "tofu", OPENTOFU.goVersion, "tofu");
  if (!fs.existsSync(binary)) {
    const dir = download(OPENTOFU.module, OPENTOFU.goVersion);
    if (!dir) return undefined;
    log(`tofu ${OPENTOFU.goVersion}: building ${OPENTOFU.module}@${OPENTOFU.goVersion} (first time only)`);
    build(dir, binary, OPENTOFU.ldflags, OPENTOFU.main);
  }
  return { path: binary, version: terraformVersion(binary) ?? OPENTOFU.goVersion.slice(1) };
}

function main(): void {
  const cloud = process.argv.includes("--cloud");
  const root = toolchainDir();
  fs.mkdirSync(root, { recursive: true });
  const tf = terraform(root);
  log(`terraform ${tf.version} at ${tf.path}`);
  const tofu = opentofu(root);
  if (!tofu) throw new Error(`OpenTofu ${OPENTOFU.goVersion} is neither on PATH nor buildable from the Go module proxy`);
  log(`tofu ${tofu.version} at ${tofu.path}`);
  const providers: Record<string, BuiltProvider> = {};
  const missing: Record<string, string> = {};
  for (const spec of PROVIDERS.filter((p) => cloud || !p.cloud)) {
    try {
      providers[spec.name] = provide(spec, root);
    } catch (err) {
      if (!spec.cloud) throw err;
      missing[spec.name] = (err as Error).message; // cloud providers are optional: recorded, not fatal
      log(missing[spec.name]);
    }
  }
  const moto = cloud ? ensureMoto(root, log) : undefined;
  if (moto?.installSeconds) log(`moto ${moto.version}: installed in ${moto.installSeconds} s`);
  const motoEntry = moto && { version: moto.version, python: moto.python };
  const set = setDir(root, { terraform: tf, tofu, providers, missing, ...(motoEntry && { moto: motoEntry }) });
  const config = path.join(set, "terraformrc");
  const manifest: ToolchainManifest = { terraform: tf, tofu, cliConfig: config, providers, missing, ...(motoEntry && { moto: motoEntry }) };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (fs.existsSync(path.join(set, "manifest.json"))) {
    log(`mirror and CLI config unchanged (${set})`);
  } else {
    for (const p of Object.values(providers)) mirror(set, p);
    cliConfig(set, Object.values(providers));
    writeAtomically(path.join(set, "manifest.json"), text); // written last: the set is complete
  }
  // The latest run's manifest, for readers without TCG_MANIFEST (`npm run schemas`, a lone `npx jest`).
  writeAtomically(path.join(root, "manifest.json"), text);
  for (const p of Object.values(providers)) {
    log(`${p.source}: pinned ${p.pinned}, built ${p.built}${p.built === p.pinned ? "" : "  <-- NOT the pinned version (dev_overrides)"}`);
  }
  process.stdout.write(`TF_CLI_CONFIG_FILE=${config}\n`);
}

main();
