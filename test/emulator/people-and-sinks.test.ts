// Users, groups (members, access), custom roles, connectivity rules, export and audit-log sinks, the
// metrics endpoint and Nexus endpoints.
import * as fs from "node:fs";
import { temporal } from "@temporalio/proto";
import { failure, plain, settle, startHarness, type Harness } from "./client";

const Role = temporal.api.cloud.identity.v1.AccountAccess.Role;
const Permission = temporal.api.cloud.identity.v1.NamespaceAccess.Permission;

let h: Harness;
let aws: string;
let gcp: string;
beforeAll(async () => {
  h = await startHarness({ scimGroups: ["00g1developers"] });
  const make = async (name: string, region: string) => {
    const res = plain(await h.cloud.createNamespace({ spec: { name, regions: [region], retentionDays: 7, apiKeyAuth: { enabled: true } } }));
    await settle(h.cloud, res.asyncOperation);
    return res.namespace as string;
  };
  aws = await make("aws-ns", "aws-us-east-1");
  gcp = await make("gcp-ns", "gcp-us-central1");
});
afterAll(() => h.close());

async function done<T extends { asyncOperation?: unknown }>(call: Promise<T>): Promise<T> {
  const res = await call;
  await settle(h.cloud, plain(res).asyncOperation);
  return plain(res);
}

describe("users and groups", () => {
  test("a user with namespace access; duplicate emails are AlreadyExists; bad email InvalidArgument", async () => {
    const res = await done(h.cloud.createUser({ spec: { email: "ada@example.com", access: { accountAccess: { role: Role.ROLE_DEVELOPER }, namespaceAccesses: { [aws]: { permission: Permission.PERMISSION_WRITE } } } } }));
    const user = plain((await h.cloud.getUser({ userId: (res as { userId: string }).userId })).user);
    expect(user).toMatchObject({ state: "RESOURCE_STATE_ACTIVE", spec: { email: "ada@example.com", access: { accountAccess: { role: "ROLE_DEVELOPER" } } } });
    expect((await failure(h.cloud.createUser({ spec: { email: "ADA@example.com", access: { accountAccess: { role: Role.ROLE_READ } } } }))).code).toBe("ALREADY_EXISTS");
    expect((await failure(h.cloud.createUser({ spec: { email: "not-an-email", access: { accountAccess: { role: Role.ROLE_READ } } } }))).details).toContain("is not an email address");
    expect(plain(await h.cloud.getUsers({ email: "ada@example.com" })).users).toHaveLength(1);
  });

  test("a cloud group gets access and members; a no-op update is 'nothing to change'", async () => {
    const group = await done(h.cloud.createUserGroup({ spec: { displayName: "payments-oncall", cloudGroup: {} } })) as unknown as { groupId: string };
    const current = (await h.cloud.getUserGroup({ groupId: group.groupId })).group!;
    const access = { accountAccess: { role: Role.ROLE_READ }, namespaceAccesses: { [aws]: { permission: Permission.PERMISSION_ADMIN } } };
    await done(h.cloud.updateUserGroup({ groupId: group.groupId, resourceVersion: current.resourceVersion, spec: { displayName: "payments-oncall", cloudGroup: {}, access } }));
    const updated = (await h.cloud.getUserGroup({ groupId: group.groupId })).group!;
    expect(plain(updated).spec.access.namespaceAccesses[aws].permission).toBe("PERMISSION_ADMIN");
    const noop = await failure(h.cloud.updateUserGroup({ groupId: group.groupId, resourceVersion: updated.resourceVersion, spec: updated.spec! }));
    expect(noop).toEqual({ code: "INVALID_ARGUMENT", details: "nothing to change" });

    const user = await done(h.cloud.createUser({ spec: { email: "grace@example.com", access: { accountAccess: { role: Role.ROLE_READ } } } })) as unknown as { userId: string };
    await done(h.cloud.addUserGroupMember({ groupId: group.groupId, memberId: { userId: user.userId } }));
    expect(plain(await h.cloud.getUserGroupMembers({ groupId: group.groupId })).members).toEqual([expect.objectContaining({ memberId: { userId: user.userId } })]);
    await done(h.cloud.removeUserGroupMember({ groupId: group.groupId, memberId: { userId: user.userId } }));
    expect(plain(await h.cloud.getUserGroupMembers({ groupId: group.groupId })).members ?? []).toEqual([]);
    expect((await failure(h.cloud.addUserGroupMember({ groupId: group.groupId, memberId: { userId: "ghost" } }))).code).toBe("NOT_FOUND");
  });
});

