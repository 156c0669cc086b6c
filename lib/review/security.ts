// Security-relevant changes between two synthesized stacks. Each rule looks at one resource change and
// returns findings; a finding on a production namespace that forces a replacement blocks the review.
import { canonical, type ResourceChange, type StackDiff } from "./diff";
import { metadataIn } from "../analysis/marker";
import { referencesIn } from "../analysis/references";
import type { ResourceEntry, StackModel } from "./model";

export type FindingKind =
  | "forced-replacement"
  | "namespace-destroyed"
  | "auth-changed"
  | "ca-bundle-changed"
  | "certificate-filters-changed"
  | "retention-lowered"
  | "public-access-added"
  | "delete-protection-off"
  | "prevent-destroy-removed"
  | "permission-raised"
  | "api-key-expiry-extended";

export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  "forced-replacement": "Forced replacement",
  "namespace-destroyed": "Namespace destroyed",
  "auth-changed": "Authentication changed",
  "ca-bundle-changed": "CA bundle changed",
  "certificate-filters-changed": "Certificate filters changed",
  "retention-lowered": "Retention lowered",
  "public-access-added": "Public access added",
  "delete-protection-off": "Delete protection turned off",
  "prevent-destroy-removed": "prevent_destroy removed",
  "permission-raised": "Service account permission raised",
  "api-key-expiry-extended": "API key expiry extended",
};

/** A security-relevant change found by the plan review (the compliance rule pack has its own `Finding`). */
export interface ReviewFinding {
  readonly kind: FindingKind;
  readonly stack: string;
  readonly namespace?: string;
  readonly address: string;
  readonly message: string;
  /** The namespace is a production namespace (see isProductionNamespace). */
  readonly production: boolean;
  /** Fails the review unless overridden: replacement or destruction of a production namespace. */
  readonly blocking: boolean;
}

export interface SecurityOptions {
  /** Namespaces whose name matches are production even without the guardrails marker. */
  readonly productionNamePattern?: RegExp;
}

/**
 * How production-ness is read from synthesized JSON, first match wins:
 * 1. the guardrails marker `"//": { "temporal_cloud_guardrails": { "environment": "production" } }` the
 *    stack writes on every namespace it builds (base or head side);
 * 2. `--production-pattern` matching the namespace name;
 * 3. `lifecycle.prevent_destroy: true` on either side (the production profile's default), for stacks
 *    not built by this library.
 */
export function isProductionNamespace(entries: ReadonlyArray<ResourceEntry | undefined>, options: SecurityOptions = {}): boolean {
  const present = entries.filter((e): e is ResourceEntry => e !== undefined);
  const markers = present.map((e) => metadataIn(e.comment)?.environment).filter(Boolean);
  if (markers.length > 0) return markers.includes("production");
  if (options.productionNamePattern && present.some((e) => options.productionNamePattern!.test(String(e.attributes.name ?? "")))) return true;
  return present.some((e) => (e.attributes.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true);
}

export function securityFindings(diff: StackDiff, options: SecurityOptions = {}): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  for (const change of diff.changes) {
    const rule = CHANGE_CHECKS[change.type];
    if (!rule) continue;
    const production = productionOf(change, diff, options);
    for (const [kind, message] of rule(change, diff)) {
      const blocking = production && (kind === "forced-replacement" || kind === "namespace-destroyed");
      findings.push({ kind, stack: diff.stack, namespace: change.namespace, address: change.address, message, production, blocking });
    }
  }
  return findings.sort((a, b) => Number(b.blocking) - Number(a.blocking) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.address.localeCompare(b.address));
}

const KIND_ORDER = Object.keys(FINDING_TITLES) as FindingKind[];

function productionOf(change: ResourceChange, diff: StackDiff, options: SecurityOptions): boolean {
  if (change.type === "temporalcloud_namespace") return isProductionNamespace([change.before, change.after], options);
  if (!change.namespace) return false;
  const sides: Array<StackModel | undefined> = [diff.base, diff.head];
  const entries = sides.flatMap((model) =>
    model ? [...model.namespaceNames].filter(([, name]) => name === change.namespace).map(([address]) => model.resources.get(address)) : [],
  );
  return isProductionNamespace(entries, options);
}

