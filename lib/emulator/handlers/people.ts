// Users, user groups (with members and access) and custom roles.
import { failedPrecondition, invalid, notFound } from "../errors";
import type { Rec, Spec, Store } from "../store";
import { toTimestamp } from "../clock";
import { activate, deleteRecord, envelope, newId, operate, page, type Ctx, type Handlers } from "./context";
import { accessProblems, rejectProblems } from "./identity";

const MAX_CUSTOM_ROLES = 25;
const MAX_ROLE_PERMISSIONS = 20;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function userProblems(ctx: Ctx, spec: Spec, current?: Rec): string[] {
  const problems: string[] = [];
  if (!EMAIL.test(String(spec.email ?? ""))) problems.push(`email "${String(spec.email ?? "")}" is not an email address`);
  if (current && spec.email !== current.spec.email) problems.push("a user's email cannot change");
  const clash = ctx.store.all("users").find((u) => String(u.spec.email).toLowerCase() === String(spec.email).toLowerCase() && u.id !== current?.id);
  if (clash) problems.push(`ALREADY_EXISTS:user "${String(spec.email)}" already exists (${clash.id})`);
  problems.push(...accessProblems(ctx, spec.access, true));
  return problems;
}

function renderUser(ctx: Ctx, rec: Rec): Spec {
  const invited = toTimestamp(rec.created);
  return { ...envelope(rec), invitation: { createdTime: invited, expiredTime: toTimestamp(rec.created + 30 * 86_400_000) } };
}

function groupProblems(ctx: Ctx, spec: Spec, current?: Rec): string[] {
  const problems: string[] = [];
  if (!spec.displayName) problems.push("display_name is required");
  const kinds = ["cloudGroup", "googleGroup", "scimGroup"].filter((k) => spec[k]);
  if (kinds.length !== 1) problems.push("a group is exactly one of cloud_group, google_group or scim_group");
  if (current && kinds[0] && !current.spec[kinds[0]]) problems.push("the kind of a group cannot change");
  const clash = ctx.store.all("userGroups").find((g) => g.spec.displayName === spec.displayName && g.id !== current?.id);
  if (clash && spec.displayName) problems.push(`ALREADY_EXISTS:group "${String(spec.displayName)}" already exists (${clash.id})`);
  problems.push(...accessProblems(ctx, spec.access, false));
  return problems;
}

function updateGroup(req: Spec, ctx: Ctx): Spec {
  const rec = ctx.store.get("userGroups", req.groupId, "group");
  ctx.store.checkVersion(rec, req.resourceVersion, "group");
  const spec: Spec = req.spec ?? {};
  rejectProblems(groupProblems(ctx, spec, rec));
  // The real API refuses a no-op update; the provider's group_access resource relies on this message.
  if (JSON.stringify(canonical(spec)) === JSON.stringify(canonical(rec.spec))) throw invalid("nothing to change");
  rec.spec = spec;
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("userGroups", rec.id)]);
}

/** Key order and default values (empty, false, absent) do not make two specs different. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => [k, canonical(v)] as const)
    .filter(([, v]) => v !== undefined && v !== null && v !== "" && v !== false && !(typeof v === "object" && Object.keys(v as object).length === 0));
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

function members(ctx: Ctx, groupId: string): string[] {
  return (ctx.store.data.groupMembers[groupId] ??= []);
}

function memberChange(req: Spec, ctx: Ctx, add: boolean): Spec {
  const group = ctx.store.get("userGroups", req.groupId, "group");
  if (!group.spec.cloudGroup) throw failedPrecondition(`group "${group.id}" is not a Temporal Cloud group; its members come from the identity provider`);
  const userId = req.memberId?.userId;
  if (!userId) throw invalid("member_id.user_id is required");
  ctx.store.get("users", userId, "user");
  const list = members(ctx, group.id);
  if (add && !list.includes(userId)) list.push(userId);
  if (!add) {
    if (!list.includes(userId)) throw notFound(`user "${userId}" is not a member of group "${group.id}"`);
    list.splice(list.indexOf(userId), 1);
  }
  return operate(ctx, req, [activate("userGroups", group.id)]);
}

function roleProblems(ctx: Ctx, spec: Spec, current?: Rec): string[] {
  const problems: string[] = [];
  if (!spec.name) problems.push("custom role name is required");
  const permissions = (spec.permissions ?? []) as Spec[];
  if (permissions.length === 0) problems.push("a custom role needs at least one permission");
  if (permissions.length > MAX_ROLE_PERMISSIONS) problems.push(`${permissions.length} permissions; the limit is ${MAX_ROLE_PERMISSIONS} per role`);
  permissions.forEach((p, i) => {
    if (!(p.actions ?? []).length) problems.push(`permission ${i + 1} has no actions`);
    if (!p.resources?.resourceType) problems.push(`permission ${i + 1} has no resource type`);
    if (p.resources && !p.resources.allowAll && !(p.resources.resourceIds ?? []).length) problems.push(`permission ${i + 1} names no resources and does not allow all`);
  });
  const clash = ctx.store.all("customRoles").find((r) => r.spec.name === spec.name && r.id !== current?.id);
  if (clash && spec.name) problems.push(`ALREADY_EXISTS:custom role "${String(spec.name)}" already exists (${clash.id})`);
  return problems;
}

function roleInUse(ctx: Ctx, roleId: string): string | undefined {
  for (const collection of ["users", "serviceAccounts", "userGroups"] as const) {
    const holder = ctx.store.all(collection).find((r) => ((r.spec.access?.accountAccess?.customRoles ?? []) as string[]).includes(roleId));
    if (holder) return `${collection} ${holder.id}`;
  }
  return undefined;
}

/** A group the identity provider pushed over SCIM (seeded with --scim-group or the admin endpoint). */
export function seedScimGroup(store: Store, idpId: string, displayName = idpId): Rec {
  const existing = store.all("userGroups").find((g) => g.spec.scimGroup?.idpId === idpId);
  if (existing) return existing;
  const rec = store.insert("userGroups", newId(), { displayName, scimGroup: { idpId } });
  rec.state = "RESOURCE_STATE_ACTIVE";
  store.save();
  return rec;
}

