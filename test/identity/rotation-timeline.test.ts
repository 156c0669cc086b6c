// The rotation timeline proof: synthesize RotatingApiKey, read the schedule back from cdk.tf.json and replay
// Terraform hour by hour over at least three years with applies every D days, for every D up to the documented
// maximum floor((rotationDays − 2 × minOverlapDays) / 2).
import { assertValidConstructs } from "../../lib/constructs/errors";
import * as path from "node:path";
import fc from "fast-check";
import { Testing } from "cdktf";
import { constructStack, EXAMPLES_DIR, type SynthJson } from "../helpers";
import { loadConfig } from "../../lib/config/load";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { maxApplyCadenceDays } from "../../lib/domain/api-key-rotation";
import type { Environment } from "../../lib/domain/environments";
import { PROFILES } from "../../lib/domain/environments";
import { readRotationModel, simulate, type RotationModel } from "./rotation-simulator";

const THREE_YEARS_DAYS = 3 * 366;

function synthRotation(rotationDays: number, minOverlapDays: number, applyCadenceDays: number, environment: Environment): SynthJson {
  const { stack } = constructStack();
  new RotatingApiKey(stack, "key", {
    serviceAccountId: "sa-id",
    displayName: "worker",
    rotationDays,
    minOverlapDays,
    applyCadenceDays,
    environment,
    secret: { secretName: "temporal/ns/worker/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/worker" } },
  });
  // The construct's checks are validations: report them as synth would.
  assertValidConstructs(stack);
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

/** Asserts every invariant for one apply cadence; returns the shortest overlap seen (hours). */
function proveCadence(model: RotationModel, settings: { rotationDays: number; minOverlapDays: number }, applyEveryDays: number, strictRotation: boolean): number {
  const horizonDays = Math.max(THREE_YEARS_DAYS, 4 * settings.rotationDays);
  const result = simulate(model, { applyEveryDays, horizonDays, strictRotation });
  const context = { ...settings, applyEveryDays, strictRotation, result };
  expect({ context, hoursWithoutValidKey: result.hoursWithoutValidKey }).toEqual({ context, hoursWithoutValidKey: 0 });
  expect({ context, hoursCurrentInvalid: result.hoursCurrentInvalid }).toEqual({ context, hoursCurrentInvalid: 0 });
  expect(result.minOverlapHours).toBeGreaterThanOrEqual(settings.minOverlapDays * 24);
  expect(result.maxKeyLifetimeHours).toBeLessThanOrEqual(settings.rotationDays * 24);
  expect(result.peakKeys).toBeLessThanOrEqual(3);
  // Rotation really happens: at least one new key per rotation period over the horizon.
  expect(result.keysCreated).toBeGreaterThanOrEqual(Math.floor(horizonDays / settings.rotationDays));
  expect(result.currentSwitches).toBeGreaterThan(0);
  return result.minOverlapHours;
}

