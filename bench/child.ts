// One benchmark measurement in a fresh process, so peak RSS belongs to one run:
//   child.ts library <config.json> <outdir>          validation + stack assembly + rules + synth
//   child.ts raw <library cdk.tf.json> <outdir>      the same resources through bindings only (the replay
//                                                   plan is prepared before the clock starts)
// Prints one JSON line: { synthMs, maxRssBytes, resources }.
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

function main(): void {
  const [mode, input, outdir] = process.argv.slice(2);
  const start = performance.now();
  let stackFile: string;
  if (mode === "library") {
    const { loadConfig } = require("../lib/config/load") as typeof import("../lib/config/load");
    const { synthesizeEstate } = require("../stacks/synth") as typeof import("../stacks/synth");
    const loaded = performance.now();
    const result = synthesizeEstate({ config: loadConfig(input), outdir });
    if (result.blocked) {
      const errors = result.compliance.findings.filter((f) => f.severity === "error");
      throw new Error(`the generated estate is not compliant (${errors.length} error findings), so synth wrote no stack:\n${errors.slice(0, 10).map((f) => `  [${f.ruleId}] ${f.address}: ${f.message}`).join("\n")}`);
    }
    stackFile = result.stackFile;
    report(mode, start, loaded, stackFile);
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

function report(mode: string, start: number, loaded: number, stackFile: string): void {
  const end = performance.now();
  const json = JSON.parse(fs.readFileSync(stackFile, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  const resources = Object.values(json.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
  process.stdout.write(`${JSON.stringify({ mode, importMs: loaded - start, synthMs: end - loaded, maxRssBytes: process.resourceUsage().maxRSS * 1024, resources, stackFile })}\n`);
}

main();
