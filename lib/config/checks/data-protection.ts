// Cross checks for payload encryption keys, codec server, export, audit log and metrics.
import * as fs from "node:fs";
import type { CrossCheck } from "../cross-checks";
import { validateAuditLogSink, validateExportSink } from "../../domain/sinks";
import { checkCaPem } from "../../domain/certificates";
import { MAX_KMS_DELETION_WINDOW_DAYS, TEMPORAL_MAX_RETENTION_DAYS } from "../../domain/limits";
import { unreadableFileReason } from "../files";
import { gcpKmsLocationCovers, gcpKmsLocationFor, gcpRegionsOf } from "../../domain/payload-keys";

const encryptionKeys: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const enc = ns.encryption;
    if (!enc) continue;
    const at = `namespaces[${ns.index}].encryption`;
    if (!enc.aws === !enc.gcp) {
      issues.add(at, `${enc.aws ? "sets both aws and gcp" : "names no key service"}; give exactly one of aws: { region } or gcp: { project, location }`);
      continue;
    }
    const cloud = enc.aws ? "aws" : "gcp";
    const field = cloud === "aws" ? "awsRoleArn" : "gcpServiceAccountEmail";
    const kms = cloud === "aws" ? "AWS KMS" : "GCP Cloud KMS";
    ns.workers.forEach((w, i) => {
      if (!w.identity?.[field]) {
        issues.add(
          `namespaces[${ns.index}].workers[${i}].identity.${field}`,
          `is not set, but payload encryption uses ${kms} and worker "${w.name}" must encrypt and decrypt payloads; give its ${cloud === "aws" ? "IAM role ARN" : "service account email"}`,
        );
      }
    });
    if (ns.payloadKeyGrantees[cloud].length === 0) {
      issues.add(
        at,
        `grants encrypt/decrypt to nobody: no worker has identity.${field} and codecServerIdentity.${field} is not set; add the workers (with their identity) or the codec server's identity`,
      );
    }
    if (ns.codecServer && !enc.codecServerIdentity?.[field]) {
      issues.add(
        `${at}.codecServerIdentity.${field}`,
        `is not set, so the codec server ${ns.codecServer.endpoint} cannot decrypt payloads with the namespace key; give the codec server's ${cloud === "aws" ? "IAM role ARN" : "service account email"}`,
      );
    }
    if (ns.environment === "production" && !ns.codecServer) {
      issues.add(
        `namespaces[${ns.index}].codecServer`,
        "is required in production when payload encryption is on, so authorized users can decode payloads in the Web UI; add codecServer: { endpoint: https://... }",
      );
    }
    const window = enc.aws?.deletionWindowDays;
    if (ns.profile.overridesNeedReason && window !== undefined && window < MAX_KMS_DELETION_WINDOW_DAYS && !ns.profileOverrideReason) {
      issues.add(
        `${at}.aws.deletionWindowDays`,
        `${window} shortens the recovery window of a ${ns.environment} payload key (losing it makes every encrypted history unreadable); remove it to get ${MAX_KMS_DELETION_WINDOW_DAYS}, or add profileOverrideReason`,
      );
    }
  }
};

/**
 * A Cloud KMS key lives in its key ring's location: an HA namespace's key must be in a location that serves
 * every GCP region of the namespace, or payloads cannot be decrypted after a failover. (AWS keys get a
 * multi-Region replica per region from resolve; a replica on the other cloud is reported by TC-ENC-001.)
 */
const payloadKeySurvivesFailover: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const gcp = ns.encryption?.gcp;
    if (!gcp || ns.replicatedRegions.length < 2) continue;
    const regions = gcpRegionsOf(ns.replicatedRegions);
    const uncovered = regions.filter((r) => !gcpKmsLocationCovers(gcp.location, r));
    if (uncovered.length === 0) continue;
    issues.add(
      `namespaces[${ns.index}].encryption.gcp.location`,
      `"${gcp.location}" holds the payload key only there, but the HA namespace "${ns.name}" also runs in ${uncovered.join(", ")}; after a failover its workers could not decrypt payloads — use a multi-region location that covers ${regions.join(" and ")}, e.g. "${gcpKmsLocationFor(regions)}"`,
    );
  }
};

const exportDestinations: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const exp = ns.export;
    const keep = ns.keepDays;
    const mustExport = keep !== undefined && keep > ns.retentionDays;
    if (!exp && !mustExport) continue;
    const at = `namespaces[${ns.index}].export`;
    if (!exp?.s3 && !exp?.gcs) {
      const source = ns.keepDaysSource;
      issues.add(
        at,
        mustExport
          ? `${source} ${keep} is longer than the namespace's retention of ${ns.retentionDays} days (Temporal keeps at most ${TEMPORAL_MAX_RETENTION_DAYS}), but no export destination is set; add export.s3: { ... } for AWS namespaces or export.gcs: { ... } for GCP namespaces`
          : "has no destination; add s3: { ... } (AWS namespaces) or gcs: { ... } (GCP namespaces), or remove export",
      );
      continue;
    }
    if (exp.enabled === false && mustExport) {
      issues.add(`${at}.enabled`, `false stops the export, but records must be kept ${keep} days, longer than the retention of ${ns.retentionDays}; remove enabled: false`);
    }
    const region = ns.primaryRegion;
    if (!region) continue;
    for (const [prop, message] of validateExportSink({ namespaceRegion: region, s3: exp.s3, gcs: exp.gcs })) {
      issues.add(prop === "s3/gcs" ? at : `${at}.${prop}`, message);
    }
  }
};

const auditLogDestination: CrossCheck = (config, issues) => {
  const audit = config.auditLog;
  if (!audit || audit.enabled === false && !audit.kinesis && !audit.pubsub) return;
  for (const [prop, message] of validateAuditLogSink({ kinesis: audit.kinesis, pubsub: audit.pubsub })) {
    issues.add(prop === "kinesis/pubsub" ? "auditLog" : `auditLog.${prop}`, message);
  }
};

const metricsCa: CrossCheck = (config, issues) => {
  const metrics = config.metrics;
  if (!metrics || metrics.enabled === false) return;
  metrics.caPemFiles.forEach((file, i) => {
    const at = `metrics.caPemFiles[${i}]`;
    const full = metrics.caPemPaths[i];
    const reason = unreadableFileReason(full, file);
    if (reason) {
      issues.add(at, reason);
      return;
    }
    for (const [, message] of checkCaPem(file, fs.readFileSync(full, "utf8"), new Date())) issues.add(at, message);
  });
};

export const DATA_PROTECTION_CHECKS: readonly CrossCheck[] = [encryptionKeys, payloadKeySurvivesFailover, exportDestinations, auditLogDestination, metricsCa];
