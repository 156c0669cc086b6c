// One mistake, one finding: each row starts from a compliant estate of raw bindings, makes one mistake,
// and runs the whole rule pack. Exactly one finding, from the expected rule, may come out.
import { TerraformOutput, type TerraformStack } from "cdktf";
import { ServiceAccount } from "../../lib/providers/temporalcloud/service-account";
import { Apikey } from "../../lib/providers/temporalcloud/apikey";
import { ConnectivityRule } from "../../lib/providers/temporalcloud/connectivity-rule";
import { AccountAuditLogSink } from "../../lib/providers/temporalcloud/account-audit-log-sink";
import { NamespaceTags } from "../../lib/providers/temporalcloud/namespace-tags";
import { type NamespaceConfig } from "../../lib/providers/temporalcloud/namespace";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { check, namespace, newStack } from "./fixtures";

interface Mistakes {
  ns?: Partial<NamespaceConfig>;
  /** Second, development namespace trusted by the same service account. */
  saAlsoOnDev?: boolean;
  saAlsoOnSecondProd?: boolean;
  saAccountRole?: string;
  saUnscoped?: boolean;
  saPermission?: string;
  keyExpiry?: string;
  devKeyExpiry?: string;
  tokenInSsmString?: boolean;
  tokenOutput?: boolean;
  publicRule?: boolean;
  noAuditSink?: boolean;
  criticalTag?: boolean;
  unknownEnvironment?: boolean;
}

/** A compliant production estate (NOW = 2026-06-01) with the mistakes of `m`. */
function estate(m: Mistakes = {}): TerraformStack {
  const stack = newStack();
  const aws = new AwsProvider(stack, "aws", { region: "us-east-1" });
  const pub = m.publicRule ? new ConnectivityRule(stack, "public", { connectivityType: "public" }) : undefined;
  const name = m.unknownEnvironment ? "orders" : "orders-prod";
  const prod = namespace(stack, name, { ...(pub ? { connectivityRuleIds: [pub.id] } : {}), ...m.ns });
  if (m.criticalTag) new NamespaceTags(stack, "tags", { namespaceId: prod.id, tags: { critical: "true" } });
  const dev = m.saAlsoOnDev || m.devKeyExpiry ? namespace(stack, "orders-dev", { namespaceLifecycle: undefined, lifecycle: undefined, retentionDays: 30 }) : undefined;
  const prod2 = m.saAlsoOnSecondProd ? namespace(stack, "billing-prod") : undefined;
  const permission = m.saPermission ?? "write";
  const extra = [m.saAlsoOnDev ? dev : undefined, prod2].filter((n) => n !== undefined);
  const sa = new ServiceAccount(stack, "robot", {
    name: "orders-worker",
    // The provider allows account_access or namespace_scoped_access, not both.
    // An admin account role covers every namespace, so namespace access must be left empty.
    // namespace_accesses comes with an account role (the provider requires one; read is the least).
    ...(m.saAccountRole ? { accountAccess: m.saAccountRole } : m.saUnscoped || extra.length > 0 ? { accountAccess: "read" } : {}),
    ...(m.saAccountRole ? {} : m.saUnscoped || extra.length > 0
      ? { namespaceAccesses: [prod, ...extra].map((n) => ({ namespaceId: n!.id, permission })) }
      : { namespaceScopedAccess: { namespaceId: prod.id, permission } }),
  });
  const key = new Apikey(stack, "key", { displayName: "k", ownerType: "service-account", ownerId: sa.id, ...(m.keyExpiry === "none" ? {} : { expiryTime: m.keyExpiry ?? "2026-08-01T00:00:00Z" }) } as never);
  if (m.tokenInSsmString) new SsmParameter(stack, "param", { provider: aws, name: "/orders/key", type: "String", value: key.token });
  else {
    const secret = new SecretsmanagerSecret(stack, "secret", { provider: aws, name: "orders-worker" });
    new SecretsmanagerSecretVersion(stack, "version", { provider: aws, secretId: secret.id, secretString: key.token });
  }
  if (m.tokenOutput) new TerraformOutput(stack, "token", { value: key.token });
  if (dev && m.devKeyExpiry) {
    const devSa = new ServiceAccount(stack, "dev-robot", { name: "dev-worker", namespaceScopedAccess: { namespaceId: dev.id, permission: "write" } });
    new Apikey(stack, "dev-key", { displayName: "d", ownerType: "service-account", ownerId: devSa.id, expiryTime: m.devKeyExpiry });
  }
  if (!m.noAuditSink) new AccountAuditLogSink(stack, "audit", { sinkName: "audit", enabled: true, kinesis: { roleName: "r", destinationUri: "arn:aws:kinesis:us-east-1:111122223333:stream/audit", region: "us-east-1" } });
  return stack;
}

