// Synthesizes an estate into an output directory, all or nothing: the stack is synthesized into a
// scratch folder next to the target and moved into place only when synthesis succeeded.
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import type { ResolvedConfig } from "../lib/config/resolve";
import { TemporalCloudStack } from "./temporal-cloud-stack";

export const DEFAULT_STACK_NAME = "temporal-cloud";

export interface SynthOptions {
  readonly config: ResolvedConfig;
  /** Output directory. @default "cdktf.out" */
  readonly outdir?: string;
  /** Stack name. @default config.spec.name ?? "temporal-cloud" */
  readonly stackName?: string;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stackName: string;
  /** Path of the synthesized cdk.tf.json. */
  readonly stackFile: string;
  readonly stack: TemporalCloudStack;
  /** Number of resources in the synthesized stack. */
  readonly resourceCount: number;
}

export function synthesizeEstate(options: SynthOptions): SynthResult {
  const outdir = path.resolve(options.outdir ?? "cdktf.out");
  const stackName = options.stackName ?? options.config.spec.name ?? DEFAULT_STACK_NAME;
  const scratch = `${outdir}.partial-${process.pid}-${Date.now()}`;
  try {
    const app = new App({ outdir: scratch, skipValidation: false });
    const stack = new TemporalCloudStack(app, stackName, { config: options.config });
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(scratch, outdir);
    const stackFile = path.join(outdir, "stacks", stackName, "cdk.tf.json");
    return { outdir, stackName, stackFile, stack, resourceCount: countResources(stackFile) };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Resources in a synthesized cdk.tf.json. */
export function countResources(stackFile: string): number {
  const json = JSON.parse(fs.readFileSync(stackFile, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
