// Security-relevant changes between two synthesized outputs. Each rule looks at one resource change (within
// a stack, or from one stack to another for a move) and returns findings; it reads references through the
// whole-app model, so a namespace in another stack counts like one in the same stack. A finding on a
// production namespace that forces a replacement or destroys it blocks the review.
import { canonical, type ResourceChange, type StackDiff } from "./diff";
import { metadataIn } from "../analysis/marker";
import type { Block } from "../analysis/model";
import { resourceIdentity } from "./identity";
import type { ResourceEntry, StackModel, SynthOutput } from "./model";

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
  | "api-key-expiry-extended"
  | "moved-between-stacks";

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
  "moved-between-stacks": "Moved between stacks",
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
  /** Fails the review unless overridden: replacement, destruction or a move between stacks of a production namespace. */
  readonly blocking: boolean;
  /** The stack holding the namespace the finding is about, when that is not `stack` (a grant across stacks). */
  readonly namespaceStack?: string;
  /** A resource that moves between stacks: the stack it leaves (`stack` is the one it arrives in). */
  readonly fromStack?: string;
  /** Every address a move covers (the resources that move together). */
  readonly addresses?: readonly string[];
}

/** A finding about more than one stack: a move, or a change whose namespace lives in another stack. */
export function isCrossStack(finding: ReviewFinding): boolean {
  return finding.fromStack !== undefined || finding.namespaceStack !== undefined;
}

