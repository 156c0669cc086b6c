// Tokens everywhere, literals never evaluated: every construct driven with Terraform variables for its string
// and number props keeps the references in the synthesized JSON, derives no names from token strings, and
// escapes literal text so that real Terraform reads back exactly the string that was given.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { WorkerSecret } from "../../lib/constructs/worker-secret";
import { PscEndpoint } from "../../lib/constructs/psc-endpoint";
import { PrivateLinkEndpoint } from "../../lib/constructs/private-link-endpoint";
import { HaPrivateDns } from "../../lib/constructs/ha-private-dns";
import { ServiceAccountPerWorker } from "../../lib/constructs/service-account-per-worker";
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { GroupNamespaceAccess } from "../../lib/constructs/group-namespace-access";
import { GcsExportSink, S3ExportSink } from "../../lib/constructs/export-sink";
import { KinesisAuditLogSink, PubsubAuditLogSink } from "../../lib/constructs/audit-log-sink";
import { PayloadEncryptionKey } from "../../lib/constructs/payload-encryption-key";
import { MetricsEndpoint } from "../../lib/constructs/metrics-endpoint";
import { RotatingCa } from "../../lib/constructs/rotating-ca";
import { ClientCertificate } from "../../lib/constructs/client-certificate";
import { HaReplication } from "../../lib/constructs/ha-replication";
import { fnString, tfString, tfStringMap } from "../../lib/constructs/tokens";
import { problemsOf, resourcesOf, synthConfig, tempDir, type SynthJson } from "../helpers";
import { Environment } from "../../lib/domain/environments";
import { NamespacePermission } from "../../lib/constructs/references";
import { HaMode } from "../../lib/domain/replication";

type Vars = { s: (name: string) => string; n: (name: string) => number; l: (name: string) => string[] };

function stackWithVars(): { stack: TerraformStack; vars: Vars; names: string[] } {
  const stack = new TerraformStack(Testing.app(), "test");
  new TemporalcloudProvider(stack, "temporalcloud", {});
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new GoogleProvider(stack, "google", { project: "p" });
  new TlsProvider(stack, "tls", {});
  new TimeProvider(stack, "time", {});
  const names: string[] = [];
  const variable = (name: string, type: string) => {
    names.push(name);
    return new TerraformVariable(stack, name, { type });
  };
  const vars: Vars = {
    s: (name) => variable(name, "string").stringValue,
    n: (name) => variable(name, "number").numberValue,
    l: (name) => variable(name, "list(string)").listValue,
  };
  return { stack, vars, names };
}

const PRINCIPAL_ARN = "arn:aws:iam::999999999999:role/temporal";
const TEMPORAL_SA = "temporal@temporal-prod.iam.gserviceaccount.com";

