// Reads synthesized cdktf output (a cdktf.out folder or one cdk.tf.json) into a flat list of resources per
// stack, with the references between them and the namespace each resource belongs to.
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformModel, type StackJson } from "../analysis/model";
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
}

export interface SynthOutput {
  readonly stacks: ReadonlyMap<string, StackModel>;
}

/** Loads every stack of a cdktf.out folder (via manifest.json, else stacks/*), or a single cdk.tf.json file. */
export function loadSynthOutput(location: string): SynthOutput {
  if (!fs.existsSync(location)) throw new ReviewInputError(`${location} does not exist; pass a cdktf.out folder (run synth first) or a cdk.tf.json file`);
  const stacks = new Map<string, StackModel>();
  if (fs.statSync(location).isFile()) {
    const name = path.basename(path.dirname(path.resolve(location)));
    stacks.set(name, buildStackModel(name, readJson(location)));
    return { stacks };
  }
  for (const [name, file] of stackFiles(location)) stacks.set(name, buildStackModel(name, readJson(file)));
  return { stacks };
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

/** Builds the model of one synthesized stack document (resources only; the analysis model underneath). */
export function buildStackModel(name: string, doc: unknown): StackModel {
  const model = TerraformModel.fromJson(name, (doc && typeof doc === "object" ? doc : {}) as StackJson);
  const resources = new Map<string, ResourceEntry>();
  const references = new Map<string, Set<string>>();
  const namespaceOf = new Map<string, string | undefined>();
  const namespaceNames = new Map<string, string>();
  for (const block of model.blocks) {
    if (block.kind !== "resource") continue;
    resources.set(block.address, { address: block.address, type: block.type, logicalId: block.name, constructPath: block.constructPath, attributes: block.attributes, comment: block.comment });
    references.set(block.address, new Set(model.referenced(block.attributes).filter((b) => b.kind === "resource").map((b) => b.address)));
    namespaceOf.set(block.address, model.namespaceOf(block.address));
    if (block.type === "temporalcloud_namespace") namespaceNames.set(block.address, String(block.attributes.name ?? block.name));
  }
  return { name, model, resources, references, namespaceOf, namespaceNames };
}
