import { Fn, TerraformOutput } from "cdktf";
import { ServiceAccount } from "../../lib/providers/temporalcloud/service-account";
import { Apikey } from "../../lib/providers/temporalcloud/apikey";
import { ConnectivityRule } from "../../lib/providers/temporalcloud/connectivity-rule";
import { AccountAuditLogSink } from "../../lib/providers/temporalcloud/account-audit-log-sink";
import { NamespaceExportSink } from "../../lib/providers/temporalcloud/namespace-export-sink";
import { NamespaceTags } from "../../lib/providers/temporalcloud/namespace-tags";
import { Rotating } from "@cdktf/provider-time/lib/rotating";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { CertRequest } from "@cdktf/provider-tls/lib/cert-request";
import { LocallySignedCert } from "@cdktf/provider-tls/lib/locally-signed-cert";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import type { TerraformStack } from "cdktf";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { RULES } from "../../lib/policy/rules";
import { TC_IAM_001 } from "../../lib/policy/rules/tc-iam-001";
import { TC_IAM_002 } from "../../lib/policy/rules/tc-iam-002";
import { TC_IAM_003 } from "../../lib/policy/rules/tc-iam-003";
import { TC_IAM_004 } from "../../lib/policy/rules/tc-iam-004";
import { TC_KEY_001 } from "../../lib/policy/rules/tc-key-001";
import { TC_KEY_002 } from "../../lib/policy/rules/tc-key-002";
import { TC_KEY_003 } from "../../lib/policy/rules/tc-key-003";
import { TC_MTLS_001 } from "../../lib/policy/rules/tc-mtls-001";
import { TC_MTLS_002 } from "../../lib/policy/rules/tc-mtls-002";
import { TC_MTLS_003 } from "../../lib/policy/rules/tc-mtls-003";
import { TC_MTLS_004 } from "../../lib/policy/rules/tc-mtls-004";
import { TC_MTLS_005 } from "../../lib/policy/rules/tc-mtls-005";
import { TC_NET_001 } from "../../lib/policy/rules/tc-net-001";
import { TC_LIFE_001 } from "../../lib/policy/rules/tc-life-001";
import { TC_LIFE_002 } from "../../lib/policy/rules/tc-life-002";
import { TC_RET_001 } from "../../lib/policy/rules/tc-ret-001";
import { TC_RET_002 } from "../../lib/policy/rules/tc-ret-002";
import { TC_CODEC_001 } from "../../lib/policy/rules/tc-codec-001";
import { TC_HA_001 } from "../../lib/policy/rules/tc-ha-001";
import { TC_AUD_001 } from "../../lib/policy/rules/tc-aud-001";
import { TC_SEP_001 } from "../../lib/policy/rules/tc-sep-001";
import { TC_SEP_002 } from "../../lib/policy/rules/tc-sep-002";
import { TC_SEC_001 } from "../../lib/policy/rules/tc-sec-001";
import { TC_SEC_002 } from "../../lib/policy/rules/tc-sec-002";
import { TC_CTX_001 } from "../../lib/policy/rules/tc-ctx-001";
import { TC_SCHEMA_001 } from "../../lib/policy/rules/tc-schema-001";
import type { Rule } from "../../lib/policy/types";
import { b64, check, DEV_CA, findingsOf, namespace, newStack, notAfter, pem, PROD_CA } from "./fixtures";
import { Environment } from "../../lib/domain/environments";

/** Exactly one finding of `rule`, on the block whose address starts with `address`. */
function expectOne(stack: TerraformStack, rule: Rule, address: string, options = {}) {
  const found = findingsOf(check(stack, [rule], options), rule);
  expect(found.map((f) => [f.ruleId, f.severity, f.address.startsWith(address) ? address : f.address])).toEqual([[rule.id, rule.severity, address]]);
  return found[0];
}

function expectNone(stack: TerraformStack, rule: Rule, options = {}) {
  expect(findingsOf(check(stack, [rule], options), rule)).toEqual([]);
}

const scopedSa = (stack: TerraformStack, id: string, nsId: string, permission = "write") =>
  new ServiceAccount(stack, id, { name: id, namespaceScopedAccess: { namespaceId: nsId, permission } });