const findings = (stack: TerraformStack) => check(stack).findings.map((f) => `${f.ruleId} ${f.address}${f.ruleId === "TC-SCHEMA-001" ? ` ${f.message}` : ""}`);

const MISTAKES: Array<[string, Mistakes, string]> = [
  ["production key valid 180 days (regression: two errors)", { keyExpiry: "2026-11-28T00:00:00Z" }, "TC-KEY-001 temporalcloud_apikey.key"],
  ["production key valid 800 days", { keyExpiry: "2028-08-10T00:00:00Z" }, "TC-KEY-001 temporalcloud_apikey.key"],
  ["development key valid 800 days", { devKeyExpiry: "2028-08-10T00:00:00Z" }, "TC-KEY-002 temporalcloud_apikey.dev-key"],
  ["production key without expiry (the provider requires one)", { keyExpiry: "none" }, 'TC-SCHEMA-001 temporalcloud_apikey.key expiry_time: required attribute "expiry_time" is missing'],
  ["no delete protection", { ns: { namespaceLifecycle: { enableDeleteProtection: false } } }, "TC-LIFE-001 temporalcloud_namespace.orders-prod"],
  ["no prevent_destroy", { ns: { lifecycle: undefined } }, "TC-LIFE-002 temporalcloud_namespace.orders-prod"],
  ["retention below the production minimum", { ns: { retentionDays: 3 } }, "TC-RET-001 temporalcloud_namespace.orders-prod"],
  ["codec server over http", { ns: { codecServer: { endpoint: "http://codec.example.com" } } }, "TC-CODEC-001 temporalcloud_namespace.orders-prod"],
  ["public connectivity rule on production", { publicRule: true }, "TC-NET-001 temporalcloud_namespace.orders-prod"],
  ["critical production namespace in one region", { criticalTag: true }, "TC-HA-001 temporalcloud_namespace.orders-prod"],
  ["no audit-log sink", { noAuditSink: true }, "TC-AUD-001 stack"],
  ["service account with account admin", { saAccountRole: "admin" }, "TC-IAM-001 temporalcloud_service_account.robot"],
  ["service account through namespace_accesses", { saUnscoped: true }, "TC-IAM-002 temporalcloud_service_account.robot"],
  ["service account shared by two production namespaces", { saAlsoOnSecondProd: true }, "TC-IAM-003 temporalcloud_service_account.robot"],
  ["service account with namespace admin", { saPermission: "admin" }, "TC-IAM-004 temporalcloud_service_account.robot"],
  ["service account on production and development", { saAlsoOnDev: true }, "TC-SEP-001 temporalcloud_service_account.robot"],
  ["token in a plain output", { tokenOutput: true }, "TC-SEC-001 output.token"],
  ["token in a plain SSM parameter", { tokenInSsmString: true }, "TC-SEC-002 aws_ssm_parameter.param"],
  ["namespace whose environment nothing says", { unknownEnvironment: true }, "TC-CTX-001 temporalcloud_namespace.orders"],
];

describe("one mistake, one finding (whole rule pack)", () => {
  it("the compliant base estate has no finding", () => {
    expect(findings(estate())).toEqual([]);
  });
  it.each(MISTAKES)("%s", (_name, mistakes, expected) => {
    expect(findings(estate(mistakes))).toEqual([expected]);
  });
});

describe("rule noise on plain Terraform input (issue 16)", () => {
  it("TC-CTX-001: one hint per stack for many untagged namespaces, not one per namespace", () => {
    const stack = newStack();
    for (const n of ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"]) namespace(stack, n);
    const found = check(stack).findings.filter((f) => f.ruleId === "TC-CTX-001");
    expect(found.map((f) => [f.address, f.message, f.namespaces.length])).toEqual([
      ["stack", "environment of 7 namespace(s) is unknown (alpha, beta, gamma, delta, epsilon and 2 more): production rules were not applied to them", 7],
    ]);
  });
  it("TC-IAM-002: a read-only or metrics account service account is not a worker identity to scope", () => {
    for (const role of ["read", "metricsread", "Read"]) {
      const stack = newStack();
      new ServiceAccount(stack, "auditor", { name: "auditor", accountAccess: role });
      expect(findings(stack)).toEqual([]);
    }
    const stack = newStack();
    new ServiceAccount(stack, "dev", { name: "dev", accountAccess: "developer" });
    expect(findings(stack)).toEqual(["TC-IAM-002 temporalcloud_service_account.dev"]);
  });
});
