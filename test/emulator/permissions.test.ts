// Authorization by role: API keys of service accounts and users with limited account roles or namespace
// access get PERMISSION_DENIED on the RPCs they may not call, and lists show only what they may see.
import { temporal } from "@temporalio/proto";
import { failure, inDays, plain, settle, startHarness, type CloudService, type Harness } from "./client";

const Role = temporal.api.cloud.identity.v1.AccountAccess.Role;
const Permission = temporal.api.cloud.identity.v1.NamespaceAccess.Permission;
const Owner = temporal.api.cloud.identity.v1.OwnerType;

let h: Harness;
let payments: string;
let billing: string;
beforeAll(async () => {
  h = await startHarness();
  payments = await createNamespace(h.cloud, "payments");
  billing = await createNamespace(h.cloud, "billing");
});
afterAll(() => h.close());

const nsSpec = (name: string) => ({ name, regions: ["aws-us-east-1"], retentionDays: 7, apiKeyAuth: { enabled: true } });

async function createNamespace(cloud: CloudService, name: string): Promise<string> {
  const res = plain(await cloud.createNamespace({ spec: nsSpec(name) }));
  await settle(cloud, res.asyncOperation);
  return res.namespace as string;
}

let serial = 0;
/** A key for a new principal (created by the bootstrap key); returns its client and ids. */
async function keyFor(owner: { access?: object; namespaceScopedAccess?: object } | { user: object }) {
  let ownerId: string;
  let ownerType: number;
  if ("user" in owner) {
    const res = plain(await h.cloud.createUser({ spec: { email: `user${++serial}@example.com`, ...owner.user } }));
    await settle(h.cloud, res.asyncOperation);
    [ownerId, ownerType] = [res.userId, Owner.OWNER_TYPE_USER];
  } else {
    const res = plain(await h.cloud.createServiceAccount({ spec: { name: `sa-${++serial}`, ...owner } }));
    await settle(h.cloud, res.asyncOperation);
    [ownerId, ownerType] = [res.serviceAccountId, Owner.OWNER_TYPE_SERVICE_ACCOUNT];
  }
  const key = plain(await h.cloud.createApiKey({ spec: { ownerId, ownerType, displayName: "k", expiryTime: inDays(30) } }));
  await settle(h.cloud, key.asyncOperation);
  return { client: h.as(key.token), ownerId, keyId: key.keyId as string };
}

async function retention(cloud: CloudService, id: string, days: number) {
  const ns = (await h.cloud.getNamespace({ namespace: id })).namespace!;
  return cloud.updateNamespace({ namespace: id, spec: { ...ns.spec!, retentionDays: days }, resourceVersion: ns.resourceVersion! });
}

const code = async (call: Promise<unknown>) => (await failure(call)).code;

test("a Read account role reads the account but writes nothing; a namespace Read grant reads only that namespace", async () => {
  const { client } = await keyFor({ access: { accountAccess: { role: Role.ROLE_READ }, namespaceAccesses: { [payments]: { permission: Permission.PERMISSION_READ } } } });
  expect(plain(await client.getNamespace({ namespace: payments })).namespace.namespace).toBe(payments);
  expect(plain(await client.getNamespaces({})).namespaces.map((n: { namespace: string }) => n.namespace)).toEqual([payments]);
  expect(plain(await client.getServiceAccounts({})).serviceAccount.length).toBeGreaterThan(0);
  const denied = await failure(retention(client, payments, 30));
  expect(denied.code).toBe("PERMISSION_DENIED");
  expect(denied.details).toMatch(/may not call UpdateNamespace: it needs Namespace Admin permission on namespace "payments\.a1b2c"/);
  expect(await code(client.getNamespace({ namespace: billing }))).toBe("PERMISSION_DENIED");
  expect(await code(client.createNamespace({ spec: nsSpec("reader-made") }))).toBe("PERMISSION_DENIED");
  expect(await code(client.deleteNamespace({ namespace: payments }))).toBe("PERMISSION_DENIED");
  expect(await code(client.createServiceAccount({ spec: { name: "by-reader", access: { accountAccess: { role: Role.ROLE_READ } } } }))).toBe("PERMISSION_DENIED");
  // Nothing was changed by the refused calls.
  expect(plain((await h.cloud.getNamespace({ namespace: payments })).namespace).spec.retentionDays).toBe(7);
});

test("a Developer creates namespaces and becomes their Namespace Admin, but manages no identities or connectivity rules", async () => {
  const { client, ownerId } = await keyFor({ access: { accountAccess: { role: Role.ROLE_DEVELOPER } } });
  const own = await createNamespace(client, "dev-sandbox");
  await settle(client, plain(await retention(client, own, 3)).asyncOperation);
  expect(plain((await h.cloud.getNamespace({ namespace: own })).namespace).spec.retentionDays).toBe(3);
  const sa = plain((await h.cloud.getServiceAccount({ serviceAccountId: ownerId })).serviceAccount);
  expect(sa.spec.access.namespaceAccesses[own].permission).toBe("PERMISSION_ADMIN");
  expect(await code(retention(client, payments, 30))).toBe("PERMISSION_DENIED");
  expect(plain(await client.getConnectivityRules({})).connectivityRules ?? []).toEqual([]);
  expect(await code(client.createConnectivityRule({ spec: { publicRule: {} } }))).toBe("PERMISSION_DENIED");
  expect(await code(client.createUser({ spec: { email: "dev-made@example.com", access: { accountAccess: { role: Role.ROLE_READ } } } }))).toBe("PERMISSION_DENIED");
  expect(await code(client.updateAccount({ spec: {} }))).toBe("PERMISSION_DENIED");
});