/** Each construct with every string / number prop that can be a token given as a variable. */
const CASES: Record<string, (scope: Construct, v: Vars) => void> = {
  SecureNamespace: (s, v) => new SecureNamespace(s, "ns", {
    name: v.s("name"), regions: v.l("regions"), retentionDays: v.n("retention"), acceptedClientCa: v.s("ca"),
    certificateFilters: [{ commonName: v.s("cn"), organization: v.s("org") }],
    codecServer: { endpoint: v.s("codec"), customErrorMessage: v.s("codec_msg"), customErrorLink: v.s("codec_link") },
    connectivityRuleIds: v.l("rules"), tags: { team: v.s("team") },
  }),
  WorkerSecretAws: (s, v) => new WorkerSecret(s, "secret", {
    secretName: v.s("secret_name"), target: { aws: { region: "us-east-1", kmsKeyId: v.s("kms") } },
    reader: { awsRoleArn: v.s("role") }, value: v.s("value"), description: v.s("description"),
    recoveryWindowInDays: v.n("recovery"), tags: { team: v.s("team") },
  }),
  WorkerSecretGcp: (s, v) => new WorkerSecret(s, "secret", {
    secretName: v.s("secret_name"), target: { gcp: { project: v.s("project"), replicationLocations: [v.s("location")] } },
    reader: { gcpServiceAccountEmail: v.s("email") }, value: v.s("value"), tags: { team: v.s("team") },
  }),
  PscEndpoint: (s, v) => new PscEndpoint(s, "psc", {
    region: "gcp-us-central1", project: v.s("project"), network: v.s("network"), subnetwork: v.s("subnet"),
    accountId: v.s("account"), namespaces: [{ name: v.s("ns"), regions: ["gcp-us-central1"] }],
    firewall: { targetTags: v.l("target_tags") }, labels: { team: v.s("team") },
  }),
  PrivateLinkEndpoint: (s, v) => new PrivateLinkEndpoint(s, "pl", {
    region: "aws-us-east-1", vpcId: v.s("vpc"), subnetIds: v.l("subnets"), allowedCidrs: v.l("cidrs"),
    allowedSecurityGroupIds: [v.s("sg")], accountId: v.s("account"), additionalVpcIds: [v.s("vpc2")],
    namespaces: [{ name: v.s("ns"), regions: ["aws-us-east-1"] }], tags: { team: v.s("team") },
  }),
  HaPrivateDns: (s, v) => new HaPrivateDns(s, "ha-dns", {
    regions: [{ region: "aws-us-east-1", target: v.s("target") }],
    aws: { vpcs: [{ vpcId: v.s("vpc"), awsRegion: v.s("aws_region") }], anchorVpcId: v.s("anchor") },
  }),
  ServiceAccountPerWorker: (s, v) => new ServiceAccountPerWorker(s, "sas", {
    workers: [{ worker: "w", serviceAccountName: v.s("sa_name"), namespaceId: v.s("ns"), description: v.s("description"),
      crossNamespaceAccess: [{ namespaceId: v.s("other_ns") }] }],
  }),
  RotatingApiKey: (s, v) => new RotatingApiKey(s, "key", {
    serviceAccountId: v.s("sa"), displayName: v.s("display"), description: v.s("description"),
    secret: { secretName: v.s("secret_name"), target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: v.s("role") }, tags: { team: v.s("team") } },
  }),
  GroupNamespaceAccess: (s, v) => new GroupNamespaceAccess(s, "g", {
    name: "g", scimIdpId: v.s("idp"), namespaceAccesses: [{ namespaceId: v.s("ns"), permission: NamespacePermission.READ }], customRoleIds: [v.s("role")],
  }),
  S3ExportSink: (s, v) => new S3ExportSink(s, "export", {
    namespaceId: v.s("ns"), namespaceRegion: "aws-us-east-1", sinkName: v.s("sink"), tags: { team: v.s("team") },
    s3: { bucketName: v.s("bucket"), awsAccountId: v.s("account"), roleName: v.s("role"), kmsKeyArn: v.s("kms"),
      region: v.s("region"), temporalPrincipal: { principalArns: [v.s("principal")], externalId: v.s("external") } },
  }),
  GcsExportSink: (s, v) => new GcsExportSink(s, "export", {
    namespaceId: v.s("ns"), namespaceRegion: "gcp-us-central1", sinkName: v.s("sink"),
    gcs: { bucketName: v.s("bucket"), project: v.s("project"), serviceAccountId: v.s("sa"), region: v.s("region"),
      kmsKeyName: v.s("kms"), temporalServiceAccounts: [v.s("temporal_sa")] },
  }),
  KinesisAuditLogSink: (s, v) => new KinesisAuditLogSink(s, "audit", {
    sinkName: v.s("sink"), tags: { team: v.s("team") },
    kinesis: { region: v.s("region"), streamName: v.s("stream"), awsAccountId: "111122223333", roleName: v.s("role"),
      retentionHours: v.n("hours"), temporalPrincipal: { principalArns: [v.s("principal")] } },
  }),
  KinesisAuditLogSinkExisting: (s, v) => new KinesisAuditLogSink(s, "audit", {
    kinesis: { region: v.s("region"), streamName: v.s("stream"), awsAccountId: v.s("account"), roleName: v.s("role"),
      createStream: false, createRole: false },
  }),
  PubsubAuditLogSink: (s, v) => new PubsubAuditLogSink(s, "audit", {
    pubsub: { project: v.s("project"), topicName: v.s("topic"), serviceAccountId: v.s("sa"), temporalServiceAccounts: [v.s("temporal_sa")] },
  }),
  PayloadEncryptionKeyAws: (s, v) => new PayloadEncryptionKey(s, "key", {
    namespaceName: v.s("ns"), awsRoleArns: [v.s("role")], tags: { team: v.s("team") },
    aws: { aliasName: v.s("alias"), deletionWindowDays: v.n("window"), adminPrincipalArns: [v.s("admin")] },
  }),
  PayloadEncryptionKeyGcp: (s, v) => new PayloadEncryptionKey(s, "key", {
    namespaceName: "orders", gcpServiceAccountEmails: [v.s("email")],
    gcp: { project: v.s("project"), location: v.s("location"), keyRingName: v.s("ring"), rotationDays: v.n("days") },
  }),
  MetricsEndpoint: (s, v) => new MetricsEndpoint(s, "metrics", { acceptedClientCa: v.s("ca"), readerServiceAccountName: v.s("reader") }),
  RotatingCaAndClientCertificate: (s, v) => {
    const ca = new RotatingCa(s, "ca", { name: v.s("ca_name"), organization: v.s("org") });
    new ClientCertificate(s, "cert", { ca, commonName: v.s("cn"), organization: v.s("cert_org") });
  },
};

