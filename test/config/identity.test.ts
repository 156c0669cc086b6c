import { safeParseConfig } from "../../lib/config/parse";
import { EXAMPLES_DIR, minimalConfig, synthConfig, resourcesOf } from "../helpers";

const role = "arn:aws:iam::123456789012:role/worker";
const awsTarget = { aws: { region: "us-east-1" } };

/** A development namespace with API keys, AWS secrets and the given workers. */
function withWorkers(workers: unknown[], namespace: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return minimalConfig(extra, { secretsManager: awsTarget, workers, ...namespace });
}

function issuesOf(raw: unknown): string[] {
  const result = safeParseConfig(raw, { baseDir: EXAMPLES_DIR });
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe("identity config", () => {
  test("a worker with defaults is accepted and synthesizes a namespace-scoped write account and two keys", () => {
    const json = synthConfig(withWorkers([{ name: "processor", identity: { awsRoleArn: role } }]));
    const [account] = resourcesOf(json, "temporalcloud_service_account");
    expect(account).toMatchObject({ name: "orders-dev-processor", namespace_scoped_access: { permission: "write" } });
    expect(resourcesOf(json, "temporalcloud_apikey")).toHaveLength(2);
    expect(resourcesOf(json, "time_offset").map((r) => r.offset_days)).toEqual([90, 90]);
  });

  test("scope: account gives an account-level service account without other namespaces (grantable later)", () => {
    const json = synthConfig(withWorkers([{ name: "processor", identity: { awsRoleArn: role }, scope: "account" }]));
    const [account] = resourcesOf(json, "temporalcloud_service_account");
    expect(account.account_access).toBe("read");
    expect(account.namespace_scoped_access).toBeUndefined();
    expect(account.namespace_accesses).toEqual([{ namespace_id: expect.stringContaining("temporalcloud_namespace."), permission: "write" }]);
  });

  test("mTLS workers get no service account and no key", () => {
    const json = synthConfig(minimalConfig({}, { auth: { mtls: { caPemFiles: ["certs/dev-ca.pem"] } }, workers: [{ name: "cert-worker" }] }));
    expect(resourcesOf(json, "temporalcloud_service_account")).toHaveLength(0);
    expect(resourcesOf(json, "temporalcloud_apikey")).toHaveLength(0);
  });

  test.each<[string, unknown, RegExp]>([
    ["admin without justification", withWorkers([{ name: "w", permission: "admin", identity: { awsRoleArn: role } }]), /namespaces\[0\]\.workers\[0\]\.permission: admin gives worker "w" control/],
    ["two workers on one service account", withWorkers([{ name: "a", serviceAccountName: "shared", identity: { awsRoleArn: role } }, { name: "b", serviceAccountName: "shared", identity: { awsRoleArn: role } }]), /workers\[1\]\.serviceAccountName: "shared" is already the service account of namespaces\[0\]\.workers\[0\]/],
    ["rotation above 90 days in production", withWorkers([{ name: "w", identity: { awsRoleArn: role }, apiKey: { rotationDays: 120 } }], { name: "orders-prod", environment: "production" }), /workers\[0\]\.apiKey\.rotationDays: 120 is above the production maximum of 90 days/],
    ["rotation above two years", withWorkers([{ name: "w", identity: { awsRoleArn: role }, apiKey: { rotationDays: 800 } }]), /apiKey\.rotationDays: 800 is above the Temporal Cloud maximum API-key lifetime of 730 days/],
    ["an apply cadence too slow for the rotation", withWorkers([{ name: "w", identity: { awsRoleArn: role }, apiKey: { rotationDays: 30 } }], {}, { defaults: { applyCadenceDays: 14 } }), /defaults\.applyCadenceDays: 14 is too slow for rotationDays 30 with minOverlapDays 7[\s\S]*raise rotationDays to 70/],
    ["a missing secrets manager", minimalConfig({}, { workers: [{ name: "w", identity: { awsRoleArn: role } }] }), /namespaces\[0\]\.secretsManager: is not set/],
    ["a missing reader identity", withWorkers([{ name: "w" }]), /workers\[0\]\.identity\.awsRoleArn: is required/],
    ["a GCP target without a GCP reader", withWorkers([{ name: "w", identity: { awsRoleArn: role } }], { secretsManager: { gcp: { project: "p" } } }), /identity\.gcpServiceAccountEmail: is required/],
    ["API-key workers on a namespace without API keys", minimalConfig({}, { auth: { mtls: { caPemFiles: ["certs/dev-ca.pem"] } }, secretsManager: awsTarget, workers: [{ name: "w", auth: "apiKey", identity: { awsRoleArn: role } }] }), /workers\[0\]\.auth: apiKey, but namespace orders-dev does not enable API-key authentication/],
    ["API-key settings on an mTLS worker", minimalConfig({}, { auth: { mtls: { caPemFiles: ["certs/dev-ca.pem"] } }, workers: [{ name: "w", apiKey: { rotationDays: 30 } }] }), /workers\[0\]\.apiKey: is set, but worker "w" authenticates with mTLS/],
    ["cross access to an unknown namespace", withWorkers([{ name: "w", identity: { awsRoleArn: role }, crossNamespaceAccess: [{ namespace: "nope" }] }]), /crossNamespaceAccess\[0\]\.namespace: "nope" is not a namespace of this estate/],
    ["cross access to its own namespace", withWorkers([{ name: "w", identity: { awsRoleArn: role }, crossNamespaceAccess: [{ namespace: "orders-dev" }] }]), /"orders-dev" is the worker's own namespace/],
    ["admin across namespaces", withWorkers([{ name: "w", identity: { awsRoleArn: role }, crossNamespaceAccess: [{ namespace: "x", permission: "admin" }] }]), /crossNamespaceAccess\[0\]\.permission: "admin" is not one of "read", "write"/],
    ["scope namespace with crossNamespaceAccess", withWorkers([{ name: "w", identity: { awsRoleArn: role }, scope: "namespace", crossNamespaceAccess: [{ namespace: "x" }] }]), /workers\[0\]\.scope: is namespace, but crossNamespaceAccess gives worker "w" other namespaces; .* set scope: account/],
    ["a group with account admin and no justification", minimalConfig({ access: { groups: [{ name: "ops", accountRole: "admin" }] } }), /access\.groups\[0\]\.accountRole: admin makes group "ops" administrator/],
    ["the owner role for a group", minimalConfig({ access: { groups: [{ name: "ops", accountRole: "owner" }] } }), /accountRole: "owner" is not one of "none", "read", "developer", "admin"/],
    ["an undefined custom role", minimalConfig({ access: { groups: [{ name: "ops", customRoles: ["ghost"] }] } }), /customRoles\[0\]: "ghost" is not defined in access\.customRoles/],
    ["a group mapped to an unknown namespace", minimalConfig({ access: { groups: [{ name: "ops", namespaces: { nope: "read" } }] } }), /access\.groups\[0\]\.namespaces\.nope: "nope" is not a namespace/],
    ["namespace admin for a group without justification", minimalConfig({ access: { groups: [{ name: "ops", environments: { development: "admin" } }] } }), /access\.groups\[0\]: gives group "ops" admin on a namespace/],
    ["the same SCIM group twice", minimalConfig({ access: { groups: [{ name: "a", scimIdpId: "x" }, { name: "b", scimIdpId: "x" }] } }), /groups\[1\]\.scimIdpId: "x" is already mapped/],
    ["a revoke list naming an unknown namespace", minimalConfig({ incident: { revokeApiKeys: ["nope"] } }), /incident\.revokeApiKeys\[0\]: "nope" is not a namespace/],
  ])("rejects %s", (_case, raw, message) => {
    expect(issuesOf(raw).join("\n")).toMatch(message);
  });

  test("reports every identity problem at once", () => {
    const issues = issuesOf(withWorkers([{ name: "a", permission: "admin" }, { name: "b", serviceAccountName: "orders-dev-a", identity: { awsRoleArn: role } }]));
    expect(issues.length).toBeGreaterThanOrEqual(3);
  });

  test("groups map to namespace permissions per environment, overridden per namespace", () => {
    const raw = {
      namespaces: [
        { name: "app-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } },
        { name: "app-prod", environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true } },
        { name: "pay-prod", environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true } },
      ],
      access: { groups: [{ name: "developers", scimIdpId: "00g1", environments: { development: "write", production: "read" }, namespaces: { "pay-prod": "write" } }] },
    };
    const [access] = resourcesOf(synthConfig(raw), "temporalcloud_group_access");
    const grants = (access.namespace_accesses as Array<{ namespace_id: string; permission: string }>).map((g) => `${/ns-([a-z-]+)_namespace/.exec(g.namespace_id)?.[1]}=${g.permission}`);
    expect(grants).toEqual(["app-dev=write", "app-prod=read", "pay-prod=write"]);
    expect(access.account_access).toBe("none");
  });

  test("incident.revokeApiKeys disables keys (all, or only the listed namespaces) and deletes nothing", () => {
    const two = (incident: unknown) => ({
      namespaces: ["a-dev", "b-dev"].map((name) => ({ name, environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true }, secretsManager: awsTarget, workers: [{ name: "w", identity: { awsRoleArn: role } }] })),
      incident,
    });
    const disabledBy = (incident: unknown) => Object.entries(synthConfig(two(incident)).resource!.temporalcloud_apikey).map(([id, k]) => `${id.startsWith("api-key-a-dev") ? "a" : "b"}:${k.disabled}`).sort();
    expect(disabledBy(undefined)).toEqual(["a:false", "a:false", "b:false", "b:false"]);
    expect(disabledBy({ revokeApiKeys: true, reason: "token leaked in CI logs" })).toEqual(["a:true", "a:true", "b:true", "b:true"]);
    expect(disabledBy({ revokeApiKeys: ["b-dev"] })).toEqual(["a:false", "a:false", "b:true", "b:true"]);
    // Only `disabled` differs (an in-place update in the provider): same resources, same expiry, nothing replaced.
    const withoutDisabled = (incident: unknown) => JSON.stringify(synthConfig(two(incident)), (key, value) => (key === "disabled" ? undefined : value));
    expect(withoutDisabled({ revokeApiKeys: true })).toBe(withoutDisabled(undefined));
  });
});

