import { Construct } from "constructs";
import { Fn } from "cdktf";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { fnString, isToken, onLiterals, tfString, tfStringMap, tfStrings } from "./tokens";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "./peers/aws";
import { S3BucketVersioningA } from "./peers/aws";
import { S3BucketServerSideEncryptionConfigurationA } from "./peers/aws";
import { S3BucketPublicAccessBlock } from "./peers/aws";
import { S3BucketOwnershipControls } from "./peers/aws";
import { S3BucketPolicy } from "./peers/aws";
import { KmsKey } from "./peers/aws";
import { IamRole } from "./peers/aws";
import { IamRolePolicy } from "./peers/aws";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { StorageBucket } from "./peers/gcp";
import { StorageBucketIamMember } from "./peers/gcp";
import type { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import type { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { NamespaceExportSink } from "../providers/temporalcloud/namespace-export-sink";
import { findRegion } from "../domain/regions";
import { addProblems } from "./errors";
import { impersonatedServiceAccount, temporalTrustPolicy } from "./sink-identity";
import { validateExportSink, type TemporalAwsPrincipal } from "../domain/sinks";

export interface S3ExportDestination {
  readonly bucketName: string;
  /**
   * Create the bucket (versioning, KMS encryption, public access block, TLS-only policy); false uses an existing bucket.
   * @default true
   */
  readonly createBucket?: boolean;
  /**
   * Bucket region; must be the namespace's region.
   * @default the namespace's AWS region
   */
  readonly region?: string;
  /** AWS account that owns the bucket and the role. */
  readonly awsAccountId: string;
  /** Name of the IAM role Temporal assumes to write. */
  readonly roleName: string;
  /**
   * Create the role; false uses an existing role by name.
   * @default true
   */
  readonly createRole?: boolean;
  /**
   * KMS key ARN that encrypts the bucket.
   * @default a rotating key created for the bucket when createBucket; none otherwise
   */
  readonly kmsKeyArn?: string;
  /** Temporal's principal; required when createRole (not documented by Temporal, no default). */
  readonly temporalPrincipal?: TemporalAwsPrincipal;
  /** AWS provider for the bucket's region. @default the stack's default AWS provider */
  readonly provider?: AwsProvider;
}

export interface GcsExportDestination {
  readonly bucketName: string;
  /** Project of the bucket and the service account. */
  readonly project: string;
  /**
   * Create a single-region bucket (uniform access, public access prevention, versioning); false uses an existing one.
   * @default true
   */
  readonly createBucket?: boolean;
  /**
   * Bucket region; must be the namespace's region.
   * @default the namespace's GCP region
   */
  readonly region?: string;
  /** Id (before `@`) of the service account Temporal impersonates. */
  readonly serviceAccountId: string;
  /**
   * Create the service account; false uses an existing one.
   * @default true
   */
  readonly createServiceAccount?: boolean;
  /** Cloud KMS key for the bucket's default encryption. @default Google-managed encryption */
  readonly kmsKeyName?: string;
  /** Temporal's GCP service accounts; required when createServiceAccount (no default). */
  readonly temporalServiceAccounts?: string[];
  /** Google provider for the project. @default the stack's default Google provider */
  readonly provider?: GoogleProvider;
}

/** Settings every export sink has, whatever its destination. */
export interface ExportSinkBaseProps {
  /** Namespace id (`<name>.<account>`), e.g. `SecureNamespace.namespaceId`. */
  readonly namespaceId: string;
  /** The namespace's Temporal region code (`aws-us-east-1`); the bucket must be in this region. */
  readonly namespaceRegion: string;
  /** Unique, immutable sink name. */
  readonly sinkName: string;
  /**
   * Whether the sink exports.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Terraform `prevent_destroy` on buckets and keys created here.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /** Tags / labels on created resources. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** temporalcloud provider. @default the stack's default temporalcloud provider */
  readonly temporalProvider?: TemporalcloudProvider;
}

export interface S3ExportSinkProps extends ExportSinkBaseProps {
  /** The S3 destination (AWS namespaces). */
  readonly s3: S3ExportDestination;
}

export interface GcsExportSinkProps extends ExportSinkBaseProps {
  /** The GCS destination (GCP namespaces). */
  readonly gcs: GcsExportDestination;
}

/** A namespace's workflow-history export, whatever the destination. */
export interface IExportSink {
  readonly sink: NamespaceExportSink;
  /** Bucket the history lands in. */
  readonly bucketName: string;
  /** Bucket region (cloud provider's name, e.g. us-east-1). */
  readonly bucketRegion: string;
  /** `s3://…` or `gs://…` of the bucket. */
  readonly bucketUri: string;
}

/**
 * `temporalcloud_namespace_export_sink` into S3: creates (or uses by name) a versioned, KMS-encrypted,
 * non-public, TLS-only bucket and the IAM role Temporal assumes to write into it.
 */
export class S3ExportSink extends Construct implements IExportSink {
  public readonly sink: NamespaceExportSink;
  public readonly bucket?: S3Bucket;
  public readonly bucketKey?: KmsKey;
  public readonly role?: IamRole;
  public readonly rolePolicy?: IamRolePolicy;
  public readonly bucketName: string;
  public readonly bucketRegion: string;
  /** KMS key that encrypts the bucket (created, given, or none for an existing bucket without one). */
  public readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: S3ExportSinkProps) {
    super(scope, id);
    addProblems(this, exportSinkProblems(props));
    const s3 = props.s3;
    this.bucketName = tfString(s3.bucketName);
    this.bucketRegion = tfString(s3.region) ?? namespaceCloudRegion(props.namespaceRegion);
    const tags = tfStringMap(props.tags);
    const lifecycle = props.preventDestroy ?? true ? { preventDestroy: true } : undefined;
    this.kmsKeyArn = tfString(s3.kmsKeyArn);
    if (s3.createBucket ?? true) {
      if (!this.kmsKeyArn) {
        this.bucketKey = new KmsKey(this, "bucket-key", {
          provider: s3.provider,
          description: `Encrypts Temporal workflow history exports in ${this.bucketName}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          tags,
          lifecycle,
        });
        this.kmsKeyArn = this.bucketKey.arn;
      }
      this.bucket = this.createBucket(s3, this.kmsKeyArn, tags, lifecycle);
    }
    if (s3.createRole ?? true) {
      this.role = new IamRole(this, "role", {
        provider: s3.provider,
        name: tfString(s3.roleName),
        description: `Temporal Cloud writes workflow history exports of ${tfString(props.sinkName)} to ${this.bucketName}`,
        assumeRolePolicy: temporalTrustPolicy(s3.temporalPrincipal ?? NO_PRINCIPAL),
        maxSessionDuration: 3600,
        tags,
      });
      // A key ARN inside the policy's jsonencode is an HCL string: given text is escaped for that.
      const policyKmsArn = this.bucketKey ? this.bucketKey.arn : s3.kmsKeyArn && fnString(s3.kmsKeyArn);
      this.rolePolicy = this.writePolicy(s3, this.role, policyKmsArn);
    }
    this.sink = new NamespaceExportSink(this, "sink", {
      provider: props.temporalProvider,
      namespace: tfString(props.namespaceId),
      sinkName: tfString(props.sinkName),
      enabled: props.enabled ?? true,
      s3: {
        bucketName: this.bucket ? this.bucket.bucket : this.bucketName,
        region: this.bucketRegion,
        roleName: this.role ? this.role.name : tfString(s3.roleName),
        awsAccountId: tfString(s3.awsAccountId),
        kmsArn: this.kmsKeyArn,
      },
      dependsOn: this.rolePolicy ? [this.rolePolicy] : undefined,
    });
  }

  public get bucketUri(): string {
    return `s3://${this.bucketName}`;
  }

  /** The bucket with versioning, KMS encryption, public access block, owner-enforced objects and a TLS-only policy. */
  private createBucket(s3: S3ExportDestination, kmsArn: string, tags: Record<string, string> | undefined, lifecycle: { preventDestroy: boolean } | undefined): S3Bucket {
    const provider = s3.provider;
    const bucketArn = `arn:aws:s3:::${fnString(s3.bucketName)}`;
    const bucket = new S3Bucket(this, "bucket", { provider, bucket: this.bucketName, forceDestroy: false, tags, lifecycle });
    new S3BucketVersioningA(this, "versioning", { provider, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      provider,
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsArn }, bucketKeyEnabled: true }],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      provider,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { provider, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketPolicy(this, "tls-only", {
      provider,
      bucket: bucket.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }],
      }),
    });
    return bucket;
  }

  /** Write-only access to the bucket (and its key) for the role Temporal assumes. */
  private writePolicy(s3: S3ExportDestination, role: IamRole, kmsArn: string | undefined): IamRolePolicy {
    const bucketArn = `arn:aws:s3:::${fnString(s3.bucketName)}`;
    const statements: Record<string, unknown>[] = [
      { Sid: "WriteExports", Effect: "Allow", Action: ["s3:PutObject"], Resource: `${bucketArn}/*` },
      { Sid: "FindBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: bucketArn },
    ];
    if (kmsArn) statements.push({ Sid: "EncryptExports", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: kmsArn });
    return new IamRolePolicy(this, "role-policy", {
      provider: s3.provider,
      role: role.id,
      name: "temporal-export-write",
      policy: Fn.jsonencode({ Version: "2012-10-17", Statement: statements }),
    });
  }
}

/**
 * `temporalcloud_namespace_export_sink` into GCS: creates (or uses by name) a single-region bucket with uniform
 * access, public access prevention and versioning, and the service account Temporal impersonates to write.
 */
export class GcsExportSink extends Construct implements IExportSink {
  public readonly sink: NamespaceExportSink;
  public readonly bucket?: StorageBucket;
  public readonly serviceAccount?: ServiceAccount;
  public readonly impersonationGrants: ServiceAccountIamMember[];
  public readonly bucketName: string;
  public readonly bucketRegion: string;

  constructor(scope: Construct, id: string, props: GcsExportSinkProps) {
    super(scope, id);
    addProblems(this, exportSinkProblems(props));
    const gcs = props.gcs;
    const provider = gcs.provider;
    const project = tfString(gcs.project);
    const sinkName = tfString(props.sinkName);
    this.bucketName = tfString(gcs.bucketName);
    this.bucketRegion = tfString(gcs.region) ?? namespaceCloudRegion(props.namespaceRegion);
    this.impersonationGrants = [];
    if (gcs.createBucket ?? true) {
      this.bucket = new StorageBucket(this, "bucket", {
        provider,
        project,
        name: this.bucketName,
        location: isToken(this.bucketRegion) ? Fn.upper(this.bucketRegion) : this.bucketRegion.toUpperCase(),
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        versioning: { enabled: true },
        encryption: gcs.kmsKeyName ? { defaultKmsKeyName: tfString(gcs.kmsKeyName) } : undefined,
        forceDestroy: false,
        labels: tfStringMap(props.tags),
        lifecycle: props.preventDestroy ?? true ? { preventDestroy: true } : undefined,
      });
    }
    let serviceAccountEmail = tfString(`${gcs.serviceAccountId}@${gcs.project}.iam.gserviceaccount.com`);
    if (gcs.createServiceAccount ?? true) {
      const created = impersonatedServiceAccount(this, {
        project,
        accountId: tfString(gcs.serviceAccountId),
        displayName: `Temporal export writer for ${sinkName}`,
        temporalServiceAccounts: tfStrings(gcs.temporalServiceAccounts) ?? [],
        provider,
      });
      this.serviceAccount = created.account;
      this.impersonationGrants = created.grants;
      serviceAccountEmail = created.account.email;
    }
    const bucket = this.bucket ? this.bucket.name : this.bucketName;
    // objectCreator writes the files; legacyBucketReader carries storage.buckets.get, which the sink checks.
    const grants = ["roles/storage.objectCreator", "roles/storage.legacyBucketReader"].map((role) =>
      new StorageBucketIamMember(this, `writer-${role.split("/")[1]}`, { provider, bucket, role, member: `serviceAccount:${serviceAccountEmail}` }),
    );
    this.sink = new NamespaceExportSink(this, "sink", {
      provider: props.temporalProvider,
      namespace: tfString(props.namespaceId),
      sinkName,
      enabled: props.enabled ?? true,
      gcs: { bucketName: bucket, region: this.bucketRegion, serviceAccountId: tfString(gcs.serviceAccountId), gcpProjectId: project },
      dependsOn: [...grants, ...this.impersonationGrants],
    });
  }

  public get bucketUri(): string {
    return `gs://${this.bucketName}`;
  }
}

const NO_PRINCIPAL: TemporalAwsPrincipal = { principalArns: [] };

/** The literal-value checks of an export sink; the namespace region must be literal (it decides the cloud). */
function exportSinkProblems(props: S3ExportSinkProps | GcsExportSinkProps): Array<readonly [string, string]> {
  if (isToken(props.namespaceRegion)) {
    return [["namespaceRegion", "is a token; give the region code itself (e.g. \"aws-us-east-1\"): it decides the cloud and the bucket's region at synth time"]];
  }
  return onLiterals(props, validateExportSink(props));
}

/** The cloud's region name of a Temporal region (`aws-us-east-1` → `us-east-1`); "" when unknown (reported). */
function namespaceCloudRegion(namespaceRegion: string): string {
  return (isToken(namespaceRegion) ? undefined : findRegion(namespaceRegion))?.region ?? "";
}

export { validateExportSink } from "../domain/sinks";
