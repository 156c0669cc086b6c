// The API-key rotation schedule as plain arithmetic, shared by config checks, the RotatingApiKey construct
// and the docs. Inputs are whole days.
//
// Generations, not clocks: generation g starts at epoch + g × generationHours (a fixed grid, the same for every
// apply), and lasts two generations. The blue slot holds the newest even generation, green the newest odd one,
// so each apply computes from its plan time which key each slot must hold, whatever happened before. A key
// of generation g expires at start(g) + rotationDays = start(g + 2), the moment its slot is due again: a slot is
// only ever replaced once its old key has expired, and a new key appears every rotationDays / 2.
//
// With gaps between successful applies of at most T = 2 × applyCadenceDays (the declared cadence, one missed
// run included), generation g + 1 is published before start(g + 1) + T, so the key it supersedes stays valid
// for at least rotationDays / 2 − T days after that: that is the guaranteed overlap, and it must be at least
// minOverlapDays (and the reload lag of a worker, one day).
import type { Problem } from "./problem";
import { TEMPORAL_MAX_API_KEY_DAYS } from "./limits";

/** Defaults shared by the config, the construct and the docs. */
export const DEFAULT_API_KEY_ROTATION_DAYS = 90;
export const DEFAULT_API_KEY_MIN_OVERLAP_DAYS = 7;
/** How often the pipeline applies unless the config says otherwise (days). */
export const DEFAULT_APPLY_CADENCE_DAYS = 7;
/** Longest time a worker is assumed to take to re-read its secret (hours). */
export const WORKER_RELOAD_LAG_HOURS = 24;
/** The generation grid starts here (every construct adds its own phase). */
export const ROTATION_EPOCH_UNIX = 1704067200; // 2024-01-01T00:00:00Z

export interface RotationSettings {
  /** Longest life of any key: a key expires at most this many days after it is created. */
  readonly rotationDays: number;
  /** Shortest time a new key is published next to the one it supersedes while that one is still valid. */
  readonly minOverlapDays: number;
  /** Longest gap between two successful applies of the pipeline (the tolerance is twice this). */
  readonly applyCadenceDays: number;
}

export interface RotationSchedule extends RotationSettings {
  /** Hours between generation starts: a new key every rotationDays / 2. */
  readonly generationHours: number;
  /** Gap between successful applies that is proven safe: 2 × applyCadenceDays. */
  readonly toleranceDays: number;
  /** Shortest overlap under that tolerance: rotationDays / 2 − toleranceDays. */
  readonly guaranteedOverlapDays: number;
  /** Longest gap after any apply that still leaves workers a valid key: rotationDays / 2 − reload lag. */
  readonly worstCasePauseDays: number;
}

/** The slowest declared cadence the settings allow: floor((rotationDays / 2 − minOverlapDays) / 2). */
export function maxApplyCadenceDays(rotationDays: number, minOverlapDays: number): number {
  return Math.floor((rotationDays / 2 - minOverlapDays) / 2);
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
  const overlap = r / 2 - 2 * d;
  if (overlap < m) {
    const needed = 2 * (2 * d + m);
    const maxCadence = maxApplyCadenceDays(r, m);
    // With no cadence that works, the rotation settings are the mistake, not the cadence.
    problems.push([maxCadence < 1 ? "rotationDays" : "applyCadenceDays", maxCadence < 1
      ? `rotationDays ${r} with minOverlapDays ${m} leaves no room for any apply cadence; rotationDays must be at least 2 × (2 × applyCadenceDays + minOverlapDays) = ${needed}`
      : `${d} is too slow for rotationDays ${r} with minOverlapDays ${m}: a new key appears every ${r / 2} days, and applies up to ${2 * d} days apart (twice the cadence) leave only ${Math.max(0, overlap)} of the ${m} days of overlap; apply at least every ${maxCadence} days, raise rotationDays to ${needed}, or lower minOverlapDays`]);
  }
  return problems;
}

/** The schedule for valid settings (call checkRotationSettings first). */
export function rotationSchedule(settings: RotationSettings): RotationSchedule {
  const { rotationDays: r, applyCadenceDays: d } = settings;
  return {
    ...settings,
    generationHours: r * 12,
    toleranceDays: 2 * d,
    guaranteedOverlapDays: r / 2 - 2 * d,
    worstCasePauseDays: r / 2 - WORKER_RELOAD_LAG_HOURS / 24,
  };
}

/** A stable phase (hours into the generation grid) from a name, so estates do not rotate every key at once. */
export function rotationPhaseHours(name: string, generationHours: number): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return h % generationHours;
}
