// Synthesizes an estate into an output directory, all or nothing: the stack is synthesized into a
// scratch folder next to the target and moved into place only when synthesis succeeded and the
// compliance rules found no error. On compliance errors only the reports (<out>/compliance/) are
// written, so CI can upload them while no non-compliant stack can be applied.
import { assertValidConstructs } from "../constructs/errors";
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import type { ResolvedConfig } from "../config/resolve";
import { CompliancePolicy } from "../policy/aspect";
import type { ComplianceReport } from "../policy/types";
import { writeReports } from "../policy/reports/write";
import { TemporalCloudStack } from "./temporal-cloud-stack";

export const DEFAULT_STACK_NAME = "temporal-cloud";
export const COMPLIANCE_DIR = "compliance";

export interface SynthOptions {
  readonly config: ResolvedConfig;
  /** Output directory. @default "cdktf.out" */
  readonly outdir?: string;
  /** Stack name. @default config.name ?? "temporal-cloud" */
  readonly stackName?: string;
  /** Config file name, recorded in the compliance reports. */
  readonly configFile?: string;
  /** Clock for expiry checks (API keys, CAs, suppressions). @default now */
  readonly now?: Date;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stackName: string;
  /** Path of the synthesized cdk.tf.json (absent from disk when `blocked`). */
  readonly stackFile: string;
  readonly stack: TemporalCloudStack;
  /** Number of resources in the synthesized stack. */
  readonly resourceCount: number;
  /** Compliance findings (rules + provider-schema validation). */
  readonly compliance: ComplianceReport;
  /** Folder holding report.json, report.sarif, junit.xml, summary.md. */
  readonly complianceDir: string;
  /** True when error findings stopped the stack from being written. */
  readonly blocked: boolean;
}

export function synthesizeEstate(options: SynthOptions): SynthResult {
  const outdir = path.resolve(options.outdir ?? "cdktf.out");
  const stackName = options.stackName ?? options.config.name ?? DEFAULT_STACK_NAME;
  const scratch = `${outdir}.partial-${process.pid}-${Date.now()}`;
  try {
    // Rules run once on the written JSON after synth (not in the aspect), and report before failing.
    // cdktf's own validations would run `terraform version` once per terraform_data resource and fail
    // without a terraform binary; the stack declares required_version instead, and the library
    // validates config, constructs and the provider schema itself.
    const app = new App({ outdir: scratch, skipValidation: true });
    const stack = new TemporalCloudStack(app, stackName, { config: options.config, policy: { failOnError: false, deferred: true, now: options.now } });
    // cdktf's validation phase is skipped (above), so the constructs' own checks run here, all at once.
    assertValidConstructs(app);
    app.synth();
    const policy = CompliancePolicy.of(stack);
    if (!policy) throw new Error("the compliance policy is not attached to the estate stack");
    const stackFile = path.join(outdir, "stacks", stackName, "cdk.tf.json");
    const scratchStackFile = path.join(scratch, "stacks", stackName, "cdk.tf.json");
    const stackText = fs.readFileSync(scratchStackFile, "utf8");
    const compliance = policy.checkSynthesized(stack, JSON.parse(stackText));
    const resourceCount = countResourcesIn(stackText);
    const configText = options.configFile && /\.(ya?ml|json)$/i.test(options.configFile) ? fs.readFileSync(options.configFile, "utf8") : undefined;
    writeReports(path.join(scratch, COMPLIANCE_DIR), compliance, {
      stackFile: path.relative(process.cwd(), stackFile) || stackFile,
      configFile: options.configFile && (path.relative(process.cwd(), path.resolve(options.configFile)) || options.configFile),
    }, stackText, configText);
    const blocked = compliance.findings.some((f) => f.severity === "error");
    fs.rmSync(outdir, { recursive: true, force: true });
    if (blocked) {
      fs.mkdirSync(outdir, { recursive: true });
      fs.renameSync(path.join(scratch, COMPLIANCE_DIR), path.join(outdir, COMPLIANCE_DIR));
    } else {
      fs.renameSync(scratch, outdir);
    }
    return { outdir, stackName, stackFile, stack, resourceCount, compliance, complianceDir: path.join(outdir, COMPLIANCE_DIR), blocked };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function countResourcesIn(text: string): number {
  const json = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
