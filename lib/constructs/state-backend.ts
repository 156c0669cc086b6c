// Terraform state backends with encryption and locking always on. State holds API-key tokens and
// private keys in plain text, so a remote backend is the only safe place for a pipeline's state.
import type { Construct } from "constructs";
import { Annotations, CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, type TerraformBackend } from "cdktf";

export type StateBackendProps =
  | {
      readonly type: "s3";
      readonly bucket: string;
      /** @default "<stackName>/terraform.tfstate" */
      readonly key?: string;
      readonly region: string;
      /** KMS key that encrypts the state object (SSE-KMS). */
      readonly kmsKeyId: string;
      /** @default "s3-native" (an S3 lock file, Terraform ≥ 1.10) */
      readonly locking?: "s3-native" | { readonly dynamodbTable: string };
      /** @default ambient credentials */
      readonly roleArn?: string;
    }
  | {
      readonly type: "gcs";
      readonly bucket: string;
      /** @default stackName */
      readonly prefix?: string;
      /** Cloud KMS key (CMEK) for the state objects. */
      readonly kmsEncryptionKey: string;
      /** @default ambient credentials */
      readonly impersonateServiceAccount?: string;
    }
  | {
      readonly type: "cloud";
      readonly organization: string;
      /** One of workspace or workspaceTags. */
      readonly workspace?: string;
      readonly workspaceTags?: readonly string[];
      /** @default the organization's default project */
      readonly project?: string;
      /** @default "app.terraform.io" */
      readonly hostname?: string;
    }
  | {
      readonly type: "local";
      /** @default "terraform.<stackName>.tfstate" */
      readonly path?: string;
    };

export const LOCAL_STATE_WARNING =
  "Terraform state is kept in a local file: it holds API-key tokens and private keys unencrypted and is lost with the machine. Use it for development only; set backend (s3, gcs or cloud) for anything shared.";

/**
 * Adds the state backend to `stack`. Without props the stack keeps cdktf's local default and gets a
 * warning annotation; so does an explicit local backend.
 */
export function addStateBackend(stack: Construct, stackName: string, props?: StateBackendProps): TerraformBackend | undefined {
  if (!props || props.type === "local") {
    Annotations.of(stack).addWarning(LOCAL_STATE_WARNING);
    return props ? new LocalBackend(stack, { path: props.path ?? `terraform.${stackName}.tfstate` }) : undefined;
  }
  switch (props.type) {
    case "s3": {
      const locking = props.locking ?? "s3-native";
      const backend = new S3Backend(stack, {
        bucket: props.bucket,
        key: props.key ?? `${stackName}/terraform.tfstate`,
        region: props.region,
        encrypt: true,
        kmsKeyId: props.kmsKeyId,
        dynamodbTable: locking === "s3-native" ? undefined : locking.dynamodbTable,
        assumeRole: props.roleArn ? { roleArn: props.roleArn } : undefined,
      });
      // cdktf 0.21's S3Backend has no typed field for Terraform 1.10's S3 lock file.
      if (locking === "s3-native") backend.addOverride("use_lockfile", true);
      return backend;
    }
    case "gcs":
      return new GcsBackend(stack, {
        bucket: props.bucket,
        prefix: props.prefix ?? stackName,
        kmsEncryptionKey: props.kmsEncryptionKey,
        impersonateServiceAccount: props.impersonateServiceAccount,
      });
    case "cloud": {
      const workspaces = props.workspace !== undefined ? new NamedCloudWorkspace(props.workspace, props.project) : new TaggedCloudWorkspaces([...(props.workspaceTags ?? [])], props.project);
      return new CloudBackend(stack, { organization: props.organization, hostname: props.hostname, workspaces });
    }
  }
}