describe("rule registry", () => {
  it("has unique, well-formed ids, a severity, a control and a fix for every rule", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^TC-[A-Z]+-\d{3}$/);
      expect(["error", "warning", "info"]).toContain(r.severity);
      expect(r.control.length).toBeGreaterThan(10);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });
});

describe("TC-IAM-001 no account admin for machine identities", () => {
  it("flags a service account with account_access admin", () => {
    const stack = newStack();
    new ServiceAccount(stack, "robot", { name: "robot", accountAccess: "Admin" });
    expect(expectOne(stack, TC_IAM_001, "temporalcloud_service_account.robot").attribute).toBe("account_access");
  });
  it("accepts a namespace-scoped service account", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod");
    scopedSa(stack, "robot", ns.id);
    expectNone(stack, TC_IAM_001);
  });
});

describe("TC-IAM-002 namespace-scoped service accounts", () => {
  it("warns about an account-level service account", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod");
    new ServiceAccount(stack, "robot", { name: "robot", accountAccess: "read", namespaceAccesses: [{ namespaceId: ns.id, permission: "write" }] });
    expect(expectOne(stack, TC_IAM_002, "temporalcloud_service_account.robot").namespaces).toEqual(["orders-prod"]);
  });
  it("accepts namespace_scoped_access", () => {
    const stack = newStack();
    scopedSa(stack, "robot", namespace(stack, "orders-prod").id);
    expectNone(stack, TC_IAM_002);
  });
  it("accepts a metrics reader (account role metricsread, no namespace access), not one that also reaches a namespace", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod");
    new ServiceAccount(stack, "metrics", { name: "metrics", accountAccess: "metricsread" });
    expectNone(stack, TC_IAM_002);
    new ServiceAccount(stack, "metrics-plus", { name: "metrics-plus", accountAccess: "metricsread", namespaceAccesses: [{ namespaceId: ns.id, permission: "read" }] });
    expectOne(stack, TC_IAM_002, "temporalcloud_service_account.metrics-plus");
  });
});

describe("TC-IAM-003 one service account per worker", () => {
  it("flags a service account reaching two namespaces", () => {
    const stack = newStack();
    const a = namespace(stack, "orders-prod");
    const b = namespace(stack, "billing-prod");
    new ServiceAccount(stack, "shared", { name: "shared", accountAccess: "read", namespaceAccesses: [{ namespaceId: a.id, permission: "write" }, { namespaceId: b.id, permission: "write" }] });
    expectOne(stack, TC_IAM_003, "temporalcloud_service_account.shared");
  });
  it("flags a service account whose keys are stored in two secrets", () => {
    const stack = newStack();
    const aws = new AwsProvider(stack, "aws", { region: "us-east-1" });
    const sa = scopedSa(stack, "robot", namespace(stack, "orders-prod").id);
    const key = new Apikey(stack, "key", { displayName: "k", ownerType: "service-account", ownerId: sa.id, expiryTime: "2026-07-01T00:00:00Z" });
    for (const worker of ["charger", "refunder"]) {
      const secret = new SecretsmanagerSecret(stack, `secret-${worker}`, { provider: aws, name: worker });
      new SecretsmanagerSecretVersion(stack, `version-${worker}`, { provider: aws, secretId: secret.id, secretString: key.token });
    }
    expectOne(stack, TC_IAM_003, "temporalcloud_service_account.robot");
  });
  it("accepts one service account with its key in one secret", () => {
    const stack = newStack();
    const aws = new AwsProvider(stack, "aws", { region: "us-east-1" });
    const sa = scopedSa(stack, "robot", namespace(stack, "orders-prod").id);
    const key = new Apikey(stack, "key", { displayName: "k", ownerType: "service-account", ownerId: sa.id, expiryTime: "2026-07-01T00:00:00Z" });
    const secret = new SecretsmanagerSecret(stack, "secret", { provider: aws, name: "charger" });
    new SecretsmanagerSecretVersion(stack, "version", { provider: aws, secretId: secret.id, secretString: key.token });
    expectNone(stack, TC_IAM_003);
  });
});

