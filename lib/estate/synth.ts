// Synthesizes an estate into an output directory, all or nothing: the stacks are synthesized into a
// scratch folder next to the target and moved into place only when synthesis succeeded and the
// compliance rules found no error. On compliance errors only the reports (<out>/compliance/) are
// written, so CI can upload them while no non-compliant stack can be applied.
import { assertValidConstructs } from "../constructs/errors";
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import type { ResolvedConfig, StackRole } from "../config/resolve";
import { EstateConfig, estateConfigOf, resolvedConfigOf } from "../config/estate-config";
import { DEFAULT_ESTATE_NAME } from "../config/stack-plan";
import { CompliancePolicy } from "../policy/aspect";
import type { ComplianceReport } from "../policy/types";
import { writeReports } from "../policy/reports/write";
import { TemporalCloudEstate } from "./temporal-cloud-estate";
import type { EstateStack } from "./temporal-cloud-stack";
import type { AssemblyContext } from "./assembly-context";

export const DEFAULT_STACK_NAME = DEFAULT_ESTATE_NAME;
export const COMPLIANCE_DIR = "compliance";

export interface SynthOptions {
  /** The configuration: an EstateConfig, or a config resolved with loadConfig / parseConfig. */
  readonly config: EstateConfig | ResolvedConfig;
  /** Output directory. @default "cdktf.out" */
  readonly outdir?: string;
  /** Name of the one stack of an unsplit estate (a split estate's stack names come from the config). @default config.name ?? "temporal-cloud" */
  readonly stackName?: string;
  /** Config file name, recorded in the compliance reports. */
  readonly configFile?: string;
  /** Clock for expiry checks (API keys, CAs, suppressions). @default now */
  readonly now?: Date;
}

/** One synthesized stack of the estate. */
export interface SynthesizedStack {
  readonly name: string;
  readonly role: StackRole;
  /** Path of its cdk.tf.json (absent from disk when `blocked`). */
  readonly file: string;
  readonly stack: EstateStack;
  readonly resourceCount: number;
}

export interface SynthResult {
  readonly outdir: string;
  /** The stack's name; a split estate's name (config.name). */
  readonly stackName: string;
  /** Path of the synthesized cdk.tf.json (absent from disk when `blocked`); a split estate's first (shared) stack. */
  readonly stackFile: string;
  /** The one stack; a split estate's first (shared) stack. */
  readonly stack: EstateStack;
  /** Every stack in apply order (one for an unsplit estate). */
  readonly stacks: readonly SynthesizedStack[];
  readonly estate: TemporalCloudEstate;
  /** The assembly (namespaces, summary facts) of the whole estate. */
  readonly context: AssemblyContext;
  /** Number of resources in all stacks. */
  readonly resourceCount: number;
  /** Compliance findings (rules + provider-schema validation) over every stack. */
  readonly compliance: ComplianceReport;
  /** Folder holding report.json, report.sarif, junit.xml, summary.md. */
  readonly complianceDir: string;
  /** True when error findings stopped the stacks from being written. */
  readonly blocked: boolean;
}

export function synthesizeEstate(options: SynthOptions): SynthResult {
  const estateConfig = options.config instanceof EstateConfig ? options.config : estateConfigOf(options.config);
  const config = resolvedConfigOf(estateConfig);
  const outdir = path.resolve(options.outdir ?? "cdktf.out");
  const scratch = `${outdir}.partial-${process.pid}-${Date.now()}`;
  try {
    // Rules run once on the written JSON after synth (not in the aspect), and report before failing.
    // cdktf's own validations would run `terraform version` once per terraform_data resource and fail
    // without a terraform binary; the stacks declare required_version instead, and the library
    // validates config, constructs and the provider schema itself.
    const app = new App({ outdir: scratch, skipValidation: true });
    const estate = new TemporalCloudEstate(app, { config: estateConfig, stackName: options.stackName, policy: { failOnError: false, deferred: true, now: options.now } });
    // cdktf's validation phase is skipped (above), so the constructs' own checks run here, all at once.
    assertValidConstructs(app);
    app.synth();
    const policy = CompliancePolicy.of(estate.stacks[0]);
    if (!policy) throw new Error("the compliance policy is not attached to the estate stack");
    const relative = (file: string) => path.relative(process.cwd(), file) || file;
    const written = estate.stacks.map((stack) => {
      const name = stack.node.id;
      const text = fs.readFileSync(path.join(scratch, "stacks", name, "cdk.tf.json"), "utf8");
      return { name, stack, text, json: JSON.parse(text) as object, file: path.join(outdir, "stacks", name, "cdk.tf.json") };
    });
    const compliance = policy.checkSynthesizedStacks(written.map(({ stack, json }) => ({ stack, synthesized: json })), config.name ?? DEFAULT_ESTATE_NAME);
    const configText = options.configFile && /\.(ya?ml|json)$/i.test(options.configFile) ? fs.readFileSync(options.configFile, "utf8") : undefined;
    const split = written.length > 1;
    writeReports(path.join(scratch, COMPLIANCE_DIR), compliance, {
      stackFile: relative(written[0].file),
      configFile: options.configFile && relative(path.resolve(options.configFile)),
      stackFiles: split ? Object.fromEntries(written.map((w) => [w.name, { file: relative(w.file), text: w.text }])) : undefined,
    }, split ? undefined : written[0].text, configText);
    const blocked = compliance.findings.some((f) => f.severity === "error");
    fs.rmSync(outdir, { recursive: true, force: true });
    if (blocked) {
      fs.mkdirSync(outdir, { recursive: true });
      fs.renameSync(path.join(scratch, COMPLIANCE_DIR), path.join(outdir, COMPLIANCE_DIR));
    } else {
      fs.renameSync(scratch, outdir);
    }
    const stacks = written.map((w): SynthesizedStack => ({ name: w.name, role: w.stack.role, file: w.file, stack: w.stack, resourceCount: countResourcesIn(w.text) }));
    return {
      outdir,
      stackName: split ? (config.name ?? DEFAULT_ESTATE_NAME) : written[0].name,
      stackFile: written[0].file,
      stack: estate.stacks[0],
      stacks,
      estate,
      context: estate.context,
      resourceCount: stacks.reduce((sum, s) => sum + s.resourceCount, 0),
      compliance,
      complianceDir: path.join(outdir, COMPLIANCE_DIR),
      blocked,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function countResourcesIn(text: string): number {
  const json = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
