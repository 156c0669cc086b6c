// Authorization by role, as the Cloud Operations API does it: a caller's account role and namespace
// permissions decide which RPCs it may call; anything else is PERMISSION_DENIED. Modelled from the roles
// documentation (owners and global admins manage the account; developers create namespaces and Nexus
// endpoints; read-only roles read; namespace admins manage their namespace; a namespace-scoped service
// account sees its one namespace), not from the service's code.
import type { Principal } from "./auth";
import { ApiError, Code } from "./errors";
import type { Rec, Spec, Store } from "./store";

/** Account roles, weakest first (finance admin is read-only outside billing, which is not emulated). */
const ROLE_RANK: Readonly<Record<string, number>> = {
  ROLE_METRICS_READ: 1,
  ROLE_READ: 2,
  ROLE_FINANCE_ADMIN: 2,
  ROLE_DEVELOPER: 3,
  ROLE_ADMIN: 4,
  ROLE_OWNER: 5,
};
const READ = 2;
const DEVELOPER = 3;
const ADMIN = 4;

const PERMISSION_RANK: Readonly<Record<string, number>> = { PERMISSION_READ: 1, PERMISSION_WRITE: 2, PERMISSION_ADMIN: 3 };
const NS_READ = 1;
const NS_ADMIN = 3;

/** What a caller may do: its account role rank and its namespace permission ranks. */
export interface Access {
  readonly who: string;
  /** User or service account id of the key's owner; absent for the bootstrap key. */
  readonly ownerId?: string;
  readonly role: number;
  readonly namespaces: ReadonlyMap<string, number>;
}

const OWNER_ACCESS: Access = { who: "the account owner (bootstrap key)", role: ROLE_RANK.ROLE_OWNER, namespaces: new Map() };

function grantsOf(access: Spec | undefined, into: Map<string, number>): number {
  for (const [ns, grant] of Object.entries((access?.namespaceAccesses ?? {}) as Record<string, Spec>)) {
    into.set(ns, Math.max(into.get(ns) ?? 0, PERMISSION_RANK[grant?.permission] ?? 0));
  }
  return ROLE_RANK[access?.accountAccess?.role] ?? 0;
}

/** The access of the key's owner; a user's includes that of the groups it is a member of. */
export function accessOf(principal: Principal, store: Store): Access {
  if (principal.kind === "bootstrap" || !principal.ownerId) return OWNER_ACCESS;
  const namespaces = new Map<string, number>();
  const sa = store.find("serviceAccounts", principal.ownerId);
  if (sa) {
    const scoped = sa.spec.namespaceScopedAccess;
    if (scoped) {
      namespaces.set(scoped.namespace, PERMISSION_RANK[scoped.access?.permission] ?? 0);
      // Its account role is always Read, with exactly one namespace (docs).
      return { who: `namespace-scoped service account "${sa.spec.name}"`, ownerId: sa.id, role: READ, namespaces };
    }
    return { who: `service account "${sa.spec.name}"`, ownerId: sa.id, role: grantsOf(sa.spec.access, namespaces), namespaces };
  }
  const user = store.find("users", principal.ownerId);
  if (!user) return { who: `deleted owner "${principal.ownerId}"`, ownerId: principal.ownerId, role: 0, namespaces };
  let role = grantsOf(user.spec.access, namespaces);
  for (const [groupId, members] of Object.entries(store.data.groupMembers)) {
    if (members.includes(user.id)) role = Math.max(role, grantsOf(store.find("userGroups", groupId)?.spec.access, namespaces));
  }
  return { who: `user "${user.spec.email}"`, ownerId: user.id, role, namespaces };
}

/**
 * The caller's permission on a namespace: account admins administer all; everyone else has what it was
 * granted (the docs are silent on whether an account-level Read role lists every namespace; here it does not).
 */
export function namespaceRank(access: Access, namespace: string): number {
  if (access.role >= ADMIN) return NS_ADMIN;
  return access.namespaces.get(namespace) ?? 0;
}

export function canSeeNamespace(access: Access, namespace: string): boolean {
  return namespaceRank(access, namespace) >= NS_READ;
}

