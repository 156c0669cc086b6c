// Expiry watch: reads Terraform state (a state file or `terraform show -json` of a state or a plan) and lists
// every API key, client certificate and CA with its expiry and the last moment by which the next apply must
// run for workers to keep a valid credential. Shared by the `expiry` command and the rotation analysis, so the
// simulated warning is the one operators get.
import { parseRfc3339 } from "./terraform-expression";

export type CredentialKind = "api-key" | "client-certificate" | "ca";
export type ExpiryStatus = "ok" | "warning" | "overdue" | "expired";

export interface CredentialExpiry {
  readonly kind: CredentialKind;
  readonly address: string;
  /** Display name, subject or owner; never a secret. */
  readonly label: string;
  readonly expiresAt: string;
  /** Last moment by which an apply must run so workers switch (reload lag included) before expiry. */
  readonly applyBy: string;
  /** Whether workers may rely on it now (the newest key of its owner, any certificate in state). */
  readonly inUse: boolean;
  readonly status: ExpiryStatus;
}

export interface ExpiryOptions {
  /** Evaluation time. @default new Date() */
  readonly now?: Date;
  /** Days before `applyBy` from which a credential is reported as a warning. @default 14 */
  readonly withinDays?: number;
  /** Hours a worker may take to reload its secret. @default 24 */
  readonly reloadLagHours?: number;
}

interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
}

/** Resources with their attribute values from any of: state file v4, `terraform show -json` (state or plan). */
export function resourcesOfState(json: unknown): StateResource[] {
  const doc = json as Record<string, unknown>;
  const out: StateResource[] = [];
  if (Array.isArray(doc.resources)) {
    for (const r of doc.resources as Record<string, unknown>[]) {
      if (r.mode !== undefined && r.mode !== "managed") continue;
      const instances = (r.instances as { attributes?: Record<string, unknown>; index_key?: unknown }[] | undefined) ?? [];
      instances.forEach((instance, i) => out.push({
        address: `${String(r.module ? `${String(r.module)}.` : "")}${String(r.type)}.${String(r.name)}${instances.length > 1 ? `[${JSON.stringify(instance.index_key ?? i)}]` : ""}`,
        type: String(r.type),
        values: instance.attributes ?? {},
      }));
    }
    return out;
  }
  // `terraform show -json`: values.root_module (state) or prior_state / planned_values (plan).
  const values = (doc.values ?? (doc.prior_state as Record<string, unknown> | undefined)?.values ?? doc.planned_values) as Record<string, unknown> | undefined;
  const walk = (module: Record<string, unknown> | undefined) => {
    if (!module) return;
    for (const r of (module.resources as Record<string, unknown>[] | undefined) ?? []) {
      if (r.mode !== undefined && r.mode !== "managed") continue;
      out.push({ address: String(r.address), type: String(r.type), values: (r.values as Record<string, unknown>) ?? {} });
    }
    for (const child of (module.child_modules as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(values?.root_module as Record<string, unknown> | undefined);
  if (out.length === 0 && !values) throw new Error("not a Terraform state or `terraform show -json` document (no resources, values or prior_state)");
  return out;
}

/** Every credential in the state with its expiry, apply-by date and status, soonest first. */
export function credentialExpiries(json: unknown, options: ExpiryOptions = {}): CredentialExpiry[] {
  const now = (options.now ?? new Date()).getTime() / 1000;
  const within = (options.withinDays ?? 14) * 86400;
  const lag = (options.reloadLagHours ?? 24) * 3600;
  const resources = resourcesOfState(json);
  const found: Omit<CredentialExpiry, "status" | "applyBy">[] = [];
  const keys = resources.filter((r) => r.type === "temporalcloud_apikey" && typeof r.values.expiry_time === "string");
  // Of an owner's keys with the same base name, the one expiring last is the one rotation publishes as current.
  const setOf = (r: StateResource) => `${String(r.values.owner_id)}/${String(r.values.display_name ?? "").replace(/-(blue|green)$/, "")}`;
  const newest = new Map<string, number>();
  for (const k of keys) {
    if (k.values.disabled === true) continue;
    newest.set(setOf(k), Math.max(newest.get(setOf(k)) ?? -Infinity, parseRfc3339(String(k.values.expiry_time))));
  }
  for (const k of keys) {
    const expires = parseRfc3339(String(k.values.expiry_time));
    found.push({ kind: "api-key", address: k.address, label: String(k.values.display_name ?? k.values.owner_id ?? ""), expiresAt: String(k.values.expiry_time), inUse: k.values.disabled !== true && newest.get(setOf(k)) === expires });
  }
  for (const r of resources) {
    if (r.type !== "tls_self_signed_cert" && r.type !== "tls_locally_signed_cert") continue;
    if (typeof r.values.validity_end_time !== "string") continue;
    const subject = (r.values.subject as { common_name?: string }[] | undefined)?.[0]?.common_name;
    const isCa = r.type === "tls_self_signed_cert" && r.values.is_ca_certificate === true;
    found.push({ kind: isCa ? "ca" : "client-certificate", address: r.address, label: subject ?? r.address, expiresAt: String(r.values.validity_end_time), inUse: true });
  }
  return found
    .map((c) => {
      const expires = parseRfc3339(c.expiresAt);
      const applyBy = expires - lag;
      const status: ExpiryStatus = now >= expires ? "expired" : now >= applyBy ? "overdue" : now + within >= applyBy ? "warning" : "ok";
      return { ...c, applyBy: new Date(applyBy * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"), status: c.inUse ? status : "ok" };
    })
    .sort((a, b) => a.applyBy.localeCompare(b.applyBy));
}

/** True when any credential workers rely on needs an apply inside the window, or is already past it. */
export function needsAttention(expiries: readonly CredentialExpiry[]): boolean {
  return expiries.some((e) => e.status !== "ok");
}