function keyStack(envName: string, expiryTime: string | ((stack: TerraformStack) => string)) {
  const stack = newStack();
  const sa = scopedSa(stack, "robot", namespace(stack, `orders-${envName}`).id);
  new Apikey(stack, "key", { displayName: "k", ownerType: "service-account", ownerId: sa.id, expiryTime: typeof expiryTime === "string" ? expiryTime : expiryTime(stack) });
  return stack;
}

describe("TC-KEY-001 production API keys expire within 90 days", () => {
  it("flags a production key valid for 180 days", () => {
    expect(expectOne(keyStack("prod", "2026-11-28T00:00:00Z"), TC_KEY_001, "temporalcloud_apikey.key").attribute).toBe("expiry_time");
  });
  it("reads the lifetime from a time_rotating reference", () => {
    const stack = keyStack("prod", (s) => {
      new TimeProvider(s, "time");
      return new Rotating(s, "rotation", { rotationDays: 365 }).rotationRfc3339;
    });
    expectOne(stack, TC_KEY_001, "temporalcloud_apikey.key");
  });
  it("adds a timeadd() overlap to the rotation period", () => {
    const overlapping = (hours: string) => keyStack("prod", (s) => {
      new TimeProvider(s, "time");
      return Fn.timeadd(new Rotating(s, "rotation", { rotationDays: 80 }).rotationRfc3339, hours);
    });
    expect(expectOne(overlapping("336h"), TC_KEY_001, "temporalcloud_apikey.key").message).toMatch(/expires in 94 days/);
    expectNone(overlapping("168h"), TC_KEY_001);
  });
  it("accepts a 60-day production key and a 180-day development key", () => {
    expectNone(keyStack("prod", "2026-07-31T00:00:00Z"), TC_KEY_001);
    expectNone(keyStack("dev", "2026-11-28T00:00:00Z"), TC_KEY_001);
  });
});

describe("TC-KEY-002 API key expiry set and within the environment's limit", () => {
  it("flags a staging key above 180 days and a key already expired", () => {
    expectOne(keyStack("staging", "2027-05-01T00:00:00Z"), TC_KEY_002, "temporalcloud_apikey.key");
    expect(expectOne(keyStack("dev", "2026-01-01T00:00:00Z"), TC_KEY_002, "temporalcloud_apikey.key").message).toMatch(/past/);
  });
  it("flags an empty expiry", () => {
    // Missing/empty expiry is the provider schema's finding (TC-SCHEMA-001), not a second one here.
    expectNone(keyStack("dev", ""), TC_KEY_002);
    expect(expectOne(keyStack("dev", ""), TC_SCHEMA_001, "temporalcloud_apikey.key").message).toMatch(/expiry_time/);
  });
  it("accepts a development key within 2 years", () => {
    expectNone(keyStack("dev", "2027-06-01T00:00:00Z"), TC_KEY_002);
  });
});

describe("one mistake, one finding: API-key lifetime", () => {
  // Regression: a 180-day production key was reported by TC-KEY-001 and again by TC-KEY-002.
  const keyFindings = (stack: TerraformStack) =>
    check(stack, [TC_KEY_001, TC_KEY_002]).findings.filter((f) => f.address === "temporalcloud_apikey.key").map((f) => f.ruleId);
  it("reports a 180-day production key once, as TC-KEY-001", () => {
    expect(keyFindings(keyStack("prod", "2026-11-28T00:00:00Z"))).toEqual(["TC-KEY-001"]);
  });
  it("reports a 3-year production key once too", () => {
    expect(keyFindings(keyStack("prod", "2029-06-01T00:00:00Z"))).toEqual(["TC-KEY-001"]);
  });
  it("leaves a key without expiry to TC-SCHEMA-001 (the provider requires one), and reports a long staging key as TC-KEY-002", () => {
    expect(keyFindings(keyStack("prod", ""))).toEqual([]);
    expect(keyFindings(keyStack("staging", "2027-05-01T00:00:00Z"))).toEqual(["TC-KEY-002"]);
  });
});

