// Service accounts and API keys: happy paths, the owner and lifetime rules, limits and versions.
import { temporal } from "@temporalio/proto";
import { failure, inDays, plain, settle, startHarness, type Harness } from "./client";

const Role = temporal.api.cloud.identity.v1.AccountAccess.Role;
const Permission = temporal.api.cloud.identity.v1.NamespaceAccess.Permission;
const Owner = temporal.api.cloud.identity.v1.OwnerType;

let h: Harness;
let namespace: string;
beforeAll(async () => {
  h = await startHarness();
  const ns = plain(await h.cloud.createNamespace({ spec: { name: "orders", regions: ["aws-eu-west-1"], retentionDays: 7, apiKeyAuth: { enabled: true } } }));
  await settle(h.cloud, ns.asyncOperation);
  namespace = ns.namespace;
});
afterAll(() => h.close());

async function serviceAccount(name: string, spec: Record<string, unknown> = {}) {
  const res = plain(await h.cloud.createServiceAccount({
    spec: { name, access: { accountAccess: { role: Role.ROLE_READ }, namespaceAccesses: { [namespace]: { permission: Permission.PERMISSION_WRITE } } }, ...spec },
  }));
  await settle(h.cloud, res.asyncOperation);
  return res.serviceAccountId as string;
}

function keySpec(ownerId: string, days = 90, extra: Record<string, unknown> = {}) {
  return { ownerId, ownerType: Owner.OWNER_TYPE_SERVICE_ACCOUNT, displayName: "worker key", expiryTime: inDays(days), ...extra };
}

test("an account-level service account with namespace grants reads back as sent", async () => {
  const id = await serviceAccount("orders-worker");
  const sa = plain((await h.cloud.getServiceAccount({ serviceAccountId: id })).serviceAccount);
  expect(sa).toMatchObject({
    id,
    state: "RESOURCE_STATE_ACTIVE",
    spec: { name: "orders-worker", access: { accountAccess: { role: "ROLE_READ" }, namespaceAccesses: { [namespace]: { permission: "PERMISSION_WRITE" } } } },
  });
  expect(plain(await h.cloud.getServiceAccounts({})).serviceAccount.map((s: { id: string }) => s.id)).toContain(id);
});

test("service account rules: grants need existing namespaces, a role, no admin grants; names are unique", async () => {
  const bad = await failure(h.cloud.createServiceAccount({
    spec: { name: "bad-sa", access: { accountAccess: { role: Role.ROLE_ADMIN }, namespaceAccesses: { "ghost.a1b2c": { permission: Permission.PERMISSION_READ } } } },
  }));
  expect(bad.code).toBe("INVALID_ARGUMENT");
  expect(bad.details).toContain('namespace "ghost.a1b2c" does not exist');
  expect(bad.details).toContain("account admins and owners already administer every namespace");
  const noRole = await failure(h.cloud.createServiceAccount({ spec: { name: "no-role", access: {} } }));
  expect(noRole.details).toContain("account access role is required");
  await serviceAccount("unique-sa");
  expect((await failure(h.cloud.createServiceAccount({ spec: { name: "unique-sa", access: { accountAccess: { role: Role.ROLE_READ } } } }))).code).toBe("ALREADY_EXISTS");
});

test("a namespace-scoped service account keeps its namespace; the permission may change", async () => {
  const res = plain(await h.cloud.createServiceAccount({
    spec: { name: "scoped", namespaceScopedAccess: { namespace, access: { permission: Permission.PERMISSION_READ } } },
  }));
  await settle(h.cloud, res.asyncOperation);
  const sa = (await h.cloud.getServiceAccount({ serviceAccountId: res.serviceAccountId })).serviceAccount!;
  const other = plain(await h.cloud.createNamespace({ spec: { name: "other", regions: ["aws-eu-west-1"], retentionDays: 7, apiKeyAuth: { enabled: true } } }));
  await settle(h.cloud, other.asyncOperation);
  const moved = await failure(h.cloud.updateServiceAccount({
    serviceAccountId: res.serviceAccountId, resourceVersion: sa.resourceVersion,
    spec: { name: "scoped", namespaceScopedAccess: { namespace: other.namespace, access: { permission: Permission.PERMISSION_READ } } },
  }));
  expect(moved).toMatchObject({ code: "INVALID_ARGUMENT" });
  expect(moved.details).toContain("cannot change");
  const up = plain(await h.cloud.updateServiceAccount({
    serviceAccountId: res.serviceAccountId, resourceVersion: sa.resourceVersion,
    spec: { name: "scoped", namespaceScopedAccess: { namespace, access: { permission: Permission.PERMISSION_ADMIN } } },
  }));
  await settle(h.cloud, up.asyncOperation);
  const after = plain((await h.cloud.getServiceAccount({ serviceAccountId: res.serviceAccountId })).serviceAccount);
  expect(after.spec.namespaceScopedAccess.access.permission).toBe("PERMISSION_ADMIN");
  const stale = await failure(h.cloud.updateServiceAccount({ serviceAccountId: res.serviceAccountId, resourceVersion: sa.resourceVersion, spec: sa.spec! }));
  expect(stale.code).toBe("FAILED_PRECONDITION");
});

