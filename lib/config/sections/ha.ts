// High-availability replication for a namespace.
import { z } from "zod";
import { describeValue } from "../issues";
import { regionCode } from "./common";
import { HA_MODES } from "../../domain/replication";

export { HA_MODES, type HaModeName } from "../../domain/replication";

export const haSchema = z.strictObject({
  mode: z.enum(HA_MODES, {
    error: (iss) => `${describeValue(iss.input)} is not an HA mode; use one of ${HA_MODES.join(", ")} (multi-region is preferred)`,
  }).describe("same-region (another cell of the primary's region), multi-region (same cloud) or multi-cloud (AWS↔GCP)."),
  replica: regionCode.optional()
    .describe("Replica region code. Required for multi-region and multi-cloud. @default the primary region for same-region"),
});

export type HaConfig = z.infer<typeof haSchema>;
