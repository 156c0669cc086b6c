// API keys and service accounts (account-level and namespace-scoped).
import { isExpired, newToken, hashToken } from "../auth";
import { fromTimestamp } from "../clock";
import { alreadyExists, failedPrecondition, invalid, notFound, rejectAll } from "../errors";
import { mayManageKeyOf } from "../permissions";
import { LIMITS } from "../rules";
import type { Rec, Spec } from "../store";
import { activate, deleteRecord, envelope, newId, operate, page, type Ctx, type Handlers } from "./context";

const OWNER_COLLECTION = { OWNER_TYPE_SERVICE_ACCOUNT: "serviceAccounts", OWNER_TYPE_USER: "users" } as const;

function renderKey(ctx: Ctx, rec: Rec): Spec {
  const expired = isExpired(rec, ctx.store.clock.now()) && rec.state === "RESOURCE_STATE_ACTIVE";
  return { ...envelope(rec), state: expired ? "RESOURCE_STATE_EXPIRED" : rec.state };
}

function checkExpiry(ctx: Ctx, spec: Spec): string[] {
  const expiry = fromTimestamp(spec.expiryTime);
  const now = ctx.store.clock.now();
  if (expiry === undefined) return ["expiry_time is required"];
  if (expiry <= now) return [`expiry_time ${new Date(expiry).toISOString()} is not in the future (now is ${new Date(now).toISOString()})`];
  if (expiry - now > LIMITS.keyLifetimeMs) return [`expiry_time ${new Date(expiry).toISOString()} is more than 2 years away; API keys live at most 2 years`];
  return [];
}

function createApiKey(req: Spec, ctx: Ctx): Spec {
  const spec: Spec = req.spec ?? {};
  const problems = [...checkExpiry(ctx, spec)];
  if (!spec.displayName) problems.push("display_name is required");
  const collection = OWNER_COLLECTION[spec.ownerType as keyof typeof OWNER_COLLECTION];
  if (!collection) problems.push(`owner_type must be user or service account (got ${String(spec.ownerType ?? "unspecified")})`);
  if (!spec.ownerId) problems.push("owner_id is required");
  rejectAll(problems);
  const owner = ctx.store.find(collection, spec.ownerId);
  if (!owner || owner.state === "RESOURCE_STATE_DELETING") throw notFound(`${collection === "users" ? "user" : "service account"} "${spec.ownerId}" not found`);
  const limit = collection === "users" ? LIMITS.keysPerUser : LIMITS.keysPerServiceAccount;
  const now = ctx.store.clock.now();
  const live = ctx.store.all("apiKeys").filter((k) => k.spec.ownerId === spec.ownerId && !isExpired(k, now) && k.state !== "RESOURCE_STATE_DELETING");
  if (live.length >= limit) {
    throw failedPrecondition(`owner "${spec.ownerId}" already has ${live.length} non-expired API keys; the limit is ${limit}`);
  }
  const id = newId();
  const token = newToken();
  ctx.store.insert("apiKeys", id, { disabled: false, ...spec }, { tokenHash: hashToken(token) });
  return operate(ctx, req, [activate("apiKeys", id)], { keyId: id, token });
}

function updateApiKey(req: Spec, ctx: Ctx): Spec {
  const rec = ctx.store.get("apiKeys", req.keyId, "API key");
  ctx.store.checkVersion(rec, req.resourceVersion, "API key");
  const spec: Spec = req.spec ?? {};
  const problems: string[] = [];
  if (spec.ownerId !== rec.spec.ownerId || spec.ownerType !== rec.spec.ownerType) problems.push("the owner of an API key cannot change");
  if (fromTimestamp(spec.expiryTime) !== fromTimestamp(rec.spec.expiryTime)) problems.push(...checkExpiry(ctx, spec));
  if (!spec.displayName) problems.push("display_name is required");
  rejectAll(problems);
  rec.spec = { ...spec, disabled: Boolean(spec.disabled) };
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("apiKeys", rec.id)]);
}

const PERMISSIONS = ["PERMISSION_ADMIN", "PERMISSION_WRITE", "PERMISSION_READ"];
const ROLES = ["ROLE_OWNER", "ROLE_ADMIN", "ROLE_DEVELOPER", "ROLE_FINANCE_ADMIN", "ROLE_READ", "ROLE_METRICS_READ"];

/** Problems in an Access message (account role, custom roles, namespace grants); shared with users and groups. */
export function accessProblems(ctx: Ctx, access: Spec | undefined, requireRole: boolean): string[] {
  const problems: string[] = [];
  const role = access?.accountAccess?.role;
  if (requireRole && !ROLES.includes(role)) problems.push(`account access role is required (got ${String(role ?? "unspecified")})`);
  for (const roleId of (access?.accountAccess?.customRoles ?? []) as string[]) {
    if (!ctx.store.find("customRoles", roleId)) problems.push(`custom role "${roleId}" does not exist`);
  }
  const grants = Object.entries((access?.namespaceAccesses ?? {}) as Record<string, Spec>);
  if (grants.length > 0 && (role === "ROLE_ADMIN" || role === "ROLE_OWNER")) {
    problems.push("account admins and owners already administer every namespace; remove the namespace grants");
  }
  for (const [ns, grant] of grants) {
    if (!ctx.store.find("namespaces", ns)) problems.push(`namespace "${ns}" does not exist`);
    if (!PERMISSIONS.includes(grant?.permission)) problems.push(`namespace "${ns}": permission is required (got ${String(grant?.permission ?? "unspecified")})`);
  }
  return problems;
}

