// Resources that leave one stack and appear in another. Terraform sees two unrelated changes (a destroy in
// the old stack's state, a create in the new one); the review pairs them by what the resource is in
// Temporal Cloud or the cloud (a namespace's name, a service account's name, ...) so it can say "moved".
import * as path from "node:path";
import { isUnknown } from "../analysis/references";
import type { ResourceChange, StackDiff } from "./diff";
import { resourceIdentity } from "./identity";
import type { ResourceEntry, StackModel, SynthOutput } from "./model";
import { changeFindings, isProductionNamespace, namespacesNamed, sortFindings, type ChangeContext, type ReviewFinding, type SecurityOptions } from "./security";

export interface StackMove {
  readonly type: string;
  readonly identity: string;
  readonly fromStack: string;
  readonly toStack: string;
  /** The resource in the base (old stack) and in the head (new stack). */
  readonly before: ResourceEntry;
  readonly after: ResourceEntry;
  /** The namespace the resource belongs to (head side, else base side); undefined = estate-wide. */
  readonly namespace?: string;
}

/**
 * Removed resources of one stack paired with added resources of another by identity. An identity removed
 * or added more than once is left unpaired: the review cannot tell which went where.
 */
export function findMoves(diffs: readonly StackDiff[]): StackMove[] {
  const removed = new Map<string, Array<{ stack: string; entry: ResourceEntry; namespace?: string }>>();
  const added = new Map<string, Array<{ stack: string; entry: ResourceEntry; namespace?: string }>>();
  for (const d of diffs) {
    for (const c of d.changes) {
      const side = c.kind === "removed" ? removed : c.kind === "added" ? added : undefined;
      const entry = c.kind === "removed" ? c.before : c.after;
      if (!side || !entry) continue;
      const key = resourceIdentity(entry);
      side.set(key, [...(side.get(key) ?? []), { stack: d.stack, entry, namespace: c.namespace }]);
    }
  }
  const moves: StackMove[] = [];
  for (const [identity, from] of removed) {
    const to = added.get(identity);
    if (from.length !== 1 || to?.length !== 1 || from[0].stack === to[0].stack) continue;
    moves.push({ type: from[0].entry.type, identity, fromStack: from[0].stack, toStack: to[0].stack, before: from[0].entry, after: to[0].entry, namespace: to[0].namespace ?? from[0].namespace });
  }
  return moves.sort((a, b) => a.fromStack.localeCompare(b.fromStack) || a.toStack.localeCompare(b.toStack) || a.after.address.localeCompare(b.after.address));
}

/** Moves grouped the way they are reported: by old stack, new stack and namespace. */
export interface MoveGroup {
  readonly fromStack: string;
  readonly toStack: string;
  readonly namespace?: string;
  readonly moves: readonly StackMove[];
}

export function groupMoves(moves: readonly StackMove[]): MoveGroup[] {
  const groups = new Map<string, StackMove[]>();
  for (const m of moves) {
    const key = JSON.stringify([m.fromStack, m.toStack, m.namespace ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((ms) => ({ fromStack: ms[0].fromStack, toStack: ms[0].toStack, namespace: ms[0].namespace, moves: ms }));
}

/** Most telling first: the resource a move group is named after. */
const SUBJECT_ORDER = [
  "temporalcloud_namespace", "temporalcloud_service_account", "temporalcloud_user", "temporalcloud_user_group", "tls_self_signed_cert",
  "temporalcloud_apikey", "temporalcloud_connectivity_rule", "aws_vpc_endpoint", "google_compute_forwarding_rule",
  "temporalcloud_namespace_export_sink", "temporalcloud_account_audit_log_sink", "temporalcloud_metrics_endpoint",
];

/** Addresses spelled out in a move's message (all of them are in `addresses` and marked in the per-stack lists). */
const LISTED_ADDRESSES = 10;

/** One finding per group: what moves, what Terraform would do instead, and how to move the state. */
export function moveFinding(group: MoveGroup, ctx: ChangeContext): ReviewFinding {
  const rank = (m: StackMove) => (SUBJECT_ORDER.includes(m.type) ? SUBJECT_ORDER.indexOf(m.type) : SUBJECT_ORDER.length);
  const ordered = [...group.moves].sort((a, b) => rank(a) - rank(b) || a.after.address.localeCompare(b.after.address));
  const subject = ordered[0];
  const namespaces = group.moves.filter((m) => m.type === "temporalcloud_namespace");
  const production = group.namespace !== undefined && isProductionNamespace(namespacesNamed(group.namespace, ctx), ctx.options);
  const blocking = namespaces.some((m) => isProductionNamespace([m.before, m.after], ctx.options));
  const { fromStack: from, toStack: to } = group;
  const others = group.moves.length - 1;
  const message = [
    `${describe(subject.after)} moves from stack \`${from}\` to stack \`${to}\`${others > 0 ? ` with ${others} resource(s) of its own` : ""}.`,
    `Terraform plans a destroy in \`${from}\` and a create in \`${to}\`: ${consequences(group, from, to).join("; ")}.`,
    `Move the state before applying either stack: in \`cdktf.out/stacks/${to}\`, for each address \`terraform state mv -state=${stateOf(ctx.before, from)} -state-out=${stateOf(ctx.after, to)} <address> <address>\``,
    `(${ctx.before?.backend?.type === "local" || !ctx.before?.backend ? "local state" : `a ${ctx.before.backend.type} backend: \`terraform state pull\` both states to files first, \`terraform state push\` them after`}); then neither plan destroys or creates them.`,
    `Or adopt in \`${to}\` with import blocks (\`import: true\` on a namespace in the config) and forget in \`${from}\` with \`terraform state rm <address>\` (Terraform ≥ 1.7: a \`removed\` block with \`lifecycle { destroy = false }\`)${group.moves.some((m) => m.type === "temporalcloud_apikey") ? "; API keys cannot be imported, so only `state mv` keeps them" : ""}.`,
    `Addresses: ${ordered.slice(0, LISTED_ADDRESSES).map((m) => (m.before.address === m.after.address ? `\`${m.after.address}\`` : `\`${m.before.address}\` → \`${m.after.address}\``)).join(", ")}${ordered.length > LISTED_ADDRESSES ? ` and ${ordered.length - LISTED_ADDRESSES} more (each marked under Changes by namespace)` : ""}.`,
  ].join(" ");
  return {
    kind: "moved-between-stacks", stack: to, fromStack: from, namespace: group.namespace, address: subject.after.address, message, production, blocking,
    addresses: ordered.map((m) => m.after.address),
  };
}

function describe(entry: ResourceEntry): string {
  const a = entry.attributes;
  const named = (label: string, value: unknown) => `${label} \`${typeof value === "string" && !isUnknown(value) ? value : entry.address}\``;
  switch (entry.type) {
    case "temporalcloud_namespace":
      return named("namespace", a.name);
    case "temporalcloud_service_account":
      return named("service account", a.name);
    case "temporalcloud_apikey":
      return named("API key", a.display_name);
    case "tls_self_signed_cert":
      return named(a.is_ca_certificate === true ? "CA" : "certificate", (Array.isArray(a.subject) ? a.subject[0] : a.subject)?.common_name);
    case "temporalcloud_namespace_export_sink":
    case "temporalcloud_account_audit_log_sink":
      return named("sink", a.sink_name);
    default:
      return `\`${entry.address}\``;
  }
}

