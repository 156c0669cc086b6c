// `npm run bench`: synthesizes generated estates of growing size through the library and through the raw
// bindings (same resources, no library logic), each in its own process, and writes a Markdown table,
// a PNG chart and the raw numbers into bench/results/.
//   npm run bench -- [--sizes 1,10,100,500] [--sections namespace-settings,workers,endpoints,ha,estate-wide] [--repeat 3] [--source-maps]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { enabledSections, generateEstate, SECTION_EMITTERS, WORKERS_PER_NAMESPACE, HA_EVERY } from "./generate";
import { Canvas, type Rgb } from "./png";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const TSX = ["--require", "tsx/cjs"];

export const TARGETS = { timeAt100Ms: 10_000, rssAt100Bytes: 1024 ** 3, overhead: 1.3, growth500over100: 5.5, cliFirstByteMs: 2_000 };

interface Measurement {
  mode: "library" | "raw";
  importMs: number;
  synthMs: number;
  maxRssBytes: number;
  resources: number;
  stackFile: string;
  processMs: number;
  /** Library only: where the synth time goes. */
  phases?: { configMs: number; ruleModelMs: number; rulesMs: number };
}

interface SizeResult {
  namespaces: number;
  library: Measurement;
  raw: Measurement;
  sameResources: boolean;
}

function runChild(args: string[], sourceMaps: boolean): Measurement {
  const started = performance.now();
  const child = spawnSync(process.execPath, [...TSX, path.join(__dirname, "child.ts"), ...args, ...(sourceMaps ? ["--source-maps"] : [])], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, maxBuffer: 64 * 1024 * 1024 });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`benchmark child ${args.join(" ")} failed:\n${child.stderr}`);
  const line = child.stdout.trim().split("\n").pop()!;
  return { ...(JSON.parse(line) as Omit<Measurement, "processMs">), processMs };
}

/** The fastest of repeated runs: the work is deterministic, so slower runs only measure machine noise. */
function fastest(runs: Measurement[]): Measurement {
  return runs.reduce((best, m) => (m.synthMs < best.synthMs ? m : best));
}

function sameResources(a: string, b: string): boolean {
  const strip = (file: string) => {
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, unknown> };
    const resources = Object.entries(doc.resource ?? {}).sort().map(([t, ids]) => [t, Object.entries(ids).sort().map(([id, { "//": _c, ...body }]) => [id, body])]);
    return JSON.stringify([resources, Object.entries(doc.output ?? {}).sort()]);
  };
  return strip(a) === strip(b);
}

/** Milliseconds from spawning the CLI to its first byte on stdout (synth of the default example). */
function cliFirstByte(outdir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "temporal-cloud-guardrails.js"), "synth", "--out", outdir], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    let first: number | undefined;
    child.stdout.once("data", () => (first = performance.now() - started));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 && first !== undefined ? resolve(first) : reject(new Error(`CLI exited with ${code}`))));
  });
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

