// Terraform state backends with encryption and locking always on. State holds API-key tokens and
// private keys in plain text, so a remote backend is the only safe place for a pipeline's state.
import type { Construct } from "constructs";
import { Annotations, CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, type TerraformBackend } from "cdktf";

/** An S3 bucket, encrypted with KMS, locked with an S3 lock file or a DynamoDB table. */
export interface S3StateBackend {
  readonly bucket: string;
  /** @default "<stackName>/terraform.tfstate" */
  readonly key?: string;
  readonly region: string;
  /** KMS key that encrypts the state object (SSE-KMS). */
  readonly kmsKeyId: string;
  /** DynamoDB table for locking. @default none: an S3 lock file (Terraform ≥ 1.10) */
  readonly dynamodbTable?: string;
  /** @default ambient credentials */
  readonly roleArn?: string;
}

/** A GCS bucket with a customer-managed key. */
export interface GcsStateBackend {
  readonly bucket: string;
  /** @default stackName */
  readonly prefix?: string;
  /** Cloud KMS key (CMEK) for the state objects. */
  readonly kmsEncryptionKey: string;
  /** @default ambient credentials */
  readonly impersonateServiceAccount?: string;
}

/** HCP Terraform (or Terraform Enterprise) workspaces. */
export interface CloudStateBackend {
  readonly organization: string;
  /** One of workspace or workspaceTags. @default none */
  readonly workspace?: string;
  /** @default none */
  readonly workspaceTags?: string[];
  /** @default the organization's default project */
  readonly project?: string;
  /** @default "app.terraform.io" */
  readonly hostname?: string;
}

/** A local state file: development only (a warning says so). */
export interface LocalStateBackend {
  /** @default "terraform.<stackName>.tfstate" */
  readonly path?: string;
}

/** Where a stack keeps its state: exactly one of the four. */
export interface StateBackendProps {
  /** @default none */
  readonly s3?: S3StateBackend;
  /** @default none */
  readonly gcs?: GcsStateBackend;
  /** @default none */
  readonly cloud?: CloudStateBackend;
  /** @default none */
  readonly local?: LocalStateBackend;
}

export const LOCAL_STATE_WARNING =
  "Terraform state is kept in a local file: it holds API-key tokens and private keys unencrypted and is lost with the machine. Use it for development only; set backend (s3, gcs or cloud) for anything shared.";

/**
 * Adds the state backend to `stack`. Without props the stack keeps cdktf's local default and gets a
 * warning annotation; so does an explicit local backend.
 */
export function addStateBackend(stack: Construct, stackName: string, props?: StateBackendProps): TerraformBackend | undefined {
  const given = props ? (["s3", "gcs", "cloud", "local"] as const).filter((k) => props[k] !== undefined) : [];
  if (props && given.length !== 1) {
    Annotations.of(stack).addError(`state backend: ${given.length === 0 ? "none of s3, gcs, cloud or local is given" : `${given.join(" and ")} are given`}; give exactly one`);
    return undefined;
  }
  if (!props || props.local) {
    Annotations.of(stack).addWarning(LOCAL_STATE_WARNING);
    return props?.local ? new LocalBackend(stack, { path: props.local.path ?? `terraform.${stackName}.tfstate` }) : undefined;
  }
  if (props.s3) {
    const s3 = props.s3;
    const backend = new S3Backend(stack, {
      bucket: s3.bucket,
      key: s3.key ?? `${stackName}/terraform.tfstate`,
      region: s3.region,
      encrypt: true,
      kmsKeyId: s3.kmsKeyId,
      dynamodbTable: s3.dynamodbTable,
      assumeRole: s3.roleArn ? { roleArn: s3.roleArn } : undefined,
    });
    // cdktf 0.21's S3Backend has no typed field for Terraform 1.10's S3 lock file.
    if (s3.dynamodbTable === undefined) backend.addOverride("use_lockfile", true);
    return backend;
  }
  if (props.gcs) {
    return new GcsBackend(stack, {
      bucket: props.gcs.bucket,
      prefix: props.gcs.prefix ?? stackName,
      kmsEncryptionKey: props.gcs.kmsEncryptionKey,
      impersonateServiceAccount: props.gcs.impersonateServiceAccount,
    });
  }
  const cloud = props.cloud as CloudStateBackend;
  const workspaces = cloud.workspace !== undefined ? new NamedCloudWorkspace(cloud.workspace, cloud.project) : new TaggedCloudWorkspaces([...(cloud.workspaceTags ?? [])], cloud.project);
  return new CloudBackend(stack, { organization: cloud.organization, hostname: cloud.hostname, workspaces });
}
