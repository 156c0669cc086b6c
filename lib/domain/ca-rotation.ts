// The rotating-CA schedule as rules: limits, defaults and the checks that prove a schedule safe for an
// apply cadence. Shared by config checks, the RotatingCa construct, the rotation simulator and the docs.
import type { Problem } from "./problem";
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES } from "./limits";

export { MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES };

/** The guidance asks for at least this long an overlap between outgoing and incoming CA. */
export const MIN_OVERLAP_DAYS = 30;

/** Key algorithm of a generated CA. */
export enum CaKeyAlgorithm {
  ECDSA_P384 = "ECDSA_P384",
  RSA_4096 = "RSA_4096",
}
/** A key algorithm as the config writes it. */
export type CaKeyAlgorithmName = `${CaKeyAlgorithm}`;
export const CA_KEY_ALGORITHMS = ["ECDSA_P384", "RSA_4096"] as const satisfies readonly CaKeyAlgorithmName[];
export const caKeyAlgorithmOf = (name: CaKeyAlgorithmName): CaKeyAlgorithm => name as CaKeyAlgorithm;

/**
 * Upper bound of one generated CA certificate in PEM, used to enforce the 32 KB limit at synth time
 * (the real PEM is only known after apply). Checked against real certificates in the tests.
 */
export const MAX_GENERATED_CA_PEM_BYTES: Readonly<Record<CaKeyAlgorithmName, number>> = {
  ECDSA_P384: 1200,
  RSA_4096: 2400,
};

export const ROTATING_CA_DEFAULTS = {
  validityDays: 400,
  rotateEveryDays: 365,
  applyCadenceDays: 7,
  keyAlgorithm: CaKeyAlgorithm.ECDSA_P384,
  clientValidityDays: 90,
} as const;

/** Longest time a worker is assumed to take to reload its certificate (hours). */
export const CLIENT_RELOAD_LAG_HOURS = 24;

/** The numbers a rotation schedule is built from (all in days). */
export interface RotationSettings {
  /** Lifetime of each CA certificate. */
  readonly validityDays: number;
  /** Each CA slot is regenerated this often; a new CA generation starts every rotateEveryDays / 2. */
  readonly rotateEveryDays: number;
  /** Longest gap between two successful `terraform apply` runs; the tolerance is twice this. */
  readonly applyCadenceDays: number;
  /** Lifetime of client certificates signed by the CA. */
  readonly clientValidityDays: number;
}

/**
 * Hours before expiry at which a client certificate is re-issued: half its life, and never less than the
 * tolerance (2 × cadence) plus the reload lag, so a renewal is always published a day before expiry.
 */
export function clientEarlyRenewalHours(s: Pick<RotationSettings, "applyCadenceDays" | "clientValidityDays">): number {
  return Math.max((2 * s.applyCadenceDays) * 24 + CLIENT_RELOAD_LAG_HOURS, s.clientValidityDays * 12);
}

/**
 * Rules that make the schedule safe for every apply schedule whose gaps stay within T = 2 × applyCadenceDays
 * (replayed from the synthesized JSON in test/analysis/rotation-mtls.test.ts). CA generation g starts at
 * start(g) = epoch + g × rotateEveryDays / 2 and is created by the first apply after that; clients switch to it
 * in that apply, and it leaves the bundle when its slot is due again, a whole rotateEveryDays later:
 * - the outgoing CA stays accepted at least rotateEveryDays / 2 − T ≥ 30 days after the incoming one signs;
 * - a CA lives at least rotateEveryDays + T, so no CA in the bundle has expired;
 * - a client certificate is renewed when its remaining life falls below clientEarlyRenewalHours ≥ T + 1 day,
 *   and lives longer than that window plus a day (otherwise every apply would re-issue it).
 */
export function checkRotationSettings(s: RotationSettings, prefix = ""): Problem[] {
  const p = (field: string) => `${prefix}${field}`;
  const problems: Problem[] = [];
  const numbers = { validityDays: s.validityDays, rotateEveryDays: s.rotateEveryDays, applyCadenceDays: s.applyCadenceDays, clientValidityDays: s.clientValidityDays };
  for (const [field, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 1) problems.push([p(field), `${value} is not a whole number of days ≥ 1`]);
  }
  if (problems.length > 0) return problems;
  const tolerance = 2 * s.applyCadenceDays;
  const overlap = s.rotateEveryDays / 2 - tolerance;
  if (overlap < MIN_OVERLAP_DAYS) {
    const needed = 2 * (MIN_OVERLAP_DAYS + tolerance);
    problems.push([p("rotateEveryDays"), `${s.rotateEveryDays} gives an overlap of only ${Math.max(0, overlap)} days between outgoing and incoming CA when applies may be ${tolerance} days apart (twice applyCadenceDays ${s.applyCadenceDays}); use ${needed} or more so the overlap is at least ${MIN_OVERLAP_DAYS} days`]);
  }
  if (s.validityDays < s.rotateEveryDays + tolerance) {
    problems.push([p("validityDays"), `${s.validityDays} is shorter than the ${s.rotateEveryDays + tolerance} days a CA stays in the bundle (rotateEveryDays ${s.rotateEveryDays} plus ${tolerance} days of tolerated apply gap); use validityDays ≥ ${s.rotateEveryDays + tolerance} or rotate more often`]);
  }
  const renewalDays = clientEarlyRenewalHours(s) / 24;
  if (s.clientValidityDays < renewalDays + 1) {
    problems.push([p("clientValidityDays"), `${s.clientValidityDays} is not longer than the re-issue window of ${renewalDays} days (twice applyCadenceDays plus a day of reload lag) plus a day, so the certificate would be re-issued on every apply or expire between two; use at least ${Math.ceil(renewalDays + 1)} days or apply more often`]);
  }
  return problems;
}

/** Largest apply cadence (days) the given settings allow, or 0 when none does. */
export function maxApplyCadenceDays(s: Omit<RotationSettings, "applyCadenceDays">): number {
  let best = 0;
  for (let d = 1; d <= 365; d++) if (checkRotationSettings({ ...s, applyCadenceDays: d }).length === 0) best = d;
  return best;
}
