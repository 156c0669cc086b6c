// Proof (a) for mTLS: a RotatingCa, the namespace accepting its bundle and a worker's client certificate,
// replayed from cdk.tf.json through real-pipeline schedules: the worker's certificate (as it read it from its
// secret, up to 24 h late) is always unexpired and chains to an unexpired CA in its namespace's bundle.
import { estateConfigOf } from "../../lib/config/estate-config";
import * as path from "node:path";
import { analyseRotation, unwarnedOutages, type RotationReport } from "../../lib/analysis/rotation";
import { applySchedule, longestGapDays, type ScheduleFamily } from "../../lib/analysis/schedules";
import { MAX_BUNDLE_CERTIFICATES, MIN_OVERLAP_DAYS, checkRotationSettings, clientEarlyRenewalHours, ROTATING_CA_DEFAULTS } from "../../lib/constructs/rotating-ca";
import { loadConfig } from "../../lib/config/load";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { Testing } from "cdktf";
import { EXAMPLES_DIR, type SynthJson } from "../helpers";
import { synthRotatingCa } from "../mtls/timeline-fixture";

const DAY = 86400;
const START = Date.parse("2026-03-02T09:17:00Z") / 1000;
const FIVE_YEARS = START + 5 * 365 * DAY;

function run(json: SynthJson, family: ScheduleFamily, lagHours: number, seed: number, cadenceDays = 7, extra: Parameters<typeof applySchedule>[2] = {}): { report: RotationReport; applies: number[] } {
  const applies = applySchedule(family, { start: START, until: FIVE_YEARS, cadenceDays, seed }, extra);
  return { applies, report: analyseRotation(json, { applies, until: FIVE_YEARS, reloadLagHours: lagHours, followUpPlanEvery: 7 }) };
}

