// What Temporal Cloud needs from export and audit-log destinations, as rules on plain settings. Shared by
// the config checks and the sink constructs. Temporal's docs do not publish its AWS principal, external id
// or GCP service accounts, so callers must always pass them in.
import type { Problem } from "./problem";
import { findRegion } from "./regions";
import { iamRoleNameProblem, parseGcpKmsKeyName, parseKmsKeyArn } from "./cloud-names";

/** Who Temporal Cloud is when it assumes your IAM role (copy from the CloudFormation template Temporal's UI generates). */
export interface TemporalAwsPrincipal {
  /** IAM principal ARN(s) Temporal assumes the role from. */
  readonly principalArns: string[];
  /** `sts:ExternalId` Temporal sends. @default no external-id condition */
  readonly externalId?: string;
}

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|root|user)(\/.*)?$/;
const GCP_SA_EMAIL = /^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/;

/** Problems with a Temporal AWS principal that is required because a role is being created. */
export function checkTemporalAwsPrincipal(path: string, principal: TemporalAwsPrincipal | undefined): Problem[] {
  if (!principal || principal.principalArns.length === 0) {
    return [[path, "is required to create the role Temporal assumes; Temporal does not document its principal, so copy principalArns (and externalId, if any) from the CloudFormation template the Temporal Cloud UI generates"]];
  }
  return principal.principalArns
    .map((arn, i): Problem | undefined => (PRINCIPAL_ARN.test(arn) ? undefined : [`${path}.principalArns[${i}]`, `"${arn}" is not an IAM principal ARN`]))
    .filter((p): p is Problem => p !== undefined);
}

/** Problems with Temporal's GCP service accounts, required because a service account is being created. */
export function checkTemporalServiceAccounts(path: string, emails: readonly string[] | undefined): Problem[] {
  if (!emails || emails.length === 0) {
    return [[path, "is required to let Temporal impersonate the service account; copy Temporal's service account email(s) from the Temporal Cloud UI (they are not published in the docs)"]];
  }
  return emails
    .map((email, i): Problem | undefined => (GCP_SA_EMAIL.test(email) ? undefined : [`${path}[${i}]`, `"${email}" is not a GCP service account email`]))
    .filter((p): p is Problem => p !== undefined);
}

/** The settings of an export sink the rules look at (the construct props and the config section both fit). */
export interface ExportSinkSpec {
  /** The namespace's Temporal region code. */
  readonly namespaceRegion: string;
  readonly s3?: S3ExportSpec;
  readonly gcs?: GcsExportSpec;
}

/** The settings of an S3 export destination the rules look at. */
export interface S3ExportSpec {
  readonly region?: string;
  readonly roleName?: string;
  readonly createRole?: boolean;
  readonly temporalPrincipal?: TemporalAwsPrincipal;
  readonly kmsKeyArn?: string;
}

/** The settings of a GCS export destination the rules look at. */
export interface GcsExportSpec {
  readonly region?: string;
  readonly createServiceAccount?: boolean;
  readonly temporalServiceAccounts?: string[];
  readonly kmsKeyName?: string;
}

/** The settings of an audit-log sink the rules look at. */
export interface AuditLogSinkSpec {
  readonly kinesis?: KinesisAuditLogSpec;
  readonly pubsub?: PubsubAuditLogSpec;
}

/** The settings of a Kinesis audit-log destination the rules look at. */
export interface KinesisAuditLogSpec {
  readonly retentionHours?: number;
  readonly roleName?: string;
  readonly createRole?: boolean;
  readonly temporalPrincipal?: TemporalAwsPrincipal;
}

/** The settings of a Pub/Sub audit-log destination the rules look at. */
export interface PubsubAuditLogSpec {
  readonly createServiceAccount?: boolean;
  readonly temporalServiceAccounts?: string[];
}

