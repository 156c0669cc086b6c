// High-availability replication for a namespace.
import { z } from "zod";
import { describeValue } from "../issues";
import { regionCode } from "./common";

export const HA_MODES = ["same-region", "multi-region", "multi-cloud"] as const;
export type HaMode = (typeof HA_MODES)[number];

export const haSchema = z.strictObject({
  mode: z.enum(HA_MODES, {
    error: (iss) => `${describeValue(iss.input)} is not an HA mode; use one of ${HA_MODES.join(", ")} (multi-region is preferred)`,
  }).describe("same-region (another cell of the primary's region), multi-region (same cloud) or multi-cloud (AWS↔GCP)."),
  replica: regionCode.optional()
    .describe("Replica region code. Required for multi-region and multi-cloud. @default the primary region for same-region"),
});

export type HaConfig = z.infer<typeof haSchema>;
