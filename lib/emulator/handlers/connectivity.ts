// Connectivity rules (public or private), export sinks (S3/GCS per namespace), audit-log sinks (Kinesis /
// Pub/Sub per account) and Nexus endpoints.
import { findRegion } from "../../domain/regions";
import { alreadyExists, failedPrecondition, invalid, rejectAll } from "../errors";
import type { Rec, Spec } from "../store";
import { activate, deleteRecord, envelope, newId, operate, page, type Ctx, type Handlers } from "./context";

const MAX_PRIVATE_RULES = 50;

function ruleProblems(ctx: Ctx, spec: Spec): string[] {
  const problems: string[] = [];
  if (Boolean(spec.publicRule) === Boolean(spec.privateRule)) return ["a connectivity rule is exactly one of public_rule or private_rule"];
  if (spec.publicRule && ctx.store.all("connectivityRules").some((r) => r.spec.publicRule)) {
    problems.push("FAILED_PRECONDITION:the account already has its one public connectivity rule");
  }
  const rule = spec.privateRule as Spec | undefined;
  if (rule) {
    if (!rule.connectionId) problems.push("a private rule needs connection_id (the VPC endpoint or PSC connection id)");
    const region = findRegion(String(rule.region ?? ""));
    if (!region) problems.push(`region "${String(rule.region ?? "")}" is not a Temporal Cloud region`);
    if (region?.cloud === "gcp" && !rule.gcpProjectId) problems.push("a private rule in a GCP region needs gcp_project_id");
    if (region && region.cloud !== "gcp" && rule.gcpProjectId) problems.push("gcp_project_id is only for GCP regions");
    if (ctx.store.all("connectivityRules").filter((r) => r.spec.privateRule).length >= MAX_PRIVATE_RULES) {
      problems.push(`FAILED_PRECONDITION:the account already has ${MAX_PRIVATE_RULES} private connectivity rules, the limit`);
    }
  }
  return problems;
}

function rejectMixed(problems: string[]): void {
  const precondition = problems.filter((p) => p.startsWith("FAILED_PRECONDITION:"));
  rejectAll(problems.filter((p) => !p.startsWith("FAILED_PRECONDITION:")));
  if (precondition.length > 0) throw failedPrecondition(precondition.map((p) => p.slice("FAILED_PRECONDITION:".length)).join("; "));
}

function deleteRule(req: Spec, ctx: Ctx): Spec {
  const rec = ctx.store.get("connectivityRules", req.connectivityRuleId, "connectivity rule");
  const user = ctx.store.all("namespaces").find((n) => ((n.spec.connectivityRuleIds ?? []) as string[]).includes(rec.id));
  if (user) throw failedPrecondition(`connectivity rule "${rec.id}" is attached to namespace "${user.id}"; detach it first`);
  return deleteRecord(ctx, req, "connectivityRules", rec, "connectivity rule");
}

/** The namespace's primary region must be where an export sink's bucket is. */
function sinkProblems(ns: Rec, spec: Spec): string[] {
  const problems: string[] = [];
  if (!spec.name) problems.push("sink name is required");
  if (Boolean(spec.s3) === Boolean(spec.gcs)) return [...problems, "an export sink is exactly one of s3 or gcs"];
  const primary = findRegion(String(ns.spec.regions?.[0] ?? ""));
  if (spec.s3) {
    const s3 = spec.s3 as Spec;
    if (!s3.bucketName) problems.push("s3.bucket_name is required");
    if (!/^\d{12}$/.test(String(s3.awsAccountId ?? ""))) problems.push(`s3.aws_account_id "${String(s3.awsAccountId ?? "")}" is not a 12-digit AWS account id`);
    if (!s3.roleName) problems.push("s3.role_name is required");
    if (String(s3.roleName ?? "").startsWith("arn:")) problems.push(`s3.role_name "${String(s3.roleName)}" is an ARN; give the IAM role name`);
    if (primary && (primary.cloud !== "aws" || primary.region !== s3.region)) problems.push(`s3.region "${String(s3.region ?? "")}" must be the namespace's region (${primary.cloudApiCode})`);
  }
  if (spec.gcs) {
    const gcs = spec.gcs as Spec;
    if (!gcs.bucketName) problems.push("gcs.bucket_name is required");
    if (!gcs.saId || !gcs.gcpProjectId) problems.push("gcs needs sa_id and gcp_project_id");
    if (primary && (primary.cloud !== "gcp" || primary.region !== gcs.region)) problems.push(`gcs.region "${String(gcs.region ?? "")}" must be the namespace's region (${primary.cloudApiCode})`);
  }
  return problems;
}

