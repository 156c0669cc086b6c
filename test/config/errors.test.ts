// Each bad input must produce a problem at the right config path with a message that names the value and the fix.
import { safeParseConfig } from "../../lib/config/parse";
import type { ConfigIssue } from "../../lib/config/issues";
import { EXAMPLES_DIR } from "../helpers";

const ns = (over: Record<string, unknown> = {}) => ({
  name: "orders-dev",
  environment: "development",
  regions: ["aws-us-east-1"],
  auth: { apiKey: true },
  ...over,
});
const cfg = (...namespaces: Record<string, unknown>[]) => ({ namespaces });

function issuesOf(raw: unknown): readonly ConfigIssue[] {
  const result = safeParseConfig(raw, { baseDir: EXAMPLES_DIR });
  if (result.ok) throw new Error("expected the config to be rejected");
  return result.issues;
}

const CASES: Array<[string, unknown, string, RegExp]> = [
  ["retention above 90", cfg(ns({ retentionDays: 120 })), "namespaces[0].retentionDays", /^120 is above the Temporal Cloud maximum of 90; use 90 or less/],
  ["retention below 1", cfg(ns({ retentionDays: 0 })), "namespaces[0].retentionDays", /^0 is below the Temporal Cloud minimum of 1/],
  ["fractional retention", cfg(ns({ retentionDays: 7.5 })), "namespaces[0].retentionDays", /^7.5 is not a whole number of days/],
  ["retention outside the production policy", cfg(ns({ environment: "production", retentionDays: 3 })), "namespaces[0].retentionDays", /^3 is outside the production retention policy of 7 to 90 days/],
  ["uppercase name", cfg(ns({ name: "Orders" })), "namespaces[0].name", /^"Orders" is not a valid namespace name; use lowercase letters/],
  ["one-character name", cfg(ns({ name: "o" })), "namespaces[0].name", /^"o" is 1 characters; namespace names must be 2 to 64 characters/],
  ["name ending in hyphen", cfg(ns({ name: "orders-" })), "namespaces[0].name", /^"orders-" is not a valid namespace name/],
  ["unknown environment", cfg(ns({ environment: "prod" })), "namespaces[0].environment", /^"prod" is not an environment; use one of development, staging, production/],
  ["unknown region with suggestions", cfg(ns({ regions: ["aws-us-est-1"] })), "namespaces[0].regions[0]", /^"aws-us-est-1" is not a Temporal Cloud region; did you mean "aws-us-east-1"/],
  ["region without cloud prefix", cfg(ns({ regions: ["us-central1"] })), "namespaces[0].regions[0]", /did you mean "gcp-us-central1"/],
  ["two regions without ha", cfg(ns({ regions: ["aws-us-east-1", "aws-us-west-2"] })), "namespaces[0].regions", /more than one region; give the primary region here and the replica in ha/],
  ["no region anywhere", cfg(ns({ regions: undefined })), "namespaces[0].regions", /is not set and defaults.regions is empty/],
  ["no auth method", cfg(ns({ auth: { apiKey: false } })), "namespaces[0].auth", /enables no authentication method; set auth.apiKey: true or configure auth.mtls/],
  ["missing CA file", cfg(ns({ auth: { mtls: { caPemFiles: ["certs/missing.pem"] } } })), "namespaces[0].auth.mtls.caPemFiles[0]", /does not exist; give a path relative to the config file/],
  ["empty certificate filter list", cfg(ns({ certificateFilters: [] })), "namespaces[0].certificateFilters", /is an empty list, which Temporal Cloud rejects/],
  ["filter without fields", cfg(ns({ certificateFilters: [{}] })), "namespaces[0].certificateFilters[0]", /has no fields; set at least one of commonName/],
  ["wildcard in the middle", cfg(ns({ certificateFilters: [{ commonName: "a*b" }] })), "namespaces[0].certificateFilters[0].commonName", /"a\*b" has "\*" in the middle or at both ends/],
  ["bare wildcard", cfg(ns({ certificateFilters: [{ organization: "*" }] })), "namespaces[0].certificateFilters[0].organization", /"\*" alone matches everything/],
  ["26 filters", cfg(ns({ certificateFilters: Array.from({ length: 26 }, (_, i) => ({ commonName: `w${i}` })) })), "namespaces[0].certificateFilters", /has 26 filters; Temporal Cloud allows at most 25/],
  ["codec server over http", cfg(ns({ codecServer: { endpoint: "http://codec.example.com" } })), "namespaces[0].codecServer.endpoint", /"http:\/\/codec.example.com" is not an https:\/\/ URL/],
  ["duplicate namespace names", cfg(ns(), ns()), "namespaces[1].name", /"orders-dev" is already used by namespaces\[0\]; namespace names must be unique/],
  ["misspelled setting", cfg(ns({ retentionDay: 7 })), "namespaces[0]", /unknown setting "retentionDay" \(did you mean "retentionDays"\?\)/],
  ["wrong type", cfg(ns({ deleteProtection: "yes" })), "namespaces[0].deleteProtection", /^"yes" is not a valid boolean/],
  ["eleven tags", cfg(ns({ tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) })), "namespaces[0].tags", /has 11 tags; Temporal Cloud allows at most 10/],
  ["bad search attribute type", cfg(ns({ searchAttributes: { CustomerId: "string" } })), "namespaces[0].searchAttributes.CustomerId", /"string" is not a search attribute type; use one of bool, datetime/],
  ["production without delete protection and no reason", cfg(ns({ environment: "production", deleteProtection: false })), "namespaces[0].deleteProtection", /false turns off delete protection on a production namespace; remove it, or add profileOverrideReason/],
  ["production without prevent_destroy and no reason", cfg(ns({ environment: "production", preventDestroy: false })), "namespaces[0].preventDestroy", /add profileOverrideReason/],
  ["duplicate worker names", cfg(ns({ workers: [{ name: "charger" }, { name: "charger" }] })), "namespaces[0].workers[1].name", /"charger" is already used by workers\[0\]/],
  ["no namespaces", { namespaces: [] }, "namespaces", /is empty; describe at least one namespace/],
  ["namespaces missing", {}, "namespaces", /is required/],
  ["bad account id", { account: { id: "Has Spaces" }, ...cfg(ns()) }, "account.id", /does not look like a Temporal Cloud account id/],
  ["retention policy min above max", { environments: { development: { retention: { minDays: 30, maxDays: 10 } } }, ...cfg(ns()) }, "environments.development.retention", /minDays 30 is above maxDays 10/],
];

