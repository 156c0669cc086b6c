// Where machine credentials (API-key tokens, client keys) are written: AWS Secrets Manager or GCP Secret Manager.
import { z } from "zod";
import { describeValue } from "../issues";
import { secretNamePrefixProblem } from "../../domain/cloud-names";
import { ruleString } from "./common";

export const secretsManagerSchema = z.union([
  z.strictObject({
    aws: z.strictObject({
      region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: (iss) => `${describeValue(iss.input)} is not an AWS region name (e.g. us-east-1)` }),
      kmsKeyId: z.string().optional().describe("KMS key for the secrets. @default the account's aws/secretsmanager key"),
      namePrefix: ruleString(secretNamePrefixProblem).optional().describe("@default temporal/"),
    }),
  }),
  z.strictObject({
    gcp: z.strictObject({
      project: z.string().min(1),
      replicationLocations: z.array(z.string()).optional().describe("User-managed replica locations. @default automatic replication"),
    }),
  }),
], { error: "must be { aws: { region } } or { gcp: { project } }" });

export type SecretsManagerConfig = z.infer<typeof secretsManagerSchema>;