/** Security-relevant changes of one resource type (the review's checks; the rule pack's RULES are separate). */
type ChangeCheck = (change: ResourceChange, diff: StackDiff) => Array<[FindingKind, string]>;

const CHANGE_CHECKS: Readonly<Record<string, ChangeCheck>> = {
  temporalcloud_namespace: namespaceRule,
  temporalcloud_connectivity_rule: connectivityRule,
  temporalcloud_service_account: serviceAccountRule,
  temporalcloud_apikey: apiKeyRule,
  time_rotating: rotationRule,
};

function namespaceRule(change: ResourceChange, diff: StackDiff): Array<[FindingKind, string]> {
  const out: Array<[FindingKind, string]> = [];
  const name = String((change.after ?? change.before)!.attributes.name ?? change.address);
  if (change.kind === "removed") return [["namespace-destroyed", `namespace \`${name}\` is removed: Terraform destroys it with its workflow history`]];
  if (change.kind !== "changed") return out;
  const a = change.before!.attributes;
  const b = change.after!.attributes;

  const regionsBefore = stringList(a.regions);
  const regionsAfter = stringList(b.regions);
  if (canonical([...regionsBefore].sort()) !== canonical([...regionsAfter].sort())) {
    out.push(["forced-replacement", `namespace \`${name}\`: regions ${fmtList(regionsBefore)} → ${fmtList(regionsAfter)}; the provider cannot change an existing namespace's regions, so Terraform replaces it (new namespace, history lost). Create a new namespace and migrate instead`]);
  }
  if (a.name !== b.name) out.push(["forced-replacement", `namespace \`${String(a.name)}\` renamed to \`${String(b.name)}\`; a rename replaces the namespace`]);

  if (Boolean(a.api_key_auth) !== Boolean(b.api_key_auth)) {
    out.push(["auth-changed", `namespace \`${name}\`: API-key authentication ${b.api_key_auth ? "enabled" : "disabled"}`]);
  }
  const caBefore = a.accepted_client_ca;
  const caAfter = b.accepted_client_ca;
  if (caBefore === undefined && caAfter !== undefined) out.push(["auth-changed", `namespace \`${name}\`: mTLS enabled (client CA bundle added)`]);
  else if (caBefore !== undefined && caAfter === undefined) out.push(["auth-changed", `namespace \`${name}\`: mTLS disabled (client CA bundle removed)`]);
  else if (canonical(caBefore) !== canonical(caAfter)) {
    out.push(["ca-bundle-changed", `namespace \`${name}\`: accepted client CA bundle changed; clients whose certificates chain to a removed CA are rejected, certificates of an added CA are accepted`]);
  }
  if (canonical(a.certificate_filters ?? []) !== canonical(b.certificate_filters ?? [])) {
    const nBefore = listLength(a.certificate_filters);
    const nAfter = listLength(b.certificate_filters);
    const widened = nBefore > 0 && nAfter === 0 ? "; with no filters left, any certificate from the accepted CAs is allowed" : "";
    out.push(["certificate-filters-changed", `namespace \`${name}\`: certificate filters changed (${nBefore} → ${nAfter})${widened}`]);
  }
  const retentionBefore = Number(a.retention_days);
  const retentionAfter = Number(b.retention_days);
  if (Number.isFinite(retentionBefore) && Number.isFinite(retentionAfter) && retentionAfter < retentionBefore) {
    out.push(["retention-lowered", `namespace \`${name}\`: retention ${retentionBefore} → ${retentionAfter} days; closed workflow history older than ${retentionAfter} days is deleted`]);
  }
  const rulesBefore = stringList(a.connectivity_rule_ids);
  const rulesAfter = stringList(b.connectivity_rule_ids);
  if (rulesBefore.length > 0 && rulesAfter.length === 0) {
    out.push(["public-access-added", `namespace \`${name}\`: all connectivity rules removed; the namespace becomes reachable over the public internet`]);
  }
  // Attaching an existing public rule (the account has one, shared by namespaces).
  const publicAttached = rulesAfter.filter((id) => !rulesBefore.includes(id)).map((id) => publicRuleAddress(id, diff.head)).filter((a): a is string => a !== undefined);
  for (const address of publicAttached) {
    if (diff.base?.resources.has(address)) out.push(["public-access-added", `namespace \`${name}\`: public connectivity rule \`${address}\` attached; the namespace is reachable over the public internet`]);
  }
  if (deleteProtection(a) && !deleteProtection(b)) out.push(["delete-protection-off", `namespace \`${name}\`: Temporal Cloud delete protection turned off`]);
  if (preventDestroy(a) && !preventDestroy(b)) out.push(["prevent-destroy-removed", `namespace \`${name}\`: lifecycle.prevent_destroy removed; \`terraform destroy\` or a replacement can now delete it`]);
  return out;
}