/** What production-ness is read from: a namespace resource's attributes and "//" comment. */
export type NamespaceEntry = Pick<ResourceEntry, "attributes" | "comment">;

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
export function isProductionNamespace(entries: ReadonlyArray<NamespaceEntry | undefined>, options: SecurityOptions = {}): boolean {
  const present = entries.filter((e): e is NamespaceEntry => e !== undefined);
  const markers = present.map((e) => metadataIn(e.comment)?.environment).filter(Boolean);
  if (markers.length > 0) return markers.includes("production");
  if (options.productionNamePattern && present.some((e) => options.productionNamePattern!.test(String(e.attributes.name ?? "")))) return true;
  return present.some((e) => (e.attributes.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true);
}

export const BLOCKING_KINDS: readonly FindingKind[] = ["forced-replacement", "namespace-destroyed"];

/** The findings of one resource change found in `stack`. */
export function changeFindings(change: ResourceChange, stack: string, ctx: ChangeContext): ReviewFinding[] {
  const rule = CHANGE_CHECKS[change.type];
  if (!rule) return [];
  return rule(change, ctx).map((hit) => {
    const namespace = hit.subject?.name ?? change.namespace;
    const production = hit.subject ? hit.subject.production : productionOf(change, ctx);
    const namespaceStack = hit.subject?.stack ?? (namespace !== undefined ? namespaceLocation(namespace, ctx) : undefined);
    return {
      kind: hit.kind, stack, namespace, address: change.address, message: hit.message, production,
      blocking: production && BLOCKING_KINDS.includes(hit.kind),
      ...(namespaceStack !== undefined && namespaceStack !== stack ? { namespaceStack } : {}),
    };
  });
}

/** Blocking first, then by kind, address and stack. */
export function sortFindings(findings: ReviewFinding[]): ReviewFinding[] {
  return findings.sort((a, b) => Number(b.blocking) - Number(a.blocking) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.address.localeCompare(b.address) || a.stack.localeCompare(b.stack));
}

const KIND_ORDER = Object.keys(FINDING_TITLES) as FindingKind[];

/** What a check reads beyond the change: both sides of the app, and the stacks holding each side of the resource. */
export interface ChangeContext {
  readonly base: SynthOutput;
  readonly head: SynthOutput;
  readonly before?: StackModel;
  readonly after?: StackModel;
  readonly options: SecurityOptions;
}

/** A namespace a finding is about, wherever in the app it lives. */
export interface NamespaceSubject {
  readonly name: string;
  readonly stack: string;
  readonly production: boolean;
}

interface Hit {
  readonly kind: FindingKind;
  readonly message: string;
  /** The namespace the change is about when it is not the one the resource belongs to (a grant on another namespace). */
  readonly subject?: NamespaceSubject;
}

const hit = (kind: FindingKind, message: string, subject?: NamespaceSubject): Hit => ({ kind, message, subject });

function productionOf(change: ResourceChange, ctx: ChangeContext): boolean {
  if (change.type === "temporalcloud_namespace") return isProductionNamespace([change.before, change.after], ctx.options);
  return change.namespace !== undefined && isProductionNamespace(namespacesNamed(change.namespace, ctx), ctx.options);
}

/** The namespace blocks named `name` in base and head, in whichever stacks hold them. */
export function namespacesNamed(name: string, ctx: ChangeContext): Block[] {
  return [ctx.head, ctx.base].flatMap((side) => side.app.resources("temporalcloud_namespace").filter((ns) => side.app.namespaceName(ns) === name));
}

/** The stack holding the namespace named `name` (head, else base). */
function namespaceLocation(name: string, ctx: ChangeContext): string | undefined {
  for (const side of [ctx.head, ctx.base]) {
    const ns = side.app.resources("temporalcloud_namespace").find((b) => side.app.namespaceName(b) === name);
    if (ns) return stackOf(ns, side);
  }
  return undefined;
}

function stackOf(block: Block, side: SynthOutput): string {
  return block.stack ?? side.app.stackName;
}

function subjectOf(ns: Block, side: SynthOutput, ctx: ChangeContext): NamespaceSubject {
  const name = side.app.namespaceName(ns);
  return { name, stack: stackOf(ns, side), production: isProductionNamespace(namespacesNamed(name, ctx), ctx.options) };
}

/** Security-relevant changes of one resource type (the review's checks; the rule pack's RULES are separate). */
type ChangeCheck = (change: ResourceChange, ctx: ChangeContext) => Hit[];

const CHANGE_CHECKS: Readonly<Record<string, ChangeCheck>> = {
  temporalcloud_namespace: namespaceRule,
  temporalcloud_connectivity_rule: connectivityRule,
  temporalcloud_service_account: serviceAccountRule,
  temporalcloud_apikey: apiKeyRule,
  time_rotating: rotationRule,
};

function namespaceRule(change: ResourceChange, ctx: ChangeContext): Hit[] {
  const name = String((change.after ?? change.before)!.attributes.name ?? change.address);
  if (change.kind === "removed") return [hit("namespace-destroyed", `namespace \`${name}\` is removed: Terraform destroys it with its workflow history`)];
  if (change.kind !== "changed") return [];
  const a = change.before!.attributes;
  const b = change.after!.attributes;
  const out: Hit[] = [];

  const regionsBefore = stringList(a.regions);
  const regionsAfter = stringList(b.regions);
  if (canonical([...regionsBefore].sort()) !== canonical([...regionsAfter].sort())) {
    out.push(hit("forced-replacement", `namespace \`${name}\`: regions ${fmtList(regionsBefore)} → ${fmtList(regionsAfter)}; the provider cannot change an existing namespace's regions, so Terraform replaces it (new namespace, history lost). Create a new namespace and migrate instead`));
  }
  if (a.name !== b.name) out.push(hit("forced-replacement", `namespace \`${String(a.name)}\` renamed to \`${String(b.name)}\`; a rename replaces the namespace`));
  out.push(...authHits(name, a, b));
  const retentionBefore = Number(a.retention_days);
  const retentionAfter = Number(b.retention_days);
  if (Number.isFinite(retentionBefore) && Number.isFinite(retentionAfter) && retentionAfter < retentionBefore) {
    out.push(hit("retention-lowered", `namespace \`${name}\`: retention ${retentionBefore} → ${retentionAfter} days; closed workflow history older than ${retentionAfter} days is deleted`));
  }
  out.push(...publicAccessHits(name, change, ctx));
  if (deleteProtection(a) && !deleteProtection(b)) out.push(hit("delete-protection-off", `namespace \`${name}\`: Temporal Cloud delete protection turned off`));
  if (preventDestroy(a) && !preventDestroy(b)) out.push(hit("prevent-destroy-removed", `namespace \`${name}\`: lifecycle.prevent_destroy removed; \`terraform destroy\` or a replacement can now delete it`));
  return out;
}

function authHits(name: string, a: Record<string, unknown>, b: Record<string, unknown>): Hit[] {
  const out: Hit[] = [];
  if (Boolean(a.api_key_auth) !== Boolean(b.api_key_auth)) out.push(hit("auth-changed", `namespace \`${name}\`: API-key authentication ${b.api_key_auth ? "enabled" : "disabled"}`));
  const caBefore = a.accepted_client_ca;
  const caAfter = b.accepted_client_ca;
  if (caBefore === undefined && caAfter !== undefined) out.push(hit("auth-changed", `namespace \`${name}\`: mTLS enabled (client CA bundle added)`));
  else if (caBefore !== undefined && caAfter === undefined) out.push(hit("auth-changed", `namespace \`${name}\`: mTLS disabled (client CA bundle removed)`));
  else if (canonical(caBefore) !== canonical(caAfter)) {
    out.push(hit("ca-bundle-changed", `namespace \`${name}\`: accepted client CA bundle changed; clients whose certificates chain to a removed CA are rejected, certificates of an added CA are accepted`));
  }
  if (canonical(a.certificate_filters ?? []) !== canonical(b.certificate_filters ?? [])) {
    const nBefore = listLength(a.certificate_filters);
    const nAfter = listLength(b.certificate_filters);
    const widened = nBefore > 0 && nAfter === 0 ? "; with no filters left, any certificate from the accepted CAs is allowed" : "";
    out.push(hit("certificate-filters-changed", `namespace \`${name}\`: certificate filters changed (${nBefore} → ${nAfter})${widened}`));
  }
  return out;
}

/** All rules detached, or an existing public rule attached (the account has one, shared by namespaces, maybe in another stack). */
function publicAccessHits(name: string, change: ResourceChange, ctx: ChangeContext): Hit[] {
  const out: Hit[] = [];
  if (stringList(change.before!.attributes.connectivity_rule_ids).length > 0 && stringList(change.after!.attributes.connectivity_rule_ids).length === 0) {
    out.push(hit("public-access-added", `namespace \`${name}\`: all connectivity rules removed; the namespace becomes reachable over the public internet`));
  }
  const rulesOf = (model: StackModel | undefined, entry: ResourceEntry) => {
    const ns = model?.appBlocks.get(entry.address);
    return ns ? model!.app.referenced(ns.attributes.connectivity_rule_ids, "temporalcloud_connectivity_rule") : [];
  };
  const before = new Set(rulesOf(ctx.before, change.before!).map(resourceIdentity));
  const existing = new Set(ctx.base.app.resources("temporalcloud_connectivity_rule").map(resourceIdentity));
  for (const rule of rulesOf(ctx.after, change.after!)) {
    const id = resourceIdentity(rule);
    if (before.has(id) || !existing.has(id) || String(rule.attributes.connectivity_type).toLowerCase() !== "public") continue;
    out.push(hit("public-access-added", `namespace \`${name}\`: public connectivity rule \`${rule.address}\`${rule.stack && rule.stack !== ctx.after?.name ? ` (stack \`${rule.stack}\`)` : ""} attached; the namespace is reachable over the public internet`));
  }
  return out;
}

function connectivityRule(change: ResourceChange, ctx: ChangeContext): Hit[] {
  const after = change.after?.attributes;
  if (!after || String(after.connectivity_type).toLowerCase() !== "public") return [];
  const wasPublic = change.before && String(change.before.attributes.connectivity_type).toLowerCase() === "public";
  if (wasPublic) return [];
  const block = ctx.after?.appBlocks.get(change.address);
  const users = block ? ctx.head.app.referencing(block, "temporalcloud_namespace").map((ns) => ctx.head.app.namespaceName(ns)) : [];
  const target = users.length > 0 ? `, attached to ${users.map((n) => `\`${n}\``).join(", ")}` : "";
  return [hit("public-access-added", `public connectivity rule \`${change.address}\` ${change.kind === "added" ? "added" : "switched from private to public"}${target}`)];
}

const ACCOUNT_ROLE_RANK: Readonly<Record<string, number>> = { metricsread: 1, read: 2, developer: 3, admin: 4 };
const NAMESPACE_PERMISSION_RANK: Readonly<Record<string, number>> = { read: 1, write: 2, admin: 3 };

function serviceAccountRule(change: ResourceChange, ctx: ChangeContext): Hit[] {
  if (change.kind === "removed") return [];
  const b = change.after!.attributes;
  const a = change.before?.attributes ?? {};
  const name = String(b.name ?? change.address);
  const out: Hit[] = [];
  const roleBefore = rank(ACCOUNT_ROLE_RANK, a.account_access);
  const roleAfter = rank(ACCOUNT_ROLE_RANK, b.account_access);
  const isNew = change.kind === "added";
  if (roleAfter > roleBefore && (!isNew || String(b.account_access).toLowerCase() === "admin")) {
    out.push(hit("permission-raised", `service account \`${name}\`: account role ${a.account_access ? `\`${String(a.account_access)}\`` : "none"} → \`${String(b.account_access)}\``));
  }
  const accessBefore = change.before ? namespaceGrants(change.before, ctx.before, ctx.base, ctx) : new Map<string, Grant>();
  for (const [key, grant] of namespaceGrants(change.after!, ctx.after, ctx.head, ctx)) {
    const old = accessBefore.get(key)?.permission;
    const raised = rank(NAMESPACE_PERMISSION_RANK, grant.permission) > rank(NAMESPACE_PERMISSION_RANK, old);
    if (!raised) continue;
    // A new service account with read/write is routine; new admin rights or any raise are called out.
    if (isNew && grant.permission.toLowerCase() !== "admin") continue;
    const where = grant.subject ? `namespace \`${grant.subject.name}\`${grant.subject.stack !== ctx.after?.name ? ` in stack \`${grant.subject.stack}\`` : ""}` : `\`${key}\``;
    out.push(hit("permission-raised", `service account \`${name}\`: ${old ? `\`${old}\`` : "no access"} → \`${grant.permission}\` on ${where}`, grant.subject));
  }
  return out;
}

