// `npm run bench`: synthesizes generated estates of growing size through the library and through the raw
// bindings (same resources, no library logic), each in its own process, library and raw back to back, and
// writes the ratios, the time breakdown by phase, a Markdown table, an SVG chart and the raw numbers into
// bench/results/.
//   npm run bench -- [--sizes 1,10,100,500] [--sections namespace-settings,workers,endpoints,ha,estate-wide] [--repeat 3] [--source-maps]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { enabledSections, generateEstate, SECTION_EMITTERS, WORKERS_PER_NAMESPACE, HA_EVERY } from "./generate";
import { renderMarkdown, renderSvgChart, summarize, type Measurement, type RunInfo, type SizeSummary } from "./report";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const TSX = ["--require", "tsx/cjs"];

function runChild(args: string[], sourceMaps: boolean): Measurement {
  const started = performance.now();
  const child = spawnSync(process.execPath, [...TSX, path.join(__dirname, "child.ts"), ...args, ...(sourceMaps ? ["--source-maps"] : [])], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, maxBuffer: 64 * 1024 * 1024 });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`benchmark child ${args.join(" ")} failed:\n${child.stderr}`);
  const line = child.stdout.trim().split("\n").pop()!;
  return { ...(JSON.parse(line) as Omit<Measurement, "processMs">), processMs };
}

function sameResources(a: string, b: string): boolean {
  const strip = (file: string) => {
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, unknown> };
    const resources = Object.entries(doc.resource ?? {}).sort().map(([t, ids]) => [t, Object.entries(ids).sort().map(([id, { "//": _c, ...body }]) => [id, body])]);
    return JSON.stringify([resources, Object.entries(doc.output ?? {}).sort()]);
  };
  return strip(a) === strip(b);
}

/** Milliseconds from spawning `bin` to its first byte on stdout (synth of the default example). */
function cliFirstByte(bin: string, cwd: string, outdir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, "synth", "--out", outdir], { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    let first: number | undefined;
    child.stdout.once("data", () => (first = performance.now() - started));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 && first !== undefined ? resolve(first) : reject(new Error(`CLI exited with ${code}`))));
  });
}

/**
 * The package as installed users run it: lib compiled to dist/ (no tsx), with bin, package.json, examples
 * and schemas beside it and this checkout's node_modules. Returns the path of its bin.
 */
function compiledPackage(work: string): string {
  const pkg = path.join(work, "package");
  const build = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json"), "--outDir", path.join(pkg, "dist"), "--tsBuildInfoFile", path.join(pkg, "dist", ".tsbuildinfo")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`building the package failed:\n${build.stdout}${build.stderr}`);
  // bin is copied, not linked: node resolves a linked main module to its real folder (the checkout, with lib/*.ts).
  fs.mkdirSync(path.join(pkg, "bin"));
  fs.copyFileSync(path.join(ROOT, "bin", "temporal-cloud-guardrails.js"), path.join(pkg, "bin", "temporal-cloud-guardrails.js"));
  for (const entry of ["package.json", "node_modules", "examples", "schemas", "config.schema.json"]) fs.symlinkSync(path.join(ROOT, entry), path.join(pkg, entry));
  return path.join(pkg, "bin", "temporal-cloud-guardrails.js");
}

