import { Construct } from "constructs";
import { Fn, Op, Token } from "cdktf";
import { fnString, isToken, tfString, tfStringMap } from "./tokens";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "./peers/aws";
import { KmsAlias } from "./peers/aws";
import { KmsReplicaKey } from "./peers/aws";
import { DataAwsCallerIdentity } from "./peers/aws";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { KmsKeyRing } from "./peers/gcp";
import { KmsCryptoKey } from "./peers/gcp";
import { KmsCryptoKeyIamMember } from "./peers/gcp";
import { addProblems, throwIfUnbuildable } from "./errors";
import { Cloud } from "../domain/regions";

/** Tag (AWS) / label (GCP) on every payload key and replica: compliance rules find payload keys by it. */
export const PAYLOAD_KEY_TAG = { "temporal-key-use": "payload-codec" } as const;

/** The longest deletion window AWS KMS allows (days). */
export { MAX_KMS_DELETION_WINDOW_DAYS } from "../domain/limits";
import { MAX_KMS_DELETION_WINDOW_DAYS } from "../domain/limits";
/** Default automatic rotation period of a GCP key (days). */
export const DEFAULT_GCP_KEY_ROTATION_DAYS = 90;

/** Actions a codec needs: envelope encryption with data keys. Nothing administrative. */
export const KMS_CODEC_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"] as const;

/** Administrative actions kept for the key's own account, so the key stays manageable; no data use. */
const KMS_ADMIN_ACTIONS = [
  "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
  "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
  "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
] as const;

/** A region where an HA namespace's workers (or codec server) also decrypt: it gets a replica of the key. */
export interface AwsPayloadKeyReplica {
  /** AWS region name, e.g. `us-west-2`. */
  readonly region: string;
  /** Provider for that region. @default the key's provider, with `region` set on the resources */
  readonly provider?: AwsProvider;
}

export interface AwsPayloadKeyOptions {
  /**
   * AWS region of the key, written on the resources (`region`) so reviews and rules can see it.
   * @default the provider's region (not written)
   */
  readonly region?: string;
  /**
   * Replica regions: the key becomes a multi-Region key (`multi_region`) with an `aws_kms_replica_key` and
   * the same alias in each, so payloads stay decryptable after a failover to that region. Turning this on
   * for an existing single-Region key replaces it (AWS cannot convert a key), so decide it at creation.
   * @default none (a single-Region key)
   */
  readonly replicas?: AwsPayloadKeyReplica[];
  /**
   * Alias of the key.
   * @default alias/temporal/<namespaceName>/payloads
   */
  readonly aliasName?: string;
  /**
   * Days a deleted key can still be recovered (7–30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * Principals that administer the key (no encrypt/decrypt).
   * @default the account root of the deploying account (so IAM policies decide who administers)
   */
  readonly adminPrincipalArns?: string[];
  /** Provider for the key's region. @default the stack's default AWS provider */
  readonly provider?: AwsProvider;
}

export interface GcpPayloadKeyOptions {
  readonly project: string;
  /** KMS location, e.g. `us-central1` or `global`. */
  readonly location: string;
  /**
   * Key ring name.
   * @default temporal-<namespaceName>
   */
  readonly keyRingName?: string;
  /**
   * Automatic rotation period in days.
   * @default 90
   */
  readonly rotationDays?: number;
  /** Provider for the project. @default the stack's default Google provider */
  readonly provider?: GoogleProvider;
}

export interface PayloadEncryptionKeyProps {
  /** Namespace whose payloads this key protects (used in names and descriptions). */
  readonly namespaceName: string;
  /** Create the key in AWS KMS. Give exactly one of `aws` or `gcp`. @default none */
  readonly aws?: AwsPayloadKeyOptions;
  /** Create the key in GCP Cloud KMS. Give exactly one of `aws` or `gcp`. @default none */
  readonly gcp?: GcpPayloadKeyOptions;
  /**
   * AWS: IAM role ARNs (workers, codec server) allowed to encrypt and decrypt. Nobody else gets data access.
   * @default none — at least one grantee is required
   */
  readonly awsRoleArns?: string[];
  /**
   * GCP: service account emails (workers, codec server) given `roles/cloudkms.cryptoKeyEncrypterDecrypter`.
   * @default none — at least one grantee is required
   */
  readonly gcpServiceAccountEmails?: string[];
  /**
   * Terraform `prevent_destroy` on the key (and the key ring).
   * @default true
   */
  readonly preventDestroy?: boolean;
  /** Tags / labels on the key. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * One customer-managed key per namespace for the SDK payload codec and failure converter, usable only by that
 * namespace's workers and codec server. AWS: `aws_kms_key` (rotation on) + alias + a key policy; GCP: key ring
 * + crypto key with a rotation period + encrypter/decrypter IAM members.
 */
export class PayloadEncryptionKey extends Construct {
  public readonly awsKey?: KmsKey;
  public readonly awsAlias?: KmsAlias;
  /** Replica keys, one per `aws.replicas` region. */
  public readonly awsReplicaKeys: KmsReplicaKey[];
  /** The alias in each replica region, pointing at that region's replica. */
  public readonly awsReplicaAliases: KmsAlias[];
  public readonly gcpKeyRing?: KmsKeyRing;
  public readonly gcpKey?: KmsCryptoKey;
  public readonly gcpGrants: KmsCryptoKeyIamMember[];
  /** Key id for worker config: the AWS key ARN or the GCP crypto key id (`projects/.../cryptoKeys/...`). */
  public readonly keyId: string;
  /** AWS alias name, when on AWS. */
  public readonly aliasName?: string;
  /** The cloud whose KMS holds the key: `Cloud.AWS` or `Cloud.GCP`. */
  public readonly cloud: Cloud;

