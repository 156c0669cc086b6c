// When the schema rejects part of a config, the cross-field checks still run on the rest: the parts with
// schema errors are set aside (a namespace, or a top-level section), the remainder is validated again, and
// the cross checks' findings on it are reported with their original paths. Users fix everything in one pass.
import type { z } from "zod";
import type { ConfigIssue } from "./issues";

interface Pruned {
  /** The input without the rejected parts. */
  readonly input: Record<string, unknown>;
  /** Index in the pruned namespaces list → index in the original. */
  readonly namespaceIndex: readonly number[];
  /** Top-level keys removed. */
  readonly sections: ReadonlySet<string>;
  /** Names of removed namespaces (to drop findings that only exist because they are gone). */
  readonly namespaceNames: readonly string[];
}

/** The input without every namespace or top-level section a schema issue points into; undefined if nothing is left. */
export function pruneRejected(input: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Pruned | undefined {
  const badNamespaces = new Set<number>();
  const sections = new Set<string>();
  for (const issue of issues) {
    const [first, second] = issue.path;
    if (first === "namespaces" && typeof second === "number") badNamespaces.add(second);
    else if (first !== undefined) sections.add(String(first));
    else if (issue.code === "unrecognized_keys") issue.keys.forEach((k) => sections.add(k));
    else return undefined; // the document itself is wrong: nothing to check
  }
  if (sections.has("namespaces") || !Array.isArray(input.namespaces)) return undefined;
  const namespaces = input.namespaces as unknown[];
  const namespaceIndex = namespaces.map((_, i) => i).filter((i) => !badNamespaces.has(i));
  if (namespaceIndex.length === 0) return undefined;
  const pruned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!sections.has(key)) pruned[key] = value;
  pruned.namespaces = namespaceIndex.map((i) => namespaces[i]);
  const namespaceNames = [...badNamespaces].map((i) => (namespaces[i] as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === "string");
  return { input: pruned, namespaceIndex, sections, namespaceNames };
}

/** Cross-check findings on the pruned config, mapped back to the original paths. */
export function mapBack(found: readonly ConfigIssue[], pruned: Pruned): ConfigIssue[] {
  const renumber = (text: string) => text.replace(/namespaces\[(\d+)\]/g, (_m, i: string) => `namespaces[${pruned.namespaceIndex[Number(i)] ?? i}]`);
  return found
    .filter((issue) => ![...pruned.sections].some((s) => issue.path === s || /^[.[]/.test(issue.path.slice(s.length)) && issue.path.startsWith(s) || new RegExp(`\\b${s}\\b`).test(issue.message)))
    .filter((issue) => !pruned.namespaceNames.some((name) => issue.message.includes(`"${name}"`)))
    .map((issue) => ({ path: renumber(issue.path), message: renumber(issue.message) }));
}

/**
 * Name clashes that involve a set-aside namespace: the cross checks cannot see them (mapBack drops findings
 * naming it), so they are found here, with the message the uniqueness check gives.
 */
export function rejectedNameClashes(input: Record<string, unknown>, pruned: Pruned): ConfigIssue[] {
  const rejected = new Set(pruned.namespaceNames);
  const first = new Map<string, number>();
  const out: ConfigIssue[] = [];
  (input.namespaces as unknown[]).forEach((ns, i) => {
    const name = (ns as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || !rejected.has(name)) return;
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, i);
    else out.push({ path: `namespaces[${i}].name`, message: `"${name}" is already used by namespaces[${earlier}]; namespace names must be unique` });
  });
  return out;
}