interface Grant {
  readonly permission: string;
  readonly subject?: NamespaceSubject;
}

/**
 * A service account's namespace permissions, keyed by the namespace's name when the reference resolves
 * (through cross-stack references too, so a grant that moves from a local to a remote reference is the
 * same grant), else by the reference as written.
 */
function namespaceGrants(entry: ResourceEntry, model: StackModel | undefined, side: SynthOutput, ctx: ChangeContext): Map<string, Grant> {
  const resolved = model?.appBlocks.get(entry.address)?.attributes ?? entry.attributes;
  const out = new Map<string, Grant>();
  const list = Array.isArray(resolved.namespace_accesses) ? resolved.namespace_accesses : [];
  const scoped = resolved.namespace_scoped_access ? [resolved.namespace_scoped_access] : [];
  for (const item of [...list, ...scoped] as Array<{ namespace_id?: unknown; permission?: unknown }>) {
    if (!item || item.namespace_id === undefined) continue;
    const ns = side.app.namespacesIn(item.namespace_id)[0];
    const subject = ns ? subjectOf(ns, side, ctx) : undefined;
    out.set(subject ? `namespace ${subject.name}` : String(item.namespace_id), { permission: String(item.permission ?? ""), subject });
  }
  return out;
}

function apiKeyRule(change: ResourceChange): Hit[] {
  if (change.kind !== "changed") return [];
  const before = change.before!.attributes.expiry_time;
  const after = change.after!.attributes.expiry_time;
  const name = String(change.after!.attributes.display_name ?? change.address);
  const out: Hit[] = [];
  if (typeof before === "string" && typeof after === "string" && !before.includes("${") && !after.includes("${")) {
    const tBefore = Date.parse(before);
    const tAfter = Date.parse(after);
    if (Number.isFinite(tBefore) && Number.isFinite(tAfter) && tAfter > tBefore) {
      out.push(hit("api-key-expiry-extended", `API key \`${name}\`: expiry ${before} → ${after} (+${Math.round((tAfter - tBefore) / 86_400_000)} days)`));
    }
  }
  if (change.before!.attributes.disabled === true && change.after!.attributes.disabled !== true) out.push(hit("auth-changed", `API key \`${name}\` re-enabled`));
  return out;
}

