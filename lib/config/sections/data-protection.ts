// Payload encryption keys, export sinks, audit log and metrics (data-protection issue).
// Values Temporal does not document (the principal it assumes roles from, its GCP service accounts)
// are required inputs here, never guessed constants.
import { z } from "zod";
import { describeValue } from "../issues";
import { workerIdentitySchema } from "./workers";
import { ruleString } from "./common";
import { EDITOR_PATTERNS, gcpKmsKeyNameProblem, iamRoleNameProblem, gcsBucketNameProblem, kmsAliasProblem, kmsKeyArnProblem, s3BucketNameProblem } from "../../domain/cloud-names";

const awsRegionName = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: (iss) => `${describeValue(iss.input)} is not an AWS region name (e.g. us-east-1)` });

const awsAccountId = z
  .string()
  .regex(/^\d{12}$/, { error: (iss) => `${describeValue(iss.input)} is not a 12-digit AWS account id` });

const gcpServiceAccountEmail = z
  .string()
  .regex(/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/, { error: (iss) => `${describeValue(iss.input)} is not a GCP service account email (<name>@<project>.iam.gserviceaccount.com)` });

/** A GCP service account id (the part before `@`): 6-30 characters. */
const gcpServiceAccountId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: (iss) => `${describeValue(iss.input)} is not a GCP service account id; use 6-30 lowercase letters, digits and hyphens, starting with a letter` });

/**
 * Who Temporal Cloud is when it assumes the export or audit-log role in AWS. Temporal's documentation does not
 * publish this; copy it from the CloudFormation template the Temporal Cloud UI generates for your account.
 */
export const temporalAwsPrincipalSchema = z.strictObject({
  principalArns: z
    .array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|root|user)(\/.*)?$/, { error: (iss) => `${describeValue(iss.input)} is not an IAM principal ARN` }))
    .min(1, { error: "is empty; copy the principal ARN(s) from the CloudFormation template the Temporal Cloud UI generates" })
    .describe("IAM principal ARN(s) Temporal Cloud assumes the role from (from Temporal's CloudFormation template)."),
  externalId: z.string().min(2).optional().describe("sts:ExternalId Temporal sends, when its template sets one."),
});

/** Temporal Cloud's own GCP service accounts that impersonate yours (shown in the Temporal Cloud UI). */
const temporalGcpServiceAccounts = z
  .array(gcpServiceAccountEmail)
  .min(1, { error: "is empty; copy Temporal's service account email(s) from the Temporal Cloud UI" })
  .describe("Temporal Cloud's GCP service account emails (from the Temporal Cloud UI) allowed to impersonate the sink's service account.");

// ---------------------------------------------------------------- payload encryption keys

export const encryptionSchema = z
  .strictObject({
    aws: z
      .strictObject({
        region: awsRegionName.describe("Region of the KMS key (usually the workers' region)."),
        aliasName: ruleString(kmsAliasProblem, EDITOR_PATTERNS.kmsAlias).optional()
          .describe("@default alias/temporal/<namespace>/payloads"),
        deletionWindowDays: z.int().min(7).max(30).optional().describe("Days a deleted key stays recoverable, 7-30. @default 30"),
      })
      .optional()
      .describe("Customer-managed AWS KMS key for the payload codec."),
    gcp: z
      .strictObject({
        project: z.string().min(1),
        location: z.string().min(1).describe("KMS location, e.g. us-central1 or global."),
        keyRingName: z.string().optional().describe("@default temporal-<namespace>"),
        rotationDays: z.int().min(1).max(365).optional().describe("Automatic key rotation period in days. @default 90"),
      })
      .optional()
      .describe("Customer-managed GCP Cloud KMS key for the payload codec."),
    codecServerIdentity: workerIdentitySchema.optional()
      .describe("Cloud identity of the codec server; it may encrypt/decrypt with the key besides the workers."),
  })
  .describe("One customer-managed key per namespace for the SDK payload codec and failure converter; give aws or gcp.");

// ---------------------------------------------------------------- workflow history export

const s3ExportSchema = z.strictObject({
  bucketName: ruleString(s3BucketNameProblem, EDITOR_PATTERNS.s3Bucket),
  createBucket: z.boolean().optional().describe("Create the bucket (versioning, KMS encryption, public access block); false uses an existing bucket by name. @default true"),
  region: awsRegionName.optional().describe("Bucket region; must be the namespace's region. @default the namespace's AWS region"),
  awsAccountId: awsAccountId.describe("AWS account that owns the bucket and the role."),
  roleName: ruleString(iamRoleNameProblem).describe("Name (not ARN) of the IAM role Temporal assumes to write."),
  createRole: z.boolean().optional().describe("Create the role; false uses an existing role by name. @default true"),
  kmsKeyArn: ruleString(kmsKeyArnProblem).optional().describe("KMS key encrypting the bucket. @default a key created for the bucket (when createBucket)"),
  temporalPrincipal: temporalAwsPrincipalSchema.optional().describe("Required when createRole is true."),
});

