// Terraform state backend (pipelines issue). Terraform state holds API-key tokens and generated private
// keys in plain text, so every remote choice is encrypted with a customer-managed key and locked.
import { z } from "zod";
import { describeValue } from "../issues";
import { ruleString } from "./common";
import { EDITOR_PATTERNS, gcsBucketNameProblem, s3BucketNameProblem } from "../../domain/cloud-names";

const s3BackendSchema = z.strictObject({
  type: z.literal("s3"),
  bucket: ruleString(s3BucketNameProblem, EDITOR_PATTERNS.s3Bucket).describe("S3 bucket holding the state (versioning and public-access block recommended)."),
  key: z.string().min(1).optional().describe("Object key of the state file. @default <stack name>/terraform.tfstate"),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: (iss) => `${describeValue(iss.input)} is not an AWS region; write e.g. us-east-1` })
    .describe("AWS region of the bucket, e.g. us-east-1."),
  kmsKeyId: z.string().regex(/^(arn:aws[a-z-]*:kms:|alias\/|[0-9a-f-]{36}$)/, {
    error: (iss) => `${describeValue(iss.input)} is not a KMS key id, alias/<name> or key ARN; state holds secrets and is encrypted with a customer-managed KMS key`,
  }).describe("KMS key (ARN, id or alias/<name>) that encrypts the state object (SSE-KMS)."),
  locking: z
    .union([
      z.literal("s3-native").describe("S3 conditional-write lock file (use_lockfile, Terraform ≥ 1.10)."),
      z.strictObject({ dynamodbTable: z.string().min(3).describe("DynamoDB table with a LockID string hash key.") }),
    ])
    .optional()
    .describe("State locking: \"s3-native\" or { dynamodbTable }. @default s3-native"),
  roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\//, { error: (iss) => `${describeValue(iss.input)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)` }).optional()
    .describe("IAM role the pipeline assumes to reach the state bucket. @default the ambient credentials"),
});

const gcsBackendSchema = z.strictObject({
  type: z.literal("gcs"),
  bucket: ruleString(gcsBucketNameProblem, EDITOR_PATTERNS.gcsBucket).describe("GCS bucket holding the state (object versioning recommended)."),
  prefix: z.string().min(1).optional().describe("Folder of the state inside the bucket. @default <stack name>"),
  kmsEncryptionKey: z.string().regex(/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/, {
    error: (iss) => `${describeValue(iss.input)} is not a Cloud KMS key name; write projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k> (state holds secrets and is encrypted with a customer-managed key)`,
  }).describe("Cloud KMS key (CMEK) that encrypts the state objects."),
  impersonateServiceAccount: z.string().email({ error: (iss) => `${describeValue(iss.input)} is not a service account e-mail` }).optional()
    .describe("Service account the pipeline impersonates to reach the bucket. @default the ambient credentials"),
});

const cloudBackendSchema = z
  .strictObject({
    type: z.literal("cloud"),
    organization: z.string().min(1).describe("HCP Terraform / Terraform Cloud (or Enterprise) organization."),
    workspace: z.string().min(1).optional().describe("Name of the one workspace this stack uses."),
    workspaceTags: z.array(z.string().min(1)).min(1).optional().describe("Tags selecting the workspaces (instead of workspace)."),
    project: z.string().min(1).optional().describe("HCP Terraform project of the workspace(s). @default the organization's default project"),
    hostname: z.string().min(1).optional().describe("Host of Terraform Enterprise. @default app.terraform.io"),
  })
  .superRefine((value, ctx) => {
    if ((value.workspace === undefined) === (value.workspaceTags === undefined)) {
      ctx.addIssue({ code: "custom", path: ["workspace"], message: "give exactly one of workspace (a name) or workspaceTags; the token comes from TF_TOKEN_<host> or terraform login, never from the config" });
    }
  });

const localBackendSchema = z.strictObject({
  type: z.literal("local"),
  path: z.string().min(1).optional().describe("State file path. @default terraform.<stack name>.tfstate"),
});

const typeOf = (input: unknown) => (input !== null && typeof input === "object" ? (input as { type?: unknown }).type : input);

export const backendSchema = z
  .discriminatedUnion("type", [s3BackendSchema, gcsBackendSchema, cloudBackendSchema, localBackendSchema], {
    error: (iss) => (iss.code === "invalid_union" ? (typeOf(iss.input) === undefined ? "type is required; " : `${describeValue(typeOf(iss.input))} is not a backend type; `) + `type must be one of "s3", "gcs", "cloud" or "local"` : undefined),
  })
  .optional()
  .describe("Terraform state backend. Local state is for development only (state holds secrets). @default local (with a warning)");

export type BackendConfig = z.infer<typeof backendSchema>;
export type S3BackendConfigSpec = z.infer<typeof s3BackendSchema>;
export type GcsBackendConfigSpec = z.infer<typeof gcsBackendSchema>;
export type CloudBackendConfigSpec = z.infer<typeof cloudBackendSchema>;
