// Offline validation of synthesized temporalcloud_* blocks against the committed provider schema and the
// provider's declared validators (schemas/temporalcloud/*.json): what `terraform validate` would reject,
// without registry access. References (`${...}`) are unknown until apply: their values are not checked.
import * as fs from "node:fs";
import * as path from "node:path";
import { packageFile } from "../../package-root";
import { readBlocks } from "./hcl-json";
import { applyCodeChecks } from "./code-checks";
import type { BlockType, NestedType, ProviderSchema, SchemaAttribute, SchemaBlock, SchemaType, ValidatorCatalogue, ValidatorRule } from "./schema-types";

export interface SchemaProblem {
  /** Terraform address: `temporalcloud_namespace.x` or `data.temporalcloud_regions.y`. */
  readonly address: string;
  /** Attribute path inside the block, e.g. `certificate_filters[0].common_name`; empty for the block itself. */
  readonly path: string;
  readonly message: string;
  /** Stack file the block came from, when validating files. */
  readonly file?: string;
  /** Warnings (checks that fail only when the resource is created) do not fail validate. @default "error" */
  readonly severity?: "error" | "warning";
}

export interface ProviderCatalogue {
  readonly schema: ProviderSchema;
  readonly validators: ValidatorCatalogue;
  /** Resource type prefix the catalogue covers. */
  readonly prefix: string;
}

const SCHEMA_DIR = packageFile("schemas", "temporalcloud");
let cached: ProviderCatalogue | undefined;

/** The committed temporalcloud provider schema and validator catalogue. */
export function temporalCloudCatalogue(): ProviderCatalogue {
  if (!cached) {
    const raw = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, "provider-schema.json"), "utf8")) as { provider_schemas: Record<string, ProviderSchema> };
    const schema = Object.values(raw.provider_schemas)[0];
    const validators = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, "validators.json"), "utf8")) as ValidatorCatalogue;
    cached = { schema, validators, prefix: "temporalcloud_" };
  }
  return cached;
}

/** Meta-arguments Terraform accepts on every resource / data block. */
const META_ARGUMENTS = new Set(["//", "provider", "depends_on", "count", "for_each", "lifecycle", "provisioner", "connection"]);

