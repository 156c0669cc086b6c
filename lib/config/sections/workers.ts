// A worker deployment: one machine identity, its permission, and where its credentials go.
import { z } from "zod";
import { describeValue } from "../issues";
import { identifier, justification } from "./common";
import { apiKeyOptionsSchema } from "./api-keys";
import { clientCertificateOptionsSchema } from "./mtls";

/** The cloud identity that may read the worker's secrets (nobody else may). */
export const workerIdentitySchema = z.strictObject({
  awsRoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, { error: (iss) => `${describeValue(iss.input)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)` })
    .optional(),
  gcpServiceAccountEmail: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/, { error: (iss) => `${describeValue(iss.input)} is not a GCP service account email (<name>@<project>.iam.gserviceaccount.com)` })
    .optional(),
});

/** Explicit access to another namespace; makes the worker's service account account-level. */
export const crossNamespaceAccessSchema = z.strictObject({
  namespace: z.string().min(1).describe("Name of another namespace in this estate."),
  permission: z.enum(["read", "write"]).optional().describe("read or write; admin is never granted across namespaces. @default read"),
});

export const workerSchema = z.strictObject({
  name: identifier.describe("Worker deployment name; unique within the namespace."),
  auth: z.enum(["apiKey", "mtls"]).optional().describe("@default the namespace's only auth method"),
  permission: z.enum(["read", "write", "admin"]).optional().describe("Namespace permission: write for workers, read for observers, admin only with a justification. @default write"),
  justification: justification.optional().describe("Required for admin permission."),
  serviceAccountName: z.string().min(1).optional().describe("@default <namespace>-<worker>"),
  identity: workerIdentitySchema.optional().describe("Cloud identity allowed to read this worker's secrets."),
  crossNamespaceAccess: z.array(crossNamespaceAccessSchema).min(1, { error: "is an empty list; omit it for a namespace-scoped service account" }).optional()
    .describe("Other namespaces this worker needs; only then does it get an account-level service account (account role read, never admin)."),
  scope: z.enum(["namespace", "account"]).optional()
    .describe("The service account's scope, fixed when it is created: a deployed namespace-scoped account cannot become account-level, so choose account for a worker that will get crossNamespaceAccess later. @default account with crossNamespaceAccess, namespace without"),
  apiKey: apiKeyOptionsSchema.optional(),
  certificate: clientCertificateOptionsSchema.optional(),
  import: z.strictObject({
    serviceAccountId: z.string().min(1).describe("Id of the existing service account (Temporal Cloud UI or `tcld service-account list`)."),
  }).optional().describe("Adopt the worker's existing service account (a Terraform import block) instead of creating one. Its API keys cannot be imported: new ones are issued into the secret; delete the old ones once workers use it."),
});

export type WorkerConfig = z.infer<typeof workerSchema>;
