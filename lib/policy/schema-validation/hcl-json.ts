// Terraform's JSON configuration syntax, read the way Terraform reads it: at every label level (the
// document, `resource`, the type, the name) an object or an array of objects; a null block body is an
// empty body. Shapes Terraform refuses become problems at their address instead of exceptions.

type Json = Record<string, unknown>;

export interface BlockInstance {
  readonly section: "resource" | "data";
  readonly type: string;
  readonly name: string;
  /** The block's attributes (a null body is read as `{}`, as Terraform does). */
  readonly body: Json;
}

export interface ShapeProblem {
  readonly address: string;
  readonly message: string;
}

export interface ReadBlocks {
  readonly blocks: BlockInstance[];
  readonly problems: ShapeProblem[];
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** The objects at one label level: an object, or each object of an array. */
function objectsAt(value: unknown, address: string, what: string, problems: ShapeProblem[]): Json[] {
  if (isObject(value)) return [value];
  if (Array.isArray(value)) {
    const objects = value.filter(isObject);
    if (objects.length !== value.length) problems.push({ address, message: `${what} must be an object or an array of objects, but an element is ${kindOf(value.find((v) => !isObject(v)))}` });
    return objects;
  }
  problems.push({ address, message: `${what} must be an object or an array of objects, got ${kindOf(value)}` });
  return [];
}

/** Every resource and data block of a Terraform JSON document, with the shape problems Terraform would report. */
export function readBlocks(document: unknown): ReadBlocks {
  const problems: ShapeProblem[] = [];
  const blocks: BlockInstance[] = [];
  if (!isObject(document) && !Array.isArray(document)) {
    problems.push({ address: "", message: `the file holds ${kindOf(document)}, not a Terraform JSON configuration (an object with resource, data, provider, ...)` });
    return { blocks, problems };
  }
  const seen = new Map<string, number>();
  for (const root of objectsAt(document, "", "the document", problems)) {
    for (const section of ["resource", "data"] as const) {
      if (!(section in root)) continue;
      const label = section === "data" ? "data block" : "resource block";
      const value = root[section];
      if (value === null || (Array.isArray(value) && value.length === 0)) {
        problems.push({ address: section, message: `has no ${label} type; give an object keyed by type (e.g. "temporalcloud_namespace") or remove "${section}"` });
        continue;
      }
      const types = objectsAt(value, section, `"${section}"`, problems);
      for (const byType of types) {
        for (const [type, named] of Object.entries(byType)) {
          const typeAddress = `${section === "data" ? "data." : ""}${type}`;
          const names = named === null ? [] : objectsAt(named, typeAddress, `the ${type} ${label}s`, problems);
          if (names.length === 0 && (named === null || Array.isArray(named))) {
            problems.push({ address: typeAddress, message: `names no ${label}; give an object keyed by block name, e.g. { "main": { ... } }` });
            continue;
          }
          for (const byName of names) {
            for (const [name, body] of Object.entries(byName)) {
              const address = `${typeAddress}.${name}`;
              const bodies = body === null ? [{}] : objectsAt(body, address, "the block body", problems);
              for (const b of bodies) {
                const count = (seen.get(address) ?? 0) + 1;
                seen.set(address, count);
                if (count === 2) problems.push({ address, message: `is declared more than once; ${label} names must be unique per type` });
                blocks.push({ section, type, name, body: b });
              }
            }
          }
        }
      }
    }
  }
  return { blocks, problems };
}

/** The document as `{ resource: { type: { name: body } }, data: ... }`, the shape the rule model reads. */
export function canonicalDocument(document: unknown, read: ReadBlocks = readBlocks(document)): Json {
  const out: Json = {};
  for (const root of isObject(document) ? [document] : Array.isArray(document) ? document.filter(isObject) : []) {
    for (const [key, value] of Object.entries(root)) if (key !== "resource" && key !== "data" && !(key in out)) out[key] = value;
  }
  for (const block of read.blocks) {
    const section = (out[block.section] ??= {}) as Record<string, Record<string, Json>>;
    const byName = (section[block.type] ??= {});
    if (!(block.name in byName)) byName[block.name] = block.body;
  }
  return out;
}
