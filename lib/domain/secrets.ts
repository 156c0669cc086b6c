// Where machine credentials (API-key tokens, client keys) are written: AWS Secrets Manager or GCP Secret Manager.

/** A secrets-manager target: `{ aws: { region } }` or `{ gcp: { project } }`. */
export type SecretTarget =
  | { readonly aws: { readonly region: string; readonly kmsKeyId?: string; readonly namePrefix?: string } }
  | { readonly gcp: { readonly project: string; readonly replicationLocations?: readonly string[] } };

/** Prefix of secret names when the target gives none. */
export const DEFAULT_SECRET_PREFIX = "temporal/";

/** The name prefix secrets get in this target. */
export function secretPrefix(target: SecretTarget | undefined): string {
  return target && "aws" in target ? (target.aws.namePrefix ?? DEFAULT_SECRET_PREFIX) : DEFAULT_SECRET_PREFIX;
}
