// API-key rotation options for a worker (identity issue).
import { z } from "zod";

export { DEFAULT_API_KEY_ROTATION_DAYS, DEFAULT_API_KEY_MIN_OVERLAP_DAYS } from "../../domain/api-key-rotation";

export const apiKeyOptionsSchema = z.strictObject({
  rotationDays: z.int().min(1).max(730, { error: (iss) => `${String(iss.input)} is above the Temporal Cloud maximum API-key lifetime of 730 days (2 years); use 90 or less` }).optional()
    .describe("Longest life of any key, in days: a key expires at most this many days after it is created; a new key is published every rotationDays / 2. At most 90 in production (the environment profile's maxApiKeyRotationDays). @default 90"),
  minOverlapDays: z.int().min(1).max(365).optional()
    .describe("Shortest time, in days, that a new key is published next to the previous one while the previous one is still valid (the window in which workers switch), for any apply schedule within twice defaults.applyCadenceDays; requires rotationDays / 2 − 2 × applyCadenceDays ≥ minOverlapDays. @default 7"),
  description: z.string().max(200).optional().describe("Description on the API keys. @default managed by temporal-cloud-guardrails"),
}).describe("API-key rotation settings for this worker (only for workers that authenticate with API keys).");

export type ApiKeyOptions = z.infer<typeof apiKeyOptionsSchema>;