function auditSinkProblems(spec: Spec): string[] {
  const problems: string[] = [];
  if (!spec.name) problems.push("sink name is required");
  if (Boolean(spec.kinesisSink) === Boolean(spec.pubSubSink)) return [...problems, "an audit-log sink is exactly one of kinesis or pubsub"];
  const kinesis = spec.kinesisSink as Spec | undefined;
  if (kinesis) {
    if (!kinesis.roleName) problems.push("kinesis.role_name is required");
    if (!String(kinesis.destinationUri ?? "").startsWith("arn:aws:kinesis:")) problems.push(`kinesis.destination_uri "${String(kinesis.destinationUri ?? "")}" is not a Kinesis stream ARN`);
    if (!kinesis.region) problems.push("kinesis.region is required");
  }
  const pubsub = spec.pubSubSink as Spec | undefined;
  if (pubsub && (!pubsub.topicName || !pubsub.serviceAccountId || !pubsub.gcpProjectId)) problems.push("pubsub needs topic_name, service_account_id and gcp_project_id");
  return problems;
}

const sinkKey = (namespace: string, name: string) => `${namespace}/${name}`;

function renderSink(rec: Rec): Spec {
  const { id: _id, ...rest } = envelope(rec);
  return { ...rest, name: rec.spec.name, health: "HEALTH_OK" };
}

function nexusProblems(ctx: Ctx, spec: Spec, current?: Rec): string[] {
  const problems: string[] = [];
  if (!/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(String(spec.name ?? ""))) problems.push(`endpoint name "${String(spec.name ?? "")}" must start with a letter and use letters, digits, - and _`);
  const target = spec.targetSpec?.workerTargetSpec as Spec | undefined;
  if (!target?.namespaceId || !ctx.store.find("namespaces", target.namespaceId)) problems.push(`target namespace "${String(target?.namespaceId ?? "")}" does not exist`);
  if (!target?.taskQueue) problems.push("target task queue is required");
  for (const policy of (spec.policySpecs ?? []) as Spec[]) {
    const ns = policy.allowedCloudNamespacePolicySpec?.namespaceId;
    if (!ns || !ctx.store.find("namespaces", ns)) problems.push(`allowed namespace "${String(ns ?? "")}" does not exist`);
  }
  const clash = ctx.store.all("nexusEndpoints").find((e) => e.spec.name === spec.name && e.id !== current?.id);
  if (clash) problems.push(`ALREADY_EXISTS:endpoint "${String(spec.name)}" already exists`);
  return problems;
}

function rejectWithClash(problems: string[]): void {
  rejectAll(problems.filter((p) => !p.startsWith("ALREADY_EXISTS:")));
  const clash = problems.find((p) => p.startsWith("ALREADY_EXISTS:"));
  if (clash) throw alreadyExists(clash.slice("ALREADY_EXISTS:".length));
}

