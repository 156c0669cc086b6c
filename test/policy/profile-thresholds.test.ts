// The CA-expiry horizon (TC-MTLS-002) and the client-certificate lifetime (TC-MTLS-005) are environment
// profile values (lib/domain/environments.ts): resolve decides them per namespace, the stack writes them into
// the namespace marker, and the rules read them from there. Changing the profile changes the verdict.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROFILES } from "../../lib/domain/environments";
import { loadConfig } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { TerraformModel, type StackJson } from "../../lib/analysis/model";
import { GUARDRAILS_KEY } from "../../lib/analysis/marker";
import { evaluate } from "../../lib/policy/engine";
import { TC_MTLS_002 } from "../../lib/policy/rules/tc-mtls-002";
import { TC_MTLS_005 } from "../../lib/policy/rules/tc-mtls-005";
import { EXAMPLES_DIR, tempDir } from "../helpers";
import { NOW } from "./fixtures";

// Production's generated CA lives 365 days and issues 30-day client certificates; development's CA uses
// the defaults (400 days, 90-day client certificates).
const MTLS_ESTATE = path.join(EXAMPLES_DIR, "mtls-estate.yaml");

function synth() {
  const outdir = tempDir("tcg-profile-");
  const result = synthesizeEstate({ config: loadConfig(MTLS_ESTATE), outdir, now: NOW });
  const ruleFindings = (id: string) => [...result.compliance.findings, ...result.compliance.suppressed].filter((f) => f.ruleId === id);
  return { result, ruleFindings, outdir };
}

afterEach(() => jest.restoreAllMocks());

describe("TC-MTLS-005 reads the client-certificate lifetime from the profile", () => {
  test("with the shipped profiles the 30- and 90-day certificates pass", () => {
    expect(synth().ruleFindings("TC-MTLS-005")).toEqual([]);
  });

  test("a 20-day production limit flags the production certificates only, and the written JSON keeps the decision", () => {
    jest.replaceProperty(PROFILES.production, "maxClientCertificateDays", 20);
    const { result, ruleFindings } = synth();
    const findings = ruleFindings("TC-MTLS-005");
    expect(findings.map((f) => [f.address.replace(/_[0-9A-F]{8}$/, ""), f.message]).sort()).toEqual([
      ["tls_locally_signed_cert.ns-billing-prod-worker-billing-mtls-cert_certificate", "client certificate is valid for 30 days (at most 20 recommended)"],
      ["tls_locally_signed_cert.ns-orders-prod-worker-fulfillment-mtls-cert_certificate", "client certificate is valid for 30 days (at most 20 recommended)"],
    ]);
    const json = JSON.parse(fs.readFileSync(result.stackFile, "utf8")) as StackJson;
    const markers = Object.values(json.resource?.temporalcloud_namespace ?? {}).map((ns) => ((ns["//"] as Record<string, Record<string, unknown>>)[GUARDRAILS_KEY]));
    expect(markers.map((m) => [m.environment, m.maxClientCertificateDays, m.caExpiryHorizonDays]).sort()).toEqual([
      ["development", 90, 30], ["production", 20, 30], ["production", 20, 30],
    ]);
    // Read back later with the shipped profile: the marker, not today's profile, decides.
    jest.restoreAllMocks();
    expect(PROFILES.production.maxClientCertificateDays).toBe(90);
    const again = evaluate(TerraformModel.fromJson(result.stackName, json, { now: NOW }), { rules: [TC_MTLS_005] });
    expect(again.findings.map((f) => f.message)).toEqual(findings.map((f) => f.message));
  });
});

describe("TC-MTLS-002 reads the CA-expiry horizon from the profile", () => {
  test("with the shipped 30-day horizon the one-year production CA passes", () => {
    expect(synth().ruleFindings("TC-MTLS-002")).toEqual([]);
  });

  test("a 400-day production horizon flags both production namespaces (their CA lives 365 days) and blocks synth", () => {
    jest.replaceProperty(PROFILES.production, "caExpiryHorizonDays", 400);
    const { result, ruleFindings } = synth();
    const findings = ruleFindings("TC-MTLS-002");
    expect(findings.map((f) => f.namespaces?.[0]).sort()).toEqual(["billing-prod", "billing-prod", "orders-prod", "orders-prod"]);
    expect(findings.every((f) => /expires in 365 days \(horizon 400\)$/.test(f.message))).toBe(true);
    expect(result.blocked).toBe(true);
  });
});
