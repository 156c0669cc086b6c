import * as path from "node:path";
import { EstateConfig } from "../../lib/config/estate-config";
import { Testing } from "cdktf";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { EXAMPLES_DIR, resourcesOf, type SynthJson } from "../helpers";

function synthExample(): SynthJson {
  const stack = new TemporalCloudStack(Testing.app(), "identity-estate", { config: EstateConfig.fromFile(path.join(EXAMPLES_DIR, "identity-estate.yaml")) });
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

describe("examples/identity-estate.yaml", () => {
  const json = synthExample();

  test("four workers in two namespaces: one namespace-scoped service account each, least privilege", () => {
    const accounts = resourcesOf(json, "temporalcloud_service_account");
    expect(accounts.map((a) => a.name).sort()).toEqual([
      "inventory-staging-inventory-auditor", "inventory-staging-inventory-sync", "orders-prod-order-auditor", "orders-prod-order-processor",
    ]);
    const byName = Object.fromEntries(accounts.map((a) => [a.name as string, a]));
    expect(byName["orders-prod-order-processor"].namespace_scoped_access).toMatchObject({ permission: "write" });
    expect(byName["inventory-staging-inventory-sync"].namespace_scoped_access).toMatchObject({ permission: "write" });
    // The auditor is split per environment: no credential reaches production and staging (TC-SEP-001).
    expect(byName["orders-prod-order-auditor"].namespace_scoped_access).toMatchObject({ permission: "read" });
    expect(byName["inventory-staging-inventory-auditor"].namespace_scoped_access).toMatchObject({ permission: "read" });
    for (const account of accounts) expect(account.account_access).toBeUndefined();
  });

  test("keys rotate into AWS Secrets Manager for orders-prod and GCP Secret Manager for inventory-staging", () => {
    expect(resourcesOf(json, "temporalcloud_apikey")).toHaveLength(8);
    expect(resourcesOf(json, "aws_secretsmanager_secret").map((s) => s.name).sort()).toEqual(["temporal/orders-prod/order-auditor/api-key", "temporal/orders-prod/order-processor/api-key"]);
    expect(resourcesOf(json, "google_secret_manager_secret").map((s) => s.secret_id).sort()).toEqual([
      "temporal-inventory-staging-inventory-auditor-api-key", "temporal-inventory-staging-inventory-sync-api-key",
    ]);
    // rotationDays: 60 (order-auditor, inventory-sync), the 90-day default for the other two; two slots each.
    expect(resourcesOf(json, "time_offset").filter((o) => o.base_rfc3339 !== undefined).map((o) => o.offset_days).sort((a, b) => Number(a) - Number(b))).toEqual([60, 60, 60, 60, 90, 90, 90, 90]);
  });

  test("the production namespace is private: its only connectivity rule is the PrivateLink endpoint's", () => {
    const prod = resourcesOf(json, "temporalcloud_namespace").find((n) => n.name === "orders-prod");
    const rules = resourcesOf(json, "temporalcloud_connectivity_rule");
    expect(rules.map((r) => r.connectivity_type)).toEqual(["private"]);
    expect(prod?.connectivity_rule_ids).toEqual([expect.stringMatching(/^\$\{temporalcloud_connectivity_rule\..+\.id\}$/)]);
  });

});