describe("config errors", () => {
  test.each(CASES)("%s", (_title, raw, path, message) => {
    const issues = issuesOf(raw);
    const match = issues.find((i) => i.path === path);
    expect({ path, found: issues.map((i) => `${i.path}: ${i.message}`) }).toEqual({ path, found: expect.arrayContaining([expect.stringMatching(new RegExp(`^${escape(path)}: `))]) });
    expect(match?.message).toMatch(message);
  });

  test("reports every problem of a config at once", () => {
    const issues = issuesOf(cfg(ns({ name: "Bad", retentionDays: 200, codecServer: { endpoint: "http://x" } }), ns({ name: "b-", environment: "qa" })));
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining([
      "namespaces[0].name",
      "namespaces[0].retentionDays",
      "namespaces[0].codecServer.endpoint",
      "namespaces[1].name",
      "namespaces[1].environment",
    ]));
  });

  test("a schema error does not hide the cross checks of the rest of the config", () => {
    const issues = issuesOf(cfg(
      ns({ name: "orders", retentionDays: "seven" }),
      ns({ name: "orders" }),
      ns({ name: "billing" }),
      ns({ name: "billing" }),
    ));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^namespaces\[0\]\.retentionDays: "seven" is not a valid number/),
      // A clash with the rejected namespace, and one between two accepted namespaces (renumbered back).
      'namespaces[1].name: "orders" is already used by namespaces[0]; namespace names must be unique',
      'namespaces[3].name: "billing" is already used by namespaces[2]; namespace names must be unique',
    ]));
  });

  test("an unknown top-level section is rejected, not ignored", () => {
    const issues = issuesOf({ ...cfg(ns()), nexusEndpoints: [] });
    expect(issues).toEqual([{ path: "", message: expect.stringMatching(/^unknown setting "nexusEndpoints"; remove it/) }]);
  });

  test("profileOverrideReason allows a weakened production default", () => {
    const result = safeParseConfig(cfg(ns({ environment: "production", deleteProtection: false, profileOverrideReason: "scratch namespace deleted after the load test" })));
    expect(result.ok).toBe(true);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