function renderMarkdown(results: SizeResult[], cli: number[], sections: string[], repeat: number, sourceMaps: boolean): string {
  const at = (n: number) => results.find((r) => r.namespaces === n);
  const lines = [
    "# Synth benchmark",
    "",
    `${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM · load average ${os.loadavg()[0].toFixed(1)} at the end`,
    "",
    `Estate: N namespaces, sections ${sections.join(", ")}: half production, a quarter each staging and development; AWS and GCP regions; ${WORKERS_PER_NAMESPACE} workers per namespace, API-key workers with rotating keys in the namespace cloud's secrets manager, mTLS workers with client certificates from generated rotating CAs shared per environment; production private-only and staging private + public through endpoints shared per region and VPC; every ${HA_EVERY}th namespace critical production with HA; account audit-log sink and S3 state backend (bench/generate.ts). Every config passes validation and the compliance rules.`,
    "Library = load + validate the config, assemble the stack with every feature, run the compliance rules and provider-schema validation, synthesize, write cdktf.out and the compliance reports (`synthesizeEstate`, what the CLI's synth does).",
    "Raw = the same resources and outputs (checked identical) created directly with the binding classes and synthesized: no config, validation, features or rules. References between resources are binding attribute tokens; other expressions (`timeadd(...)`, conditionals) are replayed as the literal strings the library produced, so the raw side builds fewer tokens than hand-written binding code would.",
    `Synth time excludes module loading; fastest of ${repeat} runs per size, each in a fresh process (TypeScript run through tsx, source-mapped stack traces ${sourceMaps ? "on" : "off as in the compiled package; \`--source-maps\` turns them on"}). Process time is that run from spawn to exit; RSS is its peak.`,
    "",
    "| Namespaces | Resources | Library synth (s) | Raw synth (s) | Overhead | Library process (s) | Raw process (s) | Library peak RSS (MB) | Raw peak RSS (MB) | Same resources |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ...results.map((r) =>
      `| ${r.namespaces} | ${r.library.resources} | ${s(r.library.synthMs)} | ${s(r.raw.synthMs)} | ${ratio(r.library.synthMs, r.raw.synthMs)}× | ${s(r.library.processMs)} | ${s(r.raw.processMs)} | ${mb(r.library.maxRssBytes)} | ${mb(r.raw.maxRssBytes)} | ${r.sameResources ? "yes" : "NO"} |`,
    ),
    "",
    "Where the library's synth time goes (same runs):",
    "",
    "| Namespaces | Config load + validation (s) | Rule model from the written JSON (s) | Rules + schema validation (s) | Assembly, cdktf synth, reports (s) |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...results.map((r) => {
      const p = r.library.phases;
      if (!p) return `| ${r.namespaces} | | | | |`;
      return `| ${r.namespaces} | ${s(p.configMs)} | ${s(p.ruleModelMs)} | ${s(p.rulesMs)} | ${s(r.library.synthMs - p.configMs - p.ruleModelMs - p.rulesMs)} |`;
    }),
    "",
    "## Targets",
    "",
    "| Target | Measured | |",
    "| --- | --- | --- |",
  ];
  const r100 = at(100);
  const r500 = at(500);
  if (r100) {
    lines.push(`| 100 namespaces synthesized in < 10 s (whole process) | ${s(r100.library.processMs)} s | ${verdict(r100.library.processMs < TARGETS.timeAt100Ms)} |`);
    lines.push(`| 100 namespaces in < 1 GiB peak RSS | ${mb(r100.library.maxRssBytes)} MB | ${verdict(r100.library.maxRssBytes < TARGETS.rssAt100Bytes)} |`);
    lines.push(`| Library overhead ≤ 1.3× raw bindings (synth, 100 namespaces) | ${ratio(r100.library.synthMs, r100.raw.synthMs)}× | ${verdict(r100.library.synthMs / r100.raw.synthMs <= TARGETS.overhead)} |`);
  }
  if (r500) lines.push(`| Overhead at 500 namespaces | ${ratio(r500.library.synthMs, r500.raw.synthMs)}× | ${verdict(r500.library.synthMs / r500.raw.synthMs <= TARGETS.overhead)} |`);
  if (r100 && r500) lines.push(`| time(500) / time(100) ≤ 5.5 (synth) | ${ratio(r500.library.synthMs, r100.library.synthMs)} | ${verdict(r500.library.synthMs / r100.library.synthMs <= TARGETS.growth500over100)} |`);
  const cliMedian = [...cli].sort((a, b) => a - b)[Math.floor(cli.length / 2)];
  lines.push(`| CLI start → first byte of output < 2 s (default example, median of ${cli.length}) | ${s(cliMedian)} s | ${verdict(cliMedian < TARGETS.cliFirstByteMs)} |`);
  lines.push("", "![Synth time and peak RSS](chart.png)", "");
  return lines.join("\n");
}

const BLUE: Rgb = [37, 99, 235];
const GREY: Rgb = [160, 160, 160];
const INK: Rgb = [40, 40, 40];
const RED: Rgb = [220, 38, 38];