describe("API-key rotation timeline (read from cdk.tf.json)", () => {
  test("the simulator reads the deployed schedule: two slots, periods, stagger and expiry from the JSON", () => {
    const model = readRotationModel(synthRotation(90, 7, 7, "production"));
    expect(model.slots.map((s) => s.expiryHours)).toEqual([90 * 24, 90 * 24]);
    expect([...model.clocks.values()].map((c) => c.periodHours)).toEqual([83 * 24, 83 * 24]);
    expect([...model.fixedOffsets.values()]).toEqual([38 * 24]);
    expect(model.publishedKeys).toHaveLength(2);
  });

  test("defaults (90 days, 7-day overlap): proven for every apply cadence from 1 to 38 days", () => {
    expect(maxApplyCadenceDays(90, 7)).toBe(38);
    const defaults = { rotationDays: 90, minOverlapDays: 7 };
    // Configured at the maximum, the pipeline may apply more often: every actual cadence 1..38 holds.
    const atMaximum = readRotationModel(synthRotation(90, 7, 38, "production"));
    for (let actual = 1; actual <= 38; actual++) {
      proveCadence(atMaximum, defaults, actual, true);
      proveCadence(atMaximum, defaults, actual, false);
    }
    // And every configured cadence, applied exactly as configured.
    for (let configured = 1; configured < 38; configured++) {
      proveCadence(readRotationModel(synthRotation(90, 7, configured, "production")), defaults, configured, configured % 2 === 0);
    }
  });

  test("property: every allowed setting, every cadence up to the documented maximum, both rotation-time rules", () => {
    const settings = fc
      .record({
        environment: fc.constantFrom<Environment>("production", "staging", "development"),
        minOverlapDays: fc.integer({ min: 1, max: 30 }),
        rotationSeed: fc.double({ min: 0, max: 1, noNaN: true }),
        cadenceSeed: fc.double({ min: 0, max: 1, noNaN: true }),
        actualSeed: fc.double({ min: 0, max: 1, noNaN: true }),
        strictRotation: fc.boolean(),
      })
      .map((s) => {
        const maxRotation = PROFILES[s.environment].maxApiKeyRotationDays;
        const minRotation = 2 * s.minOverlapDays + 2; // smallest rotation with a cadence of at least 1 day
        const rotationDays = minRotation + Math.floor(s.rotationSeed * (maxRotation - minRotation + 1));
        const maxCadence = maxApplyCadenceDays(rotationDays, s.minOverlapDays);
        const configured = 1 + Math.floor(s.cadenceSeed * maxCadence);
        const actual = 1 + Math.floor(s.actualSeed * configured);
        return { ...s, rotationDays: Math.min(rotationDays, maxRotation), configured: Math.min(configured, maxCadence), actual: Math.min(actual, configured, maxCadence) };
      });
    fc.assert(
      fc.property(settings, (s) => {
        const model = readRotationModel(synthRotation(s.rotationDays, s.minOverlapDays, s.configured, s.environment));
        proveCadence(model, s, s.actual, s.strictRotation);
        proveCadence(model, s, s.configured, s.strictRotation);
      }),
      { numRuns: 25, seed: 20261125 },
    );
  });

  test("defaults on a weekly pipeline that starts up to 12 hours late still hold (no drift between blue and green)", () => {
    const model = readRotationModel(synthRotation(90, 7, 7, "production"));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 200, maxLength: 200 }), fc.boolean(), (late, strictRotation) => {
        const result = simulate(model, { applyEveryDays: 7, horizonDays: THREE_YEARS_DAYS, strictRotation, lateByHours: (n) => late[n % late.length] });
        expect(result.hoursWithoutValidKey).toBe(0);
        expect(result.hoursCurrentInvalid).toBe(0);
        expect(result.minOverlapHours).toBeGreaterThanOrEqual(7 * 24);
        expect(result.maxKeyLifetimeHours).toBeLessThanOrEqual(90 * 24);
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  test("the overlap bound is tight enough to matter: a cadence beyond the maximum is rejected by the construct", () => {
    expect(() => synthRotation(90, 7, 39, "production")).toThrow(/applyCadenceDays: 39 is slower than the 38 days/);
  });

  test("a stagger shorter than the overlap would fail the proof", () => {
    const json = synthRotation(90, 7, 7, "production");
    const stagger = Object.entries(json.resource!.time_offset).find(([, o]) => o.base_rfc3339 === undefined)![1];
    stagger.offset_days = 5;
    const result = simulate(readRotationModel(json), { applyEveryDays: 1, horizonDays: THREE_YEARS_DAYS, strictRotation: true });
    expect(result.minOverlapHours).toBeLessThan(7 * 24);
  });

  test("a schedule without stagger would fail the proof (the simulator catches simultaneous rotation)", () => {
    const json = synthRotation(90, 7, 7, "production");
    const green = Object.values(json.resource!.time_rotating).find((c) => c.triggers !== undefined)!;
    delete green.triggers;
    const result = simulate(readRotationModel(json), { applyEveryDays: 7, horizonDays: THREE_YEARS_DAYS, strictRotation: true });
    expect(result.minOverlapHours).toBeLessThan(7 * 24);
  });
});

describe("API-key rotation timeline of the shipped example", () => {
  test("every key set in examples/identity-estate.yaml holds for every cadence up to the configured one", () => {
    const config = loadConfig(path.join(EXAMPLES_DIR, "identity-estate.yaml"));
    const json = JSON.parse(Testing.synth(new TemporalCloudStack(Testing.app(), "example", { config }))) as SynthJson;
    const workers = config.namespaces.flatMap((ns) => ns.workers.map((w) => ({ ns, w })));
    expect(workers).toHaveLength(4);
    for (const { ns, w } of workers) {
      const model = readRotationModel(json, (key) => key.startsWith(`api-key-${ns.name}-${w.name}_`));
      const settings = { rotationDays: w.apiKey?.rotationDays ?? 90, minOverlapDays: w.apiKey?.minOverlapDays ?? 7 };
      expect(model.slots.map((s) => s.expiryHours)).toEqual([settings.rotationDays * 24, settings.rotationDays * 24]);
      for (let d = 1; d <= config.applyCadenceDays; d++) proveCadence(model, settings, d, true);
    }
  });
});