describe("mTLS rotation replayed from cdk.tf.json", () => {
  const json = synthRotatingCa();

  test("the replay reads the deployed graph: a new CA every 182.5 days, client certificates re-issued at half-life and with every new CA", () => {
    const { report } = run(json, "regular", 0, 1);
    const cas = report.replay.objects.filter((o) => o.type === "tls_self_signed_cert");
    const clients = report.replay.objects.filter((o) => o.type === "tls_locally_signed_cert");
    // 5 years / 182.5 days = 10 generations, plus the previous generation created on the first deploy.
    expect(cas.length).toBeGreaterThanOrEqual(11);
    expect(cas.length).toBeLessThanOrEqual(12);
    // Renewal every ≤ 45 days (+ up to one apply gap), plus a re-issue at each new CA.
    expect(clients.length).toBeGreaterThanOrEqual(Math.floor((5 * 365) / 52));
    expect(report.workers).toEqual([expect.objectContaining({ kind: "mtls" })]);
    expect(clientEarlyRenewalHours(ROTATING_CA_DEFAULTS)).toBe(45 * 24);
  });

  test("replace_triggered_by (bare references in JSON syntax) is followed: a new CA key with every CA generation, a new client key with it", () => {
    const { report } = run(json, "regular", 0, 1);
    const count = (prefix: string) => report.replay.objects.filter((o) => o.address.startsWith(prefix)).length;
    const caKeys = report.replay.objects.filter((o) => o.type === "tls_private_key" && o.address.includes("key-a")).length;
    const caCerts = report.replay.objects.filter((o) => o.type === "tls_self_signed_cert" && o.address.includes("cert-a")).length;
    expect(caKeys).toBe(caCerts);
    expect(caKeys).toBeGreaterThan(1);
    // The client key is replaced with every CA generation of either slot (half-life renewals keep the key).
    const clientKeys = report.replay.objects.filter((o) => o.type === "tls_private_key" && !/key-[ab]/.test(o.address)).length;
    expect(clientKeys).toBe(count("terraform_data.") - 1);
  });

  test.each([...(["regular", "random-within-cadence", "missed-runs"] as const).flatMap((family) => [0, 1, 24].map((lag) => [family, lag] as const)), ["merge-bursts", 24] as const])(
    "%s applies, reload lag %i h, five years: zero downtime, outgoing CA accepted ≥ 30 days after its successor signs, no expired CA in the bundle, no perpetual diff",
    (family, lag) => {
      const { report, applies } = run(json, family, lag, 31);
      expect(longestGapDays(applies)).toBeLessThanOrEqual(14);
      expect({ family, lag, down: report.totalDownHours }).toEqual({ family, lag, down: 0 });
      expect(report.minCaOverlapSeconds).toBeGreaterThanOrEqual(MIN_OVERLAP_DAYS * DAY);
      expect(report.expiredCaInBundleSeconds).toBe(0);
      expect(report.maxBundleCertificates).toBe(2);
      expect(report.maxBundleCertificates).toBeLessThanOrEqual(MAX_BUNDLE_CERTIFICATES);
      expect(report.nonEmptyFollowUpPlans).toBe(0);
    },
  );

  test("runs failing at 5 % and 20 % and any pause up to 44 days: zero downtime", () => {
    for (const failureRate of [0.05, 0.2]) {
      const { report, applies } = run(json, "failing-runs", 24, 8, 7, { failureRate });
      expect(longestGapDays(applies)).toBeLessThanOrEqual(44);
      expect(report.totalDownHours).toBe(0);
    }
    for (const seed of [1, 2, 3]) expect(run(json, "long-pause", 24, seed, 7, { pauseDays: 44 - 7 }).report.totalDownHours).toBe(0);
  });

  test("a longer pause can cost the certificate; the expiry watch reports it a week before", () => {
    let down = 0;
    for (const seed of [1, 2, 3, 4]) {
      const { report } = run(json, "long-pause", 24, seed, 7, { pauseDays: 120 });
      down += report.totalDownHours;
      expect(unwarnedOutages(report, 7)).toEqual([]);
    }
    expect(down).toBeGreaterThan(0);
  });

  test("the replay can fail: a client certificate signed by the outgoing CA, or a renewal window shorter than the gap", () => {
    const wrongCa = JSON.parse(JSON.stringify(json).replace(/% 2\) == 1\) \? tls_self_signed_cert/g, "% 2) == 0) ? tls_self_signed_cert")) as SynthJson;
    const outgoing = run(wrongCa, "regular", 24, 1).report;
    expect(outgoing.totalDownHours).toBeGreaterThan(0);
    const late = JSON.parse(JSON.stringify(json)) as SynthJson;
    for (const cert of Object.values(late.resource!.tls_locally_signed_cert)) cert.early_renewal_hours = 24;
    expect(run(late, "random-within-cadence", 24, 2).report.totalDownHours).toBeGreaterThan(0);
  });

  test("a schedule the config check refuses (60-day slots with weekly applies) really breaks the 30-day CA overlap", () => {
    expect(checkRotationSettings({ ...ROTATING_CA_DEFAULTS, rotateEveryDays: 60, validityDays: 100, clientValidityDays: 40 }).map((p) => p.join(": ")).join("\n")).toMatch(/rotateEveryDays: 60 gives an overlap of only 16 days/);
    // The same graph with the generation grid stretched to 30 days (what rotateEveryDays 60 would synthesize).
    const text = JSON.stringify(json).replace(/\/ 15768000\)/g, "/ 2592000)").replace(/\* 4380\)/g, "* 720)");
    expect(text).not.toBe(JSON.stringify(json));
    const { report } = run(JSON.parse(text) as SynthJson, "missed-runs", 24, 4, 7, { missRate: 0.3 });
    expect(report.minCaOverlapSeconds).toBeLessThan(MIN_OVERLAP_DAYS * DAY);
  });
});

describe("mTLS rotation of the shipped examples (shared CA included)", () => {
  test.each(["mtls-estate.yaml", "production-estate.yaml"])("%s: every mTLS worker keeps a certificate its namespace accepts, missed runs, lag 24 h", (file) => {
    const config = loadConfig(path.join(EXAMPLES_DIR, file));
    const json = JSON.parse(Testing.synth(new TemporalCloudStack(Testing.app(), "example", { config: estateConfigOf(config) }))) as SynthJson;
    const { report } = run(json, "missed-runs", 24, 5, config.applyCadenceDays);
    const mtls = report.workers.filter((w) => w.kind === "mtls");
    expect(mtls.length).toBe(Object.keys(json.resource?.tls_locally_signed_cert ?? {}).length);
    expect(mtls.length).toBeGreaterThan(0);
    expect(mtls.map((w) => [w.secret, w.downSeconds])).toEqual(mtls.map((w) => [w.secret, 0]));
    expect(report.expiredCaInBundleSeconds).toBe(0);
    expect(report.minCaOverlapSeconds).toBeGreaterThanOrEqual(MIN_OVERLAP_DAYS * DAY);
  });
});
