// The blue/green API-key schedule as plain arithmetic, shared by config checks, the RotatingApiKey construct
// and the docs. All values are whole days.
//
// Two key slots (blue, green) each have their own time_rotating clock with period `slotPeriodDays`; green's
// clock is restarted once, `staggerDays` after the first deploy, so the two slots rotate half a cycle apart.
// Every key expires `rotationDays` after it is created (expiry_time), so no key ever lives longer than that,
// whatever happens to the pipeline. With applies at least every D ≤ applyCadenceDays days (exact cadence),
// each slot is replaced before its key expires, and a new key is published at least `minOverlapDays` before
// the key it supersedes is removed. See docs/identity.md for the derivation.
import type { Problem } from "./problem";
import { TEMPORAL_MAX_API_KEY_DAYS } from "./limits";

/** Defaults shared by the config, the construct and the docs. */
export const DEFAULT_API_KEY_ROTATION_DAYS = 90;
export const DEFAULT_API_KEY_MIN_OVERLAP_DAYS = 7;
/** How often the pipeline applies unless the config says otherwise (days). */
export const DEFAULT_APPLY_CADENCE_DAYS = 7;

export interface RotationSettings {
  /** Longest life of any key (its expiry offset). */
  readonly rotationDays: number;
  /** Shortest time a new key is published before the one it supersedes is removed. */
  readonly minOverlapDays: number;
  /** Longest gap between two applies of the pipeline. */
  readonly applyCadenceDays: number;
}

export interface RotationSchedule extends RotationSettings {
  /** time_rotating period of each slot: rotationDays − applyCadenceDays (replaced before its key expires). */
  readonly slotPeriodDays: number;
  /** time_offset after the first deploy at which the green slot is restarted. */
  readonly staggerDays: number;
}

/** The slowest apply cadence for which the schedule is proven: floor((rotationDays − 2 × minOverlapDays) / 2). */
export function maxApplyCadenceDays(rotationDays: number, minOverlapDays: number): number {
  return Math.floor((rotationDays - 2 * minOverlapDays) / 2);
}

/** Problems with the settings, as [field, message] pairs (field names are the config's). */
export function checkRotationSettings(settings: RotationSettings, maxRotationDays = TEMPORAL_MAX_API_KEY_DAYS, environment?: string): Problem[] {
  const { rotationDays: r, minOverlapDays: m, applyCadenceDays: d } = settings;
  const problems: Problem[] = [];
  for (const [field, value] of [["rotationDays", r], ["minOverlapDays", m], ["applyCadenceDays", d]] as const) {
    if (!Number.isInteger(value) || value < 1) problems.push([field, `${value} is not a whole number of days of at least 1`]);
  }
  if (problems.length > 0) return problems;
  if (r > TEMPORAL_MAX_API_KEY_DAYS) {
    problems.push(["rotationDays", `${r} is above the Temporal Cloud maximum API-key lifetime of ${TEMPORAL_MAX_API_KEY_DAYS} days (2 years); use 90 or less`]);
  } else if (r > maxRotationDays) {
    problems.push(["rotationDays", `${r} is above the ${environment ?? "environment"} maximum of ${maxRotationDays} days; use ${maxRotationDays} or less`]);
  }
  const maxCadence = maxApplyCadenceDays(r, m);
  if (d > maxCadence) {
    const needed = 2 * d + 2 * m;
    problems.push(["applyCadenceDays", maxCadence < 1
      ? `rotationDays ${r} with minOverlapDays ${m} leaves no room for any apply cadence; rotationDays must be at least 2 × applyCadenceDays + 2 × minOverlapDays = ${needed}`
      : `${d} is slower than the ${maxCadence} days for which rotationDays ${r} with minOverlapDays ${m} is proven; apply at least every ${maxCadence} days, raise rotationDays to ${needed}, or lower minOverlapDays`]);
  }
  return problems;
}

/** The schedule for valid settings (call checkRotationSettings first). */
export function rotationSchedule(settings: RotationSettings): RotationSchedule {
  const { rotationDays: r, applyCadenceDays: d } = settings;
  return {
    ...settings,
    slotPeriodDays: r - d,
    // Midway in the allowed range [minOverlap, rotation − 2 × cadence − minOverlap].
    staggerDays: Math.floor((r - 2 * d) / 2),
  };
}