function denied(access: Access, method: string, needs: string): ApiError {
  return new ApiError(Code.PERMISSION_DENIED, `${access.who} may not call ${method}: it needs ${needs}`);
}

type Check = (access: Access, req: Spec, store: Store, method: string) => void;

const account = (rank: number, label: string): Check => (access, _req, _store, method) => {
  if (access.role < rank) throw denied(access, method, label);
};
const anyone: Check = () => undefined;
const readAccount = account(READ, "an account role of Read or above");
const developer = account(DEVELOPER, "the Developer account role or above");
const accountAdmin = account(ADMIN, "the Global Admin or Account Owner role");

/** Needs `rank` on the namespace the request names (read from `field`). */
const onNamespace = (rank: number, field = "namespace"): Check => (access, req, _store, method) => {
  const ns = String(req[field] ?? "");
  if (namespaceRank(access, ns) < rank) throw denied(access, method, `${rank >= NS_ADMIN ? "Namespace Admin" : "Read"} permission on namespace "${ns}"`);
};
const nsAdmin = onNamespace(NS_ADMIN);
const nsRead = onNamespace(NS_READ);
/** Lists filter to what the caller may see, so everyone may ask. */
const filtered = anyone;

/** A service account: account-level ones are the admins' business; a namespace-scoped one its namespace admins'. */
const manageServiceAccount: Check = (access, req, store, method) => {
  const target: Spec | undefined = req.spec ?? store.find("serviceAccounts", String(req.serviceAccountId ?? ""))?.spec;
  const scoped = target?.namespaceScopedAccess?.namespace;
  if (access.role >= ADMIN) return;
  if (scoped && namespaceRank(access, scoped) >= NS_ADMIN) return;
  throw denied(access, method, scoped ? `Namespace Admin permission on namespace "${scoped}" or the Global Admin role` : "the Global Admin or Account Owner role");
};

/** A key owned by the caller, by a namespace-scoped account of a namespace it administers, or any key for admins. */
export function mayManageKeyOf(access: Access, store: Store, ownerId: string): boolean {
  if (access.role >= ADMIN || ownerId === access.ownerId) return true;
  const scoped = store.find("serviceAccounts", ownerId)?.spec.namespaceScopedAccess?.namespace;
  return Boolean(scoped && namespaceRank(access, scoped) >= NS_ADMIN);
}

const keyOwner = (store: Store, req: Spec): string => String(req.spec?.ownerId ?? store.find("apiKeys", String(req.keyId ?? ""))?.spec.ownerId ?? "");

/** Anyone may create a key of its own (a service account can always create its replacement key). */
const createKey: Check = (access, req, store, method) => {
  if (!mayManageKeyOf(access, store, keyOwner(store, req))) throw denied(access, method, "to own the key, or the Global Admin role");
};

/** Changing or deleting a service account's own key needs normal permissions; users manage their own keys. */
const changeKey: Check = (access, req, store, method) => {
  const owner = keyOwner(store, req);
  const ownKeyOfServiceAccount = owner === access.ownerId && store.find("serviceAccounts", owner) !== undefined;
  const allowed = ownKeyOfServiceAccount ? access.role >= ADMIN || namespaceAdminOfOwnScope(access, store, owner) : mayManageKeyOf(access, store, owner);
  if (!allowed) throw denied(access, method, "the Global Admin role (a service account may create its own keys but not change or delete them)");
};

function namespaceAdminOfOwnScope(access: Access, store: Store, ownerId: string): boolean {
  const scoped = store.find("serviceAccounts", ownerId)?.spec.namespaceScopedAccess?.namespace;
  return Boolean(scoped && (access.namespaces.get(scoped) ?? 0) >= NS_ADMIN);
}

const readKey: Check = (access, req, store, method) => {
  const owner = keyOwner(store, req);
  if (owner && !mayManageKeyOf(access, store, owner)) throw denied(access, method, "to own the key, or the Global Admin role");
};

/** A user or group's namespace grant: account admins, or that namespace's admins. */
const grantOnNamespace = onNamespace(NS_ADMIN);

