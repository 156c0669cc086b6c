// Proof (a) for API keys: the synthesized cdk.tf.json, replayed through real-pipeline apply schedules with the
// providers' plan/apply rules (lib/analysis), never leaves a worker without a valid key within the tolerance
// (every gap between successful applies ≤ 2 × applyCadenceDays), and beyond it the expiry watch warns first.
// Seeded and bounded for the unit suite; `npm run sweep:rotation` runs the big sweep.
import * as path from "node:path";
import { analyseRotation, unwarnedOutages, type RotationReport } from "../../lib/analysis/rotation";
import { applySchedule, longestGapDays, type ScheduleFamily } from "../../lib/analysis/schedules";
import { RotatingApiKey, PEAK_KEYS_PER_ROTATING_API_KEY, type RotatingApiKeyProps } from "../../lib/constructs/rotating-api-key";
import { loadConfig } from "../../lib/config/load";
import { constructStack, EXAMPLES_DIR, synthConfig, type SynthJson } from "../helpers";
import * as yaml from "yaml";
import * as fs from "node:fs";

const DAY = 86400;
const START = Date.parse("2026-03-02T09:17:00Z") / 1000;
const FIVE_YEARS = START + 5 * 365 * DAY;

function synthKey(overrides: Partial<RotatingApiKeyProps> = {}): { json: SynthJson; key: RotatingApiKey } {
  const { stack, synth } = constructStack();
  const key = new RotatingApiKey(stack, "key", {
    serviceAccountId: "sa-1",
    displayName: "worker",
    secret: { secretName: "temporal/ns/worker/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/worker" } },
    ...overrides,
  });
  return { json: synth(), key };
}

function run(json: SynthJson, family: ScheduleFamily, lagHours: number, seed: number, cadenceDays = 7, extra: Parameters<typeof applySchedule>[2] = {}): { report: RotationReport; applies: number[] } {
  const applies = applySchedule(family, { start: START, until: FIVE_YEARS, cadenceDays, seed }, extra);
  return { applies, report: analyseRotation(json, { applies, until: FIVE_YEARS, reloadLagHours: lagHours, followUpPlanEvery: 7 }) };
}

const WITHIN_TOLERANCE: ScheduleFamily[] = ["regular", "random-within-cadence", "merge-bursts", "missed-runs"];

