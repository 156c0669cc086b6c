// Turns raw input (parsed YAML/JSON or a TS object) into a validated, resolved configuration,
// or a ConfigError listing every problem as `path: message`.
import * as path from "node:path";
import type { z } from "zod";
import { configSchema, type ValidatedEstateConfig } from "./schema";
import { documentShapeProblem } from "./shape";
import { mapBack, pruneRejected, rejectedNameClashes } from "./partial-checks";
import { CROSS_CHECKS } from "./cross-checks";
import { capIssues, ConfigError, describeValue, formatPath, IssueCollector, type ConfigIssue } from "./issues";
import { resolveConfig, type ResolvedConfig } from "./resolve";
import { editDistance } from "../domain/regions";

export interface ParseOptions {
  /** Folder that relative paths in the config are resolved against. @default process.cwd() */
  readonly baseDir?: string;
  /** Name of the config's source, shown in error messages. */
  readonly source?: string;
}

export type ParseResult = { ok: true; config: ResolvedConfig } | { ok: false; issues: readonly ConfigIssue[] };

/** Validates and resolves a configuration without throwing. */
export function safeParseConfig(input: unknown, options: ParseOptions = {}): ParseResult {
  const baseDir = options.baseDir ?? process.cwd();
  const shape = documentShapeProblem(input);
  if (shape) return { ok: false, issues: [shape] };
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const issues = dropShadowedIssues(parsed.error.issues).map((issue) => formatZodIssue(issue, input));
    return { ok: false, issues: capIssues([...issues, ...crossChecksOfTheRest(input as Record<string, unknown>, parsed.error.issues, baseDir)]) };
  }
  const found = crossCheck(parsed.data, baseDir);
  return found.issues.length === 0 ? { ok: true, config: found.config } : { ok: false, issues: capIssues(found.issues) };
}

function crossCheck(data: ValidatedEstateConfig, baseDir: string): { config: ResolvedConfig; issues: readonly ConfigIssue[] } {
  const config = resolveConfig(data, baseDir, (p) => path.resolve(baseDir, p));
  const issues = new IssueCollector();
  for (const check of CROSS_CHECKS) check(config, issues);
  return { config, issues: issues.issues };
}

/** Cross checks on the parts of a rejected config the schema accepted. */
function crossChecksOfTheRest(input: Record<string, unknown>, schemaIssues: readonly z.core.$ZodIssue[], baseDir: string): ConfigIssue[] {
  const pruned = pruneRejected(input, schemaIssues);
  if (!pruned) return [];
  const clashes = rejectedNameClashes(input, pruned);
  const again = configSchema.safeParse(pruned.input);
  if (!again.success) return clashes;
  return [...clashes, ...mapBack(crossCheck(again.data, baseDir).issues, pruned)];
}

/** Validates and resolves a configuration; throws ConfigError with every problem. */
export function parseConfig(input: unknown, options: ParseOptions = {}): ResolvedConfig {
  const result = safeParseConfig(input, options);
  if (!result.ok) throw new ConfigError(result.issues, options.source);
  return result.config;
}

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** How to write a value of each type in YAML (the fix for a wrong type). */
const TYPE_FIX: Record<string, string> = {
  number: "write a number without quotes, e.g. 30",
  int: "write a whole number without quotes, e.g. 30",
  boolean: "write true or false without quotes",
  string: "write text (quote it if it looks like a number or a boolean)",
  array: "write a list, e.g. [a, b] or one \"- item\" per line",
  object: "write a mapping of keys (key: value) indented below it",
  record: "write a mapping of keys (key: value) indented below it",
};

/** After a wrong type, zod may still report size checks on the same value: keep the type error only. */
function dropShadowedIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const typed = new Set(issues.filter((i) => i.code === "invalid_type").map((i) => formatPath(i.path)));
  return issues.filter((i) => i.code === "invalid_type" || !typed.has(formatPath(i.path)));
}

const ZOD_DEFAULT_MESSAGE = /^(Invalid input|Invalid option|Too big|Too small|Unrecognized key|Invalid string|Invalid)/;

/** Rewrites zod's generic texts into messages that carry the value and the fix. */
function formatZodIssue(issue: z.core.$ZodIssue, input: unknown): ConfigIssue {
  const where = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  if (value === undefined && issue.code === "invalid_value") {
    return { path: where, message: `is required; use one of ${issue.values.map((v) => describeValue(v)).join(", ")}` };
  }
  // A message set in the schema already names the value and the fix; keep it.
  if (issue.code !== "custom" && issue.code !== "unrecognized_keys" && !ZOD_DEFAULT_MESSAGE.test(issue.message)) {
    return { path: where, message: issue.message };
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(issue.path, input);
      const parts = issue.keys.map((key) => {
        const near = known.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
        return `"${key}"${near.length ? ` (did you mean "${near[0]}"?)` : ""}`;
      });
      return { path: where, message: `unknown setting ${parts.join(", ")}; remove it or check the spelling against config.schema.json` };
    }
    case "invalid_type":
      if (value === undefined) {
        // A field's own error text (z.string({ error })) says what to give; zod's default does not.
        const own = issue.message && !issue.message.startsWith("Invalid input") && !/^(undefined|nothing) /.test(issue.message);
        return { path: where, message: own ? issue.message : `is required (expected ${issue.expected})` };
      }
      return { path: where, message: `${describeValue(value)} is not a valid ${issue.expected}; ${TYPE_FIX[issue.expected] ?? `write a ${issue.expected}`}` };
    case "invalid_value":
      return { path: where, message: `${describeValue(value)} is not one of ${issue.values.map((v) => describeValue(v)).join(", ")}` };
    case "too_big":
      return { path: where, message: `${describeValue(value)} is above the maximum of ${String(issue.maximum)}${issue.origin === "array" ? " entries" : ""}; lower it` };
    case "too_small":
      return { path: where, message: `${describeValue(value)} is below the minimum of ${String(issue.minimum)}${issue.origin === "array" ? " entries" : ""}; raise it` };
    case "invalid_union": {
      // A one-or-many field (`x: {...}` or `x: [{...}]`): report the branch that matches the input's shape.
      const fitting = issue.errors.filter((errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0));
      if (fitting.length === 1 && fitting[0].length > 0) {
        const inner = fitting[0][0];
        return formatZodIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, input);
      }
      return { path: where, message: issue.message };
    }
    default:
      return { path: where, message: issue.message };
  }
}

/** Keys the schema accepts at `path` (for spelling suggestions). */
function knownKeysAt(issuePath: readonly PropertyKey[], _input: unknown): string[] {
  let node: z.ZodType | undefined = configSchema;
  for (const key of issuePath) {
    node = unwrap(node);
    if (!node) return [];
    const def = (node as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType } }).def;
    if (def.type === "object" && typeof key === "string") node = def.shape?.[key];
    else if (def.type === "array" && typeof key === "number") node = def.element;
    else return [];
  }
  node = unwrap(node);
  const def = node && (node as unknown as { def: { type: string; shape?: Record<string, unknown> } }).def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  let current = node;
  for (let i = 0; i < 10 && current; i++) {
    const def = (current as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") current = def.innerType;
    else if (def.type === "pipe") current = def.in;
    else break;
  }
  return current;
}