describe("TC-KEY-003 API key lifetime verifiable", () => {
  it("reports (info) an expiry only known at apply", () => {
    const stack = keyStack("prod", (s) => new ServiceAccount(s, "other", { name: "other", accountAccess: "read" }).state);
    expect(expectOne(stack, TC_KEY_003, "temporalcloud_apikey.key").severity).toBe("info");
  });
  it("is silent for a literal expiry", () => {
    expectNone(keyStack("prod", "2026-07-01T00:00:00Z"), TC_KEY_003);
  });
});

describe("TC-MTLS-001 CA bundle limits", () => {
  it("flags 17 certificates, a non-CA certificate and a SHA-1 CA", () => {
    const stack = newStack();
    namespace(stack, "many-prod", { apiKeyAuth: false, acceptedClientCa: b64(...Array(17).fill(PROD_CA)), certificateFilters: [{ commonName: "x" }] });
    namespace(stack, "leaf-prod", { apiKeyAuth: false, acceptedClientCa: b64(pem("leaf-not-ca.pem")) });
    namespace(stack, "weak-prod", { apiKeyAuth: false, acceptedClientCa: b64(pem("sha1-ca.pem")) });
    const found = findingsOf(check(stack, [TC_MTLS_001]), TC_MTLS_001);
    expect(found.map((f) => [f.address, f.severity])).toEqual([
      ["temporalcloud_namespace.leaf-prod", "error"],
      ["temporalcloud_namespace.many-prod", "error"],
      ["temporalcloud_namespace.weak-prod", "error"],
    ]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/not a CA/), expect.stringMatching(/17 certificates/), expect.stringMatching(/SHA-1/)]);
  });
  it("flags a bundle above 32 KB", () => {
    const stack = newStack();
    const copies = Math.ceil((32 * 1024) / PROD_CA.length) + 1;
    namespace(stack, "big-prod", { apiKeyAuth: false, acceptedClientCa: b64(...Array(copies).fill(PROD_CA)) });
    expect(findingsOf(check(stack, [TC_MTLS_001]), TC_MTLS_001).some((f) => /bytes before base64/.test(f.message))).toBe(true);
  });
  it("accepts one SHA-256 CA", () => {
    const stack = newStack();
    namespace(stack, "ok-prod", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA) });
    expectNone(stack, TC_MTLS_001);
  });
});

describe("TC-MTLS-002 CA expiry horizon (30 days)", () => {
  const expiry = notAfter(PROD_CA);
  const stack = newStack();
  namespace(stack, "ca-prod", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA) });
  it("flags a CA expiring in 10 days", () => {
    expect(expectOne(stack, TC_MTLS_002, "temporalcloud_namespace.ca-prod", { now: new Date(expiry.getTime() - 10 * 86400e3) }).message).toMatch(/expires in 10 days/);
  });
  it("accepts a CA expiring in 60 days", () => {
    expectNone(stack, TC_MTLS_002, { now: new Date(expiry.getTime() - 60 * 86400e3) });
  });
});

describe("TC-MTLS-003 certificate filters for a CA shared across environments", () => {
  it("flags the namespaces without filters", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA), certificateFilters: [{ commonName: "orders" }] });
    namespace(stack, "orders-dev", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA) });
    expectOne(stack, TC_MTLS_003, "temporalcloud_namespace.orders-dev");
  });
  it("accepts separate CAs", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA) });
    namespace(stack, "orders-dev", { apiKeyAuth: false, acceptedClientCa: b64(DEV_CA) });
    expectNone(stack, TC_MTLS_003);
  });
});

describe("TC-NET-001 production private-only", () => {
  it("flags a production namespace without rules and one with a public rule", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { connectivityRuleIds: undefined });
    const pub = new ConnectivityRule(stack, "public", { connectivityType: "public" });
    namespace(stack, "billing-prod", { connectivityRuleIds: [pub.id] });
    const found = findingsOf(check(stack, [TC_NET_001]), TC_NET_001);
    expect(found.map((f) => [f.ruleId, f.severity, f.address])).toEqual([
      ["TC-NET-001", "error", "temporalcloud_namespace.billing-prod"],
      ["TC-NET-001", "error", "temporalcloud_namespace.orders-prod"],
    ]);
  });
  it("accepts a private rule, and ignores development", () => {
    const stack = newStack();
    const priv = new ConnectivityRule(stack, "private", { connectivityType: "private", connectionId: "vpce-1", region: "aws-us-east-1" });
    namespace(stack, "orders-prod", { connectivityRuleIds: [priv.id] });
    namespace(stack, "orders-dev", { connectivityRuleIds: undefined });
    expectNone(stack, TC_NET_001);
  });
});