describe("API-key rotation replayed from cdk.tf.json", () => {
  const { json, key } = synthKey();

  test("the replay reads the deployed graph: a new key every 45 days, each living at most 90 days", () => {
    const { report } = run(json, "regular", 0, 1);
    const keys = report.replay.objects.filter((o) => o.type === "temporalcloud_apikey");
    // 5 years / 45 days ≈ 40.6 generations, plus the previous generation created on the first deploy.
    expect(keys.length).toBeGreaterThanOrEqual(41);
    expect(keys.length).toBeLessThanOrEqual(43);
    expect(report.maxKeyLifetimeSeconds).toBeLessThanOrEqual(90 * DAY);
    expect(report.workers).toHaveLength(1);
    expect(key.schedule.guaranteedOverlapDays).toBe(31);
  });

  test.each(WITHIN_TOLERANCE.flatMap((family) => [0, 1, 24].map((lag) => [family, lag] as const)))(
    "%s applies, reload lag %i h, five years: zero downtime, overlap ≥ minOverlapDays, ≤ 2 live keys, no double replacement, no perpetual diff",
    (family, lag) => {
      for (const seed of family === "merge-bursts" ? [11] : [11, 12]) {
        const { report, applies } = run(json, family, lag, seed);
        expect(longestGapDays(applies)).toBeLessThanOrEqual(14);
        expect({ family, lag, seed, down: report.totalDownHours }).toEqual({ family, lag, seed, down: 0 });
        expect(report.minKeyOverlapSeconds).toBeGreaterThanOrEqual(key.schedule.guaranteedOverlapDays * DAY - 3600);
        expect(report.minKeyOverlapSeconds).toBeGreaterThanOrEqual(key.schedule.minOverlapDays * DAY);
        expect(report.peakLiveKeysPerOwner).toBeLessThanOrEqual(PEAK_KEYS_PER_ROTATING_API_KEY);
        expect(report.doubleReplacements).toBe(0);
        expect(report.nonEmptyFollowUpPlans).toBe(0);
        expect(report.maxKeyLifetimeSeconds).toBeLessThanOrEqual(90 * DAY);
      }
    },
  );

  test("runs failing at 5 % and 20 %: whenever the longest gap stays within rotationDays / 2 − 1 day, zero downtime", () => {
    for (const failureRate of [0.05, 0.2]) {
      for (const seed of [3, 4, 5]) {
        const { report, applies } = run(json, "failing-runs", 24, seed, 7, { failureRate });
        const gap = longestGapDays(applies);
        expect(gap).toBeLessThanOrEqual(key.schedule.worstCasePauseDays);
        expect({ failureRate, seed, gap, down: report.totalDownHours }).toEqual({ failureRate, seed, gap, down: 0 });
      }
    }
  });

  test("a pause up to rotationDays / 2 − 1 day (44 days) is survived from any point; a longer one is an outage the watch reports first", () => {
    for (const seed of [21, 22, 23]) {
      const { report } = run(json, "long-pause", 24, seed, 7, { pauseDays: 44 - 7 });
      expect(report.totalDownHours).toBe(0);
    }
    let outages = 0;
    for (const seed of [21, 22, 23, 24]) {
      const { report } = run(json, "long-pause", 24, seed, 7, { pauseDays: 100 });
      expect(report.totalDownHours).toBeGreaterThan(0);
      outages += report.workers[0].intervals.length;
      // The watch (default 14-day window) run on the state a week before each outage already fails.
      expect(unwarnedOutages(report, 7)).toEqual([]);
    }
    expect(outages).toBeGreaterThan(0);
  });

  test("first deploy at any moment, generation boundaries included, publishes the newer key as current (no tie-break)", () => {
    const phase = key.phaseHours * 3600;
    const boundary = 1704067200 + phase + 1080 * 3600 * 700;
    for (const at of [boundary - 1, boundary, boundary + 1, boundary + 3600, START]) {
      const { report } = { report: analyseRotation(json, { applies: [at], until: at + 3600, reloadLagHours: 0 }) };
      const version = report.replay.objects.find((o) => o.type === "aws_secretsmanager_secret_version")!;
      const secret = JSON.parse(String(version.attributes.secret_string)) as Record<string, string>;
      expect(Date.parse(secret.currentExpiresAt)).toBeGreaterThan(Date.parse(secret.previousExpiresAt));
      expect(Date.parse(secret.currentExpiresAt) / 1000 - at).toBeGreaterThan(45 * DAY - 1);
    }
  });

  test("an operator forcing both keys at once: the schedule is back to normal by itself afterwards", () => {
    const applies = applySchedule("regular", { start: START, until: FIVE_YEARS, cadenceDays: 7, seed: 1 });
    const keys = Object.keys(json.resource!.temporalcloud_apikey).map((n) => `temporalcloud_apikey.${n}`);
    const forced = analyseRotation(json, { applies, until: FIVE_YEARS, reloadLagHours: 24, forceReplace: new Map([[30, keys]]) });
    // Workers that have not re-read the secret lose the destroyed current key for at most the reload lag...
    expect(forced.totalDownHours).toBeLessThanOrEqual(24);
    // ...and every later rotation replaces one slot at a time with zero downtime.
    const after = forced.workers[0].intervals.filter(([from]) => from > applies[31]);
    expect(after).toEqual([]);
    expect(forced.doubleReplacements).toBe(1);
  });

  test("the replay can fail: publishing the older key as current, or keys expiring before their slot is due, shows downtime", () => {
    const swapped = JSON.parse(JSON.stringify(json).replace(/% 2\) == 1\)/g, "% 2) == 0)")) as SynthJson;
    expect(run(swapped, "regular", 24, 1).report.totalDownHours).toBeGreaterThan(0);
    const short = JSON.parse(JSON.stringify(json)) as SynthJson;
    for (const offset of Object.values(short.resource!.time_offset)) offset.offset_days = 46;
    expect(run(short, "random-within-cadence", 24, 2).report.totalDownHours).toBeGreaterThan(0);
  });
});

describe("API-key rotation of the shipped examples", () => {
  test.each(["identity-estate.yaml", "production-estate.yaml"])("%s: every worker keeps a valid key under random gaps and missed runs, lag 24 h", (file) => {
    const raw = yaml.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8"));
    const cadence = loadConfig(path.join(EXAMPLES_DIR, file)).applyCadenceDays;
    const json = synthConfig(raw);
    const keySets = Object.keys(json.resource?.temporalcloud_apikey ?? {}).length / 2;
    expect(keySets).toBeGreaterThan(0);
    for (const family of ["random-within-cadence", "missed-runs"] as const) {
      const { report } = run(json, family, 24, 7, cadence);
      expect(report.workers.filter((w) => w.kind === "api-key")).toHaveLength(keySets);
      expect(report.workers.filter((w) => w.kind === "api-key").map((w) => [w.secret, w.downSeconds])).toEqual(
        report.workers.filter((w) => w.kind === "api-key").map((w) => [w.secret, 0]),
      );
      expect(report.peakLiveKeysPerOwner).toBeLessThanOrEqual(PEAK_KEYS_PER_ROTATING_API_KEY);
    }
  });
});