function connectivityRule(change: ResourceChange, diff: StackDiff): Array<[FindingKind, string]> {
  const after = change.after?.attributes;
  if (!after || String(after.connectivity_type).toLowerCase() !== "public") return [];
  const wasPublic = change.before && String(change.before.attributes.connectivity_type).toLowerCase() === "public";
  if (wasPublic) return [];
  const users = namespacesReferencing(change.address, diff.head);
  const target = users.length > 0 ? `, attached to ${users.map((n) => `\`${n}\``).join(", ")}` : "";
  return [["public-access-added", `public connectivity rule \`${change.address}\` ${change.kind === "added" ? "added" : "switched from private to public"}${target}`]];
}

const ACCOUNT_ROLE_RANK: Readonly<Record<string, number>> = { metricsread: 1, read: 2, developer: 3, admin: 4 };
const NAMESPACE_PERMISSION_RANK: Readonly<Record<string, number>> = { read: 1, write: 2, admin: 3 };

function serviceAccountRule(change: ResourceChange, diff: StackDiff): Array<[FindingKind, string]> {
  if (change.kind === "removed") return [];
  const b = change.after!.attributes;
  const a = change.before?.attributes ?? {};
  const name = String(b.name ?? change.address);
  const out: Array<[FindingKind, string]> = [];
  const roleBefore = rank(ACCOUNT_ROLE_RANK, a.account_access);
  const roleAfter = rank(ACCOUNT_ROLE_RANK, b.account_access);
  const isNew = change.kind === "added";
  if (roleAfter > roleBefore && (!isNew || String(b.account_access).toLowerCase() === "admin")) {
    out.push(["permission-raised", `service account \`${name}\`: account role ${a.account_access ? `\`${String(a.account_access)}\`` : "none"} → \`${String(b.account_access)}\``]);
  }
  const accessBefore = namespacePermissions(a);
  for (const [namespaceRef, permission] of namespacePermissions(b)) {
    const old = accessBefore.get(namespaceRef);
    const raised = rank(NAMESPACE_PERMISSION_RANK, permission) > rank(NAMESPACE_PERMISSION_RANK, old);
    if (!raised) continue;
    // A new service account with read/write is routine; new admin rights or any raise are called out.
    if (isNew && permission.toLowerCase() !== "admin") continue;
    out.push(["permission-raised", `service account \`${name}\`: ${old ? `\`${old}\`` : "no access"} → \`${permission}\` on ${describeRef(namespaceRef, diff.head ?? diff.base)}`]);
  }
  return out;
}

function apiKeyRule(change: ResourceChange, diff: StackDiff): Array<[FindingKind, string]> {
  if (change.kind !== "changed") return [];
  const before = change.before!.attributes.expiry_time;
  const after = change.after!.attributes.expiry_time;
  const name = String(change.after!.attributes.display_name ?? change.address);
  const out: Array<[FindingKind, string]> = [];
  if (typeof before === "string" && typeof after === "string" && !before.includes("${") && !after.includes("${")) {
    const tBefore = Date.parse(before);
    const tAfter = Date.parse(after);
    if (Number.isFinite(tBefore) && Number.isFinite(tAfter) && tAfter > tBefore) {
      out.push(["api-key-expiry-extended", `API key \`${name}\`: expiry ${before} → ${after} (+${Math.round((tAfter - tBefore) / 86_400_000)} days)`]);
    }
  }
  if (change.before!.attributes.disabled === true && change.after!.attributes.disabled !== true) {
    out.push(["auth-changed", `API key \`${name}\` re-enabled`]);
  }
  void diff;
  return out;
}

