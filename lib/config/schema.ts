// The one typed configuration for a Temporal Cloud estate. The TypeScript type is inferred from this schema,
// and config.schema.json (for editor autocompletion) is generated from it by `npm run gen:json-schema`.
import { z } from "zod";
import { describeValue } from "./issues";
import { regionCode } from "./sections/common";
import { authSchema, namespaceSchema } from "./sections/namespace";
import { secretsManagerSchema } from "./sections/secrets";
import { certificateAuthoritiesSchema } from "./sections/mtls";
import { accessSchema, incidentSchema } from "./sections/identity";
import { auditLogSchema, metricsSchema } from "./sections/data-protection";
import { suppressionSchema } from "./sections/policy";
import { backendSchema } from "./sections/backend";
import { pipelineSchema } from "./sections/pipeline";
import { stacksSchema } from "./sections/stacks";

const retentionOverrideSchema = z.strictObject({
  defaultDays: z.int().min(1).max(90).optional(),
  minDays: z.int().min(1).max(90).optional(),
  maxDays: z.int().min(1).max(90).optional(),
  keepDays: z.int().min(1).optional()
    .describe("Days records of this environment must be kept; above a namespace's retention, every namespace needs export with a destination. @default none"),
});

const environmentOverrideSchema = z.strictObject({
  retention: retentionOverrideSchema.optional().describe("Retention policy for namespaces of this environment."),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, { error: (iss) => `${describeValue(iss.input)} is not a valid stack name; use lowercase letters, digits and hyphens` }).optional()
    .describe("Estate (stack) name. @default temporal-cloud"),
  account: z
    .strictObject({
      id: z.string().regex(/^[a-z0-9]{3,20}$/, { error: (iss) => `${describeValue(iss.input)} does not look like a Temporal Cloud account id (lowercase letters and digits, e.g. "a1b2c")` }).optional()
        .describe("Temporal Cloud account id; pins the provider's allowed_account_id and names namespace endpoints."),
    })
    .optional(),
  defaults: z
    .strictObject({
      regions: z.array(regionCode).length(1, { error: "must list exactly one region (the primary)" }).optional(),
      auth: authSchema.optional(),
      secretsManager: secretsManagerSchema.optional(),
      applyCadenceDays: z.int().min(1).max(90).optional()
        .describe("Longest gap, in days, between two successful applies of this configuration; rotation is proven to keep valid credentials for any schedule whose gaps stay within twice this (one missed run). @default 7"),
    })
    .optional(),
  environments: z
    .strictObject({
      development: environmentOverrideSchema.optional(),
      staging: environmentOverrideSchema.optional(),
      production: environmentOverrideSchema.optional(),
    })
    .optional(),
  namespaces: z.array(namespaceSchema).min(1, { error: "is empty; describe at least one namespace" }),
  certificateAuthorities: certificateAuthoritiesSchema,
  access: accessSchema,
  incident: incidentSchema,
  auditLog: auditLogSchema,
  metrics: metricsSchema,
  backend: backendSchema,
  pipeline: pipelineSchema,
  stacks: stacksSchema,
  suppressions: z.array(suppressionSchema).optional(),
});

/** The configuration as written (after defaults the schema itself applies). */
export type ValidatedEstateConfig = z.infer<typeof configSchema>;
/** The configuration as accepted from a file or a TypeScript module. */
export type EstateConfigInput = z.input<typeof configSchema>;
