import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { Fn } from "cdktf";
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
import { addProblems, throwIfUnbuildable } from "./errors";
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
  readonly temporalServiceAccounts?: readonly string[];
  /** Google provider for the project. @default the stack's default Google provider */
  readonly provider?: GoogleProvider;
}

export interface ExportSinkProps {
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
  /** S3 destination. Give exactly one of `s3` or `gcs`. @default none */
  readonly s3?: S3ExportDestination;
  /** GCS destination. Give exactly one of `s3` or `gcs`. @default none */
  readonly gcs?: GcsExportDestination;
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

/**
 * `temporalcloud_namespace_export_sink` with its destination: an S3 bucket + the IAM role Temporal assumes, or a
 * GCS bucket + the service account Temporal impersonates. Creates them, or uses existing ones by name.
 */
export class ExportSink extends Construct {
  public readonly sink: NamespaceExportSink;
  public readonly s3Bucket?: S3Bucket;
  public readonly s3BucketKey?: KmsKey;
  public readonly s3Role?: IamRole;
  public readonly s3RolePolicy?: IamRolePolicy;
  public readonly gcsBucket?: StorageBucket;
  public readonly gcsServiceAccount?: ServiceAccount;
  public readonly gcsImpersonationGrants: readonly ServiceAccountIamMember[];
  /** Bucket the history lands in. */
  public readonly bucketName: string;
  /** Bucket region (cloud provider's name, e.g. us-east-1). */
  public readonly bucketRegion: string;

  constructor(scope: Construct, id: string, props: ExportSinkProps) {
    super(scope, id);
    throwIfUnbuildable(this, !props.s3 === !props.gcs ? [["s3/gcs", "give exactly one export destination: s3 (AWS namespaces) or gcs (GCP namespaces)"]] : []);
    const problems = isToken(props.namespaceRegion)
      ? [["namespaceRegion", "is a token; give the region code itself (e.g. \"aws-us-east-1\"): it decides the cloud and the bucket's region at synth time"] as const]
      : onLiterals(props, validateExportSink(props));
    addProblems(this, problems);
    const namespaceRegion = (isToken(props.namespaceRegion) ? undefined : findRegion(props.namespaceRegion))?.region ?? "";
    const lifecycle = props.preventDestroy ?? true ? { preventDestroy: true } : undefined;
    const tags = tfStringMap(props.tags);
    const sinkName = tfString(props.sinkName);
    this.gcsImpersonationGrants = [];

    if (props.s3) {
      const s3 = props.s3;
      const provider = s3.provider;
      this.bucketName = tfString(s3.bucketName);
      this.bucketRegion = tfString(s3.region) ?? namespaceRegion;
      const bucketArn = `arn:aws:s3:::${fnString(s3.bucketName)}`;
      let kmsArn = tfString(s3.kmsKeyArn);
      if (s3.createBucket ?? true) {
        if (!kmsArn) {
          this.s3BucketKey = new KmsKey(this, "bucket-key", {
            provider,
            description: `Encrypts Temporal workflow history exports in ${this.bucketName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            tags,
            lifecycle,
          });
          kmsArn = this.s3BucketKey.arn;
        }
        this.s3Bucket = new S3Bucket(this, "bucket", { provider, bucket: this.bucketName, forceDestroy: false, tags, lifecycle });
        new S3BucketVersioningA(this, "versioning", { provider, bucket: this.s3Bucket.id, versioningConfiguration: { status: "Enabled" } });
        new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
          provider,
          bucket: this.s3Bucket.id,
          rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsArn }, bucketKeyEnabled: true }],
        });
        new S3BucketPublicAccessBlock(this, "public-access-block", {
          provider,
          bucket: this.s3Bucket.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        });
        new S3BucketOwnershipControls(this, "ownership", { provider, bucket: this.s3Bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
        new S3BucketPolicy(this, "tls-only", {
          provider,
          bucket: this.s3Bucket.id,
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
      }
      if (s3.createRole ?? true) {
        this.s3Role = new IamRole(this, "role", {
          provider,
          name: tfString(s3.roleName),
          description: `Temporal Cloud writes workflow history exports of ${sinkName} to ${this.bucketName}`,
          assumeRolePolicy: temporalTrustPolicy(s3.temporalPrincipal ?? NO_PRINCIPAL),
          maxSessionDuration: 3600,
          tags,
        });
        const statements: Record<string, unknown>[] = [
          { Sid: "WriteExports", Effect: "Allow", Action: ["s3:PutObject"], Resource: `${bucketArn}/*` },
          { Sid: "FindBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: bucketArn },
        ];
        const policyKmsArn = this.s3BucketKey ? this.s3BucketKey.arn : s3.kmsKeyArn && fnString(s3.kmsKeyArn);
        if (policyKmsArn) statements.push({ Sid: "EncryptExports", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: policyKmsArn });
        this.s3RolePolicy = new IamRolePolicy(this, "role-policy", {
          provider,
          role: this.s3Role.id,
          name: "temporal-export-write",
          policy: Fn.jsonencode({ Version: "2012-10-17", Statement: statements }),
        });
      }
      this.sink = new NamespaceExportSink(this, "sink", {
        provider: props.temporalProvider,
        namespace: tfString(props.namespaceId),
        sinkName,
        enabled: props.enabled ?? true,
        s3: {
          bucketName: this.s3Bucket ? this.s3Bucket.bucket : this.bucketName,
          region: this.bucketRegion,
          roleName: this.s3Role ? this.s3Role.name : tfString(s3.roleName),
          awsAccountId: tfString(s3.awsAccountId),
          kmsArn,
        },
        dependsOn: this.s3RolePolicy ? [this.s3RolePolicy] : undefined,
      });
    } else {
      const gcs = props.gcs as GcsExportDestination;
      const provider = gcs.provider;
      this.bucketName = tfString(gcs.bucketName);
      this.bucketRegion = tfString(gcs.region) ?? namespaceRegion;
      const project = tfString(gcs.project);
      if (gcs.createBucket ?? true) {
        this.gcsBucket = new StorageBucket(this, "bucket", {
          provider,
          project,
          name: this.bucketName,
          location: isToken(this.bucketRegion) ? Fn.upper(this.bucketRegion) : this.bucketRegion.toUpperCase(),
          uniformBucketLevelAccess: true,
          publicAccessPrevention: "enforced",
          versioning: { enabled: true },
          encryption: gcs.kmsKeyName ? { defaultKmsKeyName: tfString(gcs.kmsKeyName) } : undefined,
          forceDestroy: false,
          labels: tags,
          lifecycle,
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
        this.gcsServiceAccount = created.account;
        this.gcsImpersonationGrants = created.grants;
        serviceAccountEmail = created.account.email;
      }
      const bucket = this.gcsBucket ? this.gcsBucket.name : this.bucketName;
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
        dependsOn: [...grants, ...this.gcsImpersonationGrants],
      });
    }
  }
}

/** Stands in for a missing principal (already a validation problem) so the construct still builds. */
const NO_PRINCIPAL: TemporalAwsPrincipal = { principalArns: [] };

export { validateExportSink } from "../domain/sinks";
