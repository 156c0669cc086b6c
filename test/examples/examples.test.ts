// Every example config users copy must validate and synthesize; the full JSON is snapshot-tested so
// reviewers see any change to what an example deploys.
import * as fs from "node:fs";
import * as path from "node:path";
import { readConfigDocument } from "../../lib/config/load";
import { EXAMPLES_DIR, resourcesOf, synthConfig } from "../helpers";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

describe.each(examples)("examples/%s", (file) => {
  const json = synthConfig(readConfigDocument(path.join(EXAMPLES_DIR, file)), EXAMPLES_DIR);

  test("synthesizes to the snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  test("pins the temporalcloud provider", () => {
    expect(json.terraform?.required_providers).toMatchObject({ temporalcloud: { source: "temporalio/temporalcloud", version: "1.5.0" } });
  });

  test("production namespaces carry delete protection and prevent_destroy", () => {
    const doc = readConfigDocument(path.join(EXAMPLES_DIR, file)) as { namespaces: Array<{ name: string; environment: string }> };
    const prod = new Set(doc.namespaces.filter((n) => n.environment === "production").map((n) => n.name));
    for (const ns of resourcesOf(json, "temporalcloud_namespace")) {
      if (!prod.has(ns.name as string)) continue;
      expect(ns).toMatchObject({ namespace_lifecycle: { enable_delete_protection: true }, lifecycle: { prevent_destroy: true } });
    }
  });
});

test("the production example keeps its configured retention, auth and filters", () => {
  const json = synthConfig(readConfigDocument(path.join(EXAMPLES_DIR, "production-estate.yaml")));
  const byName = Object.fromEntries(resourcesOf(json, "temporalcloud_namespace").map((n) => [n.name, n]));
  expect(byName["payments-prod"]).toMatchObject({
    retention_days: 14,
    api_key_auth: false,
    certificate_filters: [{ common_name: "payments-prod" }, { common_name: "payments-prod-*" }],
    codec_server: { endpoint: "https://codec.payments.example.com", pass_access_token: true },
  });
  expect(Buffer.from(byName["payments-prod"].accepted_client_ca as string, "base64").toString()).toContain("BEGIN CERTIFICATE");
  expect(byName["ledger-prod"]).toMatchObject({ retention_days: 30, api_key_auth: true });
  expect(byName["payments-staging"]).toMatchObject({ namespace_lifecycle: { enable_delete_protection: true } });
  expect(byName["payments-staging"].lifecycle).toBeUndefined();
});