/** What destroying in the old stack and creating in the new one means for what moves. */
function consequences(group: MoveGroup, from: string, to: string): string[] {
  const types = new Set(group.moves.map((m) => m.type));
  const out: string[] = [];
  const ns = group.moves.find((m) => m.type === "temporalcloud_namespace");
  if (ns) {
    const guarded = (ns.before.attributes.lifecycle as { prevent_destroy?: unknown } | undefined)?.prevent_destroy === true;
    out.push(
      guarded
        ? `the namespace has \`prevent_destroy\`, so the plan of \`${from}\` fails`
        : `applied in \`${from}\` first, the namespace is deleted with its workflow history and \`${to}\` creates an empty one; applied in \`${to}\` first, the create fails because the name is taken`,
    );
  }
  if (types.has("temporalcloud_service_account")) out.push("a new service account gets a new id, and API keys of the old one stop working");
  if (types.has("temporalcloud_apikey")) out.push("new API keys are issued and workers holding the old tokens are rejected");
  if (group.moves.some((m) => m.type === "tls_self_signed_cert" && m.before.attributes.is_ca_certificate === true)) out.push("a new CA key pair is generated, so client certificates issued by the old CA are no longer accepted");
  if (group.moves.some((m) => m.type === "aws_secretsmanager_secret" && m.before.attributes.recovery_window_in_days !== 0)) out.push("Secrets Manager keeps a deleted secret's name for its recovery window, so creating it again fails");
  if (group.moves.some((m) => m.type === "temporalcloud_connectivity_rule" && String(m.after.attributes.connectivity_type).toLowerCase() === "public")) {
    out.push("the account has one public connectivity rule, so the create fails until the old one is destroyed, and the namespaces using it lose it in between");
  }
  if (out.length === 0) out.push("the resources are deleted and created again with new ids");
  return out;
}

/** A stack's state file as `terraform state mv` run in a sibling stack folder names it. */
function stateOf(model: StackModel | undefined, stack: string): string {
  const backend = model?.backend;
  if (!backend) return `../${stack}/terraform.${stack}.tfstate`;
  if (backend.type === "local") {
    const file = typeof backend.settings.path === "string" ? backend.settings.path : "terraform.tfstate";
    return path.posix.isAbsolute(file) ? file : path.posix.normalize(`../${stack}/${file}`);
  }
  return `<${stack}.tfstate>`;
}

/**
 * The security-relevant changes of the whole app: each stack's changes, and resources that move between
 * stacks (reported once per group as a move, and checked like a change from the old stack to the new one).
 */
export function appSecurityFindings(base: SynthOutput, head: SynthOutput, diffs: readonly StackDiff[], moves: readonly StackMove[], options: SecurityOptions = {}): ReviewFinding[] {
  const moved = new Set(moves.flatMap((m) => [`${m.fromStack} ${m.before.address}`, `${m.toStack} ${m.after.address}`]));
  const findings: ReviewFinding[] = [];
  for (const diff of diffs) {
    const ctx: ChangeContext = { base, head, before: diff.base, after: diff.head, options };
    for (const change of diff.changes) if (!moved.has(`${diff.stack} ${change.address}`)) findings.push(...changeFindings(change, diff.stack, ctx));
  }
  for (const m of moves) {
    const change: ResourceChange = { kind: "changed", address: m.after.address, type: m.type, namespace: m.namespace, before: m.before, after: m.after, changedAttributes: [] };
    const ctx: ChangeContext = { base, head, before: base.stacks.get(m.fromStack), after: head.stacks.get(m.toStack), options };
    findings.push(...changeFindings(change, m.toStack, ctx).map((f) => ({ ...f, fromStack: m.fromStack })));
  }
  for (const group of groupMoves(moves)) findings.push(moveFinding(group, { base, head, before: base.stacks.get(group.fromStack), after: head.stacks.get(group.toStack), options }));
  return sortFindings(findings);
}
