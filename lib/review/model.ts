// Reads synthesized cdktf output (a cdktf.out folder or one cdk.tf.json) into a flat list of resources per
// stack, with the references between them and the namespace each resource belongs to.
import * as fs from "node:fs";
import * as path from "node:path";

/** Marker the pipeline feature writes into each namespace resource's "//" comment block. */
export const GUARDRAILS_COMMENT_KEY = "temporal_cloud_guardrails";

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

type TfJson = { resource?: Record<string, Record<string, Record<string, unknown>>> };

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

/** Builds the model of one synthesized stack document. */
export function buildStackModel(name: string, doc: unknown): StackModel {
  const resources = new Map<string, ResourceEntry>();
  for (const [type, byId] of Object.entries((doc as TfJson).resource ?? {})) {
    for (const [logicalId, body] of Object.entries(byId)) {
      const { "//": comment, ...attributes } = body;
      const commentObj = (comment ?? {}) as Record<string, unknown>;
      const metadata = commentObj.metadata as { path?: string } | undefined;
      resources.set(`${type}.${logicalId}`, { address: `${type}.${logicalId}`, type, logicalId, constructPath: metadata?.path, attributes, comment: commentObj });
    }
  }
  const references = new Map<string, Set<string>>();
  for (const entry of resources.values()) references.set(entry.address, referencesIn(entry.attributes, resources));
  const namespaceNames = new Map<string, string>();
  for (const entry of resources.values()) {
    if (entry.type === "temporalcloud_namespace") namespaceNames.set(entry.address, String(entry.attributes.name ?? entry.logicalId));
  }
  return { name, resources, references, namespaceOf: assignNamespaces(resources, references, namespaceNames), namespaceNames };
}

const REFERENCE = /(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** Addresses of resources referenced by `${...}` expressions anywhere in `value`. */
export function referencesIn(value: unknown, known: ReadonlyMap<string, unknown>): Set<string> {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      if (!v.includes("${")) return;
      for (const expr of v.matchAll(/\$\{([^}]*)\}/g)) {
        for (const m of expr[1].matchAll(REFERENCE)) {
          const address = `${m[1]}.${m[2]}`;
          if (known.has(address)) found.add(address);
        }
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(value);
  return found;
}

/**
 * A resource belongs to the namespace it is connected to through references (in either direction,
 * e.g. an API key → its service account → the namespace; a namespace → its connectivity rule → the
 * endpoint), without passing through another namespace. Connected to several or none: estate-wide.
 */
function assignNamespaces(
  resources: ReadonlyMap<string, ResourceEntry>,
  references: ReadonlyMap<string, ReadonlySet<string>>,
  namespaceNames: ReadonlyMap<string, string>,
): Map<string, string | undefined> {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)!.add(b);
  };
  for (const [from, targets] of references) for (const to of targets) {
    link(from, to);
    link(to, from);
  }
  const result = new Map<string, string | undefined>();
  for (const address of resources.keys()) {
    const own = namespaceNames.get(address);
    if (own !== undefined) {
      result.set(address, own);
      continue;
    }
    const reached = new Set<string>();
    const seen = new Set([address]);
    const queue = [address];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const next of neighbours.get(current) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        const ns = namespaceNames.get(next);
        if (ns !== undefined) reached.add(ns);
        else queue.push(next);
      }
    }
    result.set(address, reached.size === 1 ? [...reached][0] : undefined);
  }
  return result;
}
