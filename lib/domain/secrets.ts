// Where machine credentials (API-key tokens, client keys) are written: AWS Secrets Manager or GCP Secret Manager.

/** A secrets-manager target: `{ aws: { region } }` or `{ gcp: { project } }`. */
export type SecretTarget = AwsSecretTarget | GcpSecretTarget;

/** AWS Secrets Manager in one region. */
export interface AwsSecretTarget {
  readonly aws: AwsSecretLocation;
}

export interface AwsSecretLocation {
  readonly region: string;
  /** KMS key for the secret. @default the account's aws/secretsmanager key */
  readonly kmsKeyId?: string;
  /** @default "temporal/" */
  readonly namePrefix?: string;
}

/** GCP Secret Manager in one project. */
export interface GcpSecretTarget {
  readonly gcp: GcpSecretLocation;
}

export interface GcpSecretLocation {
  readonly project: string;
  /** @default automatic replication */
  readonly replicationLocations?: string[];
}

/** Prefix of secret names when the target gives none. */
export const DEFAULT_SECRET_PREFIX = "temporal/";

/** The name prefix secrets get in this target. */
export function secretPrefix(target: SecretTarget | undefined): string {
  return target && "aws" in target ? (target.aws.namePrefix ?? DEFAULT_SECRET_PREFIX) : DEFAULT_SECRET_PREFIX;
}
