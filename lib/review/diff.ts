// Resource-level difference between two synthesized stacks, matched by Terraform address.
import type { ResourceEntry, StackModel } from "./model";

export type ChangeKind = "added" | "removed" | "changed";

export interface ResourceChange {
  readonly kind: ChangeKind;
  readonly address: string;
  readonly type: string;
  /** Namespace the resource belongs to (head side, else base side); undefined = estate-wide. */
  readonly namespace?: string;
  readonly before?: ResourceEntry;
  readonly after?: ResourceEntry;
  /** Top-level attributes whose value differs (changed resources only). */
  readonly changedAttributes: readonly string[];
}

export interface StackDiff {
  readonly stack: string;
  readonly base?: StackModel;
  readonly head?: StackModel;
  readonly changes: readonly ResourceChange[];
}

export function diffStacks(stack: string, base: StackModel | undefined, head: StackModel | undefined): StackDiff {
  const changes: ResourceChange[] = [];
  const before = base?.resources ?? new Map<string, ResourceEntry>();
  const after = head?.resources ?? new Map<string, ResourceEntry>();
  const namespaceFor = (address: string) => head?.namespaceOf.get(address) ?? base?.namespaceOf.get(address);
  for (const [address, entry] of after) {
    const old = before.get(address);
    if (!old) {
      changes.push({ kind: "added", address, type: entry.type, namespace: namespaceFor(address), after: entry, changedAttributes: [] });
      continue;
    }
    const changed = changedKeys(old.attributes, entry.attributes);
    if (changed.length > 0) changes.push({ kind: "changed", address, type: entry.type, namespace: namespaceFor(address), before: old, after: entry, changedAttributes: changed });
  }
  for (const [address, entry] of before) {
    if (!after.has(address)) changes.push({ kind: "removed", address, type: entry.type, namespace: namespaceFor(address), before: entry, changedAttributes: [] });
  }
  changes.sort((a, b) => a.address.localeCompare(b.address));
  return { stack, base, head, changes };
}

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonical(a[k]) !== canonical(b[k])).sort();
}

/** JSON with sorted object keys, so key order never counts as a change. */
export function canonical(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y))) : v,
  );
}
