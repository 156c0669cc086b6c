// A worker deployment: one machine identity, its permission, and where its credentials go.
import { z } from "zod";
import { identifier, justification } from "./common";
import { apiKeyOptionsSchema } from "./api-keys";
import { clientCertificateOptionsSchema } from "./mtls";

/** The cloud identity that may read the worker's secrets (nobody else may). */
export const workerIdentitySchema = z.strictObject({
  awsRoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, { error: (iss) => `${JSON.stringify(iss.input)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)` })
    .optional(),
  gcpServiceAccountEmail: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/, { error: (iss) => `${JSON.stringify(iss.input)} is not a GCP service account email (<name>@<project>.iam.gserviceaccount.com)` })
    .optional(),
});

export const workerSchema = z.strictObject({
  name: identifier.describe("Worker deployment name; unique within the namespace."),
  auth: z.enum(["apiKey", "mtls"]).optional().describe("@default the namespace's only auth method"),
  permission: z.enum(["read", "write", "admin"]).optional().describe("Namespace permission. @default write"),
  justification: justification.optional().describe("Required for admin permission."),
  serviceAccountName: z.string().min(1).optional().describe("@default <namespace>-<worker>"),
  identity: workerIdentitySchema.optional().describe("Cloud identity allowed to read this worker's secrets."),
  apiKey: apiKeyOptionsSchema.optional(),
  certificate: clientCertificateOptionsSchema.optional(),
});

export type WorkerConfig = z.infer<typeof workerSchema>;