export function isReference(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

type Json = Record<string, unknown>;

/** Validates every block of the catalogue's provider in a stack JSON document (any JSON value). */
export function validateStackJson(json: unknown, catalogue: ProviderCatalogue = temporalCloudCatalogue()): SchemaProblem[] {
  const read = readBlocks(json);
  const problems: SchemaProblem[] = read.problems
    .filter((p) => p.address === "" || p.address === "resource" || p.address === "data" || p.address.replace(/^data\./, "").startsWith(catalogue.prefix))
    .map((p) => ({ address: p.address || "(file)", path: "", message: p.message }));
  for (const { section, type, name, body } of read.blocks) {
    if (!type.startsWith(catalogue.prefix)) continue;
    const address = `${section === "data" ? "data." : ""}${type}.${name}`;
    const schemas = section === "data" ? catalogue.schema.data_source_schemas : catalogue.schema.resource_schemas;
    const schema = schemas[type];
    if (!schema) {
      problems.push({ address, path: "", message: `${type} is not a ${section === "data" ? "data source" : "resource type"} of the provider; known: ${Object.keys(schemas).join(", ")}` });
      continue;
    }
    problems.push(...validateBlock(address, body, schema.block, section === "resource" ? catalogue.validators[type] : undefined));
  }
  return problems;
}

/** Validates one block's attributes (resource or data source), including the provider's code checks. */
export function validateBlock(address: string, attrs: Json, block: SchemaBlock, validators?: Record<string, ValidatorRule[]>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (p: string, message: string, severity?: "error" | "warning") => problems.push({ address, path: p, message, ...(severity === "warning" ? { severity } : {}) });
  const body = isObject(attrs) ? attrs : {};
  checkBlockBody(body, block, "", add, true);
  if (validators) {
    applyValidators(body, validators, add);
    applyCodeChecks(address.replace(/^data\./, "").split(".")[0], body, validators, add);
  }
  return problems;
}

type Add = (path: string, message: string) => void;

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function checkBlockBody(value: Json, block: SchemaBlock, at: string, add: Add, topLevel: boolean): void {
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  for (const [key, v] of Object.entries(value)) {
    if (topLevel && META_ARGUMENTS.has(key)) continue;
    const p = join(at, key);
    if (attributes[key]) checkAttribute(v, attributes[key], p, add);
    else if (blockTypes[key]) checkBlockType(v, blockTypes[key], p, add);
    else add(p, `unknown attribute "${key}"; known: ${[...Object.keys(attributes), ...Object.keys(blockTypes)].sort().join(", ")}`);
  }
  for (const [key, a] of Object.entries(attributes)) {
    if (a.required && (value[key] === undefined || value[key] === null)) add(join(at, key), `required attribute "${key}" is missing`);
  }
  for (const [key, b] of Object.entries(blockTypes)) {
    if ((b.min_items ?? 0) > 0 && value[key] === undefined) add(join(at, key), `block "${key}" is required (at least ${b.min_items})`);
  }
}

function checkAttribute(value: unknown, attr: SchemaAttribute, at: string, add: Add): void {
  if (value === null || value === undefined) return;
  if (attr.computed && !attr.optional && !attr.required) {
    add(at, "is read-only (computed by the provider); remove it");
    return;
  }
  if (attr.nested_type) checkNested(value, attr.nested_type, at, add);
  else if (attr.type !== undefined) checkType(value, attr.type, at, add);
}

function checkNested(value: unknown, nested: NestedType, at: string, add: Add): void {
  if (isReference(value)) return;
  const body = (v: unknown, p: string) => {
    if (isReference(v)) return;
    if (!isObject(v)) return add(p, `must be an object, got ${describe(v)}`);
    checkBlockBody(v, { attributes: nested.attributes }, p, add, false);
  };
  switch (nested.nesting_mode) {
    case "single":
      return body(value, at);
    case "list":
    case "set":
      if (!Array.isArray(value)) return add(at, `must be a ${nested.nesting_mode} of objects, got ${describe(value)}`);
      return value.forEach((v, i) => body(v, `${at}[${i}]`));
    case "map":
      if (!isObject(value)) return add(at, `must be a map of objects, got ${describe(value)}`);
      return Object.entries(value).forEach(([k, v]) => body(v, `${at}.${k}`));
  }
}

function checkBlockType(value: unknown, bt: BlockType, at: string, add: Add): void {
  if (isReference(value)) return;
  // Terraform JSON accepts one object or an array of objects for a block.
  const items = Array.isArray(value) ? value : [value];
  if (bt.nesting_mode === "single" && items.length > 1) add(at, `accepts one block, got ${items.length}`);
  if (bt.max_items !== undefined && items.length > bt.max_items) add(at, `accepts at most ${bt.max_items} blocks, got ${items.length}`);
  if (bt.min_items !== undefined && items.length < bt.min_items) add(at, `needs at least ${bt.min_items} blocks, got ${items.length}`);
  items.forEach((item, i) => {
    const p = Array.isArray(value) ? `${at}[${i}]` : at;
    if (isReference(item)) return;
    if (!isObject(item)) return add(p, `must be a block (object), got ${describe(item)}`);
    checkBlockBody(item, bt.block, p, add, false);
  });
}

function checkType(value: unknown, type: SchemaType, at: string, add: Add): void {
  if (value === null || isReference(value)) return;
  if (typeof type === "string") {
    switch (type) {
      case "string":
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return; // Terraform converts primitives to string
        return add(at, `must be a string, got ${describe(value)}`);
      case "number":
        if (typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)))) return;
        return add(at, `must be a number, got ${describe(value)}`);
      case "bool":
        if (typeof value === "boolean" || value === "true" || value === "false") return;
        return add(at, `must be a bool (true or false), got ${describe(value)}`);
      default:
        return; // dynamic
    }
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) return add(at, `must be a ${kind}, got ${describe(value)}`);
    value.forEach((v, i) => checkType(v, inner as SchemaType, `${at}[${i}]`, add));
  } else if (kind === "map") {
    if (!isObject(value)) return add(at, `must be a map, got ${describe(value)}`);
    Object.entries(value).forEach(([k, v]) => checkType(v, inner as SchemaType, `${at}.${k}`, add));
  } else if (kind === "object") {
    if (!isObject(value)) return add(at, `must be an object, got ${describe(value)}`);
    const fields = inner as Record<string, SchemaType>;
    for (const [k, v] of Object.entries(value)) {
      if (!(k in fields)) add(`${at}.${k}`, `unknown attribute "${k}"; known: ${Object.keys(fields).join(", ")}`);
      else checkType(v, fields[k], `${at}.${k}`, add);
    }
  }
}