describe("tokens in construct props", () => {
  test.each(Object.keys(CASES))("%s keeps every variable reference and derives no name from a token", (name) => {
    const { stack, vars, names } = stackWithVars();
    CASES[name](stack, vars);
    const text = Testing.synth(stack, true);
    for (const variable of names) expect(text).toContain(`var.${variable}`);
    expect(text).not.toMatch(/tftoken|TfToken|TOKEN\.\d/i);
    // A token number never reaches a literal-only check ("-8.1e+298 is below the minimum").
    expect(text).not.toMatch(/e\+\d{3}/);
  });

  test("PscEndpoint names its resources from the region and its own address when the network is a token", () => {
    const { stack, vars } = stackWithVars();
    const net = vars.s("network");
    new PscEndpoint(stack, "psc", { region: "gcp-us-central1", project: "p", network: net, subnetwork: "s" });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const [address] = resourcesOf(json, "google_compute_address");
    expect(address.name).toMatch(/^temporal-us-central1-n[0-9a-f]{10}-psc$/);
    expect(resourcesOf(json, "google_compute_forwarding_rule")[0].network).toBe("${var.network}");
  });

  test("WorkerSecret on GCP cleans a token secret name in Terraform, not at synth", () => {
    const { stack, vars } = stackWithVars();
    new WorkerSecret(stack, "secret", { secretName: vars.s("secret_name"), target: { gcp: { project: "p" } }, reader: { gcpServiceAccountEmail: "w@p.iam.gserviceaccount.com" }, value: "v" });
    const [secret] = resourcesOf(JSON.parse(Testing.synth(stack)) as SynthJson, "google_secret_manager_secret");
    expect(secret.secret_id).toBe('${replace(var.secret_name, "/[^A-Za-z0-9_-]/", "-")}');
  });

  test("SecureNamespace moves the name and retention checks of token props into Terraform preconditions", () => {
    const { stack, vars } = stackWithVars();
    new SecureNamespace(stack, "ns", { name: vars.s("name"), retentionDays: vars.n("days"), regions: ["aws-us-east-1"], apiKeyAuth: true });
    const [ns] = resourcesOf(JSON.parse(Testing.synth(stack, true)) as SynthJson, "temporalcloud_namespace");
    expect(ns.retention_days).toBe("${var.days}");
    const lifecycle = ns.lifecycle as { precondition: Array<{ condition: string; error_message: string }>; prevent_destroy: boolean };
    expect(lifecycle.prevent_destroy).toBe(true);
    expect(lifecycle.precondition.map((p) => p.condition)).toEqual([
      expect.stringContaining("regex(\"^[a-z][a-z0-9-]*[a-z0-9]$\", var.name)"),
      expect.stringContaining("var.days >= 1"),
    ]);
  });

  test("props the construct must know at synth time reject a token with a clear message", () => {
    const { stack, vars } = stackWithVars();
    expect(problemsOf(() => new PrivateLinkEndpoint(stack, "pl", { region: vars.s("r1"), vpcId: "v", subnetIds: ["s"], allowedCidrs: ["10.0.0.0/16"] })))
      .toMatch(/region: is a token; give the region code itself/);
    expect(problemsOf(() => new RotatingCa(stack, "ca", { name: "ca", rotateEveryDays: vars.n("every") })))
      .toMatch(/rotateEveryDays: is a token; give the number itself: the rotation schedule is computed/);
    expect(problemsOf(() => new HaReplication(stack, "ha", { namespaceName: "n", primaryRegion: vars.s("p"), mode: HaMode.MULTI_REGION, replicaRegion: "aws-us-west-2" })))
      .toMatch(/primaryRegion: is a token/);
    expect(problemsOf(() => new S3ExportSink(stack, "e", { namespaceId: "n", namespaceRegion: vars.s("nr"), sinkName: "s", s3: { bucketName: "b", awsAccountId: "1", roleName: "r", temporalPrincipal: { principalArns: [PRINCIPAL_ARN] } } })))
      .toMatch(/namespaceRegion: is a token/);
  });
});

