// Rotation timeline proof: the synthesized plan, replayed hour by hour over five years with applies at
// most applyCadenceDays apart, never leaves a live client certificate without its CA in the bundle.
import fc from "fast-check";
import { readRotationPlan, simulateRotation, type SimulationResult } from "../../lib/mtls/rotation-simulator";
import {
  checkRotationSettings,
  MAX_BUNDLE_BYTES,
  MAX_BUNDLE_CERTIFICATES,
  MIN_OVERLAP_DAYS,
  ROTATING_CA_DEFAULTS,
  type CaKeyAlgorithm,
  type RotationSettings,
} from "../../lib/constructs/rotating-ca";
import { ConstructValidationError } from "../../lib/constructs/errors";
import { problemsOf } from "../helpers";
import { synthRotatingCa } from "./timeline-fixture";

const FIVE_YEARS_HOURS = 5 * 366 * 24;
/** The largest applyCadenceDays the config accepts (defaults.applyCadenceDays). */
const MAX_APPLY_CADENCE_DAYS = 90;

function everyDays(days: number): number[] {
  const hours: number[] = [];
  for (let h = 0; h < FIVE_YEARS_HOURS; h += days * 24) hours.push(h);
  return hours;
}

function run(settings: RotationSettings, applyHours: number[], keyAlgorithm: CaKeyAlgorithm = "ECDSA_P384"): SimulationResult {
  const plan = readRotationPlan(synthRotatingCa({ ...settings, keyAlgorithm }));
  return simulateRotation(plan, {
    hours: FIVE_YEARS_HOURS,
    applyHours,
    maxBundleCertificates: MAX_BUNDLE_CERTIFICATES,
    maxBundleBytes: MAX_BUNDLE_BYTES,
    minOverlapHours: MIN_OVERLAP_DAYS * 24,
  });
}

describe("rotation timeline", () => {
  test("the simulation reads the deployed numbers from cdk.tf.json", () => {
    const plan = readRotationPlan(synthRotatingCa({ rotateEveryDays: 200, validityDays: 400, clientValidityDays: 20, applyCadenceDays: 3 }));
    expect(plan.rotations.map((r) => r.periodHours).sort()).toEqual([4800, 4800]);
    expect(plan.rotations.find((r) => r.baseFrom)?.baseFrom?.offsetHours).toBe(2400);
    expect(plan.cas.map((c) => c.validityHours)).toEqual([9600, 9600]);
    // Each CA key is replaced with its own slot's rotation (through terraform_data), and so is its subject.
    for (const ca of plan.cas) {
      const slot = /cert-(a|b)/.exec(ca.name)?.[1];
      expect(ca.keyTriggers).toEqual([expect.stringMatching(new RegExp(`^ca_rotation-${slot}_`))]);
      expect(ca.subjectRotations).toEqual(ca.keyTriggers);
    }
    expect(plan.clients).toEqual([expect.objectContaining({ validityHours: 480, earlyRenewalHours: 96 })]);
    expect(plan.bundles[0].cas).toHaveLength(2);
  });

  test("with the default schedule, every apply cadence the validator accepts is safe, and the rest are refused", () => {
    let accepted = 0;
    for (let d = 1; d <= MAX_APPLY_CADENCE_DAYS; d++) {
      const settings = { ...ROTATING_CA_DEFAULTS, applyCadenceDays: d };
      if (checkRotationSettings(settings).length > 0) {
        expect(problemsOf(() => synthRotatingCa(settings))).toMatch(/\S/);
        continue;
      }
      accepted++;
      const result = run(settings, everyDays(d));
      expect(result.violations).toEqual([]);
      expect(result.generations.length).toBeGreaterThanOrEqual(10);
      // On the first apply both slots are new; slot b (which rotates later) must be the one that signs.
      expect(result.generations[result.issues[0].caId].resource).toMatch(/^ca_cert-b_/);
    }
    // Defaults allow up to 28-day cadences (client certificates of 30 days need one apply gap + 1 day to renew).
    expect(accepted).toBe(28);
  });

  test("a schedule the validator would refuse really breaks (the simulation can fail)", () => {
    // 200-day client certificates with a 90-day overlap and weekly applies: the old CA leaves while
    // certificates it signed are still live. Bypass validation by reading a permitted plan and stretching it.
    const plan = readRotationPlan(synthRotatingCa());
    const stretched = { ...plan, clients: plan.clients.map((c) => ({ ...c, validityHours: 200 * 24 })) };
    const result = simulateRotation(stretched, { hours: FIVE_YEARS_HOURS, applyHours: everyDays(7), maxBundleCertificates: 16, maxBundleBytes: 32768, minOverlapHours: 720 });
    expect(result.violations.join("\n")).toMatch(/no longer in the bundle/);
  });

  test("property: every accepted setting holds hour by hour over five years, for regular and irregular applies", () => {
    const settings = fc
      .record({
        applyCadenceDays: fc.integer({ min: 1, max: MAX_APPLY_CADENCE_DAYS }),
        extraOverlap: fc.integer({ min: 0, max: 120 }),
        clientShare: fc.double({ min: 0, max: 1, noNaN: true }),
        validitySlack: fc.integer({ min: 0, max: 300 }),
        keyAlgorithm: fc.constantFrom<CaKeyAlgorithm>("ECDSA_P384", "RSA_4096"),
        irregular: fc.boolean(),
        seed: fc.integer({ min: 1, max: 2 ** 30 }),
      })
      .map(({ applyCadenceDays: d, extraOverlap, clientShare, validitySlack, keyAlgorithm, irregular, seed }) => {
        const rotateEveryDays = 2 * (MIN_OVERLAP_DAYS + d + Math.max(extraOverlap, d - 28));
        const minClient = d + 2;
        const maxClient = rotateEveryDays / 2 - d;
        const clientValidityDays = Math.floor(minClient + clientShare * (maxClient - minClient));
        const validityDays = Math.ceil(Math.max(1.5 * rotateEveryDays + d, rotateEveryDays + d + clientValidityDays)) + validitySlack;
        return { settings: { applyCadenceDays: d, rotateEveryDays, clientValidityDays, validityDays }, keyAlgorithm, irregular, seed };
      });
    fc.assert(
      fc.property(settings, ({ settings: s, keyAlgorithm, irregular, seed }) => {
        expect(checkRotationSettings(s)).toEqual([]);
        const applyHours = irregular ? irregularApplies(s.applyCadenceDays, seed) : everyDays(s.applyCadenceDays);
        const result = run(s, applyHours, keyAlgorithm);
        expect(result.violations).toEqual([]);
        expect(result.maxBundleCount).toBeLessThanOrEqual(MAX_BUNDLE_CERTIFICATES);
        expect(result.maxBundleBytes).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
        expect(result.issues.every((i) => i.notAfter <= result.generations[i.caId].notAfter)).toBe(true);
      }),
      { numRuns: 40, seed: 4242 },
    );
  });
});

/** Applies at random gaps of 1 hour to `days` days (a pipeline that sometimes runs early). */
function irregularApplies(days: number, seed: number): number[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const hours = [0];
  while (hours[hours.length - 1] < FIVE_YEARS_HOURS) hours.push(hours[hours.length - 1] + 1 + Math.floor(random() * (days * 24 - 1)));
  return hours;
}