test("a namespace-scoped service account administers its namespace only; it may create its own keys but not delete them without admin", async () => {
  const admin = await keyFor({ namespaceScopedAccess: { namespace: payments, access: { permission: Permission.PERMISSION_ADMIN } } });
  await settle(admin.client, plain(await retention(admin.client, payments, 14)).asyncOperation);
  expect(await code(retention(admin.client, billing, 14))).toBe("PERMISSION_DENIED");
  const scoped = plain(await admin.client.createServiceAccount({ spec: { name: "payments-worker", namespaceScopedAccess: { namespace: payments, access: { permission: Permission.PERMISSION_WRITE } } } }));
  await settle(admin.client, scoped.asyncOperation);
  expect(await code(admin.client.createServiceAccount({ spec: { name: "billing-worker", namespaceScopedAccess: { namespace: billing, access: { permission: Permission.PERMISSION_WRITE } } } }))).toBe("PERMISSION_DENIED");
  expect(await code(admin.client.createServiceAccount({ spec: { name: "account-wide", access: { accountAccess: { role: Role.ROLE_READ } } } }))).toBe("PERMISSION_DENIED");

  const writer = await keyFor({ namespaceScopedAccess: { namespace: payments, access: { permission: Permission.PERMISSION_WRITE } } });
  const spare = plain(await writer.client.createApiKey({ spec: { ownerId: writer.ownerId, ownerType: Owner.OWNER_TYPE_SERVICE_ACCOUNT, displayName: "replacement", expiryTime: inDays(60) } }));
  await settle(writer.client, spare.asyncOperation);
  expect(plain(await writer.client.getApiKeys({})).apiKeys.map((k: { id: string }) => k.id).sort()).toEqual([writer.keyId, spare.keyId].sort());
  expect(await code(writer.client.deleteApiKey({ keyId: writer.keyId }))).toBe("PERMISSION_DENIED");
  expect(await code(writer.client.createApiKey({ spec: { ownerId: admin.ownerId, ownerType: Owner.OWNER_TYPE_SERVICE_ACCOUNT, displayName: "not mine", expiryTime: inDays(60) } }))).toBe("PERMISSION_DENIED");
  // Its namespace's admin may delete it.
  await settle(admin.client, plain(await admin.client.deleteApiKey({ keyId: writer.keyId })).asyncOperation);
});

test("a Metrics Read role sees the account but no namespace and no identities", async () => {
  const { client } = await keyFor({ access: { accountAccess: { role: Role.ROLE_METRICS_READ } } });
  expect(plain(await client.getAccount({})).account.id).toBe("a1b2c");
  expect(plain(await client.getNamespaces({})).namespaces ?? []).toEqual([]);
  expect(await code(client.getUsers({}))).toBe("PERMISSION_DENIED");
  expect(await code(client.getServiceAccounts({}))).toBe("PERMISSION_DENIED");
});

test("a user's access includes its groups': group Namespace Admin lets it update that namespace", async () => {
  const { client, ownerId } = await keyFor({ user: { access: { accountAccess: { role: Role.ROLE_READ } } } });
  expect(await code(retention(client, billing, 21))).toBe("PERMISSION_DENIED");
  const group = plain(await h.cloud.createUserGroup({ spec: { displayName: "billing-admins", cloudGroup: {}, access: { namespaceAccesses: { [billing]: { permission: Permission.PERMISSION_ADMIN } } } } }));
  await settle(h.cloud, group.asyncOperation);
  await settle(h.cloud, plain(await h.cloud.addUserGroupMember({ groupId: group.groupId, memberId: { userId: ownerId } })).asyncOperation);
  await settle(client, plain(await retention(client, billing, 21)).asyncOperation);
  expect(plain((await h.cloud.getNamespace({ namespace: billing })).namespace).spec.retentionDays).toBe(21);
});

test("a Global Admin key may do everything; authentication is checked before permissions, and an admin gets NotFound where others get PermissionDenied", async () => {
  const { client } = await keyFor({ access: { accountAccess: { role: Role.ROLE_ADMIN } } });
  const user = plain(await client.createUser({ spec: { email: "by-admin@example.com", access: { accountAccess: { role: Role.ROLE_READ } } } }));
  await settle(client, user.asyncOperation);
  expect(await code(client.getNamespace({ namespace: "ghost.a1b2c" }))).toBe("NOT_FOUND");
  const reader = await keyFor({ access: { accountAccess: { role: Role.ROLE_READ } } });
  expect(await code(reader.client.getNamespace({ namespace: "ghost.a1b2c" }))).toBe("PERMISSION_DENIED");
  expect(await code(h.as("not-a-key").createNamespace({ spec: nsSpec("anon") }))).toBe("UNAUTHENTICATED");
});