describe("import: adopting an existing namespace and service account", () => {
  test("import: true on a namespace and workers[].import give Terraform import blocks with the ids", () => {
    const json = synthConfig(withWorkers([{ name: "processor", identity: { awsRoleArn: role }, import: { serviceAccountId: "7d1e0f3a" } }], { import: true }, { account: { id: "a1b2c" } }));
    const imports = (json.import ?? []) as Array<{ id: string; to: string }>;
    const ns = Object.keys(json.resource?.temporalcloud_namespace ?? {})[0];
    const account = Object.keys(json.resource?.temporalcloud_service_account ?? {})[0];
    expect(imports.map((i) => [i.id, i.to]).sort()).toEqual([
      ["7d1e0f3a", `temporalcloud_service_account.${account}`],
      ["orders-dev.a1b2c", `temporalcloud_namespace.${ns}`],
    ]);
    // API keys are never imported: the adopted account gets new keys.
    expect(imports.some((i) => i.to.startsWith("temporalcloud_apikey."))).toBe(false);
    expect(resourcesOf(json, "temporalcloud_apikey")).toHaveLength(2);
  });

  test("an imported namespace brings its tags and the search attributes listed in importSearchAttributes", () => {
    const json = synthConfig(withWorkers([], { import: true, tags: { team: "orders" }, searchAttributes: { CustomerId: "keyword", Total: "double" }, importSearchAttributes: ["CustomerId"] }, { account: { id: "a1b2c" } }));
    expect(((json.import ?? []) as Array<{ id: string }>).map((i) => i.id).sort()).toEqual(["orders-dev.a1b2c", "orders-dev.a1b2c/CustomerId", "orders-dev.a1b2c/tags"]);
  });

  test("without import nothing is imported", () => {
    expect(synthConfig(withWorkers([{ name: "processor", identity: { awsRoleArn: role } }])).import).toBeUndefined();
  });

  test.each<[string, unknown, RegExp]>([
    ["a namespace import without account.id", withWorkers([], { import: true }), /namespaces\[0\]\.import: needs account\.id: the existing namespace's id is "orders-dev\.<account id>"/],
    ["an import on an mTLS worker", minimalConfig({}, { auth: { mtls: { caPemFiles: ["certs/dev-ca.pem"] } }, workers: [{ name: "w", import: { serviceAccountId: "x" } }] }), /workers\[0\]\.import: is set, but worker "w" authenticates with mTLS/],
    ["importSearchAttributes without import", withWorkers([], { searchAttributes: { CustomerId: "keyword" }, importSearchAttributes: ["CustomerId"] }), /namespaces\[0\]\.importSearchAttributes: is set, but import is not/],
    ["an imported attribute not in searchAttributes", withWorkers([], { import: true, importSearchAttributes: ["Nope"] }, { account: { id: "a1b2c" } }), /namespaces\[0\]\.importSearchAttributes\[0\]: "Nope" is not in searchAttributes/],
    ["an empty service account id", withWorkers([{ name: "w", identity: { awsRoleArn: role }, import: { serviceAccountId: "" } }]), /workers\[0\]\.import\.serviceAccountId/],
  ])("%s is refused", (_what, raw, pattern) => {
    expect(issuesOf(raw).join("\n")).toMatch(pattern);
  });
});
