// What the e2e suite runs: every example estate (with one realistic edit each) and each construct
// standalone in a small stack, synthesized the way users synthesize them.
import * as fs from "node:fs";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { parseConfig } from "../../lib/config/parse";
import { readConfigDocument } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { ServiceAccountPerWorker } from "../../lib/constructs/service-account-per-worker";
import { HaReplication } from "../../lib/constructs/ha-replication";
import { RotatingCa } from "../../lib/constructs/rotating-ca";
import { ClientCertificate, clientCommonName } from "../../lib/constructs/client-certificate";
import { GroupNamespaceAccess, AccountRole } from "../../lib/constructs/group-namespace-access";
import { MetricsEndpoint } from "../../lib/constructs/metrics-endpoint";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { EXAMPLES_DIR, tempDir } from "../helpers";
import { providerGaps, type ProviderGap } from "../terraform/provider-gaps";
import { Environment } from "../../lib/domain/environments";
import { NamespacePermission } from "../../lib/constructs/references";
import { SearchAttributeType } from "../../lib/domain/namespace-rules";
import { HaMode } from "../../lib/domain/replication";

type Doc = Record<string, unknown> & { namespaces: Array<Record<string, unknown>> };
export type StackJson = Record<string, unknown> & { terraform: { required_providers: Record<string, { source: string }> } };