const gcsExportSchema = z.strictObject({
  bucketName: ruleString(gcsBucketNameProblem, EDITOR_PATTERNS.gcsBucket),
  project: z.string().min(1).describe("GCP project of the bucket and its service account."),
  createBucket: z.boolean().optional().describe("Create a single-region bucket; false uses an existing bucket by name. @default true"),
  region: z.string().optional().describe("Bucket region; must be the namespace's region. @default the namespace's GCP region"),
  serviceAccountId: gcpServiceAccountId.describe("Service account Temporal impersonates to write (id before @)."),
  createServiceAccount: z.boolean().optional().describe("Create the service account; false uses an existing one. @default true"),
  kmsKeyName: ruleString(gcpKmsKeyNameProblem).optional().describe("Cloud KMS key for the bucket's default encryption. @default Google-managed"),
  temporalServiceAccounts: temporalGcpServiceAccounts.optional().describe("Required when createServiceAccount is true."),
});

export const exportSchema = z
  .strictObject({
    keepDays: z.int().min(1).optional()
      .describe("How long records must be kept, in days. Above the namespace retention (max 90) an export destination is required."),
    sinkName: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).optional().describe("@default <namespace>-export"),
    enabled: z.boolean().optional().describe("@default true"),
    s3: s3ExportSchema.optional(),
    gcs: gcsExportSchema.optional(),
  })
  .describe("Workflow history export to your own S3 or GCS bucket (hourly, protobuf).");

// ---------------------------------------------------------------- account audit log

const kinesisAuditSchema = z.strictObject({
  region: awsRegionName,
  streamName: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, { error: (iss) => `${describeValue(iss.input)} is not a valid Kinesis stream name` }),
  createStream: z.boolean().optional().describe("Create the stream (KMS-encrypted); false uses an existing one by name. @default true"),
  awsAccountId: awsAccountId,
  roleName: ruleString(iamRoleNameProblem).describe("Name (not ARN) of the IAM role Temporal assumes to write."),
  createRole: z.boolean().optional().describe("@default true"),
  retentionHours: z.int().min(24).max(8760).optional().describe("Stream retention. @default 168"),
  temporalPrincipal: temporalAwsPrincipalSchema.optional().describe("Required when createRole is true."),
});

const pubsubAuditSchema = z.strictObject({
  project: z.string().min(1),
  topicName: z.string().regex(/^[A-Za-z][A-Za-z0-9._~%+-]{2,254}$/, { error: (iss) => `${describeValue(iss.input)} is not a valid Pub/Sub topic name` }),
  createTopic: z.boolean().optional().describe("@default true"),
  serviceAccountId: gcpServiceAccountId,
  createServiceAccount: z.boolean().optional().describe("@default true"),
  temporalServiceAccounts: temporalGcpServiceAccounts.optional().describe("Required when createServiceAccount is true."),
});

export const auditLogSchema = z
  .strictObject({
    enabled: z.boolean().optional().describe("@default true when kinesis or pubsub is configured"),
    sinkName: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).optional().describe("@default audit-log"),
    kinesis: kinesisAuditSchema.optional(),
    pubsub: pubsubAuditSchema.optional(),
  })
  .optional()
  .describe("Account audit log sink (control-plane events) into your SIEM pipeline; give kinesis or pubsub.");

// ---------------------------------------------------------------- metrics

export const metricsSchema = z
  .strictObject({
    enabled: z.boolean().optional().describe("@default true"),
    caPemFiles: z.array(z.string().min(1)).min(1, { error: "is empty; give the CA PEM file(s) that sign the metrics scraper's client certificates" })
      .describe("CA PEM files (relative to the config file) accepted for metrics clients."),
    readerServiceAccount: z
      .strictObject({
        name: z.string().min(1).optional().describe("@default metrics-reader"),
        create: z.boolean().optional().describe("@default true"),
      })
      .optional()
      .describe("Service account with account_access = metricsread for API-key metrics scraping."),
  })
  .optional()
  .describe("Account metrics endpoint (mTLS) and a metrics-reader service account.");

export type EncryptionConfig = z.infer<typeof encryptionSchema>;
export type ExportConfig = z.infer<typeof exportSchema>;
export type S3ExportConfig = z.infer<typeof s3ExportSchema>;
export type GcsExportConfig = z.infer<typeof gcsExportSchema>;
export type AuditLogConfig = NonNullable<z.infer<typeof auditLogSchema>>;
export type MetricsConfig = NonNullable<z.infer<typeof metricsSchema>>;
export type TemporalAwsPrincipal = z.infer<typeof temporalAwsPrincipalSchema>;
