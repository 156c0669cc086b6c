import { Construct } from "constructs";
import { Fn, type TerraformResource } from "cdktf";
import { replaceTriggers } from "./replace-triggers";
import { fnString, isToken, tfString, tfStringMap } from "./tokens";
import { interpolate, literalExpression } from "./expressions";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecretsmanagerSecret } from "./peers/aws";
import { SecretsmanagerSecretPolicy } from "./peers/aws";
import { SecretsmanagerSecretVersion } from "./peers/aws";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { SecretManagerSecret } from "./peers/gcp";
import { SecretManagerSecretIamMember } from "./peers/gcp";
import { SecretManagerSecretVersion } from "./peers/gcp";
import type { SecretTarget } from "../domain/secrets";
import { addProblems } from "./errors";

/** The one cloud identity allowed to read the secret. */
export interface SecretReader {
  /** AWS: IAM role ARN of the worker. */
  readonly awsRoleArn?: string;
  /** GCP: service account email of the worker. */
  readonly gcpServiceAccountEmail?: string;
}

export interface WorkerSecretProps {
  /** Secret name (AWS) or secret id (GCP, `/` replaced by `-`), e.g. `temporal/payments-prod/charger/api-key`. */
  readonly secretName: string;
  /** Where to store it: `{ aws: { region } }` or `{ gcp: { project } }`. */
  readonly target: SecretTarget;
  /** The only identity granted read access. */
  readonly reader: SecretReader;
  /** The secret payload; usually a token reference (e.g. `Fn.jsonencode({...})` of sensitive attributes). */
  readonly value: string;
  /**
   * Description shown in the secrets manager.
   * @default "Temporal Cloud credential managed by temporal-cloud-guardrails"
   */
  readonly description?: string;
  /**
   * Days AWS keeps a deleted secret recoverable.
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /**
   * Resources whose replacement changes the value (the keys or certificate it holds): their replacement
   * replaces the AWS secret version in the same plan. aws 6 replaces a version whose `secret_string`
   * changes, but decides so only once the value is known; a value that is unknown in the plan (a key
   * created in the same apply) plans an update, and the apply then fails with "Provider produced
   * inconsistent final plan" (found with aws 6.47.1 in the e2e suite). @default none
   */
  readonly valueSources?: TerraformResource[];
  /** AWS provider for the secret's region. @default the stack's default AWS provider */
  readonly awsProvider?: AwsProvider;
  /** Google provider for the project. @default the stack's default Google provider */
  readonly googleProvider?: GoogleProvider;
  /** Labels / tags on the secret. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A credential written straight into AWS Secrets Manager or GCP Secret Manager, readable only by one
 * workload identity. The value never appears in outputs; Terraform state still holds it, so the state
 * backend must be encrypted.
 */
export class WorkerSecret extends Construct {
  public readonly awsSecret?: SecretsmanagerSecret;
  public readonly awsSecretVersion?: SecretsmanagerSecretVersion;
  public readonly awsSecretPolicy?: SecretsmanagerSecretPolicy;
  public readonly gcpSecret?: SecretManagerSecret;
  public readonly gcpSecretVersion?: SecretManagerSecretVersion;
  public readonly gcpReaderBinding?: SecretManagerSecretIamMember;

  constructor(scope: Construct, id: string, props: WorkerSecretProps) {
    super(scope, id);
    const description = props.description ?? "Temporal Cloud credential managed by temporal-cloud-guardrails";
    if ("aws" in props.target) {
      addProblems(this, props.reader.awsRoleArn ? [] : [["reader.awsRoleArn", "is required for an AWS Secrets Manager secret; give the IAM role ARN of the worker that reads it"]]);
      const aws = this.createAwsSecret(props, props.target, description);
      this.awsSecret = aws.secret;
      this.awsSecretVersion = aws.version;
      this.awsSecretPolicy = aws.policy;
    } else {
      addProblems(this, props.reader.gcpServiceAccountEmail ? [] : [["reader.gcpServiceAccountEmail", "is required for a GCP Secret Manager secret; give the service account email of the worker that reads it"]]);
      const gcp = this.createGcpSecret(props, props.target, description);
      this.gcpSecret = gcp.secret;
      this.gcpSecretVersion = gcp.version;
      this.gcpReaderBinding = gcp.reader;
    }
  }

  /** Secret ARN (AWS) or resource id `projects/<p>/secrets/<id>` (GCP). A getter: every read makes a token. */
  public get secretRef(): string {
    return this.awsSecret ? this.awsSecret.arn : (this.gcpSecret as SecretManagerSecret).id;
  }

