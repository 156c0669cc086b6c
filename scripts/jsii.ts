// The jsii build: compiles lib/entries/jsii.ts with the real jsii compiler (devDependency `jsii`) into a
// jsii assembly, the input jsii-pacmak turns into Python, Java, .NET and Go packages. jsii writes its own
// package.json fields, tsconfig and outputs next to the sources, so it works on a staged copy of lib/ in a
// temporary folder and never touches the repository.
//   tsx scripts/jsii.ts [--keep] [--out DIR]   exit 0 when jsii built the assembly; --out copies .jsii there
// test/package/jsii.test.ts runs it and requires 0 errors.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
/** The jsii entry: the API other languages get (one flat module; see lib/entries/jsii.ts). */
export const JSII_ENTRY = "lib/entries/jsii";
/** Peers whose types the API carries; each ships a .jsii assembly, which jsii requires of a dependency. */
const JSII_PEERS = ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-google", "@cdktf/provider-time", "@cdktf/provider-tls"];
/** Plain npm dependencies are bundled into the jsii package, as jsii requires of non-jsii modules. */
const BUNDLED = ["yaml", "zod"];
/** Folders the package reads at run time (packageFile), shipped in the jsii package as in the npm one. */
const RUNTIME_FILES = ["schemas"];
/** Parts of lib/ no construct reaches (CLI, emulator); left out so their optional peers need no types. */
const NOT_STAGED = ["cli", "emulator"];

export interface JsiiDiagnostic {
  /** `lib/...:line` or `""` for a diagnostic about the package. */
  readonly where: string;
  /** `JSII3001`, `TS6133`, ... */
  readonly code: string;
  readonly message: string;
}

export interface JsiiBuild {
  readonly ok: boolean;
  readonly errors: readonly JsiiDiagnostic[];
  readonly warnings: readonly JsiiDiagnostic[];
  /** The assembly jsii wrote (`.jsii`), when it built. */
  readonly assembly?: { readonly types?: Record<string, { readonly kind: string; readonly fqn: string }> };
  readonly stage: string;
  readonly output: string;
}

function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

function stagePackageJson(): object {
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, Record<string, string> | string | undefined>;
  const peers = own.peerDependencies as Record<string, string>;
  const deps = own.dependencies as Record<string, string>;
  return {
    name: own.name,
    version: own.version,
    description: own.description,
    license: own.license,
    // jsii requires both; the project has no public repository yet, so these name it until it does.
    author: own.author ?? { name: "temporal-cloud-guardrails authors", organization: false },
    repository: own.repository ?? { type: "git", url: "https://example.invalid/temporal-cloud-guardrails.git" },
    main: `${JSII_ENTRY}.js`,
    types: `${JSII_ENTRY}.d.ts`,
    dependencies: Object.fromEntries(BUNDLED.map((d) => [d, deps[d]])),
    bundledDependencies: BUNDLED,
    peerDependencies: Object.fromEntries(JSII_PEERS.map((p) => [p, peers[p]])),
    // jsii checks that each peer is also a devDependency (it compiles against that version).
    devDependencies: Object.fromEntries(JSII_PEERS.map((p) => [p, installedVersion(p)])),
    jsii: {
      outdir: "dist",
      targets: { python: { distName: "temporal-cloud-guardrails", module: "temporal_cloud_guardrails" } },
      tsconfig: "tsconfig.jsii.json",
      validateTsconfig: "minimal",
    },
  };
}

function stageTsconfig(): object {
  const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const { paths: _paths, outDir: _outDir, rootDir: _rootDir, types: _types, ...options } = compilerOptions;
  return {
    compilerOptions: { ...options, types: ["node"], experimentalDecorators: true, inlineSourceMap: true, inlineSources: true, noEmitOnError: true },
    include: ["lib/**/*.ts"],
    exclude: ["node_modules", ...NOT_STAGED.map((d) => `lib/${d}/**`)],
  };
}

/** Copies lib/ (and what jsii reads besides) into a fresh folder laid out as the jsii package. */
export function stage(dir: string = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-jsii-"))): string {
  fs.cpSync(path.join(ROOT, "lib"), path.join(dir, "lib"), {
    recursive: true,
    filter: (src) => !NOT_STAGED.some((d) => src === path.join(ROOT, "lib", d)),
  });
  for (const file of ["README.md"]) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  // Read at run time (the estate's provider-schema validation): without them a Python estate fails with ENOENT.
  for (const folder of RUNTIME_FILES) fs.cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(stagePackageJson(), null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "tsconfig.jsii.json"), `${JSON.stringify(stageTsconfig(), null, 2)}\n`);
  return dir;
}

const DIAGNOSTIC = /^(?:(\S+?):(\d+):\d+ - )?(error|warning) (JSII\d+|TS\d+): (.*)$/;

/** The diagnostics of jsii's output, by kind. */
export function parseDiagnostics(output: string): { errors: JsiiDiagnostic[]; warnings: JsiiDiagnostic[] } {
  const errors: JsiiDiagnostic[] = [];
  const warnings: JsiiDiagnostic[] = [];
  for (const line of output.split("\n")) {
    const m = DIAGNOSTIC.exec(line.trim());
    if (!m) continue;
    const d = { where: m[1] ? `${m[1]}:${m[2]}` : "", code: m[4], message: m[5].replace(/ \[[a-z-]+\/[a-z-]+\]$/, "") };
    (m[3] === "error" ? errors : warnings).push(d);
  }
  return { errors, warnings };
}

/** Stages lib/ and runs jsii on it. */
export function buildJsii(options: { readonly stage?: string } = {}): JsiiBuild {
  const dir = stage(options.stage);
  const jsii = path.join(ROOT, "node_modules", "jsii", "bin", "jsii");
  // jsii 5.9 still runs on Node 20 but prints an end-of-life banner on every call; the engines are ours.
  const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0], NO_COLOR: "1", FORCE_COLOR: "0" };
  const run = spawnSync(process.execPath, [jsii, dir, "--silence-warnings=reserved-word"], { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  const { errors, warnings } = parseDiagnostics(output);
  const assemblyFile = path.join(dir, ".jsii");
  const assembly = run.status === 0 && fs.existsSync(assemblyFile) ? JSON.parse(fs.readFileSync(assemblyFile, "utf8")) : undefined;
  return { ok: run.status === 0 && assembly !== undefined, errors, warnings, assembly, stage: dir, output };
}

function main(argv: readonly string[]): number {
  const keep = argv.includes("--keep");
  const outIndex = argv.indexOf("--out");
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  const build = buildJsii();
  for (const d of [...build.errors, ...build.warnings]) console.log(`${d.where ? `${d.where} ` : ""}${d.code}: ${d.message}`);
  if (build.ok) {
    const types = Object.values(build.assembly?.types ?? {});
    console.log(`jsii: assembly built, ${types.length} types (${types.filter((t) => t.kind === "class").length} classes)`);
    if (out) {
      fs.mkdirSync(out, { recursive: true });
      fs.copyFileSync(path.join(build.stage, ".jsii"), path.join(out, ".jsii"));
      console.log(`jsii: wrote ${path.join(out, ".jsii")}`);
    }
  } else {
    console.log(`jsii: ${build.errors.length} errors, no assembly`);
    if (build.errors.length === 0) console.log(build.output);
  }
  if (keep) console.log(`jsii: staged package kept in ${build.stage}`);
  else fs.rmSync(build.stage, { recursive: true, force: true });
  return build.ok ? 0 : 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
