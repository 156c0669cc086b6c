// The rotation timeline in the README is generated from the real defaults; keep it current.
import * as fs from "node:fs";
import { DOC_FILE, renderDefaultTimeline, withTimeline } from "../../scripts/gen-mtls-timeline";
import { checkRotationSettings } from "../../lib/constructs/rotating-ca";

test("README holds the timeline generated from the current defaults (run npx tsx scripts/gen-mtls-timeline.ts)", () => {
  const doc = fs.readFileSync(DOC_FILE, "utf8");
  const chart = renderDefaultTimeline();
  expect(chart).toMatch(/^```mermaid\n[\s\S]*gantt[\s\S]*section CA slot a[\s\S]*section CA slot b[\s\S]*section Client certificate[\s\S]*```$/);
  expect(withTimeline(doc, chart)).toBe(doc);
});

test("the slower-cadence example in docs/mtls.md is accepted", () => {
  expect(checkRotationSettings({ applyCadenceDays: 60, rotateEveryDays: 300, clientValidityDays: 250, validityDays: 420 })).toEqual([]);
});