describe("TC-LIFE-001 / TC-LIFE-002 production delete protection and prevent_destroy", () => {
  it("flags each missing protection", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { namespaceLifecycle: { enableDeleteProtection: false }, lifecycle: undefined });
    expectOne(stack, TC_LIFE_001, "temporalcloud_namespace.orders-prod");
    expectOne(stack, TC_LIFE_002, "temporalcloud_namespace.orders-prod");
  });
  it("accepts both set, and SecureNamespace's production defaults", () => {
    const stack = newStack();
    namespace(stack, "orders-prod");
    new SecureNamespace(stack, "secure", { name: "payments", environment: Environment.PRODUCTION, regions: ["aws-us-east-1"], apiKeyAuth: true });
    expectNone(stack, TC_LIFE_001);
    expectNone(stack, TC_LIFE_002);
  });
  it("takes the environment from a SecureNamespace parent even when the name says nothing", () => {
    const stack = newStack();
    const secure = new SecureNamespace(stack, "secure", { name: "payments", environment: Environment.PRODUCTION, regions: ["aws-us-east-1"], apiKeyAuth: true, preventDestroy: false });
    expectOne(stack, TC_LIFE_002, `temporalcloud_namespace.${secure.resource.friendlyUniqueId}`);
  });
});

describe("TC-RET-001 retention within the environment's policy", () => {
  it("flags production retention below 7 days", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { retentionDays: 3 });
    expect(expectOne(stack, TC_RET_001, "temporalcloud_namespace.orders-prod").message).toMatch(/7–90/);
  });
  it("uses policy overrides given as context", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { retentionDays: 80 });
    expectOne(stack, TC_RET_001, "temporalcloud_namespace.orders-prod", { namespaces: { "orders-prod": { environment: "production", retention: { defaultDays: 14, minDays: 7, maxDays: 60 } } } });
    expectNone(stack, TC_RET_001);
  });
});

describe("TC-RET-002 export sink when records outlive retention", () => {
  const build = (withSink: boolean) => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod", { retentionDays: 30 });
    new NamespaceTags(stack, "tags", { namespaceId: ns.id, tags: { "records-retention-days": "365" } });
    if (withSink) {
      new NamespaceExportSink(stack, "export", { namespace: ns.id, sinkName: "history", s3: { bucketName: "b", region: "us-east-1", roleName: "r", awsAccountId: "123456789012" } });
    }
    return stack;
  };
  it("flags a namespace tagged to keep records 365 days without a sink", () => {
    expectOne(build(false), TC_RET_002, "temporalcloud_namespace.orders-prod");
  });
  it("accepts the same namespace with an export sink", () => {
    expectNone(build(true), TC_RET_002);
  });
});

describe("TC-CODEC-001 codec server HTTPS", () => {
  it("flags http://", () => {
    const stack = newStack();
    namespace(stack, "orders-dev", { codecServer: { endpoint: "http://codec.example.com", passAccessToken: true } });
    expectOne(stack, TC_CODEC_001, "temporalcloud_namespace.orders-dev");
  });
  it("accepts https://", () => {
    const stack = newStack();
    namespace(stack, "orders-dev", { codecServer: { endpoint: "https://codec.example.com" } });
    expectNone(stack, TC_CODEC_001);
  });
});

describe("TC-HA-001 HA for critical production namespaces", () => {
  it("flags a critical (tagged) single-region production namespace", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod");
    new NamespaceTags(stack, "tags", { namespaceId: ns.id, tags: { critical: "true" } });
    expectOne(stack, TC_HA_001, "temporalcloud_namespace.orders-prod");
  });
  it("accepts a replicated critical namespace and a non-critical single-region one", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { regions: ["aws-us-east-1", "aws-us-west-2"] });
    namespace(stack, "billing-prod");
    expectNone(stack, TC_HA_001, { namespaces: { "orders-prod": { environment: "production", critical: true } } });
  });
});

