// The big rotation sweep (the unit suite runs a bounded, seeded subset): every example estate, every schedule
// family, reload lags 0 / 1 h / 24 h, many seeds, five years each. Prints one line per (example, family, lag)
// with the worst outage found and the share of runs with any outage; exits 1 if a run within the tolerance
// (longest gap ≤ 2 × applyCadenceDays) lost a credential, or an outage beyond it was not warned first.
//   npm run sweep:rotation [-- --seeds N]
import { estateConfigOf } from "../lib/config/estate-config";
import * as path from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../lib/config/load";
import { TemporalCloudStack } from "../lib/estate/temporal-cloud-stack";
import { analyseRotation, unwarnedOutages } from "../lib/analysis/rotation";
import { applySchedule, longestGapDays, type ScheduleFamily } from "../lib/analysis/schedules";

const EXAMPLES = ["identity-estate.yaml", "production-estate.yaml", "mtls-estate.yaml"];
const FAMILIES: ScheduleFamily[] = ["regular", "random-within-cadence", "merge-bursts", "missed-runs", "failing-runs", "long-pause"];
const seedsArg = process.argv.indexOf("--seeds");
const SEEDS = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 10;
const START = Date.parse("2026-03-02T09:17:00Z") / 1000;
const UNTIL = START + 5 * 365 * 86400;

let failed = false;
for (const file of EXAMPLES) {
  const config = loadConfig(path.join(__dirname, "..", "examples", file));
  const json = JSON.parse(Testing.synth(new TemporalCloudStack(Testing.app(), "sweep", { config: estateConfigOf(config) })));
  const tolerance = 2 * config.applyCadenceDays;
  for (const family of FAMILIES) {
    for (const lag of [0, 1, 24]) {
      let worst = 0;
      let withOutage = 0;
      let beyond = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const applies = applySchedule(family, { start: START, until: UNTIL, cadenceDays: config.applyCadenceDays, seed }, { failureRate: 0.05, pauseDays: 60 });
        const report = analyseRotation(json, { applies, until: UNTIL, reloadLagHours: lag });
        const gap = longestGapDays(applies);
        if (gap > tolerance) beyond++;
        worst = Math.max(worst, report.totalDownHours);
        if (report.totalDownHours > 0) withOutage++;
        if (gap <= tolerance && report.totalDownHours > 0) {
          failed = true;
          console.error(`FAIL ${file} ${family} lag ${lag} h seed ${seed}: ${report.totalDownHours.toFixed(1)} h down with the longest gap ${gap.toFixed(1)} d ≤ ${tolerance} d`);
        }
        const unwarned = unwarnedOutages(report, 7);
        if (unwarned.length > 0) {
          failed = true;
          console.error(`FAIL ${file} ${family} lag ${lag} h seed ${seed}: ${unwarned.length} outage(s) the expiry watch did not report 7 days ahead`);
        }
      }
      console.log(`${file.padEnd(24)} ${family.padEnd(22)} lag ${String(lag).padStart(2)} h: runs ${SEEDS}, beyond tolerance ${beyond}, with outage ${withOutage}, worst ${worst.toFixed(1)} h`);
    }
  }
}
process.exit(failed ? 1 : 0);