/** Synthesizes a config document as `synth` does (compliance included) and returns the stack JSON. */
export function synthDocument(doc: unknown): StackJson {
  const dir = tempDir("tcg-e2e-synth-");
  try {
    const result = synthesizeEstate({ config: parseConfig(doc, { baseDir: EXAMPLES_DIR }), outdir: path.join(dir, "out") });
    if (result.blocked) throw new Error(`synth blocked: ${result.compliance.findings.map((f) => f.message).join("; ")}`);
    return JSON.parse(fs.readFileSync(result.stackFile, "utf8")) as StackJson;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Edit {
  readonly description: string;
  readonly apply: (doc: Doc) => void;
}

const namespace = (doc: Doc, name: string) => {
  const ns = doc.namespaces.find((n) => n.name === name);
  if (!ns) throw new Error(`no namespace ${name} in the example`);
  return ns;
};

/** One realistic edit per example. */
export const EDITS: Record<string, Edit> = {
  "development-estate.yaml": { description: "retention of sandbox-dev 7 → 10 days", apply: (d) => void (namespace(d, "sandbox-dev").retentionDays = 10) },
  "production-estate.yaml": { description: "a certificate filter more on payments-prod", apply: (d) => addFilter(namespace(d, "payments-prod"), "*.payments-prod-batch") },
  "mtls-estate.yaml": { description: "a certificate filter more on orders-dev", apply: (d) => addFilter(namespace(d, "orders-dev"), "batch.orders-dev") },
  "identity-estate.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
  "pipeline-estate.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
  "aws-privatelink.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
  "gcp-psc.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
  "ha-multi-cloud.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
  "ha-multi-region.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
  "data-protection-aws.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
  "data-protection-gcp.yaml": { description: "retention of the first namespace +1 day", apply: (d) => bumpRetention(d.namespaces[0]) },
};

function addFilter(ns: Record<string, unknown>, commonName: string): void {
  ns.certificateFilters = [...((ns.certificateFilters as unknown[]) ?? []), { commonName }];
}

function bumpRetention(ns: Record<string, unknown>): void {
  ns.retentionDays = Number(ns.retentionDays ?? (ns.environment === "production" ? 14 : 30)) + 1;
}

export function exampleFiles(): string[] {
  return fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
}

export function exampleDocument(file: string): Doc {
  return readConfigDocument(path.join(EXAMPLES_DIR, file)) as Doc;
}

/** Each construct that needs no cloud provider, standalone in a stack of its own. */
export const CONSTRUCT_STACKS: Record<string, (stack: TerraformStack) => void> = {
  "secure-namespace + ha-replication + service-account-per-worker": (stack) => {
    const ha = new HaReplication(stack, "ha", { namespaceName: "billing-dev", primaryRegion: "aws-us-east-1", mode: HaMode.MULTI_REGION, replicaRegion: "aws-us-west-2", environment: Environment.DEVELOPMENT });
    const ns = new SecureNamespace(stack, "ns", { name: "billing-dev", environment: Environment.DEVELOPMENT, regions: ha.regions, apiKeyAuth: true, searchAttributes: { CustomerId: SearchAttributeType.KEYWORD }, tags: { team: "billing" } });
    new ServiceAccountPerWorker(stack, "sas", { workers: [{ worker: "billing/invoicer", serviceAccountName: "billing-dev-invoicer", namespaceId: ns.resource.id }] });
  },
  "rotating-ca + client-certificate + mTLS namespace": (stack) => {
    const ca = new RotatingCa(stack, "ca", { name: "orders", organization: "Example Corp" });
    new SecureNamespace(stack, "ns", { name: "orders-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], acceptedClientCa: ca.bundleBase64, certificateFilters: [{ commonName: "*.orders-dev" }] });
    new ClientCertificate(stack, "client", { ca, commonName: clientCommonName("orders-dev", "charger") });
  },
  "group-namespace-access": (stack) => {
    const ns = new SecureNamespace(stack, "ns", { name: "reports-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true });
    new GroupNamespaceAccess(stack, "devs", { name: "report-developers", accountRole: AccountRole.READ, namespaceAccesses: [{ namespaceId: ns.resource.id, permission: NamespacePermission.WRITE }] });
  },
  // Uses temporalcloud 1.4 features (custom roles, codec server error message): exercises the gap list.
  "custom roles + codec server error message": (stack) => {
    const ns = new SecureNamespace(stack, "ns", {
      name: "support-dev",
      environment: Environment.DEVELOPMENT,
      regions: ["aws-us-east-1"],
      apiKeyAuth: true,
      codecServer: { endpoint: "https://codec.example.com", customErrorMessage: "Ask #support for codec access", customErrorLink: "https://wiki.example.com/codec" },
    });
    new GroupNamespaceAccess(stack, "support", { name: "support", accountRole: AccountRole.READ, customRoleIds: ["role-support"], namespaceAccesses: [{ namespaceId: ns.resource.id, permission: NamespacePermission.READ }] });
  },
  "metrics-endpoint": (stack) => {
    new MetricsEndpoint(stack, "metrics", { caPem: fs.readFileSync(path.join(EXAMPLES_DIR, "certs", "metrics-ca.pem"), "utf8") });
  },
};

/** Synthesizes a construct stack with a real App (as `cdktf synth` would). */
export function synthConstructStack(name: string, build: (stack: TerraformStack) => void): StackJson {
  const dir = tempDir("tcg-e2e-construct-");
  try {
    const app = new App({ outdir: dir, skipValidation: true });
    const stackName = name.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const stack = new TerraformStack(app, stackName);
    new TemporalcloudProvider(stack, "temporalcloud", {});
    build(stack);
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(dir, "stacks", stackName, "cdk.tf.json"), "utf8")) as StackJson;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Gap-list entries the stack uses: with the built provider, validate must fail on exactly these. */
export function gapsUsed(json: StackJson): ProviderGap[] {
  return providerGaps().gaps.filter((gap) => {
    const data = gap.type.startsWith("data.");
    const blocks = Object.values(((json[data ? "data" : "resource"] ?? {}) as Record<string, Record<string, Record<string, unknown>>>)[gap.type.replace(/^data\./, "")] ?? {});
    if (!gap.attribute) return blocks.length > 0;
    return blocks.some((b) => valueAt(b, gap.attribute as string) !== undefined);
  });
}

function valueAt(block: Record<string, unknown>, dotted: string): unknown {
  let values: unknown[] = [block];
  for (const key of dotted.split(".")) {
    values = values.flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((v) => (v && typeof v === "object" && key in v ? [(v as Record<string, unknown>)[key]] : []));
  }
  return values.find((v) => v !== undefined && v !== null);
}

/** The Cloud API call that creating each temporalcloud type (or reading each data source) needs first. */
export const CREATE_RPC: Readonly<Record<string, string>> = {
  temporalcloud_namespace: "CreateNamespace",
  temporalcloud_namespace_tags: "UpdateNamespaceTags",
  temporalcloud_namespace_search_attribute: "UpdateNamespace",
  temporalcloud_apikey: "CreateApiKey",
  temporalcloud_service_account: "CreateServiceAccount",
  temporalcloud_metrics_endpoint: "UpdateAccount",
  temporalcloud_group: "CreateUserGroup",
  temporalcloud_group_access: "UpdateUserGroup",
  temporalcloud_group_members: "AddUserGroupMember",
  temporalcloud_user: "CreateUser",
  temporalcloud_connectivity_rule: "CreateConnectivityRule",
  temporalcloud_namespace_export_sink: "CreateNamespaceExportSink",
  temporalcloud_account_audit_log_sink: "CreateAccountAuditLogSink",
  temporalcloud_nexus_endpoint: "CreateNexusEndpoint",
  temporalcloud_custom_role: "CreateCustomRole",
  "data.temporalcloud_scim_group": "GetUserGroups",
  "data.temporalcloud_regions": "GetRegions",
};

/** temporalcloud types of the stack whose Cloud API calls the emulator does not implement yet. */
export function unemulatedTypes(json: StackJson, implemented: ReadonlySet<string>): string[] {
  const types = [
    ...Object.keys((json.resource ?? {}) as object),
    ...Object.keys((json.data ?? {}) as object).map((t) => `data.${t}`),
  ].filter((t) => t.replace(/^data\./, "").startsWith("temporalcloud_"));
  return types.filter((t) => !implemented.has(CREATE_RPC[t] ?? `(no RPC known for ${t})`)).sort();
}