  /** The secret, its value, and a policy letting only the worker's role read it. */
  private createAwsSecret(props: WorkerSecretProps, target: Extract<SecretTarget, { aws: unknown }>, description: string) {
    // Written on each resource (aws 6 per-resource region): without it the secret lands in whatever region
    // the provider has, which a standalone construct cannot know is the target's.
    const region = tfString(target.aws.region);
    const secret = new SecretsmanagerSecret(this, "secret", {
      provider: props.awsProvider,
      region,
      name: tfString(props.secretName),
      description: tfString(description),
      kmsKeyId: tfString(target.aws.kmsKeyId),
      recoveryWindowInDays: props.recoveryWindowInDays ?? 30,
      tags: tfStringMap(props.tags),
    });
    // A changed value replaces the version (aws 6). The new version is written first and becomes
    // AWSCURRENT, then the old one loses its label, so the secret always has a current value. The value's
    // sources trigger the replacement in the plan itself (see valueSources).
    const sources = props.valueSources ?? [];
    const version = new SecretsmanagerSecretVersion(this, "version", {
      provider: props.awsProvider,
      region,
      secretId: secret.id,
      secretString: props.value,
      lifecycle: { createBeforeDestroy: true, ...(sources.length > 0 ? { replaceTriggeredBy: replaceTriggers(...sources) } : {}) },
    });
    const policy = new SecretsmanagerSecretPolicy(this, "policy", {
      provider: props.awsProvider,
      region,
      secretArn: secret.arn,
      blockPublicPolicy: true,
      policy: readPolicy(props.reader.awsRoleArn ?? ""),
    });
    return { secret, version, policy };
  }

  /** The secret, its value, and secretAccessor for the worker's service account only. */
  private createGcpSecret(props: WorkerSecretProps, target: Extract<SecretTarget, { gcp: unknown }>, description: string) {
    const locations = target.gcp.replicationLocations;
    const secret = new SecretManagerSecret(this, "secret", {
      provider: props.googleProvider,
      project: tfString(target.gcp.project),
      secretId: gcpSecretId(props.secretName),
      labels: props.tags ? sanitizeLabels(props.tags) : undefined,
      annotations: { description: tfString(description) },
      replication: locations && locations.length > 0
        ? { userManaged: { replicas: locations.map((location) => ({ location: tfString(location) })) } }
        : { auto: {} },
    });
    const version = new SecretManagerSecretVersion(this, "version", {
      provider: props.googleProvider,
      secret: secret.id,
      secretData: props.value,
      // A changed value replaces the version; creating the new one first means the secret always has an
      // enabled version (destroy-then-create leaves it without one for a few seconds).
      lifecycle: { createBeforeDestroy: true },
    });
    const reader = new SecretManagerSecretIamMember(this, "reader", {
      provider: props.googleProvider,
      project: tfString(target.gcp.project),
      secretId: secret.secretId,
      role: "roles/secretmanager.secretAccessor",
      member: tfString(`serviceAccount:${props.reader.gcpServiceAccountEmail}`),
    });
    return { secret, version, reader };
  }
}

/** GCP secret ids allow letters, digits, `_` and `-`; a token is cleaned by Terraform at plan time. */
function gcpSecretId(secretName: string): string {
  return isToken(secretName) ? Fn.replace(secretName, "/[^A-Za-z0-9_-]/", "-") : secretName.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** The secret's resource policy: only `roleArn` reads it. */
function readPolicy(roleArn: string): string {
  const policy = (arn: string) => ({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WorkerReads",
        Effect: "Allow",
        Principal: { AWS: arn },
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: "*",
      },
      {
        Sid: "NobodyElseReads",
        Effect: "Deny",
        Principal: "*",
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:PrincipalArn": arn } },
      },
    ],
  });
  // One per worker secret: a literal ARN is written as finished text; a token ARN goes through cdktf.
  const literal = literalExpression(policy(roleArn));
  return literal !== undefined ? interpolate(`jsonencode(${literal})`) : Fn.jsonencode(policy(fnString(roleArn)));
}

/** GCP labels allow lowercase letters, digits, `_` and `-`, at most 63 characters. */
function sanitizeLabels(tags: Readonly<Record<string, string>>): Record<string, string> {
  const clean = (s: string) => (isToken(s) ? s : s.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63));
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [clean(k), clean(v)]));
}
