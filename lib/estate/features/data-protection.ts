// Encryption keys, export and audit sinks, metrics (data-protection issue).
import * as fs from "node:fs";
import { TerraformOutput } from "cdktf";
import type { AssemblyContext, Feature } from "../assembly-context";
import type { ResolvedNamespace } from "../../config/resolve";
import { PayloadEncryptionKey } from "../../constructs/payload-encryption-key";
import { GcsExportSink, S3ExportSink, type IExportSink } from "../../constructs/export-sink";
import { KinesisAuditLogSink, PubsubAuditLogSink } from "../../constructs/audit-log-sink";
import { MetricsEndpoint } from "../../constructs/metrics-endpoint";
import { getRegion } from "../../domain/regions";

export const dataProtectionFeature: Feature = {
  afterNamespaces(ctx) {
    for (const ns of ctx._resolved.namespaces) {
      payloadKey(ctx, ns);
      exportSink(ctx, ns);
    }
    auditLog(ctx);
    metrics(ctx);
  },
};

function payloadKey(ctx: AssemblyContext, ns: ResolvedNamespace): void {
  const enc = ns.encryption;
  if (!enc) return;
  const grantees = ns.payloadKeyGrantees;
  const part = ctx.partOf(ns.name);
  const key = new PayloadEncryptionKey(part.scope, `payload-key-${ns.name}`, {
    namespaceName: ns.name,
    // HA: a replica of the key in each other AWS region of the namespace (decided in resolve).
    aws: enc.aws && {
      ...enc.aws,
      provider: part.aws(enc.aws.region),
      replicas: ns.payloadKeyReplicaRegions.map((region) => ({ region, provider: part.aws(region) })),
    },
    gcp: enc.gcp && { ...enc.gcp, provider: part.google(enc.gcp.project) },
    awsRoleArns: [...grantees.aws],
    gcpServiceAccountEmails: [...grantees.gcp],
    preventDestroy: ns.preventDestroy,
    tags: { "temporal-namespace": ns.name },
  });
  new TerraformOutput(part.stack, `ns-${ns.name}-payload-key`, {
    description: `Payload codec key of namespace ${ns.name}, for the workers' and codec server's config`,
    value: key.aliasName ? { cloud: key.cloud, key_id: key.keyId, alias: key.aliasName } : { cloud: key.cloud, key_id: key.keyId },
  });
  const replicas = key.awsReplicaKeys.length > 0 ? ` (multi-Region, replica in ${ns.payloadKeyReplicaRegions.join(", ")})` : "";
  ctx.addSummaryFact(ns.name, "Payload key", key.cloud === "aws" ? `AWS KMS${replicas}` : "GCP KMS");
}

function exportSink(ctx: AssemblyContext, ns: ResolvedNamespace): void {
  const exp = ns.export;
  if (!exp || (!exp.s3 && !exp.gcs) || ns.primaryRegion === undefined) return;
  const part = ctx.partOf(ns.name);
  const common = {
    namespaceId: ctx.namespace(ns.name).namespaceId,
    namespaceRegion: ns.primaryRegion,
    sinkName: exp.sinkName,
    enabled: exp.enabled,
    preventDestroy: ns.preventDestroy,
    tags: { "temporal-namespace": ns.name },
    temporalProvider: part.temporalProvider,
  };
  // The config check accepts exactly one destination.
  const sink: IExportSink = exp.s3
    ? new S3ExportSink(part.scope, `export-${ns.name}`, { ...common, s3: { ...exp.s3, provider: part.aws(exp.s3.region ?? getRegion(ns.primaryRegion).region) } })
    : new GcsExportSink(part.scope, `export-${ns.name}`, { ...common, gcs: { ...exp.gcs!, provider: part.google(exp.gcs!.project) } });
  ctx.addSummaryFact(ns.name, "Export", sink.bucketUri);
}

function auditLog(ctx: AssemblyContext): void {
  const audit = ctx._resolved.auditLog;
  if (!audit || (!audit.kinesis && !audit.pubsub)) return;
  const common = { sinkName: audit.sinkName, enabled: audit.enabled ?? true, temporalProvider: ctx.temporalProvider };
  if (audit.kinesis) {
    new KinesisAuditLogSink(ctx.scope, "audit-log", { ...common, kinesis: { ...audit.kinesis, provider: ctx.aws(audit.kinesis.region) } });
  } else if (audit.pubsub) {
    new PubsubAuditLogSink(ctx.scope, "audit-log", { ...common, pubsub: { ...audit.pubsub, provider: ctx.google(audit.pubsub.project) } });
  }
}

function metrics(ctx: AssemblyContext): void {
  const m = ctx._resolved.metrics;
  if (!m || m.enabled === false) return;
  const pem = m.caPemPaths.map((f) => fs.readFileSync(f, "utf8").trim() + "\n").join("");
  const endpoint = new MetricsEndpoint(ctx.scope, "metrics", {
    caPem: pem,
    createReaderServiceAccount: m.readerServiceAccount?.create ?? true,
    readerServiceAccountName: m.readerServiceAccount?.name,
    provider: ctx.temporalProvider,
  });
  new TerraformOutput(ctx.stack, "metrics-endpoint", { description: "Temporal Cloud metrics endpoint (scrape with mTLS)", value: endpoint.uri });
}
