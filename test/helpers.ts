// Shared test helpers: synthesize configs and constructs into parsed Terraform JSON.
import { estateConfigOf } from "../lib/config/estate-config";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Testing, TerraformStack } from "cdktf";
import { parseConfig } from "../lib/config/parse";
import type { ResolvedConfig } from "../lib/config/resolve";
import { TemporalCloudStack } from "../lib/estate/temporal-cloud-stack";
import { TemporalCloudEstate } from "../lib/estate/temporal-cloud-estate";
import { TemporalcloudProvider } from "../lib/providers/temporalcloud/provider";
import { Construct } from "constructs";
import { assertValidConstructs, ConstructValidationError } from "../lib/constructs/errors";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

/** Synthesized stack JSON, as Terraform reads it. */
export interface SynthJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean; description?: string }>;
  terraform?: Record<string, unknown>;
  provider?: Record<string, unknown[]>;
  [key: string]: unknown;
}

/** A minimal valid config (one development namespace on API keys); `extra` is merged at the top level. */
export function minimalConfig(extra: Record<string, unknown> = {}, namespace: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true }, ...namespace }],
    ...extra,
  };
}

/** Validates `raw` (resolving relative paths against examples/) and returns the resolved config. */
export function resolve(raw: unknown, baseDir = EXAMPLES_DIR): ResolvedConfig {
  return parseConfig(raw, { baseDir });
}

/** Synthesizes a config through TemporalCloudStack and returns the stack JSON. */
export function synthConfig(raw: unknown, baseDir = EXAMPLES_DIR): SynthJson {
  const app = Testing.app();
  const stack = new TemporalCloudStack(app, "test", { config: estateConfigOf(resolve(raw, baseDir)) });
  assertValidConstructs(app);
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

/** Synthesizes a config through TemporalCloudEstate: every stack's JSON by stack name (one entry when not split). */
export function synthStacks(raw: unknown, baseDir = EXAMPLES_DIR): Record<string, SynthJson> {
  const app = Testing.app();
  // Findings are the compliance tests' business; here they only must not stop the JSON from being written.
  const estate = new TemporalCloudEstate(app, { config: estateConfigOf(resolve(raw, baseDir)), stackName: "test", policy: { failOnError: false } });
  assertValidConstructs(app);
  if (estate.stacks.length === 1) return { [estate.stacks[0].node.id]: JSON.parse(Testing.synth(estate.stacks[0])) as SynthJson };
  // Cross-stack references are resolved when the app synthesizes (outputs and remote state are added then).
  app.synth();
  return Object.fromEntries(estate.stacks.map((stack) => [stack.node.id, JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8")) as SynthJson]));
}

/** A stack with the temporalcloud provider, for construct tests; returns the synthesized JSON via `synth`. */
export function constructStack(): { app: App; stack: TerraformStack; synth: () => SynthJson; synthString: () => string } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new TemporalcloudProvider(stack, "temporalcloud", {});
  return { app, stack, synthString: () => Testing.synth(stack), synth: () => JSON.parse(Testing.synth(stack)) as SynthJson };
}

/** Resources of one type in synthesized JSON, as a list of attribute objects. */
export function resourcesOf(json: SynthJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** A fresh temporary directory, removed by the caller or at process exit. */
export function tempDir(prefix = "tcg-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The problems a construct reported, one per line: its validations (node.addValidation) when `fn` returns the
 * construct, or the ConstructValidationError it threw. Fails the test when there are none.
 */
export function problemsOf(fn: () => unknown): string {
  try {
    const built = fn();
    // The construct itself, or the constructs of a small result object ({ endpoint, ... }).
    const constructs = built instanceof Construct ? [built] : Object.values(built ?? {}).filter((v): v is Construct => v instanceof Construct);
    constructs.forEach(assertValidConstructs);
  } catch (err) {
    expect(err).toBeInstanceOf(ConstructValidationError);
    return (err as ConstructValidationError).problems.join("\n");
  }
  throw new Error("expected construct problems");
}
