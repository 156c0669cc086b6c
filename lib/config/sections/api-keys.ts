// API-key rotation options for a worker (identity issue).
import { z } from "zod";

export { DEFAULT_API_KEY_ROTATION_DAYS, DEFAULT_API_KEY_MIN_OVERLAP_DAYS } from "../../domain/api-key-rotation";

export const apiKeyOptionsSchema = z.strictObject({
  rotationDays: z.int().min(1).max(730, { error: (iss) => `${String(iss.input)} is above the Temporal Cloud maximum API-key lifetime of 730 days (2 years); use 90 or less` }).optional()
    .describe("Longest life of any key, in days: each key expires this many days after it is created, and a replacement is published well before. At most 90 in production (the environment profile's maxApiKeyRotationDays). @default 90"),
  minOverlapDays: z.int().min(1).max(365).optional()
    .describe("Shortest time, in days, that a new key is published next to the previous one before the previous one is removed (the window in which workers switch). @default 7"),
  description: z.string().max(200).optional().describe("Description on the API keys. @default managed by temporal-cloud-guardrails"),
}).describe("API-key rotation settings for this worker (only for workers that authenticate with API keys).");

export type ApiKeyOptions = z.infer<typeof apiKeyOptionsSchema>;
