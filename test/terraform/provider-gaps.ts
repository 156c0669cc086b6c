// The committed list of temporalcloud 1.5.0 features the locally built provider lacks, and schema walks
// to check it against the committed schemas.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProviderSchema, SchemaAttribute, SchemaBlock } from "../../lib/policy/schema-validation/schema-types";
import { REPO_ROOT } from "../helpers";

export interface ProviderGap {
  readonly feature: string;
  readonly since: string;
  /** `temporalcloud_x` (resource) or `data.temporalcloud_x` (data source). */
  readonly type: string;
  /** Dotted path inside the block; absent when the whole type is missing. */
  readonly attribute?: string;
  readonly reason: string;
}

const SCHEMA_DIR = path.join(REPO_ROOT, "schemas", "temporalcloud");

export function providerGaps(): { builtVersion: string; gaps: ProviderGap[] } {
  return JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, "provider-gaps.json"), "utf8")) as { builtVersion: string; gaps: ProviderGap[] };
}

export function readSchema(file: string): ProviderSchema {
  const doc = JSON.parse(fs.readFileSync(path.isAbsolute(file) ? file : path.join(SCHEMA_DIR, file), "utf8")) as { provider_schemas: Record<string, ProviderSchema> };
  return Object.values(doc.provider_schemas)[0];
}

export const gapKey = (g: { type: string; attribute?: string }) => (g.attribute ? `${g.type}#${g.attribute}` : g.type);

/** Every type (`temporalcloud_x`, `data.temporalcloud_x`) and attribute (`type#a.b`) with what Terraform checks of it. */
export function schemaPaths(schema: ProviderSchema): Map<string, string> {
  const out = new Map<string, string>();
  const walkBlock = (prefix: string, block: SchemaBlock) => {
    for (const [name, attr] of Object.entries(block.attributes ?? {})) walkAttr(`${prefix}${name}`, attr);
    for (const [name, bt] of Object.entries(block.block_types ?? {})) {
      out.set(`${prefix}${name}`, `block ${bt.nesting_mode} ${bt.min_items ?? ""}-${bt.max_items ?? ""}`);
      walkBlock(`${prefix}${name}.`, bt.block);
    }
  };
  const walkAttr = (at: string, attr: SchemaAttribute) => {
    const flags = ["required", "optional", "computed", "sensitive"].filter((f) => attr[f as keyof SchemaAttribute]).join(",");
    out.set(at, `${attr.type ? JSON.stringify(attr.type) : `nested ${attr.nested_type?.nesting_mode}`} ${flags}`);
    for (const [name, sub] of Object.entries(attr.nested_type?.attributes ?? {})) walkAttr(`${at}.${name}`, sub);
  };
  for (const [section, prefix] of [["resource_schemas", ""], ["data_source_schemas", "data."]] as const) {
    for (const [type, s] of Object.entries(schema[section])) {
      out.set(`${prefix}${type}`, "type");
      walkBlock(`${prefix}${type}#`, s.block);
    }
  }
  return out;
}

/** Paths of `newer` missing from `older` whose parent `older` has (the roots of what was added). */
export function addedRoots(newer: Map<string, string>, older: Map<string, string>): string[] {
  const parent = (p: string) => (p.includes(".", p.indexOf("#")) && p.includes("#") ? p.slice(0, p.lastIndexOf(".")) : p.includes("#") ? p.slice(0, p.indexOf("#")) : undefined);
  return [...newer.keys()].filter((p) => !older.has(p) && (parent(p) === undefined || older.has(parent(p) as string))).sort();
}
