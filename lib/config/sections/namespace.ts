// The per-namespace section: name, environment, regions, auth, retention and the namespace's own settings.
import { z } from "zod";
import { describeValue } from "../issues";
import { ENVIRONMENTS } from "../../domain/environments";
import {
  checkCertificateFilters,
  checkCodecServer,
  checkNamespaceName,
  checkRetentionDays,
  checkSearchAttributeNamesAndCounts,
  checkTags,
  SEARCH_ATTRIBUTE_TYPES,
  searchAttributeTypeMessage,
} from "../../domain/namespace-rules";
import { justification, regionCode, withRule } from "./common";
import { mtlsAuthSchema } from "./mtls";
import { workerSchema } from "./workers";
import { connectivitySchema } from "./connectivity";
import { haSchema } from "./ha";
import { encryptionSchema, exportSchema } from "./data-protection";
import { suppressionSchema } from "./policy";
import { secretsManagerSchema } from "./secrets";

const isPlainObject = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);

export const certificateFilterSchema = z.strictObject({
  commonName: z.string().optional(),
  organization: z.string().optional(),
  organizationalUnit: z.string().optional(),
  subjectAlternativeName: z.string().optional(),
});

export const codecServerSchema = z
  .strictObject({
    endpoint: z.string().describe("https:// URL of the codec server"),
    passAccessToken: z.boolean().optional().describe("Send the user's Temporal Cloud access token to the codec server. @default true"),
    includeCrossOriginCredentials: z.boolean().optional().describe("@default false"),
    customErrorMessage: z.string().optional(),
    customErrorLink: z.string().optional(),
  })
  .superRefine(withRule((codec) => checkCodecServer(codec), "codecServer"));

export const authSchema = z
  .strictObject({
    apiKey: z.boolean().optional().describe("Enable API-key authentication on the namespace. @default false"),
    mtls: mtlsAuthSchema.optional(),
  })
  .describe("How clients authenticate; at least one of apiKey or mtls.");

export const namespaceSchema = z
  .strictObject({
    name: z.string().superRefine(withRule(checkNamespaceName, "name")),
    environment: z.enum(ENVIRONMENTS, {
      error: (iss) => `${describeValue(iss.input)} is not an environment; use one of ${ENVIRONMENTS.join(", ")}`,
    }),
    regions: z
      .array(regionCode)
      .min(1, { error: "lists no region; give the namespace's region, e.g. [aws-us-east-1]" })
      .max(1, { error: "lists more than one region; give the primary region here and the replica in ha: { mode, replica }" })
      .optional()
      .describe("Primary region (one entry). @default defaults.regions"),
    critical: z.boolean().optional().describe("Business-critical: production namespaces marked critical must have HA. @default false"),
    auth: authSchema.optional().describe("@default defaults.auth"),
    retentionDays: z.number().superRefine(withRule(checkRetentionDays, "retentionDays")).optional()
      .describe("Days of closed workflow history kept, 1-90. @default the environment profile's defaultDays"),
    certificateFilters: z.array(certificateFilterSchema).superRefine(withRule(checkCertificateFilters, "certificateFilters")).optional(),
    codecServer: codecServerSchema.optional(),
    deleteProtection: z.boolean().optional().describe("Temporal Cloud delete protection. @default true in staging and production"),
    preventDestroy: z.boolean().optional().describe("Terraform lifecycle.prevent_destroy. @default true in production"),
    profileOverrideReason: justification.optional()
      .describe("Required when a production namespace turns off deleteProtection or preventDestroy."),
    tags: z.record(z.string(), z.string()).superRefine(withRule(checkTags, "tags")).optional(),
    searchAttributes: z.record(z.string(), z.enum(SEARCH_ATTRIBUTE_TYPES, { error: (iss) => searchAttributeTypeMessage(iss.input) }))
      // Runs even when a type is wrong, so names and counts are reported in the same pass.
      .superRefine(withRule(checkSearchAttributeNamesAndCounts, "searchAttributes"), { when: (payload) => isPlainObject(payload.value) })
      .optional(),
    secretsManager: secretsManagerSchema.optional().describe("Where worker credentials are stored. @default defaults.secretsManager"),
    workers: z.array(workerSchema).optional(),
    connectivity: connectivitySchema.optional(),
    ha: haSchema.optional(),
    encryption: encryptionSchema.optional(),
    export: exportSchema.optional(),
    suppressions: z.array(suppressionSchema).optional(),
    import: z.boolean().optional()
      .describe("Adopt the existing namespace <name>.<account.id> (a Terraform import block) instead of creating it; needs account.id. The next plan changes it to this config; its tags are imported with it. @default false"),
    importSearchAttributes: z.array(z.string().min(1)).optional()
      .describe("With import: names in searchAttributes the existing namespace already has; each is imported (<namespace id>/<name>) instead of created, since creating an existing attribute fails. @default none"),
  });

export type NamespaceConfig = z.infer<typeof namespaceSchema>;
export type CertificateFilterConfig = z.infer<typeof certificateFilterSchema>;
export type CodecServerConfig = z.infer<typeof codecServerSchema>;