function runInfo(sections: readonly string[], repeat: number, sourceMaps: boolean): RunInfo {
  return {
    environment: `${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM · load average ${os.loadavg()[0].toFixed(1)} at the end`,
    method: [
      `Estate: N namespaces, sections ${sections.join(", ")}: half production, a quarter each staging and development; AWS and GCP regions; ${WORKERS_PER_NAMESPACE} workers per namespace, API-key workers with rotating keys in the namespace cloud's secrets manager, mTLS workers with client certificates from generated rotating CAs shared per environment; production private-only and staging private + public through endpoints shared per region and VPC; every ${HA_EVERY}th namespace critical production with HA; account audit-log sink and S3 state backend (bench/generate.ts). Every config passes validation and the compliance rules.`,
      "Library = load + validate the config, assemble the stack with every feature, synthesize, run the compliance rules and provider-schema validation on the written JSON, write cdktf.out and the compliance reports (`synthesizeEstate`, what the CLI's synth does).",
      "Raw = the same resources and outputs (checked identical) created directly with the binding classes and synthesized: no config, validation, features or rules. References between resources are binding attribute tokens; other expressions (`timeadd(...)`, conditionals) are replayed as the literal strings the library produced, so the raw side builds fewer tokens than hand-written binding code would.",
      `Synth time excludes module loading; each run in a fresh process (TypeScript run through tsx, source-mapped stack traces ${sourceMaps ? "on" : "off as in the compiled package; \`--source-maps\` turns them on"}). Process time is that run from spawn to exit; RSS is its peak. ${repeat} pairs per size.`,
    ],
    repeat,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: "string" }, sections: { type: "string" }, repeat: { type: "string" }, "source-maps": { type: "boolean" } } });
  const sourceMaps = values["source-maps"] === true;
  const sizes = (values.sizes ?? "1,10,100,500").split(",").map(Number);
  const sections = enabledSections({ sections: values.sections?.split(",") });
  const repeat = Number(values.repeat ?? "3");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-bench-"));
  fs.mkdirSync(RESULTS, { recursive: true });
  console.log(`sections: ${sections.join(", ")} (available: ${SECTION_EMITTERS.map((e) => e.name).join(", ")})`);
  const summaries: SizeSummary[] = [];
  const runs: Array<{ namespaces: number; library: Measurement[]; raw: Measurement[] }> = [];
  try {
    for (const size of sizes) {
      const configFile = path.join(work, `estate-${size}.json`);
      fs.writeFileSync(configFile, JSON.stringify(generateEstate(size, { sections })));
      const library: Measurement[] = [];
      const raw: Measurement[] = [];
      let same = true;
      for (let i = 0; i < repeat; i++) {
        const lib = runChild(["library", configFile, path.join(work, `lib-${size}-${i}`)], sourceMaps);
        const bindings = runChild(["raw", lib.stackFile, path.join(work, `raw-${size}-${i}`)], sourceMaps);
        same &&= sameResources(lib.stackFile, bindings.stackFile);
        library.push(lib);
        raw.push(bindings);
      }
      const summary = summarize({ namespaces: size, library, raw, sameResources: same });
      summaries.push(summary);
      runs.push({ namespaces: size, library, raw });
      console.log(`${size} namespaces: ${summary.resources} resources, overhead ${summary.overhead.toFixed(2)}× (pairs ${library.map((l, i) => (l.synthMs / raw[i].synthMs).toFixed(2)).join(", ")}), fastest library ${(summary.library.synthMs / 1000).toFixed(2)} s, raw ${(summary.raw.synthMs / 1000).toFixed(2)} s`);
    }
    const compiledBin = compiledPackage(work);
    const cli: number[] = [];
    const checkoutCli: number[] = [];
    for (let i = 0; i < 3; i++) {
      cli.push(await cliFirstByte(compiledBin, work, path.join(work, `cli-${i}`)));
      checkoutCli.push(await cliFirstByte(path.join(ROOT, "bin", "temporal-cloud-guardrails.js"), ROOT, path.join(work, `cli-checkout-${i}`)));
    }
    const markdown = renderMarkdown(summaries, cli, runInfo(sections, repeat, sourceMaps), checkoutCli);
    fs.writeFileSync(path.join(RESULTS, "results.md"), markdown);
    fs.writeFileSync(path.join(RESULTS, "chart.svg"), renderSvgChart(summaries));
    fs.writeFileSync(path.join(RESULTS, "results.raw.json"), JSON.stringify({ sections, sourceMaps, runs, cliFirstByteMs: cli, checkoutCliFirstByteMs: checkoutCli }, null, 2));
    console.log(`\n${markdown}\nwritten to ${path.relative(process.cwd(), RESULTS)}/`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