/** Problems with export-sink props, as [prop path, message]. */
export function validateExportSink(props: ExportSinkSpec): Problem[] {
  const problems: Problem[] = [];
  if (!props.s3 === !props.gcs) {
    problems.push(["s3/gcs", "give exactly one export destination: s3 (AWS namespaces) or gcs (GCP namespaces)"]);
    return problems;
  }
  const region = findRegion(props.namespaceRegion);
  if (!region) {
    problems.push(["namespaceRegion", `"${props.namespaceRegion}" is not a Temporal Cloud region code`]);
    return problems;
  }
  if (props.s3) {
    if (region.cloud !== "aws") problems.push(["s3", `namespace region ${props.namespaceRegion} is on ${region.cloud}; the S3 bucket must be in the namespace's region, so use gcs for GCP namespaces`]);
    else if (props.s3.region !== undefined && props.s3.region !== region.region) {
      problems.push(["s3.region", `"${props.s3.region}" differs from the namespace's region ${region.region}; Temporal requires the bucket in the namespace's region`]);
    }
    const key = props.s3.kmsKeyArn === undefined ? undefined : parseKmsKeyArn(props.s3.kmsKeyArn);
    const bucketRegion = props.s3.region ?? region.region;
    // S3 encrypts with SSE-KMS only using a key in the bucket's own region (a multi-Region key's replica counts).
    if (region.cloud === "aws" && key && key.region !== bucketRegion) {
      problems.push(["s3.kmsKeyArn", `"${props.s3.kmsKeyArn}" is a key in ${key.region}, but the bucket is in ${bucketRegion}; S3 needs a KMS key in the bucket's region — give a key (or a multi-Region replica key) in ${bucketRegion}`]);
    }
    const s3Role = props.s3.roleName === undefined ? undefined : iamRoleNameProblem(props.s3.roleName);
    if (s3Role) problems.push(["s3.roleName", s3Role]);
    if (props.s3.createRole ?? true) problems.push(...checkTemporalAwsPrincipal("s3.temporalPrincipal", props.s3.temporalPrincipal));
  }
  if (props.gcs) {
    if (region.cloud !== "gcp") problems.push(["gcs", `namespace region ${props.namespaceRegion} is on ${region.cloud}; the GCS bucket must be in the namespace's region, so use s3 for AWS namespaces`]);
    else if (props.gcs.region !== undefined && props.gcs.region !== region.region) {
      problems.push(["gcs.region", `"${props.gcs.region}" differs from the namespace's region ${region.region}; Temporal requires a single-region bucket in the namespace's region`]);
    }
    const key = props.gcs.kmsKeyName === undefined ? undefined : parseGcpKmsKeyName(props.gcs.kmsKeyName);
    const bucketRegion = props.gcs.region ?? region.region;
    // A single-region bucket's CMEK must be in the bucket's location.
    if (region.cloud === "gcp" && key && key.location !== bucketRegion) {
      problems.push(["gcs.kmsKeyName", `"${props.gcs.kmsKeyName}" is in location ${key.location}, but the bucket is in ${bucketRegion}; Cloud Storage needs the key in the bucket's location — use a key ring in ${bucketRegion}`]);
    }
    if (props.gcs.createServiceAccount ?? true) problems.push(...checkTemporalServiceAccounts("gcs.temporalServiceAccounts", props.gcs.temporalServiceAccounts));
  }
  return problems;
}

/** Problems with audit-log-sink props, as [prop path, message]. */
export function validateAuditLogSink(props: AuditLogSinkSpec): Problem[] {
  const problems: Problem[] = [];
  if (!props.kinesis === !props.pubsub) {
    problems.push(["kinesis/pubsub", "give exactly one audit log destination: kinesis or pubsub"]);
    return problems;
  }
  if (props.kinesis) {
    const hours = props.kinesis.retentionHours;
    if (hours !== undefined && (!Number.isInteger(hours) || hours < 24 || hours > 8760)) {
      problems.push(["kinesis.retentionHours", `${hours} is outside Kinesis's range of 24 to 8760 hours`]);
    }
    const kinesisRole = props.kinesis.roleName === undefined ? undefined : iamRoleNameProblem(props.kinesis.roleName);
    if (kinesisRole) problems.push(["kinesis.roleName", kinesisRole]);
    if (props.kinesis.createRole ?? true) problems.push(...checkTemporalAwsPrincipal("kinesis.temporalPrincipal", props.kinesis.temporalPrincipal));
  }
  if (props.pubsub && (props.pubsub.createServiceAccount ?? true)) {
    problems.push(...checkTemporalServiceAccounts("pubsub.temporalServiceAccounts", props.pubsub.temporalServiceAccounts));
  }
  return problems;
}