/** Which check guards each RPC; an RPC without an entry is refused for everyone but account admins. */
const CHECKS: Readonly<Record<string, Check>> = {
  GetAccount: anyone,
  GetCurrentIdentity: anyone,
  GetRegions: anyone,
  GetRegion: anyone,
  GetAsyncOperation: anyone,
  UpdateAccount: accountAdmin,

  CreateNamespace: developer,
  GetNamespace: nsRead,
  GetNamespaces: filtered,
  UpdateNamespace: nsAdmin,
  UpdateNamespaceTags: nsAdmin,
  RenameCustomSearchAttribute: nsAdmin,
  DeleteNamespace: nsAdmin,
  AddNamespaceRegion: nsAdmin,
  DeleteNamespaceRegion: nsAdmin,
  FailoverNamespaceRegion: nsAdmin,

  CreateNamespaceExportSink: nsAdmin,
  UpdateNamespaceExportSink: nsAdmin,
  DeleteNamespaceExportSink: nsAdmin,
  ValidateNamespaceExportSink: nsAdmin,
  GetNamespaceExportSink: nsRead,
  GetNamespaceExportSinks: nsRead,

  CreateApiKey: createKey,
  UpdateApiKey: changeKey,
  DeleteApiKey: changeKey,
  GetApiKey: readKey,
  GetApiKeys: readKey,

  CreateServiceAccount: manageServiceAccount,
  UpdateServiceAccount: manageServiceAccount,
  DeleteServiceAccount: manageServiceAccount,
  SetServiceAccountNamespaceAccess: accountAdmin,
  GetServiceAccount: readAccount,
  GetServiceAccounts: readAccount,

  CreateUser: accountAdmin,
  UpdateUser: accountAdmin,
  DeleteUser: accountAdmin,
  SetUserNamespaceAccess: grantOnNamespace,
  GetUser: readAccount,
  GetUsers: readAccount,
  CreateUserGroup: accountAdmin,
  UpdateUserGroup: accountAdmin,
  DeleteUserGroup: accountAdmin,
  SetUserGroupNamespaceAccess: grantOnNamespace,
  AddUserGroupMember: accountAdmin,
  RemoveUserGroupMember: accountAdmin,
  GetUserGroup: readAccount,
  GetUserGroups: readAccount,
  GetUserGroupMembers: readAccount,

  CreateCustomRole: accountAdmin,
  UpdateCustomRole: accountAdmin,
  DeleteCustomRole: accountAdmin,
  GetCustomRole: readAccount,
  GetCustomRoles: readAccount,

  CreateConnectivityRule: accountAdmin,
  DeleteConnectivityRule: accountAdmin,
  GetConnectivityRule: developer,
  GetConnectivityRules: developer,

  CreateAccountAuditLogSink: accountAdmin,
  UpdateAccountAuditLogSink: accountAdmin,
  DeleteAccountAuditLogSink: accountAdmin,
  ValidateAccountAuditLogSink: accountAdmin,
  GetAccountAuditLogSink: accountAdmin,
  GetAccountAuditLogSinks: accountAdmin,

  CreateNexusEndpoint: developer,
  UpdateNexusEndpoint: developer,
  DeleteNexusEndpoint: developer,
  GetNexusEndpoint: readAccount,
  GetNexusEndpoints: readAccount,
};

/** Throws PERMISSION_DENIED when the caller may not make this call. */
export function authorize(method: string, req: Spec, access: Access, store: Store): void {
  (CHECKS[method] ?? accountAdmin)(access, req, store, method);
}

/** A developer who creates a namespace becomes its Namespace Admin (a grant on its own access). */
export function grantCreator(access: Access, store: Store, namespace: string): void {
  if (!access.ownerId || access.role >= ADMIN) return;
  const owner: Rec | undefined = store.find("serviceAccounts", access.ownerId) ?? store.find("users", access.ownerId);
  if (!owner) return;
  const current = (owner.spec.access ?? {}) as Spec;
  owner.spec = { ...owner.spec, access: { ...current, namespaceAccesses: { ...(current.namespaceAccesses ?? {}), [namespace]: { permission: "PERMISSION_ADMIN" } } } };
}