/** Evaluates string expressions with the real Terraform binary (locals only: no provider needed). */
function terraformStrings(values: Record<string, string>): Record<string, string> {
  const dir = tempDir("tcg-escape-");
  try {
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ locals: values }));
    const keys = Object.keys(values);
    const out = execFileSync("terraform", ["console"], {
      cwd: dir, input: `jsonencode({${keys.map((k) => `${JSON.stringify(k)} = local.${k}`).join(", ")}})\n`, encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" }, stdio: ["pipe", "pipe", "ignore"],
    });
    return JSON.parse(JSON.parse(out.trim())) as Record<string, string>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const HOSTILE = ['${TEAM}', '${file("/etc/passwd")}', '%{ if true }x%{ endif }', '$${already}', 'cost: 5$', 'q"uote\\back'];

describe("literal strings are escaped for Terraform", () => {
  test("tfString / fnString leave tokens alone and escape the rest", () => {
    const { vars } = stackWithVars();
    const team = vars.s("team");
    expect(tfString("${TEAM}")).toBe("$${TEAM}");
    expect(tfString("%{x}")).toBe("%%{x}");
    expect(tfString(`a-${team}-\${b}`)).toBe(`a-${team}-$\${b}`);
    expect(tfStringMap({ "${k}": "${v}" })).toEqual({ "$${k}": "$${v}" });
    expect(fnString('a"b')).toBe('a\\"b');
  });

  test("real Terraform reads the synthesized attribute back as exactly the given text", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new TemporalcloudProvider(stack, "temporalcloud", {});
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const tags = Object.fromEntries(HOSTILE.map((h, i) => [`t${i}`, h]));
    new SecureNamespace(stack, "ns", { name: "orders-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true, tags });
    // Inside an Fn argument (the secret policy's jsonencode) as well as in a plain attribute.
    new WorkerSecret(stack, "secret", { secretName: "s", description: HOSTILE[1], target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: `arn:aws:iam::123456789012:role/${HOSTILE[5]}` }, value: "v" });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const synthTags = resourcesOf(json, "temporalcloud_namespace_tags")[0].tags as Record<string, string>;
    const secret = resourcesOf(json, "aws_secretsmanager_secret")[0];
    const policy = resourcesOf(json, "aws_secretsmanager_secret_policy")[0].policy as string;
    const read = terraformStrings({ ...synthTags, description: secret.description as string, policy });
    expect(HOSTILE.map((_, i) => read[`t${i}`])).toEqual(HOSTILE);
    expect(read.description).toBe(HOSTILE[1]);
    expect(JSON.parse(read.policy).Statement[0].Principal.AWS).toBe(`arn:aws:iam::123456789012:role/${HOSTILE[5]}`);
  });

  test("a config tag and a custom-role description reach cdk.tf.json escaped", () => {
    const json = synthConfig({
      namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true }, tags: { team: "${TEAM}" } }],
      access: { customRoles: [{ name: "auditor", description: 'reads ${file("/etc/passwd")}', permissions: [{ actions: ["namespace.read"], resourceType: "namespace", allowAll: true }] }] },
    });
    const tags = resourcesOf(json, "temporalcloud_namespace_tags")[0].tags as Record<string, string>;
    expect(tags.team).toBe("$${TEAM}");
    const role = resourcesOf(json, "temporalcloud_custom_role")[0];
    expect(role.description).toBe('reads $${file("/etc/passwd")}');
    expect(terraformStrings({ team: tags.team, role: role.description as string })).toEqual({ team: "${TEAM}", role: 'reads ${file("/etc/passwd")}' });
  });
});