describe("TC-AUD-001 account audit-log sink", () => {
  it("warns when production namespaces exist without a sink", () => {
    const stack = newStack();
    namespace(stack, "orders-prod");
    const f = expectOne(stack, TC_AUD_001, "stack");
    expect(f.severity).toBe("warning");
  });
  it("accepts an enabled sink", () => {
    const stack = newStack();
    namespace(stack, "orders-prod");
    new AccountAuditLogSink(stack, "audit", { sinkName: "audit", kinesis: { roleName: "arn:aws:iam::1:role/r", destinationUri: "arn:aws:kinesis:us-east-1:1:stream/s", region: "us-east-1" } });
    expectNone(stack, TC_AUD_001);
  });
});

describe("TC-SEP-001 separate credentials for production", () => {
  it("flags a service account reaching prod and dev", () => {
    const stack = newStack();
    const prod = namespace(stack, "orders-prod");
    const dev = namespace(stack, "orders-dev");
    new ServiceAccount(stack, "both", { name: "both", accountAccess: "read", namespaceAccesses: [{ namespaceId: prod.id, permission: "read" }, { namespaceId: dev.id, permission: "read" }] });
    expectOne(stack, TC_SEP_001, "temporalcloud_service_account.both");
  });
  it("accepts one service account per environment", () => {
    const stack = newStack();
    scopedSa(stack, "prod", namespace(stack, "orders-prod").id);
    scopedSa(stack, "dev", namespace(stack, "orders-dev").id);
    expectNone(stack, TC_SEP_001);
  });
});

describe("TC-SEP-002 separate CAs for production", () => {
  it("warns when production trusts a CA a staging namespace trusts", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA), certificateFilters: [{ commonName: "a" }] });
    namespace(stack, "orders-staging", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA), certificateFilters: [{ commonName: "b" }] });
    expectOne(stack, TC_SEP_002, "temporalcloud_namespace.orders-prod");
  });
  it("accepts distinct CAs", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA) });
    namespace(stack, "orders-staging", { apiKeyAuth: false, acceptedClientCa: b64(DEV_CA) });
    expectNone(stack, TC_SEP_002);
  });
});

describe("TC-SEC-001 no secret in a plain output", () => {
  const build = (sensitive: boolean) => {
    const stack = newStack();
    new TlsProvider(stack, "tls");
    const sa = scopedSa(stack, "robot", namespace(stack, "orders-prod").id);
    const key = new Apikey(stack, "key", { displayName: "k", ownerType: "service-account", ownerId: sa.id, expiryTime: "2026-07-01T00:00:00Z" });
    const pk = new PrivateKey(stack, "pk", { algorithm: "ECDSA" });
    new TerraformOutput(stack, "token", { value: key.token, sensitive });
    new TerraformOutput(stack, "keys", { value: { pem: pk.privateKeyPem, json: Fn.jsonencode({ id: key.id }) }, sensitive });
    return stack;
  };
  it("flags plain outputs of an API-key token and a private key", () => {
    const found = findingsOf(check(build(false), [TC_SEC_001]), TC_SEC_001);
    expect(found.map((f) => [f.ruleId, f.severity, f.address])).toEqual([
      ["TC-SEC-001", "error", "output.keys"],
      ["TC-SEC-001", "error", "output.token"],
    ]);
  });
  it("accepts sensitive outputs and ids", () => {
    expectNone(build(true), TC_SEC_001);
  });
});

describe("TC-CTX-001 unknown environment", () => {
  it("reports a namespace whose environment nothing tells", () => {
    const stack = newStack();
    namespace(stack, "orders");
    expect(expectOne(stack, TC_CTX_001, "temporalcloud_namespace.orders").severity).toBe("info");
  });
  it("is silent when a tag tells", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders");
    new NamespaceTags(stack, "tags", { namespaceId: ns.id, tags: { environment: "production" } });
    expectNone(stack, TC_CTX_001);
  });
});