const MINUTES: Readonly<Record<string, number>> = { rotation_minutes: 1, rotation_hours: 60, rotation_days: 1440, rotation_months: 43_200, rotation_years: 525_600 };

/** A longer rotation period of a time_rotating that sets an API key's expiry extends the key's life. */
function rotationRule(change: ResourceChange, diff: StackDiff): Array<[FindingKind, string]> {
  if (change.kind !== "changed") return [];
  const before = rotationMinutes(change.before!.attributes);
  const after = rotationMinutes(change.after!.attributes);
  if (!(after > before)) return [];
  const keys = [...(diff.head?.references ?? new Map())]
    .filter(([from, targets]) => from.startsWith("temporalcloud_apikey.") && targets.has(change.address))
    .map(([from]) => String(diff.head!.resources.get(from)?.attributes.display_name ?? from));
  if (keys.length === 0) return [];
  return [["api-key-expiry-extended", `rotation \`${change.address}\` for API key(s) ${keys.map((k) => `\`${k}\``).join(", ")}: period ${formatMinutes(before)} → ${formatMinutes(after)}`]];
}

function rotationMinutes(attrs: Record<string, unknown>): number {
  return Object.entries(MINUTES).reduce((sum, [key, factor]) => sum + (typeof attrs[key] === "number" ? (attrs[key] as number) * factor : 0), 0);
}

function formatMinutes(minutes: number): string {
  return minutes % 1440 === 0 ? `${minutes / 1440} days` : `${minutes} minutes`;
}

function namespacePermissions(attrs: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const list = Array.isArray(attrs.namespace_accesses) ? attrs.namespace_accesses : [];
  const scoped = attrs.namespace_scoped_access ? [attrs.namespace_scoped_access] : [];
  for (const item of [...list, ...scoped] as Array<{ namespace_id?: unknown; permission?: unknown }>) {
    if (item && item.namespace_id !== undefined) out.set(String(item.namespace_id), String(item.permission ?? ""));
  }
  return out;
}

/** The address of the public connectivity rule a `connectivity_rule_ids` entry references, if it is one. */
function publicRuleAddress(id: string, model: StackModel | undefined): string | undefined {
  const ref = referencesIn(id).find((r) => r.type === "temporalcloud_connectivity_rule");
  const rule = ref ? model?.resources.get(ref.address) : undefined;
  return rule && String(rule.attributes.connectivity_type).toLowerCase() === "public" ? rule.address : undefined;
}

function namespacesReferencing(address: string, model: StackModel | undefined): string[] {
  if (!model) return [];
  return [...model.namespaceNames].filter(([ns]) => model.references.get(ns)?.has(address)).map(([, name]) => name);
}

function describeRef(ref: string, model: StackModel | undefined): string {
  const target = referencesIn(ref).find((r) => r.type === "temporalcloud_namespace");
  if (!target) return `\`${ref}\``;
  return `namespace \`${model?.namespaceNames.get(target.address) ?? target.name}\``;
}

function rank(table: Readonly<Record<string, number>>, value: unknown): number {
  return typeof value === "string" ? table[value.toLowerCase()] ?? 0 : 0;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function fmtList(values: readonly string[]): string {
  return `[${values.join(", ")}]`;
}

function deleteProtection(attrs: Record<string, unknown>): boolean {
  return (attrs.namespace_lifecycle as { enable_delete_protection?: boolean } | undefined)?.enable_delete_protection === true;
}

function preventDestroy(attrs: Record<string, unknown>): boolean {
  return (attrs.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true;
}