const MINUTES: Readonly<Record<string, number>> = { rotation_minutes: 1, rotation_hours: 60, rotation_days: 1440, rotation_months: 43_200, rotation_years: 525_600 };

/** A longer rotation period of a time_rotating that sets an API key's expiry extends the key's life. */
function rotationRule(change: ResourceChange, ctx: ChangeContext): Hit[] {
  if (change.kind !== "changed") return [];
  const before = rotationMinutes(change.before!.attributes);
  const after = rotationMinutes(change.after!.attributes);
  if (!(after > before)) return [];
  const block = ctx.after?.appBlocks.get(change.address);
  const keys = block ? ctx.head.app.referencing(block, "temporalcloud_apikey").map((k) => String(k.attributes.display_name ?? k.address)) : [];
  if (keys.length === 0) return [];
  return [hit("api-key-expiry-extended", `rotation \`${change.address}\` for API key(s) ${keys.map((k) => `\`${k}\``).join(", ")}: period ${formatMinutes(before)} → ${formatMinutes(after)}`)];
}

function rotationMinutes(attrs: Record<string, unknown>): number {
  return Object.entries(MINUTES).reduce((sum, [key, factor]) => sum + (typeof attrs[key] === "number" ? (attrs[key] as number) * factor : 0), 0);
}

function formatMinutes(minutes: number): string {
  return minutes % 1440 === 0 ? `${minutes / 1440} days` : `${minutes} minutes`;
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