test("SCIM groups come from the identity provider: seeded ones are found by idp id, API-created ones are refused", async () => {
  const found = plain(await h.cloud.getUserGroups({ scimGroup: { idpId: "00g1developers" } })).groups;
  expect(found).toHaveLength(1);
  expect(found[0].spec.scimGroup).toEqual({ idpId: "00g1developers" });
  expect(plain(await h.cloud.getUserGroups({ scimGroup: { idpId: "00g9unknown" } })).groups ?? []).toEqual([]);
  expect((await failure(h.cloud.createUserGroup({ spec: { displayName: "x", scimGroup: { idpId: "00g2" } } }))).code).toBe("FAILED_PRECONDITION");
  // Access on a SCIM group is managed here (temporalcloud_group_access).
  const group = (await h.cloud.getUserGroup({ groupId: found[0].id })).group!;
  await done(h.cloud.updateUserGroup({ groupId: group.id, resourceVersion: group.resourceVersion, spec: { ...group.spec!, access: { accountAccess: { role: Role.ROLE_READ } } } }));
  expect(plain((await h.cloud.getUserGroup({ groupId: group.id })).group).spec.access.accountAccess.role).toBe("ROLE_READ");
});

describe("custom roles", () => {
  test("create, assign, refuse delete while assigned, delete after", async () => {
    const spec = { name: "namespace-reader", permissions: [{ actions: ["cloud.namespace.get"], resources: { resourceType: "namespace", allowAll: true } }] };
    const role = await done(h.cloud.createCustomRole({ spec })) as unknown as { roleId: string };
    expect(plain((await h.cloud.getCustomRole({ roleId: role.roleId })).customRole).spec.name).toBe("namespace-reader");
    expect((await failure(h.cloud.createCustomRole({ spec }))).code).toBe("ALREADY_EXISTS");
    expect((await failure(h.cloud.createCustomRole({ spec: { name: "empty" } }))).details).toContain("at least one permission");
    const sa = await done(h.cloud.createServiceAccount({ spec: { name: "role-holder", access: { accountAccess: { role: Role.ROLE_READ, customRoles: [role.roleId] } } } })) as unknown as { serviceAccountId: string };
    const current = (await h.cloud.getCustomRole({ roleId: role.roleId })).customRole!;
    expect((await failure(h.cloud.deleteCustomRole({ roleId: role.roleId, resourceVersion: current.resourceVersion }))).code).toBe("FAILED_PRECONDITION");
    const holder = (await h.cloud.getServiceAccount({ serviceAccountId: sa.serviceAccountId })).serviceAccount!;
    await done(h.cloud.deleteServiceAccount({ serviceAccountId: sa.serviceAccountId, resourceVersion: holder.resourceVersion }));
    await done(h.cloud.deleteCustomRole({ roleId: role.roleId, resourceVersion: current.resourceVersion }));
    expect((await failure(h.cloud.getCustomRole({ roleId: role.roleId }))).code).toBe("NOT_FOUND");
  });
});

describe("connectivity rules", () => {
  test("private rules need a connection id, a catalogue region and a GCP project on GCP; one public rule per account", async () => {
    const rule = await done(h.cloud.createConnectivityRule({ spec: { privateRule: { connectionId: "vpce-0123", region: "aws-us-east-1" } } })) as unknown as { connectivityRuleId: string };
    expect(plain((await h.cloud.getConnectivityRule({ connectivityRuleId: rule.connectivityRuleId })).connectivityRule).spec.privateRule).toEqual({ connectionId: "vpce-0123", region: "aws-us-east-1" });
    const gcpMissing = await failure(h.cloud.createConnectivityRule({ spec: { privateRule: { connectionId: "123", region: "gcp-us-central1" } } }));
    expect(gcpMissing.details).toContain("needs gcp_project_id");
    expect((await failure(h.cloud.createConnectivityRule({ spec: { privateRule: { region: "aws-mars-1" } } }))).details).toMatch(/connection_id[\s\S]*not a Temporal Cloud region/);
    await done(h.cloud.createConnectivityRule({ spec: { publicRule: {} } }));
    expect((await failure(h.cloud.createConnectivityRule({ spec: { publicRule: { enableStableIps: true } } }))).code).toBe("FAILED_PRECONDITION");
  });

  test("a namespace references existing rules only, and an attached rule cannot be deleted", async () => {
    const rule = await done(h.cloud.createConnectivityRule({ spec: { privateRule: { connectionId: "vpce-attach", region: "aws-us-east-1" } } })) as unknown as { connectivityRuleId: string };
    const ns = (await h.cloud.getNamespace({ namespace: aws })).namespace!;
    expect((await failure(h.cloud.updateNamespace({ namespace: aws, resourceVersion: ns.resourceVersion, spec: { ...ns.spec!, connectivityRuleIds: ["nope"] } }))).details).toContain('connectivity rule "nope" does not exist');
    await done(h.cloud.updateNamespace({ namespace: aws, resourceVersion: ns.resourceVersion, spec: { ...ns.spec!, connectivityRuleIds: [rule.connectivityRuleId] } }));
    const current = (await h.cloud.getConnectivityRule({ connectivityRuleId: rule.connectivityRuleId })).connectivityRule!;
    expect((await failure(h.cloud.deleteConnectivityRule({ connectivityRuleId: rule.connectivityRuleId, resourceVersion: current.resourceVersion }))).code).toBe("FAILED_PRECONDITION");
    expect(plain(await h.cloud.getConnectivityRules({ namespace: aws })).connectivityRules).toHaveLength(1);
  });
});