test("an API key is created with a one-time token, and only its hash is kept", async () => {
  const owner = await serviceAccount("key-owner");
  const res = plain(await h.cloud.createApiKey({ spec: keySpec(owner) }));
  expect(res.token).toMatch(/^tcemu_/);
  await settle(h.cloud, res.asyncOperation);
  const key = plain((await h.cloud.getApiKey({ keyId: res.keyId })).apiKey);
  expect(key).toMatchObject({ id: res.keyId, state: "RESOURCE_STATE_ACTIVE", spec: { ownerId: owner, ownerType: "OWNER_TYPE_SERVICE_ACCOUNT" } });
  expect(key.spec.disabled ?? false).toBe(false);
  expect(JSON.stringify(h.emulator.store.data)).not.toContain(res.token);
  const listed = plain(await h.cloud.getApiKeys({ ownerId: owner })).apiKeys;
  expect(listed.map((k: { id: string }) => k.id)).toEqual([res.keyId]);
});

test("key expiry must be in the future and at most 2 years away; the owner must exist", async () => {
  const owner = await serviceAccount("expiry-owner");
  const past = await failure(h.cloud.createApiKey({ spec: keySpec(owner, -1) }));
  expect(past).toMatchObject({ code: "INVALID_ARGUMENT" });
  expect(past.details).toContain("is not in the future");
  const far = await failure(h.cloud.createApiKey({ spec: keySpec(owner, 740) }));
  expect(far.details).toContain("more than 2 years");
  await expect(h.cloud.createApiKey({ spec: keySpec(owner, 730) })).resolves.toBeDefined();
  expect((await failure(h.cloud.createApiKey({ spec: keySpec("no-such-sa") }))).code).toBe("NOT_FOUND");
});

test("at most 20 non-expired keys per service account (FailedPrecondition)", async () => {
  const owner = await serviceAccount("many-keys");
  for (let i = 0; i < 20; i++) await h.cloud.createApiKey({ spec: keySpec(owner) });
  const f = await failure(h.cloud.createApiKey({ spec: keySpec(owner) }));
  expect(f.code).toBe("FAILED_PRECONDITION");
  expect(f.details).toContain("already has 20 non-expired API keys; the limit is 20");
});

test("disable a key in place; a stale version or a new owner is refused; delete removes it", async () => {
  const owner = await serviceAccount("rotating");
  const res = plain(await h.cloud.createApiKey({ spec: keySpec(owner) }));
  await settle(h.cloud, res.asyncOperation);
  const key = (await h.cloud.getApiKey({ keyId: res.keyId })).apiKey!;
  const up = plain(await h.cloud.updateApiKey({ keyId: res.keyId, resourceVersion: key.resourceVersion, spec: { ...key.spec!, disabled: true } }));
  await settle(h.cloud, up.asyncOperation);
  expect(plain((await h.cloud.getApiKey({ keyId: res.keyId })).apiKey).spec.disabled).toBe(true);
  expect((await failure(h.cloud.updateApiKey({ keyId: res.keyId, resourceVersion: key.resourceVersion, spec: key.spec! }))).code).toBe("FAILED_PRECONDITION");
  const current = (await h.cloud.getApiKey({ keyId: res.keyId })).apiKey!;
  const reowned = await failure(h.cloud.updateApiKey({ keyId: res.keyId, resourceVersion: current.resourceVersion, spec: { ...current.spec!, ownerId: "someone-else" } }));
  expect(reowned.details).toContain("owner of an API key cannot change");
  const del = plain(await h.cloud.deleteApiKey({ keyId: res.keyId, resourceVersion: current.resourceVersion }));
  await settle(h.cloud, del.asyncOperation);
  expect((await failure(h.cloud.getApiKey({ keyId: res.keyId }))).code).toBe("NOT_FOUND");
});

test("deleting a service account deletes its keys", async () => {
  const owner = await serviceAccount("short-lived");
  const key = plain(await h.cloud.createApiKey({ spec: keySpec(owner) }));
  const sa = (await h.cloud.getServiceAccount({ serviceAccountId: owner })).serviceAccount!;
  const del = plain(await h.cloud.deleteServiceAccount({ serviceAccountId: owner, resourceVersion: sa.resourceVersion }));
  await settle(h.cloud, del.asyncOperation);
  expect((await failure(h.cloud.getServiceAccount({ serviceAccountId: owner }))).code).toBe("NOT_FOUND");
  expect((await failure(h.cloud.getApiKey({ keyId: key.keyId }))).code).toBe("NOT_FOUND");
});