  constructor(scope: Construct, id: string, props: PayloadEncryptionKeyProps) {
    super(scope, id);
    throwIfUnbuildable(this, !props.aws === !props.gcp ? [["aws/gcp", "give exactly one of aws or gcp, the cloud whose KMS holds the key"]] : []);
    addProblems(this, validate(props));
    const preventDestroy = props.preventDestroy ?? true;
    const lifecycle = preventDestroy ? { preventDestroy: true } : undefined;
    const description = tfString(`Temporal payload codec key for namespace ${props.namespaceName}`);

    if (props.aws) {
      this.cloud = Cloud.AWS;
      const aws = createAwsKey(this, props, props.aws, description, lifecycle);
      this.awsKey = aws.key;
      this.awsAlias = aws.alias;
      this.aliasName = aws.aliasName;
      this.awsReplicaKeys = aws.replicaKeys;
      this.awsReplicaAliases = aws.replicaAliases;
      this.keyId = aws.key.arn;
      this.gcpGrants = [];
    } else {
      this.cloud = Cloud.GCP;
      const gcp = createGcpKey(this, props, props.gcp as GcpPayloadKeyOptions, lifecycle);
      this.gcpKeyRing = gcp.keyRing;
      this.gcpKey = gcp.key;
      this.gcpGrants = gcp.grants;
      this.keyId = gcp.key.id;
      this.awsReplicaKeys = [];
      this.awsReplicaAliases = [];
    }
  }
}

type KeyLifecycle = { preventDestroy: boolean } | undefined;

/** AWS: a rotating KMS key whose policy gives data use to the grantees only, its alias, and a replica key + alias per replica region (multi-Region key). */
function createAwsKey(scope: Construct, props: PayloadEncryptionKeyProps, aws: AwsPayloadKeyOptions, description: string, lifecycle: KeyLifecycle) {
  const provider = aws.provider;
  // Default admin is the account root: IAM policies in that account decide who administers the key.
  let admins: string[];
  if (aws.adminPrincipalArns && aws.adminPrincipalArns.length > 0) admins = aws.adminPrincipalArns.map(fnString);
  else {
    const caller = new DataAwsCallerIdentity(scope, "caller", { provider });
    // The partition (aws, aws-us-gov, aws-cn) is the second field of the caller's ARN.
    admins = [`arn:${Fn.element(Fn.split(":", caller.arn), 1)}:iam::${caller.accountId}:root`];
  }
  // One replica per region (a repeated region is a validation problem, not a construct-id clash).
  const replicas = [...new Map((aws.replicas ?? []).map((r) => [r.region, r])).values()];
  const deletionWindowInDays = aws.deletionWindowDays ?? MAX_KMS_DELETION_WINDOW_DAYS;
  const policy = Fn.jsonencode({
    Version: "2012-10-17",
    Statement: [
      { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: admins }, Action: [...KMS_ADMIN_ACTIONS], Resource: "*" },
      { Sid: "PayloadCodecUse", Effect: "Allow", Principal: { AWS: (props.awsRoleArns ?? []).map(fnString) }, Action: [...KMS_CODEC_ACTIONS], Resource: "*" },
    ],
  });
  const tags = tfStringMap({ ...props.tags, ...PAYLOAD_KEY_TAG });
  const key = new KmsKey(scope, "key", {
    provider,
    region: aws.region,
    description,
    enableKeyRotation: true,
    deletionWindowInDays,
    keyUsage: "ENCRYPT_DECRYPT",
    multiRegion: replicas.length > 0 ? true : undefined,
    policy,
    tags,
    lifecycle,
  });
  const aliasName = tfString(aws.aliasName ?? `alias/temporal/${props.namespaceName}/payloads`);
  const alias = new KmsAlias(scope, "alias", { provider, region: aws.region, name: aliasName, targetKeyId: key.keyId });
  // A replica shares the key material and id (mrk-…) but has its own key policy, so it gets the same one.
  const replicaKeys = replicas.map((r) => new KmsReplicaKey(scope, `replica-${r.region}`, {
    provider: r.provider ?? provider,
    region: r.region,
    primaryKeyArn: key.arn,
    description: `${description} (replica for failover to ${r.region})`,
    deletionWindowInDays,
    policy,
    tags,
    lifecycle,
  }));
  const replicaAliases = replicaKeys.map((replica, i) => new KmsAlias(scope, `alias-${replicas[i].region}`, {
    provider: replicas[i].provider ?? provider,
    region: replicas[i].region,
    name: aliasName,
    targetKeyId: replica.keyId,
  }));
  return { key, alias, aliasName, replicaKeys, replicaAliases };
}

