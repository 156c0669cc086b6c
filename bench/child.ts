// One benchmark measurement in a fresh process, so peak RSS belongs to one run:
//   child.ts library <config.json> <outdir>          validation + stack assembly + rules + synth
//   child.ts raw <library cdk.tf.json> <outdir>      the same resources through bindings only (the replay
//                                                   plan is prepared before the clock starts)
//   a trailing --source-maps keeps tsx's source-mapped stack traces on
// Prints one JSON line: { synthMs, maxRssBytes, resources, phases }.
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

/** Where the library's time goes, measured by wrapping (not changing) the calls synthesizeEstate makes. */
interface Phases {
  /** loadConfig: parse, schema, defaults and cross-checks. */
  configMs: number;
  /** PolicyModel.fromStack: building the rule model from the written cdk.tf.json and the construct tree. */
  ruleModelMs: number;
  /** Evaluating the rule pack (including offline provider-schema validation) on that model. */
  rulesMs: number;
}

function timeCalls<T extends object, K extends keyof T>(owner: T, name: K, add: (ms: number) => void): void {
  const original = owner[name] as unknown as (...args: unknown[]) => unknown;
  (owner as Record<K, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      add(performance.now() - started);
    }
  } as unknown as T[K];
}

function main(): void {
  const [mode, input, outdir, flag] = process.argv.slice(2);
  // tsx turns on source-mapped stack traces, which makes every cdktf token (it records a stack trace per
  // token) several times dearer; the compiled package runs without them. Off unless asked for, on both sides.
  if (flag !== "--source-maps") process.setSourceMapsEnabled(false);
  const start = performance.now();
  let stackFile: string;
  if (mode === "library") {
    const { loadConfig } = require("../lib/config/load") as typeof import("../lib/config/load");
    const { synthesizeEstate } = require("../lib/estate/synth") as typeof import("../lib/estate/synth");
    const { TerraformModel } = require("../lib/analysis/model") as typeof import("../lib/analysis/model");
    const { CompliancePolicy } = require("../lib/policy/aspect") as typeof import("../lib/policy/aspect");
    const phases: Phases = { configMs: 0, ruleModelMs: 0, rulesMs: 0 };
    let checkMs = 0;
    timeCalls(TerraformModel, "fromStack", (ms) => (phases.ruleModelMs += ms));
    timeCalls(CompliancePolicy.prototype, "check", (ms) => (checkMs += ms));
    timeCalls(CompliancePolicy.prototype, "checkSynthesized", (ms) => (checkMs += ms));
    const loaded = performance.now();
    const config = loadConfig(input);
    phases.configMs = performance.now() - loaded;
    const result = synthesizeEstate({ config, outdir });
    if (result.blocked) {
      const errors = result.compliance.findings.filter((f) => f.severity === "error");
      throw new Error(`the generated estate is not compliant (${errors.length} error findings), so synth wrote no stack:\n${errors.slice(0, 10).map((f) => `  [${f.ruleId}] ${f.address}: ${f.message}`).join("\n")}`);
    }
    phases.rulesMs = checkMs - phases.ruleModelMs;
    stackFile = result.stackFile;
    report(mode, start, loaded, stackFile, phases);
  } else if (mode === "raw") {
    const { planReplay, replayWithBindings } = require("./raw-replay") as typeof import("./raw-replay");
    const plan = planReplay(JSON.parse(fs.readFileSync(input, "utf8")));
    const stackName = path.basename(path.dirname(input));
    const loaded = performance.now();
    replayWithBindings(plan, stackName, outdir);
    stackFile = path.join(outdir, "stacks", stackName, "cdk.tf.json");
    report(mode, start, loaded, stackFile);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

function report(mode: string, start: number, loaded: number, stackFile: string, phases?: Phases): void {
  const end = performance.now();
  const json = JSON.parse(fs.readFileSync(stackFile, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  const resources = Object.values(json.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
  process.stdout.write(`${JSON.stringify({ mode, importMs: loaded - start, synthMs: end - loaded, maxRssBytes: process.resourceUsage().maxRSS * 1024, resources, stackFile, phases })}\n`);
}

main();