describe("sinks and metrics", () => {
  const s3 = { bucketName: "history", roleName: "temporal-export", awsAccountId: "111122223333", region: "us-east-1" };

  test("an S3 export sink in the namespace's region; role ARNs and other regions are refused", async () => {
    await done(h.cloud.createNamespaceExportSink({ namespace: aws, spec: { name: "s3-sink", enabled: true, s3 } }));
    expect(plain((await h.cloud.getNamespaceExportSink({ namespace: aws, name: "s3-sink" })).sink)).toMatchObject({ name: "s3-sink", state: "RESOURCE_STATE_ACTIVE", spec: { s3 } });
    expect((await failure(h.cloud.createNamespaceExportSink({ namespace: aws, spec: { name: "s3-sink", enabled: true, s3 } }))).code).toBe("ALREADY_EXISTS");
    const bad = await failure(h.cloud.createNamespaceExportSink({ namespace: aws, spec: { name: "bad", enabled: true, s3: { ...s3, roleName: "arn:aws:iam::111122223333:role/x", region: "eu-west-1" } } }));
    expect(bad.details).toContain("is an ARN; give the IAM role name");
    expect(bad.details).toContain("must be the namespace's region (aws-us-east-1)");
    const gcs = await failure(h.cloud.createNamespaceExportSink({ namespace: gcp, spec: { name: "gcs", enabled: true, gcs: { bucketName: "b", region: "us-central1" } } }));
    expect(gcs.details).toContain("gcs needs sa_id and gcp_project_id");
    const sink = (await h.cloud.getNamespaceExportSink({ namespace: aws, name: "s3-sink" })).sink!;
    await done(h.cloud.updateNamespaceExportSink({ namespace: aws, resourceVersion: sink.resourceVersion, spec: { name: "s3-sink", enabled: false, s3 } }));
    expect(plain((await h.cloud.getNamespaceExportSink({ namespace: aws, name: "s3-sink" })).sink).spec.enabled ?? false).toBe(false);
  });

  test("a Kinesis audit-log sink; the destination must be a stream ARN", async () => {
    const kinesisSink = { roleName: "temporal-audit", destinationUri: "arn:aws:kinesis:us-east-1:111122223333:stream/audit", region: "us-east-1" };
    await done(h.cloud.createAccountAuditLogSink({ spec: { name: "audit", enabled: true, kinesisSink } }));
    expect(plain((await h.cloud.getAccountAuditLogSink({ name: "audit" })).sink).spec.kinesisSink).toEqual(kinesisSink);
    expect((await failure(h.cloud.createAccountAuditLogSink({ spec: { name: "audit2", enabled: true, kinesisSink: { ...kinesisSink, destinationUri: "audit" } } }))).details).toContain("is not a Kinesis stream ARN");
  });

  test("the metrics endpoint: a CA bundle on the account gives a metrics URI; removing it clears the URI", async () => {
    const ca = fs.readFileSync("examples/certs/metrics-ca.pem");
    const before = (await h.cloud.getAccount({})).account!;
    await done(h.cloud.updateAccount({ resourceVersion: before.resourceVersion, spec: { metrics: { acceptedClientCa: ca } } }));
    const account = plain((await h.cloud.getAccount({})).account);
    expect(account.metrics.uri).toBe("https://a1b2c.tmprl.cloud/prometheus");
    const bad = await failure(h.cloud.updateAccount({ resourceVersion: account.resourceVersion, spec: { metrics: { acceptedClientCa: Buffer.from("junk") } } }));
    expect(bad.code).toBe("INVALID_ARGUMENT");
    await done(h.cloud.updateAccount({ resourceVersion: account.resourceVersion, spec: { metrics: {} } }));
    expect(plain((await h.cloud.getAccount({})).account).metrics?.uri).toBeUndefined();
  });
});

test("Nexus endpoints target existing namespaces; names are unique", async () => {
  const spec = { name: "payments-endpoint", targetSpec: { workerTargetSpec: { namespaceId: aws, taskQueue: "payments" } }, policySpecs: [{ allowedCloudNamespacePolicySpec: { namespaceId: gcp } }] };
  const ep = await done(h.cloud.createNexusEndpoint({ spec })) as unknown as { endpointId: string };
  expect(plain((await h.cloud.getNexusEndpoint({ endpointId: ep.endpointId })).endpoint).spec.name).toBe("payments-endpoint");
  expect((await failure(h.cloud.createNexusEndpoint({ spec }))).code).toBe("ALREADY_EXISTS");
  expect((await failure(h.cloud.createNexusEndpoint({ spec: { ...spec, name: "other", targetSpec: { workerTargetSpec: { namespaceId: "ghost.a1b2c", taskQueue: "q" } } } }))).details).toContain("does not exist");
  expect(plain(await h.cloud.getNexusEndpoints({ targetNamespaceId: aws })).endpoints).toHaveLength(1);
});