/** Values at a dotted validator path, expanding lists/sets, with their concrete paths. */
function valuesAt(root: Json, dotted: string): { value: unknown; path: string; parent: Json }[] {
  let current: { value: unknown; path: string; parent: Json }[] = [{ value: root, path: "", parent: root }];
  for (const key of dotted.split(".")) {
    const next: typeof current = [];
    for (const c of current) {
      const containers = Array.isArray(c.value) ? c.value.map((v, i) => ({ v, p: `${c.path}[${i}]` })) : [{ v: c.value, p: c.path }];
      for (const { v, p } of containers) {
        if (isObject(v) && v[key] !== undefined && v[key] !== null) next.push({ value: v[key], path: join(p, key), parent: v });
      }
    }
    current = next;
  }
  return current;
}

function applyValidators(attrs: Json, validators: Record<string, ValidatorRule[]>, add: Add): void {
  const reportedGroups = new Set<string>();
  for (const [dotted, rules] of Object.entries(validators)) {
    for (const rule of rules) {
      if (rule.category !== "validator") continue;
      if (rule.kind === "exactly_one_of") {
        const key = [...(rule.paths ?? [])].sort().join(",");
        if (reportedGroups.has(key)) continue;
        reportedGroups.add(key);
        const set = (rule.paths ?? []).filter((p) => attrs[p] !== undefined && attrs[p] !== null);
        if (set.length !== 1) add(dotted, `exactly one of ${rule.paths?.join(", ")} must be set, found ${set.length === 0 ? "none" : set.join(" and ")}`);
        continue;
      }
      for (const { value, path: p, parent } of valuesAt(attrs, dotted)) applyRule(rule, value, p, parent, add);
    }
  }
}