/** GCP: a key ring, a crypto key with a rotation period, and encrypter/decrypter grants to the grantees. */
function createGcpKey(scope: Construct, props: PayloadEncryptionKeyProps, gcp: GcpPayloadKeyOptions, lifecycle: KeyLifecycle) {
  const provider = gcp.provider;
  const keyRing = new KmsKeyRing(scope, "key-ring", {
    provider,
    project: tfString(gcp.project),
    location: tfString(gcp.location),
    name: tfString(gcp.keyRingName ?? `temporal-${props.namespaceName}`),
    lifecycle,
  });
  const key = new KmsCryptoKey(scope, "key", {
    provider,
    keyRing: keyRing.id,
    name: "payloads",
    purpose: "ENCRYPT_DECRYPT",
    rotationPeriod: rotationPeriod(gcp.rotationDays ?? DEFAULT_GCP_KEY_ROTATION_DAYS),
    labels: sanitizeLabels({ ...props.tags, ...PAYLOAD_KEY_TAG }),
    lifecycle,
  });
  const grants = (props.gcpServiceAccountEmails ?? []).map((email, i) =>
    new KmsCryptoKeyIamMember(scope, `grant-${i}`, {
      provider,
      cryptoKeyId: key.id,
      role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      member: tfString(`serviceAccount:${email}`),
    }),
  );
  return { keyRing, key, grants };
}

function validate(props: PayloadEncryptionKeyProps): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (!props.aws === !props.gcp) {
    problems.push(["aws/gcp", "give exactly one of aws or gcp, the cloud whose KMS holds the key"]);
    return problems;
  }
  if (props.aws) {
    const days = props.aws.deletionWindowDays;
    if (days !== undefined && !isToken(days) && (!Number.isInteger(days) || days < 7 || days > MAX_KMS_DELETION_WINDOW_DAYS)) {
      problems.push(["aws.deletionWindowDays", `${days} is outside AWS KMS's range of 7 to 30 days`]);
    }
    const replicaRegions = (props.aws.replicas ?? []).map((r) => r.region);
    replicaRegions.forEach((region, i) => {
      if (Token.isUnresolved(region)) return;
      if (region === props.aws?.region) problems.push([`aws.replicas[${i}].region`, `"${region}" is the key's own region; list only the other regions that need the key`]);
      else if (replicaRegions.indexOf(region) !== i) problems.push([`aws.replicas[${i}].region`, `"${region}" is listed twice; one replica per region`]);
    });
    if (!isToken(props.awsRoleArns) && (props.awsRoleArns ?? []).length === 0) {
      problems.push(["awsRoleArns", "is empty: the key would grant encrypt/decrypt to nobody; give the worker and codec server IAM role ARNs"]);
    }
    if (!isToken(props.awsRoleArns)) (props.awsRoleArns ?? []).forEach((arn, i) => {
      if (!Token.isUnresolved(arn) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(arn)) {
        problems.push([`awsRoleArns[${i}]`, `"${arn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`]);
      }
    });
  }
  if (props.gcp) {
    const days = props.gcp.rotationDays;
    if (days !== undefined && !isToken(days) && (!Number.isInteger(days) || days < 1 || days > 365)) {
      problems.push(["gcp.rotationDays", `${days} is not a whole number of days from 1 to 365`]);
    }
    if (!isToken(props.gcpServiceAccountEmails) && (props.gcpServiceAccountEmails ?? []).length === 0) {
      problems.push(["gcpServiceAccountEmails", "is empty: the key would grant encrypt/decrypt to nobody; give the worker and codec server service account emails"]);
    }
  }
  return problems;
}

/** Cloud KMS takes the period in seconds (`7776000s`); a token number of days is multiplied by Terraform. */
function rotationPeriod(days: number): string {
  return isToken(days) ? `${Token.asString(Op.mul(days, 86400))}s` : `${days * 86400}s`;
}

/** GCP labels allow lowercase letters, digits, `_` and `-`, at most 63 characters. */
export function sanitizeLabels(tags: Readonly<Record<string, string>>): Record<string, string> {
  const clean = (s: string) => isToken(s) ? s : s.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63);
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [clean(k), clean(v)]));
}