function serviceAccountProblems(ctx: Ctx, spec: Spec, current?: Rec): string[] {
  const problems: string[] = [];
  if (!spec.name) problems.push("service account name is required");
  const clash = ctx.store.all("serviceAccounts").find((s) => s.spec.name === spec.name && s.id !== current?.id);
  if (clash && spec.name) problems.push(`ALREADY_EXISTS:service account "${spec.name}" already exists (${clash.id})`);
  const scoped = spec.namespaceScopedAccess;
  if (scoped) {
    if (spec.access?.accountAccess?.role && spec.access.accountAccess.role !== "ROLE_READ" && spec.access.accountAccess.role !== "ROLE_UNSPECIFIED") {
      problems.push("a namespace-scoped service account cannot have account access");
    }
    if (!ctx.store.find("namespaces", scoped.namespace ?? "")) problems.push(`namespace "${String(scoped.namespace ?? "")}" does not exist`);
    if (!PERMISSIONS.includes(scoped.access?.permission)) problems.push("namespace-scoped access needs a permission");
    const before = current?.spec.namespaceScopedAccess;
    if (current && (!before || before.namespace !== scoped.namespace)) problems.push("the namespace of a namespace-scoped service account cannot change");
  } else {
    if (current?.spec.namespaceScopedAccess) problems.push("a namespace-scoped service account cannot become account-scoped");
    problems.push(...accessProblems(ctx, spec.access, true));
  }
  return problems;
}

/** Rejects with AlreadyExists when that is the only kind of problem, else InvalidArgument with all of them. */
export function rejectProblems(problems: string[]): void {
  const clash = problems.find((p) => p.startsWith("ALREADY_EXISTS:"));
  const rest = problems.filter((p) => !p.startsWith("ALREADY_EXISTS:"));
  rejectAll(rest);
  if (clash) throw alreadyExists(clash.slice("ALREADY_EXISTS:".length));
}

function createServiceAccount(req: Spec, ctx: Ctx): Spec {
  const spec: Spec = req.spec ?? {};
  rejectProblems(serviceAccountProblems(ctx, spec));
  const id = newId();
  ctx.store.insert("serviceAccounts", id, spec);
  return operate(ctx, req, [activate("serviceAccounts", id)], { serviceAccountId: id });
}

function updateServiceAccount(req: Spec, ctx: Ctx): Spec {
  const rec = ctx.store.get("serviceAccounts", req.serviceAccountId, "service account");
  ctx.store.checkVersion(rec, req.resourceVersion, "service account");
  const spec: Spec = req.spec ?? {};
  rejectProblems(serviceAccountProblems(ctx, spec, rec));
  rec.spec = spec;
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("serviceAccounts", rec.id)]);
}

function setServiceAccountNamespaceAccess(req: Spec, ctx: Ctx): Spec {
  const rec = ctx.store.get("serviceAccounts", req.serviceAccountId, "service account");
  ctx.store.checkVersion(rec, req.resourceVersion, "service account");
  if (rec.spec.namespaceScopedAccess) throw invalid("use UpdateServiceAccount to change a namespace-scoped service account");
  const access = { ...(rec.spec.access ?? {}), namespaceAccesses: { ...(rec.spec.access?.namespaceAccesses ?? {}), [req.namespace]: req.access } };
  rejectAll(accessProblems(ctx, access, true));
  rec.spec = { ...rec.spec, access };
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("serviceAccounts", rec.id)]);
}

function deleteServiceAccount(req: Spec, ctx: Ctx): Spec {
  const rec = ctx.store.get("serviceAccounts", req.serviceAccountId, "service account");
  const answer = deleteRecord(ctx, req, "serviceAccounts", rec, "service account");
  // Deleting a service account deletes its API keys.
  for (const key of ctx.store.all("apiKeys")) if (key.spec.ownerId === rec.id) ctx.store.remove("apiKeys", key.id);
  ctx.store.save();
  return answer;
}

export const identityHandlers: Handlers = {
  CreateApiKey: createApiKey,
  GetApiKey: (req, ctx) => ({ apiKey: renderKey(ctx, ctx.store.get("apiKeys", req.keyId, "API key")) }),
  GetApiKeys: (req, ctx) => {
    const all = ctx.store
      .all("apiKeys")
      .filter((k) => (!req.ownerId || k.spec.ownerId === req.ownerId) && (!req.ownerType || req.ownerType === "OWNER_TYPE_UNSPECIFIED" || k.spec.ownerType === req.ownerType))
      .filter((k) => mayManageKeyOf(ctx.access, ctx.store, k.spec.ownerId));
    const { items, nextPageToken } = page(all, req);
    return { apiKeys: items.map((k) => renderKey(ctx, k)), nextPageToken };
  },
  UpdateApiKey: updateApiKey,
  DeleteApiKey: (req, ctx) => deleteRecord(ctx, req, "apiKeys", ctx.store.get("apiKeys", req.keyId, "API key"), "API key"),
  CreateServiceAccount: createServiceAccount,
  GetServiceAccount: (req, ctx) => ({ serviceAccount: envelope(ctx.store.get("serviceAccounts", req.serviceAccountId, "service account")) }),
  GetServiceAccounts: (req, ctx) => {
    const { items, nextPageToken } = page(ctx.store.all("serviceAccounts"), req);
    return { serviceAccount: items.map((s) => envelope(s)), nextPageToken };
  },
  UpdateServiceAccount: updateServiceAccount,
  SetServiceAccountNamespaceAccess: setServiceAccountNamespaceAccess,
  DeleteServiceAccount: deleteServiceAccount,
};