function applyRule(rule: ValidatorRule, value: unknown, at: string, parent: Json, add: Add): void {
  const known = !isReference(value);
  switch (rule.kind) {
    case "length_between":
    case "length_at_least": {
      if (typeof value !== "string" || !known) return;
      const len = [...value].length;
      if (len < (rule.min ?? 0) || (rule.max !== undefined && len > rule.max)) {
        add(at, `length ${len} is outside ${rule.min ?? 0}–${rule.max ?? "∞"} characters`);
      }
      return;
    }
    case "regex":
      if (typeof value === "string" && known && rule.pattern && !new RegExp(rule.pattern).test(value)) {
        add(at, `${JSON.stringify(value)} ${(rule.message ?? `does not match ${rule.pattern}`).replace("%q", JSON.stringify(value))}`);
      }
      return;
    case "one_of": {
      if (typeof value !== "string" || !known) return;
      const values = rule.values ?? [];
      const ok = rule.case_insensitive ? values.some((v) => v.toLowerCase() === value.toLowerCase()) : values.includes(value);
      if (!ok) add(at, `${JSON.stringify(value)} is not one of ${values.join(", ")}`);
      return;
    }
    case "size_at_least":
      if (Array.isArray(value) && value.length < (rule.min ?? 0)) add(at, `has ${value.length} elements; at least ${rule.min} needed (omit the attribute instead of an empty collection)`);
      else if (isObject(value) && Object.keys(value).length < (rule.min ?? 0)) add(at, `has ${Object.keys(value).length} entries; at least ${rule.min} needed (omit the attribute instead)`);
      return;
    case "each_value":
      if (Array.isArray(value)) value.forEach((v, i) => (rule.validators ?? []).forEach((r) => applyRule({ ...r, category: "validator" }, v, `${at}[${i}]`, parent, add)));
      return;
    case "conflicts_with":
      for (const other of rule.paths ?? []) {
        if (parent[other] !== undefined && parent[other] !== null) add(at, `conflicts with ${other}; set only one of them`);
      }
      return;
    case "unique_field": {
      if (!Array.isArray(value) || !rule.field) return;
      const seen = new Set<string>();
      for (const [i, item] of value.entries()) {
        const f = isObject(item) ? item[rule.field] : undefined;
        if (f === undefined || f === null || isReference(f)) return; // checking stops at the first unknown
        const k = String(f);
        if (seen.has(k)) add(`${at}[${i}].${rule.field}`, `${JSON.stringify(k)} appears more than once; ${rule.field} must be unique`);
        seen.add(k);
      }
      return;
    }
    case "custom":
    case "set_empty_when": {
      const sibling = rule.sibling ?? rule.other_path;
      const other = sibling ? parent[sibling] : undefined;
      if (typeof other !== "string" || isReference(other)) return;
      const hit = (rule.when_values ?? []).some((w) => w.toLowerCase() === other.toLowerCase());
      if (hit && Array.isArray(value) && value.length > 0) add(at, `must be empty when ${sibling} is ${JSON.stringify(other)} (that role already covers every namespace)`);
      return;
    }
    case "time_duration":
      if (typeof value === "string" && known && !/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$|^0$/.test(value)) add(at, `${JSON.stringify(value)} is not a duration like 30s or 2h45m`);
      return;
    default:
      return;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  return `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Every stack file of a target: `<dir>/stacks/<name>/cdk.tf.json` of a cdktf output directory, the
 * `*.tf.json` files of a folder (or of its sub-folders), or the file itself.
 */
export function findStackFiles(target: string): string[] {
  if (fs.statSync(target).isFile()) return [target];
  const stacksDir = path.join(target, "stacks");
  const root = fs.existsSync(stacksDir) ? stacksDir : target;
  const out: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      for (const inner of safeReaddir(full)) if (inner.endsWith(".tf.json")) out.push(path.join(full, inner));
    } else if (entry.name.endsWith(".tf.json")) {
      out.push(full);
    }
  }
  return out.sort();
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

export interface ValidatedFile {
  readonly file: string;
  /** The parsed document, when the file could be read as JSON. */
  readonly document?: unknown;
}

/** Reads one stack file; an unreadable or unparsable file is a problem of that file, not an exception. */
export function readStackFile(file: string): { document?: unknown; problem?: SchemaProblem } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    return { problem: { address: "(file)", path: "", message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, file } };
  }
  try {
    return { document: JSON.parse(text) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const offset = /at position (\d+)/.exec(reason);
    const at = offset ? Number(offset[1]) : text.length;
    const before = text.slice(0, at);
    const where = `line ${before.split("\n").length}, column ${at - before.lastIndexOf("\n")}`;
    const plain = err instanceof RangeError ? "it is nested too deeply" : reason.replace(/ in JSON at position \d+.*$/, "").replace(/^Unexpected end of JSON input$/, "the text ends before the JSON value is complete (truncated file?)");
    return { problem: { address: "(file)", path: "", message: `is not valid JSON: ${plain} at ${where}`, file } };
  }
}

/** Validates every stack file of every target (folders or files); one broken file does not stop the rest. */
export function validateTargets(targets: readonly string[], catalogue: ProviderCatalogue = temporalCloudCatalogue()): { files: ValidatedFile[]; problems: SchemaProblem[] } {
  const files: ValidatedFile[] = [];
  const problems: SchemaProblem[] = [];
  for (const file of [...new Set(targets.flatMap(findStackFiles))]) {
    const { document, problem } = readStackFile(file);
    if (problem) {
      problems.push(problem);
      files.push({ file });
      continue;
    }
    files.push({ file, document });
    problems.push(...validateStackJson(document, catalogue).map((p) => ({ ...p, file })));
  }
  return { files, problems };
}

/** Validates every stack file in a cdktf output directory. */
export function validateOutDir(target: string, catalogue: ProviderCatalogue = temporalCloudCatalogue()): { files: string[]; problems: SchemaProblem[] } {
  const { files, problems } = validateTargets([target], catalogue);
  return { files: files.map((f) => f.file), problems };
}

export function formatProblem(p: SchemaProblem): string {
  return `${p.severity === "warning" ? "warning: " : ""}${p.address}${p.path ? `: ${p.path}` : ""}: ${p.message}`;
}
