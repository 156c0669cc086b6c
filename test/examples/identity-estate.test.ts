import * as path from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../lib/config/load";
import { TemporalCloudStack } from "../../stacks/temporal-cloud-stack";
import { EXAMPLES_DIR, resourcesOf, type SynthJson } from "../helpers";

function synthExample(): SynthJson {
  const stack = new TemporalCloudStack(Testing.app(), "identity-estate", { config: loadConfig(path.join(EXAMPLES_DIR, "identity-estate.yaml")) });
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

describe("examples/identity-estate.yaml", () => {
  const json = synthExample();

  test("three workers in two namespaces: one service account each, least privilege", () => {
    const accounts = resourcesOf(json, "temporalcloud_service_account");
    expect(accounts.map((a) => a.name).sort()).toEqual(["inventory-staging-inventory-sync", "orders-prod-order-auditor", "orders-prod-order-processor"]);
    const byName = Object.fromEntries(accounts.map((a) => [a.name as string, a]));
    expect(byName["orders-prod-order-processor"].namespace_scoped_access).toMatchObject({ permission: "write" });
    expect(byName["inventory-staging-inventory-sync"].namespace_scoped_access).toMatchObject({ permission: "write" });
    expect(byName["orders-prod-order-auditor"]).toMatchObject({ account_access: "read" });
    for (const account of accounts) expect(account.account_access).not.toBe("admin");
  });

  test("keys rotate into AWS Secrets Manager for orders-prod and GCP Secret Manager for inventory-staging", () => {
    expect(resourcesOf(json, "temporalcloud_apikey")).toHaveLength(6);
    expect(resourcesOf(json, "aws_secretsmanager_secret").map((s) => s.name).sort()).toEqual(["temporal/orders-prod/order-auditor/api-key", "temporal/orders-prod/order-processor/api-key"]);
    expect(resourcesOf(json, "google_secret_manager_secret").map((s) => s.secret_id)).toEqual(["temporal-inventory-staging-inventory-sync-api-key"]);
    expect(resourcesOf(json, "time_offset").filter((o) => o.base_rfc3339 !== undefined).map((o) => o.offset_days).sort()).toEqual([30, 30, 60, 60, 90, 90]);
  });

  test("matches the snapshot", () => {
    expect(json).toMatchSnapshot();
  });
});
