// Reads synthesized cdktf output (a cdktf.out folder or one cdk.tf.json) into a flat list of resources per
// stack, with the references between them and the namespace each resource belongs to. What a resource
// belongs to and points at is read from one model of all stacks (analysis/app-model), so a cross-stack
// reference resolves to the namespace it stands for, as it would within one stack.
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformModel, type Block, type StackJson } from "../analysis/model";
import { modelOfStacks } from "../analysis/app-model";
import { GUARDRAILS_KEY } from "../analysis/marker";

/** Key of the guardrails metadata in each namespace resource's "//" comment block. */
export const GUARDRAILS_COMMENT_KEY = GUARDRAILS_KEY;

export interface ResourceEntry {
  /** `type.logicalId`, the Terraform address. */
  readonly address: string;
  readonly type: string;
  readonly logicalId: string;
  /** Construct path from cdktf metadata, when present. */
  readonly constructPath?: string;
  /** Attributes without the "//" comment block. */
  readonly attributes: Record<string, unknown>;
  /** The "//" comment block (cdktf metadata and guardrails annotations). */
  readonly comment: Record<string, unknown>;
}

export interface StackModel {
  readonly name: string;
  /** The analysis model of the whole stack (resources, data sources, outputs, namespace context). */
  readonly model: TerraformModel;
  readonly resources: ReadonlyMap<string, ResourceEntry>;
  /** address → addresses it references. */
  readonly references: ReadonlyMap<string, ReadonlySet<string>>;
  /** address → the namespace name it belongs to, or undefined for estate-wide resources. */
  readonly namespaceOf: ReadonlyMap<string, string | undefined>;
  /** namespace resource address → namespace name. */
  readonly namespaceNames: ReadonlyMap<string, string>;
  /** The whole-app model this stack is part of (the stack's own model when it stands alone). */
  readonly app: TerraformModel;
  /** resource address in this stack → its block in `app` (attributes with cross-stack references resolved). */
  readonly appBlocks: ReadonlyMap<string, Block>;
  /** The stack's state backend (`terraform.backend`), when it declares one. */
  readonly backend?: { readonly type: string; readonly settings: Readonly<Record<string, unknown>> };
}

export interface SynthOutput {
  readonly stacks: ReadonlyMap<string, StackModel>;
  /** Every stack in one model: cross-stack references followed back to what they stand for. */
  readonly app: TerraformModel;
}

/** Loads every stack of a cdktf.out folder (via manifest.json, else stacks/*), or a single cdk.tf.json file. */
export function loadSynthOutput(location: string): SynthOutput {
  if (!fs.existsSync(location)) throw new ReviewInputError(`${location} does not exist; pass a cdktf.out folder (run synth first) or a cdk.tf.json file`);
  if (fs.statSync(location).isFile()) return synthOutputOf([[path.basename(path.dirname(path.resolve(location))), readJson(location)]]);
  return synthOutputOf(stackFiles(location).map(([name, file]) => [name, readJson(file)]));
}

/** The review's view of synthesized stack documents (name, parsed cdk.tf.json), judged as one app. */
export function synthOutputOf(documents: ReadonlyArray<readonly [string, unknown]>): SynthOutput {
  const jsons = documents.map(([name, doc]) => ({ name, json: (doc && typeof doc === "object" ? doc : {}) as StackJson }));
  const app = modelOfStacks("app", jsons);
  const stacks = new Map(jsons.map(({ name, json }) => [name, stackModelIn(name, json, app, jsons.length === 1)]));
  return { stacks, app };
}

/** Raised for unreadable or missing review inputs (a user mistake, not a bug). */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewInputError";
  }
}

function stackFiles(outdir: string): Array<[string, string]> {
  const manifest = path.join(outdir, "manifest.json");
  if (fs.existsSync(manifest)) {
    const parsed = readJson(manifest) as { stacks?: Record<string, { synthesizedStackPath?: string }> };
    return Object.entries(parsed.stacks ?? {}).map(([name, s]) => [name, path.join(outdir, s.synthesizedStackPath ?? path.join("stacks", name, "cdk.tf.json"))]);
  }
  const stacksDir = path.join(outdir, "stacks");
  if (!fs.existsSync(stacksDir)) throw new ReviewInputError(`${outdir} has neither manifest.json nor a stacks/ folder; is it a cdktf.out folder?`);
  return fs
    .readdirSync(stacksDir)
    .filter((name) => fs.existsSync(path.join(stacksDir, name, "cdk.tf.json")))
    .sort()
    .map((name) => [name, path.join(stacksDir, name, "cdk.tf.json")]);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ReviewInputError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Builds the model of one synthesized stack document standing alone (resources only; the analysis model underneath). */
export function buildStackModel(name: string, doc: unknown): StackModel {
  return synthOutputOf([[name, doc]]).stacks.get(name)!;
}

function stackModelIn(name: string, json: StackJson, app: TerraformModel, alone: boolean): StackModel {
  const model = alone ? app : TerraformModel.fromJson(name, json);
  const appBlocks = new Map<string, Block>();
  for (const b of app.blocks) if (b.kind === "resource" && (alone || b.stack === name)) appBlocks.set(b.address, b);
  const resources = new Map<string, ResourceEntry>();
  const references = new Map<string, Set<string>>();
  const namespaceOf = new Map<string, string | undefined>();
  const namespaceNames = new Map<string, string>();
  for (const block of model.blocks) {
    if (block.kind !== "resource") continue;
    resources.set(block.address, { address: block.address, type: block.type, logicalId: block.name, constructPath: block.constructPath, attributes: block.attributes, comment: block.comment });
    references.set(block.address, new Set(model.referenced(block.attributes).filter((b) => b.kind === "resource").map((b) => b.address)));
    const inApp = appBlocks.get(block.address);
    namespaceOf.set(block.address, inApp ? app.namespaceOf(inApp.ref ?? inApp.address) : undefined);
    if (block.type === "temporalcloud_namespace") namespaceNames.set(block.address, String(block.attributes.name ?? block.name));
  }
  const [backendType, settings] = Object.entries(((json.terraform as { backend?: Record<string, Record<string, unknown>> } | undefined)?.backend ?? {}))[0] ?? [];
  const backend = backendType !== undefined ? { type: backendType, settings: settings ?? {} } : undefined;
  return { name, model, resources, references, namespaceOf, namespaceNames, app, appBlocks, backend };
}