export const peopleHandlers: Handlers = {
  CreateUser: (req, ctx) => {
    const spec: Spec = req.spec ?? {};
    rejectProblems(userProblems(ctx, spec));
    const id = newId();
    ctx.store.insert("users", id, spec);
    return operate(ctx, req, [activate("users", id)], { userId: id });
  },
  GetUser: (req, ctx) => ({ user: renderUser(ctx, ctx.store.get("users", req.userId, "user")) }),
  GetUsers: (req, ctx) => {
    const all = ctx.store.all("users").filter((u) => (!req.email || u.spec.email === req.email) && (!req.namespace || u.spec.access?.namespaceAccesses?.[req.namespace]));
    const { items, nextPageToken } = page(all, req);
    return { users: items.map((u) => renderUser(ctx, u)), nextPageToken };
  },
  UpdateUser: (req, ctx) => {
    const rec = ctx.store.get("users", req.userId, "user");
    ctx.store.checkVersion(rec, req.resourceVersion, "user");
    rejectProblems(userProblems(ctx, req.spec ?? {}, rec));
    rec.spec = req.spec;
    ctx.store.touch(rec);
    return operate(ctx, req, [activate("users", rec.id)]);
  },
  DeleteUser: (req, ctx) => {
    const rec = ctx.store.get("users", req.userId, "user");
    for (const list of Object.values(ctx.store.data.groupMembers)) if (list.includes(rec.id)) list.splice(list.indexOf(rec.id), 1);
    return deleteRecord(ctx, req, "users", rec, "user");
  },
  CreateUserGroup: (req, ctx) => {
    const spec: Spec = req.spec ?? {};
    if (spec.scimGroup) throw failedPrecondition("SCIM groups come from the identity provider; they cannot be created through the API");
    rejectProblems(groupProblems(ctx, spec));
    const id = newId();
    ctx.store.insert("userGroups", id, spec);
    return operate(ctx, req, [activate("userGroups", id)], { groupId: id });
  },
  GetUserGroup: (req, ctx) => ({ group: envelope(ctx.store.get("userGroups", req.groupId, "group")) }),
  GetUserGroups: (req, ctx) => {
    const all = ctx.store.all("userGroups").filter((g) =>
      (!req.displayName || g.spec.displayName === req.displayName) &&
      (!req.namespace || g.spec.access?.namespaceAccesses?.[req.namespace]) &&
      (!req.scimGroup?.idpId || g.spec.scimGroup?.idpId === req.scimGroup.idpId) &&
      (!req.googleGroup?.emailAddress || g.spec.googleGroup?.emailAddress === req.googleGroup.emailAddress));
    const { items, nextPageToken } = page(all, req);
    return { groups: items.map((g) => envelope(g)), nextPageToken };
  },
  UpdateUserGroup: updateGroup,
  DeleteUserGroup: (req, ctx) => {
    const rec = ctx.store.get("userGroups", req.groupId, "group");
    delete ctx.store.data.groupMembers[rec.id];
    return deleteRecord(ctx, req, "userGroups", rec, "group");
  },
  AddUserGroupMember: (req, ctx) => memberChange(req, ctx, true),
  RemoveUserGroupMember: (req, ctx) => memberChange(req, ctx, false),
  GetUserGroupMembers: (req, ctx) => {
    const group = ctx.store.get("userGroups", req.groupId, "group");
    const { items, nextPageToken } = page(members(ctx, group.id), req);
    return { members: items.map((userId) => ({ memberId: { userId }, createdTime: toTimestamp(group.modified) })), nextPageToken };
  },
  CreateCustomRole: (req, ctx) => {
    const spec: Spec = req.spec ?? {};
    if (ctx.store.all("customRoles").length >= MAX_CUSTOM_ROLES) throw failedPrecondition(`the account already has ${MAX_CUSTOM_ROLES} custom roles, the limit`);
    rejectProblems(roleProblems(ctx, spec));
    const id = newId();
    ctx.store.insert("customRoles", id, spec);
    return operate(ctx, req, [activate("customRoles", id)], { roleId: id });
  },
  GetCustomRole: (req, ctx) => ({ customRole: envelope(ctx.store.get("customRoles", req.roleId, "custom role")) }),
  GetCustomRoles: (req, ctx) => {
    const { items, nextPageToken } = page(ctx.store.all("customRoles"), req);
    return { customRoles: items.map((r) => envelope(r)), nextPageToken };
  },
  UpdateCustomRole: (req, ctx) => {
    const rec = ctx.store.get("customRoles", req.roleId, "custom role");
    ctx.store.checkVersion(rec, req.resourceVersion, "custom role");
    rejectProblems(roleProblems(ctx, req.spec ?? {}, rec));
    rec.spec = req.spec;
    ctx.store.touch(rec);
    return operate(ctx, req, [activate("customRoles", rec.id)]);
  },
  DeleteCustomRole: (req, ctx) => {
    const rec = ctx.store.get("customRoles", req.roleId, "custom role");
    const holder = roleInUse(ctx, rec.id);
    if (holder) throw failedPrecondition(`custom role "${rec.id}" is assigned (${holder}); remove the assignment first`);
    return deleteRecord(ctx, req, "customRoles", rec, "custom role");
  },
};

