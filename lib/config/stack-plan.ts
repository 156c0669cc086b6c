// Which stack each part of an estate goes into, decided once. One stack unless the config splits
// (stacks.by, or stack: on namespaces). The placement rule keeps the stack graph acyclic:
//   shared  ← namespace stacks ← access
// - a namespace and everything of its own (workers, keys, secrets, certificates, sinks, payload key) goes
//   into the namespace's stack;
// - something used by namespaces of one stack goes into that stack; a CA, private endpoint, HA DNS zone or
//   public connectivity rule used by several goes into the shared stack (namespaces reference it);
// - account-wide parts that reference no namespace (audit-log sink, metrics, custom roles, deploy identity)
//   go into the shared stack;
// - a service account or group with access to namespaces of several stacks goes into the access stack
//   (it references the namespaces), with the worker's key and secret.
import type { EnvironmentName as Environment } from "../domain/environments";
import type { StacksConfig } from "./types";

/** What a stack holds. `estate` is the one stack of an unsplit estate. */
export type StackRole = "estate" | "shared" | "namespaces" | "access";

export interface ResolvedStack {
  readonly name: string;
  readonly role: StackRole;
  /** Namespaces (names) whose resources the stack holds. */
  readonly namespaces: readonly string[];
}

export interface StackPlan {
  /** True when the estate is synthesized into several stacks. */
  readonly split: boolean;
  /** Stacks in apply order: shared, the namespace stacks in config order, access (only when used). */
  readonly stacks: readonly ResolvedStack[];
  /** The stack of account-wide parts (the one stack when not split). */
  readonly shared: string;
  /** Name of the access stack (listed in `stacks` only when something goes there). */
  readonly access: string;
  /** stacks.by as written. */
  readonly by?: "environment" | "namespace";
  /** stacks.names as written (by: environment). */
  readonly names?: Readonly<Partial<Record<Environment, string>>>;
  /** Stack of each namespace, by namespace name. */
  readonly ofNamespace: ReadonlyMap<string, string>;
}

/** A namespace as the stack plan needs it. */
export interface PlannedNamespace {
  readonly name: string;
  readonly environment: Environment;
  readonly stack?: string;
}

export const DEFAULT_ESTATE_NAME = "temporal-cloud";

/** Stack names the config gives the shared and access stacks. */
export function auxiliaryStackNames(base: string, stacks: StacksConfig | undefined): { shared: string; access: string } {
  return { shared: stacks?.shared ?? `${base}-shared`, access: stacks?.access ?? `${base}-access` };
}

/** Whether the config splits the estate. */
export function isSplit(stacks: StacksConfig | undefined, namespaces: readonly PlannedNamespace[]): boolean {
  return stacks !== undefined || namespaces.some((ns) => ns.stack !== undefined);
}

/** The stack a namespace goes into (the checks report namespaces without one under by: namespace). */
export function namespaceStack(base: string, stacks: StacksConfig | undefined, ns: PlannedNamespace): string {
  if (ns.stack !== undefined) return ns.stack;
  if (stacks?.by === "environment") return stacks.names?.[ns.environment] ?? `${base}-${ns.environment}`;
  return `${base}-${ns.name}`;
}

/** The stacks without the access stack (withAccessStack adds it once something is placed there). */
export function planStacks(base: string, stacks: StacksConfig | undefined, namespaces: readonly PlannedNamespace[]): StackPlan {
  if (!isSplit(stacks, namespaces)) {
    return {
      split: false,
      stacks: [{ name: base, role: "estate", namespaces: namespaces.map((ns) => ns.name) }],
      shared: base,
      access: base,
      ofNamespace: new Map(namespaces.map((ns) => [ns.name, base])),
    };
  }
  const { shared, access } = auxiliaryStackNames(base, stacks);
  const ofNamespace = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const ns of namespaces) {
    if (ofNamespace.has(ns.name)) continue; // a repeated name is a config problem reported elsewhere
    const name = namespaceStack(base, stacks, ns);
    ofNamespace.set(ns.name, name);
    members.set(name, [...(members.get(name) ?? []), ns.name]);
  }
  const list: ResolvedStack[] = [
    { name: shared, role: "shared", namespaces: [] },
    ...[...members].map(([name, names]): ResolvedStack => ({ name, role: "namespaces", namespaces: names })),
  ];
  return { split: true, stacks: list, shared, access, by: stacks?.by, names: stacks?.names, ofNamespace };
}

/** The plan with the access stack applied last. */
export function withAccessStack(plan: StackPlan): StackPlan {
  return { ...plan, stacks: [...plan.stacks, { name: plan.access, role: "access", namespaces: [] }] };
}

/**
 * The stack for a part that serves or reaches `namespaces`: their stack when they share one, else
 * `across` (the shared stack for parts namespaces reference, the access stack for parts that reference
 * namespaces).
 */
export function stackServing(plan: StackPlan, namespaces: readonly string[], across: string): string {
  const stacks = new Set(namespaces.map((name) => plan.ofNamespace.get(name) ?? plan.shared));
  return stacks.size === 1 ? [...stacks][0] : stacks.size === 0 ? plan.shared : across;
}
