// Opt-in check that the jsii build works from Python (not part of npm test: it downloads ~900 MB of Python
// wheels, cdktf and the provider packages, once). Builds the assembly (scripts/jsii.ts), generates the Python
// package with jsii-pacmak, installs it into a virtualenv under ~/.cache and runs scripts/python/estate_smoke.py:
// an estate from a config file and from a dict must synthesize what TypeScript synthesizes, a bad dict must
// report every problem as `path: message`, and a feature written in Python must run in both phases.
//   tsx scripts/python-estate.ts [--stage DIR] [--venv DIR]
//   --stage: a stage kept by `tsx scripts/jsii.ts --keep` (has .jsii); --venv: the virtualenv to use (created if missing)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { parse as parseYaml } from "yaml";
import { buildJsii } from "./jsii";
import { EstateConfig } from "../lib/config/estate-config";
import { TemporalCloudEstate } from "../lib/estate/temporal-cloud-estate";

const ROOT = path.join(__dirname, "..");
/** jsii-pacmak release the Python package is generated with; the Python `jsii` runtime must be at least this. */
const PACMAK = "jsii-pacmak@1.140.0";
const EXAMPLES = ["production-estate", "split-estate"];
const CACHE = path.join(os.homedir(), ".cache", "temporal-cloud-guardrails", "python-estate");
const ENV = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0] };

function sh(command: string, args: readonly string[], cwd: string): void {
  const run = spawnSync(command, args, { cwd, env: ENV, stdio: "inherit" });
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${run.status ?? run.signal})`);
}

/** The stage with a built assembly: the one given, or a fresh jsii build. */
function assemblyStage(argv: readonly string[]): string {
  const given = argv.indexOf("--stage");
  if (given >= 0) {
    const dir = path.resolve(argv[given + 1]);
    if (!fs.existsSync(path.join(dir, ".jsii"))) throw new Error(`${dir} holds no .jsii assembly; run tsx scripts/jsii.ts --keep first`);
    return dir;
  }
  const build = buildJsii();
  if (!build.ok) {
    for (const d of build.errors) console.error(`${d.where ? `${d.where} ` : ""}${d.code}: ${d.message}`);
    throw new Error(`jsii: ${build.errors.length} errors, no assembly to generate Python from`);
  }
  return build.stage;
}

/** What TypeScript synthesizes for each example, and each example's document as plain JSON (the dict). */
function writeTypeScriptSide(work: string): void {
  for (const name of EXAMPLES) {
    const file = path.join(ROOT, "examples", `${name}.yaml`);
    fs.writeFileSync(path.join(work, `${name}.json`), JSON.stringify(parseYaml(fs.readFileSync(file, "utf8"))));
    const app = new App({ outdir: fs.mkdtempSync(path.join(work, "ts-")), skipValidation: true });
    const estate = new TemporalCloudEstate(app, { config: EstateConfig.fromFile(file), policy: { failOnError: false } });
    app.synth();
    const stacks = Object.fromEntries(estate.stacks.map((s) => [s.node.id, JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", s.node.id, "cdk.tf.json"), "utf8")) as unknown]));
    fs.writeFileSync(path.join(work, `${name}.ts-synth.json`), JSON.stringify(stacks));
  }
}

function main(argv: readonly string[]): number {
  const stage = assemblyStage(argv);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-python-estate-"));
  sh("npx", ["--yes", PACMAK, "-t", "python", "--code-only", "-o", path.join(work, "dist")], stage);
  const venvFlag = argv.indexOf("--venv");
  const venv = venvFlag >= 0 ? path.resolve(argv[venvFlag + 1]) : path.join(CACHE, "venv");
  if (!fs.existsSync(path.join(venv, "bin", "python"))) sh("python3", ["-m", "venv", venv], ROOT);
  const python = path.join(venv, "bin", "python");
  // Its install_requires name cdktf, constructs, the four provider packages and the jsii runtime.
  sh(python, ["-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", path.join(work, "dist", "python")], ROOT);
  sh(python, ["-m", "pip", "install", "-q", path.join(work, "dist", "python")], ROOT);
  writeTypeScriptSide(work);
  const smoke = spawnSync(python, [path.join(__dirname, "python", "estate_smoke.py"), path.join(ROOT, "examples"), work, EXAMPLES.join(",")], { env: ENV, stdio: "inherit" });
  fs.rmSync(work, { recursive: true, force: true });
  return smoke.status ?? 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
