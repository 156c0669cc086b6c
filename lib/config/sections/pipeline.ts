// The pipeline's own Temporal Cloud identity (rotation issue): the deploy service account and its rotating
// API key, written to the secrets manager the pipeline reads its credential from.
import { z } from "zod";
import { identifier, justification } from "./common";
import { apiKeyOptionsSchema } from "./api-keys";
import { secretsManagerSchema } from "./secrets";
import { workerIdentitySchema } from "./workers";

export const deployIdentitySchema = z.strictObject({
  serviceAccountName: identifier.optional().describe("Name of the deploy service account. @default <name>-deploy (name defaults to temporal-cloud)"),
  justification: justification
    .describe("Why the pipeline's identity holds the account admin role (required: only account admins create service accounts, users, groups and account settings, so TC-IAM-001 is suppressed for this one service account with this reason)."),
  reader: workerIdentitySchema.describe("The pipeline's cloud identity, the only one allowed to read the deploy key's secret (e.g. the role the deploy job assumes through OIDC)."),
  apiKey: apiKeyOptionsSchema.optional().describe("Rotation of the deploy key (same rules as a worker's key). @default 90-day keys, 7 days of overlap"),
  secretsManager: secretsManagerSchema.optional().describe("Where the deploy key goes. @default defaults.secretsManager"),
});

export const pipelineSchema = z.strictObject({
  deployIdentity: deployIdentitySchema.optional()
    .describe("Declare the pipeline's service account: its API key rotates like a worker's into <namePrefix>pipeline/deploy/api-key, where the deploy job reads `current`; the expiry watch reports it with the other keys."),
}).optional().describe("The deploy pipeline's own credentials.");

export type PipelineConfig = z.infer<typeof pipelineSchema>;
