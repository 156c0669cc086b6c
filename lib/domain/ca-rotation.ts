// The rotating-CA schedule as rules: limits, defaults and the checks that prove a schedule safe for an
// apply cadence. Shared by config checks, the RotatingCa construct, the rotation simulator and the docs.
import type { Problem } from "./problem";
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES } from "./limits";

export { MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES };

/** The guidance asks for at least this long an overlap between outgoing and incoming CA. */
export const MIN_OVERLAP_DAYS = 30;

export const CA_KEY_ALGORITHMS = ["ECDSA_P384", "RSA_4096"] as const;
export type CaKeyAlgorithm = (typeof CA_KEY_ALGORITHMS)[number];

/**
 * Upper bound of one generated CA certificate in PEM, used to enforce the 32 KB limit at synth time
 * (the real PEM is only known after apply). Checked against real certificates in the tests.
 */
export const MAX_GENERATED_CA_PEM_BYTES: Readonly<Record<CaKeyAlgorithm, number>> = {
  ECDSA_P384: 1200,
  RSA_4096: 2400,
};

export const ROTATING_CA_DEFAULTS = {
  validityDays: 365,
  rotateEveryDays: 180,
  applyCadenceDays: 7,
  keyAlgorithm: "ECDSA_P384" as CaKeyAlgorithm,
  clientValidityDays: 30,
} as const;

/** The numbers a rotation schedule is built from (all in days). */
export interface RotationSettings {
  /** Lifetime of each CA certificate. */
  readonly validityDays: number;
  /** Each CA slot is regenerated this often; the two slots are half a period apart. */
  readonly rotateEveryDays: number;
  /** Longest gap between two `terraform apply` runs; rotation happens only when one runs. */
  readonly applyCadenceDays: number;
  /** Lifetime of client certificates signed by the CA. */
  readonly clientValidityDays: number;
}

/** Hours before expiry at which a client certificate is re-issued: one apply gap plus a day of slack. */
export function clientEarlyRenewalHours(applyCadenceDays: number): number {
  return (applyCadenceDays + 1) * 24;
}

/**
 * Rules that make the schedule safe for every apply at most `applyCadenceDays` apart (proved hour by hour
 * in test/constructs/rotation-timeline.test.ts, which reads the synthesized plan):
 * - overlap (half the rotation period, less one apply gap) ≥ 30 days;
 * - a client certificate (plus one apply gap) fits inside the overlap, so the CA that signed any live
 *   client certificate is still in the bundle;
 * - a client certificate outlives its re-issue window (validity > early renewal);
 * - the second slot's first CA (1.5 periods) and any CA still current when it signs a client
 *   certificate (period + gap + client validity) stay within the CA validity.
 */
export function checkRotationSettings(s: RotationSettings, prefix = ""): Problem[] {
  const p = (field: string) => `${prefix}${field}`;
  const problems: Problem[] = [];
  const numbers = { validityDays: s.validityDays, rotateEveryDays: s.rotateEveryDays, applyCadenceDays: s.applyCadenceDays, clientValidityDays: s.clientValidityDays };
  for (const [field, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 1) problems.push([p(field), `${value} is not a whole number of days ≥ 1`]);
  }
  if (problems.length > 0) return problems;
  const overlap = s.rotateEveryDays / 2;
  // Late applies shorten the overlap by up to one apply gap.
  if (overlap - s.applyCadenceDays < MIN_OVERLAP_DAYS) {
    const needed = 2 * (MIN_OVERLAP_DAYS + s.applyCadenceDays);
    problems.push([p("rotateEveryDays"), `${s.rotateEveryDays} gives an overlap of only ${overlap - s.applyCadenceDays} days between outgoing and incoming CA when applies run ${s.applyCadenceDays} days apart; use ${needed} or more so the overlap is at least ${MIN_OVERLAP_DAYS} days`]);
  }
  if (s.clientValidityDays + s.applyCadenceDays > overlap) {
    problems.push([p("clientValidityDays"), `${s.clientValidityDays} plus the apply cadence of ${s.applyCadenceDays} days exceeds the ${overlap}-day overlap, so a client certificate could outlive its CA's place in the bundle; use at most ${Math.max(0, overlap - s.applyCadenceDays)} days, rotate less often, or apply more often`]);
  }
  if (s.clientValidityDays * 24 <= clientEarlyRenewalHours(s.applyCadenceDays)) {
    problems.push([p("clientValidityDays"), `${s.clientValidityDays} is not longer than the re-issue window of ${s.applyCadenceDays + 1} days (apply cadence + 1), so the certificate could expire between two applies; use at least ${s.applyCadenceDays + 2} days or apply more often`]);
  }
  const longestCaLife = Math.max(1.5 * s.rotateEveryDays + s.applyCadenceDays, s.rotateEveryDays + s.applyCadenceDays + s.clientValidityDays);
  if (longestCaLife > s.validityDays) {
    problems.push([p("validityDays"), `${s.validityDays} is shorter than the ${longestCaLife} days a CA may stay in use with rotateEveryDays ${s.rotateEveryDays}, applyCadenceDays ${s.applyCadenceDays} and clientValidityDays ${s.clientValidityDays}; use validityDays ≥ ${Math.ceil(longestCaLife)} or rotate more often`]);
  }
  return problems;
}

/** Largest apply cadence (days) the given settings allow, or 0 when none does. */
export function maxApplyCadenceDays(s: Omit<RotationSettings, "applyCadenceDays">): number {
  let best = 0;
  for (let d = 1; d <= 365; d++) if (checkRotationSettings({ ...s, applyCadenceDays: d }).length === 0) best = d;
  return best;
}