export const connectivityHandlers: Handlers = {
  CreateConnectivityRule: (req, ctx) => {
    const spec: Spec = req.spec ?? {};
    rejectMixed(ruleProblems(ctx, spec));
    const id = newId();
    ctx.store.insert("connectivityRules", id, spec);
    return operate(ctx, req, [activate("connectivityRules", id)], { connectivityRuleId: id });
  },
  GetConnectivityRule: (req, ctx) => {
    const { lastModifiedTime: _m, ...rule } = envelope(ctx.store.get("connectivityRules", req.connectivityRuleId, "connectivity rule"));
    return { connectivityRule: rule };
  },
  GetConnectivityRules: (req, ctx) => {
    const ns = req.namespace ? ctx.store.get("namespaces", req.namespace, "namespace") : undefined;
    const all = ctx.store.all("connectivityRules").filter((r) => !ns || ((ns.spec.connectivityRuleIds ?? []) as string[]).includes(r.id));
    const { items, nextPageToken } = page(all, req);
    return { connectivityRules: items.map((r) => envelope(r)), nextPageToken };
  },
  DeleteConnectivityRule: deleteRule,

  CreateNamespaceExportSink: (req, ctx) => {
    const ns = ctx.store.get("namespaces", req.namespace, "namespace");
    const spec: Spec = req.spec ?? {};
    rejectAll(sinkProblems(ns, spec));
    const key = sinkKey(ns.id, spec.name);
    if (ctx.store.find("exportSinks", key)) throw alreadyExists(`export sink "${String(spec.name)}" already exists on namespace "${ns.id}"`);
    ctx.store.insert("exportSinks", key, spec, { namespace: ns.id });
    return operate(ctx, req, [activate("exportSinks", key)]);
  },
  GetNamespaceExportSink: (req, ctx) => ({ sink: renderSink(ctx.store.get("exportSinks", sinkKey(req.namespace, req.name), "export sink")) }),
  GetNamespaceExportSinks: (req, ctx) => {
    const all = ctx.store.all("exportSinks").filter((s) => s.extra.namespace === req.namespace);
    const { items, nextPageToken } = page(all, req);
    return { sinks: items.map(renderSink), nextPageToken };
  },
  UpdateNamespaceExportSink: (req, ctx) => {
    const ns = ctx.store.get("namespaces", req.namespace, "namespace");
    const rec = ctx.store.get("exportSinks", sinkKey(ns.id, req.spec?.name), "export sink");
    ctx.store.checkVersion(rec, req.resourceVersion, "export sink");
    rejectAll(sinkProblems(ns, req.spec ?? {}));
    rec.spec = req.spec;
    ctx.store.touch(rec);
    return operate(ctx, req, [activate("exportSinks", rec.id)]);
  },
  ValidateNamespaceExportSink: (req, ctx) => {
    rejectAll(sinkProblems(ctx.store.get("namespaces", req.namespace, "namespace"), req.spec ?? {}));
    return {};
  },
  DeleteNamespaceExportSink: (req, ctx) =>
    deleteRecord(ctx, req, "exportSinks", ctx.store.get("exportSinks", sinkKey(req.namespace, req.name), "export sink"), "export sink"),

  CreateAccountAuditLogSink: (req, ctx) => {
    const spec: Spec = req.spec ?? {};
    rejectAll(auditSinkProblems(spec));
    if (ctx.store.find("auditLogSinks", spec.name)) throw alreadyExists(`audit-log sink "${String(spec.name)}" already exists`);
    ctx.store.insert("auditLogSinks", spec.name, spec);
    return operate(ctx, req, [activate("auditLogSinks", spec.name)]);
  },
  GetAccountAuditLogSink: (req, ctx) => ({ sink: renderSink(ctx.store.get("auditLogSinks", req.name, "audit-log sink")) }),
  GetAccountAuditLogSinks: (req, ctx) => {
    const { items, nextPageToken } = page(ctx.store.all("auditLogSinks"), req);
    return { sinks: items.map(renderSink), nextPageToken };
  },
  UpdateAccountAuditLogSink: (req, ctx) => {
    const rec = ctx.store.get("auditLogSinks", req.spec?.name, "audit-log sink");
    ctx.store.checkVersion(rec, req.resourceVersion, "audit-log sink");
    rejectAll(auditSinkProblems(req.spec ?? {}));
    rec.spec = req.spec;
    ctx.store.touch(rec);
    return operate(ctx, req, [activate("auditLogSinks", rec.id)]);
  },
  ValidateAccountAuditLogSink: (req) => {
    rejectAll(auditSinkProblems(req.spec ?? {}));
    return {};
  },
  DeleteAccountAuditLogSink: (req, ctx) => deleteRecord(ctx, req, "auditLogSinks", ctx.store.get("auditLogSinks", req.name, "audit-log sink"), "audit-log sink"),

  CreateNexusEndpoint: (req, ctx) => {
    const spec: Spec = req.spec ?? {};
    rejectWithClash(nexusProblems(ctx, spec));
    const id = newId();
    ctx.store.insert("nexusEndpoints", id, spec);
    return operate(ctx, req, [activate("nexusEndpoints", id)], { endpointId: id });
  },
  GetNexusEndpoint: (req, ctx) => ({ endpoint: envelope(ctx.store.get("nexusEndpoints", req.endpointId, "Nexus endpoint")) }),
  GetNexusEndpoints: (req, ctx) => {
    const all = ctx.store.all("nexusEndpoints").filter((e) =>
      (!req.name || e.spec.name === req.name) &&
      (!req.targetNamespaceId || e.spec.targetSpec?.workerTargetSpec?.namespaceId === req.targetNamespaceId) &&
      (!req.targetTaskQueue || e.spec.targetSpec?.workerTargetSpec?.taskQueue === req.targetTaskQueue));
    const { items, nextPageToken } = page(all, req);
    return { endpoints: items.map((e) => envelope(e)), nextPageToken };
  },
  UpdateNexusEndpoint: (req, ctx) => {
    const rec = ctx.store.get("nexusEndpoints", req.endpointId, "Nexus endpoint");
    ctx.store.checkVersion(rec, req.resourceVersion, "Nexus endpoint");
    const spec: Spec = req.spec ?? {};
    if (spec.name !== rec.spec.name) throw invalid("a Nexus endpoint's name cannot change");
    rejectWithClash(nexusProblems(ctx, spec, rec));
    rec.spec = spec;
    ctx.store.touch(rec);
    return operate(ctx, req, [activate("nexusEndpoints", rec.id)]);
  },
  DeleteNexusEndpoint: (req, ctx) => deleteRecord(ctx, req, "nexusEndpoints", ctx.store.get("nexusEndpoints", req.endpointId, "Nexus endpoint"), "Nexus endpoint"),
};