function renderChart(results: SizeResult[]): Buffer {
  const panelW = 420;
  let targetDrawn = false;
  const canvas = new Canvas(panelW * 2 + 60, 330);
  const panels: Array<{ title: string; value: (m: Measurement) => number; target?: number; unit: (v: number) => string }> = [
    { title: "SYNTH TIME (S)", value: (m) => m.synthMs / 1000, target: undefined, unit: (v) => v.toFixed(v < 1 ? 2 : 1) },
    { title: "PEAK RSS (MB)", value: (m) => m.maxRssBytes / 1024 ** 2, target: 1024, unit: (v) => v.toFixed(0) },
  ];
  panels.forEach((panel, p) => {
    const x0 = 20 + p * (panelW + 20) + 50;
    const y0 = 40;
    const plotW = panelW - 60;
    const plotH = 220;
    const max = Math.max(...results.flatMap((r) => [panel.value(r.library), panel.value(r.raw)])) * 1.15 || 1;
    canvas.text(x0, 10, panel.title, INK, 2);
    canvas.vLine(x0, y0, y0 + plotH, INK);
    canvas.hLine(x0, x0 + plotW, y0 + plotH, INK);
    for (let t = 0; t <= 4; t++) {
      const v = (max / 4) * t;
      const y = y0 + plotH - (plotH * t) / 4;
      canvas.hLine(x0 - 4, x0, y, INK);
      if (t > 0) canvas.hLine(x0 + 1, x0 + plotW, y, [225, 225, 225], true);
      const label = panel.unit(v);
      canvas.text(x0 - 8 - Canvas.textWidth(label), y - 5, label, INK, 2);
    }
    if (panel.target && panel.target < max) {
      canvas.hLine(x0, x0 + plotW, y0 + plotH - (plotH * panel.target) / max, RED, true);
      targetDrawn = true;
    }
    const group = plotW / results.length;
    results.forEach((r, i) => {
      const gx = x0 + group * i + group * 0.15;
      const bw = group * 0.33;
      const bars: Array<[number, Rgb]> = [[panel.value(r.library), BLUE], [panel.value(r.raw), GREY]];
      bars.forEach(([v, color], b) => {
        const h = (plotH * v) / max;
        canvas.fillRect(gx + b * bw, y0 + plotH - h, bw - 2, h, color);
      });
      const label = String(r.namespaces);
      canvas.text(gx + bw - Canvas.textWidth(label) / 2, y0 + plotH + 8, label, INK, 2);
    });
    canvas.text(x0 + plotW / 2 - Canvas.textWidth("NAMESPACES") / 2, y0 + plotH + 26, "NAMESPACES", INK, 2);
  });
  canvas.fillRect(70, 312, 12, 12, BLUE);
  canvas.text(88, 313, "LIBRARY", INK, 2);
  canvas.fillRect(170, 312, 12, 12, GREY);
  canvas.text(188, 313, "RAW BINDINGS", INK, 2);
  if (targetDrawn) {
    canvas.hLine(320, 340, 318, RED, true);
    canvas.text(346, 313, "1 GIB", INK, 2);
  }
  return canvas.toPng();
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
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const configFile = path.join(work, `estate-${size}.json`);
      fs.writeFileSync(configFile, JSON.stringify(generateEstate(size, { sections })));
      const libraryRuns: Measurement[] = [];
      const rawRuns: Measurement[] = [];
      for (let i = 0; i < repeat; i++) {
        const library = runChild(["library", configFile, path.join(work, `lib-${size}-${i}`)], sourceMaps);
        libraryRuns.push(library);
        rawRuns.push(runChild(["raw", library.stackFile, path.join(work, `raw-${size}-${i}`)], sourceMaps));
      }
      const library = fastest(libraryRuns);
      const raw = fastest(rawRuns);
      const result = { namespaces: size, library, raw, sameResources: sameResources(library.stackFile, raw.stackFile) };
      results.push(result);
      console.log(`${size} namespaces: ${library.resources} resources, library ${s(library.synthMs)} s / ${mb(library.maxRssBytes)} MB, raw ${s(raw.synthMs)} s / ${mb(raw.maxRssBytes)} MB, overhead ${ratio(library.synthMs, raw.synthMs)}×`);
    }
    const cli: number[] = [];
    for (let i = 0; i < 3; i++) cli.push(await cliFirstByte(path.join(work, `cli-${i}`)));
    const markdown = renderMarkdown(results, cli, sections, repeat, sourceMaps);
    fs.writeFileSync(path.join(RESULTS, "results.md"), markdown);
    fs.writeFileSync(path.join(RESULTS, "chart.png"), renderChart(results));
    fs.writeFileSync(path.join(RESULTS, "results.raw.json"), JSON.stringify({ sections, sourceMaps, results, cliFirstByteMs: cli }, null, 2));
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
