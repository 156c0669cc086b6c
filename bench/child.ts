// One benchmark measurement in a fresh process, so peak RSS belongs to one run:
//   child.ts library <config.json> <outdir>          validation + stack assembly + rules + synth
//   child.ts raw <library cdk.tf.json> <outdir>      the same resources through bindings only (the replay
//                                                   plan is prepared before the clock starts)
//   a trailing --source-maps keeps tsx's source-mapped stack traces on
// Prints one JSON line: { synthMs, synthWallMs, maxRssBytes, resources, phases }. synthMs and the phases are
// CPU time of this process (user + system): on a shared machine wall time measures the neighbours too.
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Phases } from "./report";

/** CPU time this process has used (user + system), in ms. */
const cpuNow = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

function timeCalls<T extends object, K extends keyof T>(owner: T, name: K, add: (ms: number, started: number) => void): void {
  const original = owner[name] as unknown as (...args: unknown[]) => unknown;
  (owner as Record<K, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    const started = cpuNow();
    try {
      return original.apply(this, args);
    } finally {
      add(cpuNow() - started, started);
    }
  } as unknown as T[K];
}

/**
 * Times cdktf's own synthesis steps on both sides by wrapping (not changing) its methods: the preparing
 * resolve of every element, the resolve of the stack into its JSON, and the rest of `app.synth()` (aspects,
 * JSON serialization, writing the files). Returns when `app.synth()` started.
 */
function timeCdktf(phases: Phases): { synthStartedAt: () => number } {
  const { App, TerraformStack } = require("cdktf") as typeof import("cdktf");
  let synthStartedAt = Number.NaN;
  let synthMs = 0;
  timeCalls(TerraformStack.prototype, "prepareStack", (ms) => (phases.prepare = (phases.prepare ?? 0) + ms));
  timeCalls(TerraformStack.prototype, "toTerraform", (ms) => (phases.resolve = (phases.resolve ?? 0) + ms));
  timeCalls(App.prototype, "synth", (ms, started) => {
    synthStartedAt = started;
    synthMs += ms;
    phases.write = synthMs - (phases.prepare ?? 0) - (phases.resolve ?? 0);
  });
  return { synthStartedAt: () => synthStartedAt };
}

function main(): void {
  const [mode, input, outdir, flag] = process.argv.slice(2);
  // tsx turns on source-mapped stack traces, which makes every cdktf token (it records a stack trace per
  // token) several times dearer; the compiled package runs without them. Off unless asked for, on both sides.
  if (flag !== "--source-maps") process.setSourceMapsEnabled(false);
  const start = cpuNow();
  const phases: Phases = {};
  const cdktf = timeCdktf(phases);
  if (mode === "library") {
    const { loadConfig } = require("../lib/config/load") as typeof import("../lib/config/load");
    const { synthesizeEstate } = require("../lib/estate/synth") as typeof import("../lib/estate/synth");
    const { TerraformModel } = require("../lib/analysis/model") as typeof import("../lib/analysis/model");
    const { CompliancePolicy } = require("../lib/policy/aspect") as typeof import("../lib/policy/aspect");
    // The cloud provider classes load on first use (optional peers). Load them before the clock, as the raw
    // side loads its bindings: module loading is not synth work.
    for (const peers of [require("../lib/constructs/peers/aws"), require("../lib/constructs/peers/gcp")] as Record<string, unknown>[]) {
      for (const cls of Object.values(peers)) if (typeof cls === "function") Object.getPrototypeOf(cls);
    }
    let checkMs = 0;
    timeCalls(TerraformModel, "fromStack", (ms) => (phases.ruleModel = (phases.ruleModel ?? 0) + ms));
    timeCalls(CompliancePolicy.prototype, "check", (ms) => (checkMs += ms));
    timeCalls(CompliancePolicy.prototype, "checkSynthesized", (ms) => (checkMs += ms));
    const loaded = cpuNow();
    const loadedWall = performance.now();
    const config = loadConfig(input);
    const assembling = cpuNow();
    phases.config = assembling - loaded;
    const result = synthesizeEstate({ config, outdir });
    const end = cpuNow();
    const endWall = performance.now();
    if (result.blocked) {
      const errors = result.compliance.findings.filter((f) => f.severity === "error");
      throw new Error(`the generated estate is not compliant (${errors.length} error findings), so synth wrote no stack:\n${errors.slice(0, 10).map((f) => `  [${f.ruleId}] ${f.address}: ${f.message}`).join("\n")}`);
    }
    phases.construct = cdktf.synthStartedAt() - assembling;
    phases.rules = checkMs - (phases.ruleModel ?? 0);
    const accounted = ["config", "construct", "prepare", "resolve", "write", "ruleModel", "rules"].reduce((sum, k) => sum + (phases[k as keyof Phases] ?? 0), 0);
    phases.reports = end - loaded - accounted;
    report(mode, { start, loaded, end, wall: endWall - loadedWall }, result.stackFile, phases);
  } else if (mode === "raw") {
    const { planReplay, replayWithBindings } = require("./raw-replay") as typeof import("./raw-replay");
    const plan = planReplay(JSON.parse(fs.readFileSync(input, "utf8")));
    const stackName = path.basename(path.dirname(input));
    const loaded = cpuNow();
    const loadedWall = performance.now();
    replayWithBindings(plan, stackName, outdir);
    const end = cpuNow();
    const endWall = performance.now();
    phases.construct = cdktf.synthStartedAt() - loaded;
    report(mode, { start, loaded, end, wall: endWall - loadedWall }, path.join(outdir, "stacks", stackName, "cdk.tf.json"), phases);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

/** CPU-time marks (ms) of the run, and the synth's wall time. */
interface Marks {
  readonly start: number;
  readonly loaded: number;
  readonly end: number;
  readonly wall: number;
}

function report(mode: string, { start, loaded, end, wall }: Marks, stackFile: string, phases: Phases): void {
  const json = JSON.parse(fs.readFileSync(stackFile, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  const resources = Object.values(json.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
  process.stdout.write(`${JSON.stringify({ mode, importMs: loaded - start, synthMs: end - loaded, synthWallMs: wall, maxRssBytes: process.resourceUsage().maxRSS * 1024, resources, stackFile, phases })}\n`);
}

main();
