// Which replica a primary region may have, per HA mode, from the region catalogue. Shared by config
// validation and the HaReplication construct.
import { findRegion, unknownRegionMessage } from "./regions";
import type { Problem } from "./problem";

/** Where a namespace's replica runs relative to its primary. */
export enum HaMode {
  SAME_REGION = "same-region",
  MULTI_REGION = "multi-region",
  MULTI_CLOUD = "multi-cloud",
}
/** An HA mode as the config writes it. */
export type HaModeName = `${HaMode}`;
export const HA_MODES = ["same-region", "multi-region", "multi-cloud"] as const satisfies readonly HaModeName[];
export const haModeOf = (name: HaModeName): HaMode => name as HaMode;

/** Availability figures of a namespace, as Temporal Cloud documents them. */
export interface HaAvailability {
  /** Availability SLA, e.g. `99.99%`. */
  readonly sla: string;
  /** Recovery point objective during a regional outage, e.g. `< 1 min`. */
  readonly rpo: string;
  /** Recovery time objective during a regional outage, e.g. `20 min` (`none`: no commitment). */
  readonly rto: string;
  /** What the namespace costs relative to a single-region one, e.g. `2× actions + storage`. */
  readonly costMultiplier: string;
}

/** Availability figures Temporal Cloud documents for a replicated namespace (RTO only while Temporal-initiated failover stays on). */
export const HA_AVAILABILITY: HaAvailability = Object.freeze({
  sla: "99.99%",
  rpo: "< 1 min",
  rto: "20 min",
  costMultiplier: "2× actions + storage",
});

/** The same figures for a single-region namespace during a regional outage (8 h RPO, no RTO commitment). */
export const SINGLE_REGION_AVAILABILITY: HaAvailability = Object.freeze({
  sla: "99.9%",
  rpo: "8 h",
  rto: "none",
  costMultiplier: "1×",
});

/** Replica regions the catalogue allows for `primary` in `mode` (empty when the mode is unavailable). */
export function validReplicas(primary: string, mode: HaModeName): string[] {
  const region = findRegion(primary);
  if (!region) return [];
  switch (mode) {
    case "same-region":
      return region.sameRegionReplication ? [region.cloudApiCode] : [];
    case "multi-region":
      return [...region.multiRegionReplicaRegions];
    case "multi-cloud":
      return [...region.multiCloudReplicaRegions];
  }
}

/** The replica a config means: same-region defaults to the primary itself. */
export function effectiveReplica(primary: string, mode: HaModeName, replica: string | undefined): string | undefined {
  return replica ?? (mode === "same-region" ? primary : undefined);
}

/** Checks a primary/mode/replica choice against the catalogue; paths are relative to the `ha` section. */
export function checkReplicaPair(primary: string, mode: HaModeName, replica: string | undefined): Problem[] {
  if (!findRegion(primary)) return [["regions[0]", unknownRegionMessage(primary)]];
  const wanted = effectiveReplica(primary, mode, replica);
  if (wanted === undefined) {
    return [["replica", `is required for ${mode} replication; ${suggestion(primary, mode)}`]];
  }
  if (!findRegion(wanted)) return [["replica", unknownRegionMessage(wanted)]];
  const allowed = validReplicas(primary, mode);
  if (allowed.includes(wanted)) return [];
  if (mode === "same-region") {
    if (allowed.length === 0) return [["mode", `same-region replication is not available in "${primary}"; ${suggestion(primary, mode)}`]];
    return [["replica", `"${wanted}" differs from the primary "${primary}"; same-region replication keeps the replica in the primary's region — ${suggestion(primary, mode)}, or use mode multi-region / multi-cloud`]];
  }
  return [["replica", `"${wanted}" is not a ${mode} replica of "${primary}"; ${suggestion(primary, mode)}`]];
}

/** "valid replicas for aws-us-east-1 are …" or what to do when there are none. */
function suggestion(primary: string, mode: HaModeName): string {
  const allowed = validReplicas(primary, mode);
  if (allowed.length > 0) {
    return mode === "same-region"
      ? `set replica to "${primary}" or leave it out`
      : `valid ${mode} replicas for "${primary}" are ${allowed.map((c) => `"${c}"`).join(", ")}`;
  }
  const others = (["same-region", "multi-region", "multi-cloud"] as const)
    .filter((m) => m !== mode && validReplicas(primary, m).length > 0)
    .map((m) => `${m} (${validReplicas(primary, m).join(", ")})`);
  return others.length > 0
    ? `"${primary}" has no ${mode} replica; it supports ${others.join("; ")}`
    : `"${primary}" has no replication partner in any mode; choose another primary region for an HA namespace`;
}