describe("TC-SCHEMA-001 provider schema", () => {
  it("flags an escape-hatch override the provider would reject", () => {
    const stack = newStack();
    const ns = namespace(stack, "orders-prod");
    ns.addOverride("retention_days", "thirty");
    const f = expectOne(stack, TC_SCHEMA_001, "temporalcloud_namespace.orders-prod");
    expect(f.attribute).toBe("retention_days");
  });
  it("accepts bindings as generated", () => {
    const stack = newStack();
    namespace(stack, "orders-prod");
    expectNone(stack, TC_SCHEMA_001);
  });
});

describe("TC-IAM-004 no namespace admin for workers", () => {
  it("warns about a service account with namespace admin", () => {
    const stack = newStack();
    scopedSa(stack, "robot", namespace(stack, "orders-prod").id, "Admin");
    expect(expectOne(stack, TC_IAM_004, "temporalcloud_service_account.robot").namespaces).toEqual(["orders-prod"]);
  });
  it("accepts write", () => {
    const stack = newStack();
    scopedSa(stack, "robot", namespace(stack, "orders-prod").id, "write");
    expectNone(stack, TC_IAM_004);
  });
});

describe("TC-MTLS-004 public CA only with certificate filters", () => {
  it("flags a publicly trusted CA without filters", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { apiKeyAuth: false, acceptedClientCa: b64(pem("public-like-ca.pem")) });
    expectOne(stack, TC_MTLS_004, "temporalcloud_namespace.orders-prod");
  });
  it("accepts it with filters, and a private CA without", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { apiKeyAuth: false, acceptedClientCa: b64(pem("public-like-ca.pem")), certificateFilters: [{ commonName: "orders-worker" }] });
    namespace(stack, "billing-prod", { apiKeyAuth: false, acceptedClientCa: b64(PROD_CA) });
    expectNone(stack, TC_MTLS_004);
  });
});

describe("TC-SEC-002 API-key token only in a secrets manager", () => {
  const build = (type: "String" | "SecureString") => {
    const stack = newStack();
    const aws = new AwsProvider(stack, "aws", { region: "us-east-1" });
    const sa = scopedSa(stack, "robot", namespace(stack, "orders-prod").id);
    const key = new Apikey(stack, "key", { displayName: "k", ownerType: "service-account", ownerId: sa.id, expiryTime: "2026-07-01T00:00:00Z" });
    new SsmParameter(stack, "param", { provider: aws, name: "/temporal/key", type, value: key.token });
    const secret = new SecretsmanagerSecret(stack, "secret", { provider: aws, name: "key" });
    new SecretsmanagerSecretVersion(stack, "version", { provider: aws, secretId: secret.id, secretString: key.token });
    return stack;
  };
  it("flags a plain SSM String parameter holding the token", () => {
    expectOne(build("String"), TC_SEC_002, "aws_ssm_parameter.param");
  });
  it("accepts Secrets Manager and a SecureString parameter", () => {
    expectNone(build("SecureString"), TC_SEC_002);
  });
});

describe("TC-MTLS-005 short-lived client certificates", () => {
  const build = (days: number) => {
    const stack = newStack();
    new TlsProvider(stack, "tls");
    const key = new PrivateKey(stack, "key", { algorithm: "ECDSA" });
    const csr = new CertRequest(stack, "csr", { privateKeyPem: key.privateKeyPem, subject: [{ commonName: "orders-worker" }] });
    new LocallySignedCert(stack, "client", {
      certRequestPem: csr.certRequestPem, caPrivateKeyPem: "ca-key", caCertPem: "ca-cert",
      validityPeriodHours: days * 24, allowedUses: ["client_auth", "digital_signature"],
    });
    return stack;
  };
  it("warns about a one-year client certificate", () => {
    expect(expectOne(build(365), TC_MTLS_005, "tls_locally_signed_cert.client").severity).toBe("warning");
  });
  it("accepts a 30-day client certificate", () => {
    expectNone(build(30), TC_MTLS_005);
  });
});
