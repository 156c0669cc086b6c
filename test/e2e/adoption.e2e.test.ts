// Brownfield adoption judged by real terraform: a namespace (with tags and a search attribute) and a
// worker's service account exist (created by one workspace), a second workspace with empty state adopts them
// through `importId` / `importSearchAttributes` (Terraform import blocks), plans the imports plus only the
// changes its props ask for, applies, and then plans nothing.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { TerraformStack } from "cdktf";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { ServiceAccountPerWorker } from "../../lib/constructs/service-account-per-worker";
import { ACCOUNT_ID, EmulatorProcess, Workspace, type PlanJson, type ResourceChange } from "./harness";
import { synthConstructStack } from "./stacks";
import { Environment } from "../../lib/domain/environments";
import { SearchAttributeType } from "../../lib/domain/namespace-rules";

const NAMESPACE = "ledger-dev";
const NAMESPACE_ID = `${NAMESPACE}.${ACCOUNT_ID}`;

/** The estate as it was made by hand (or another tool): a namespace and one worker's service account. */
function existing(stack: TerraformStack): void {
  const ns = new SecureNamespace(stack, "ns", { name: NAMESPACE, environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true, retentionDays: 30, tags: { team: "ledger" }, searchAttributes: { InvoiceId: SearchAttributeType.KEYWORD } });
  new ServiceAccountPerWorker(stack, "sas", { workers: [{ worker: "ledger/poster", serviceAccountName: "ledger-dev-poster", namespaceId: ns.namespaceId }] });
}

/**
 * The same estate adopted; retention and a tag are changed to show the plan updates adopted resources to the
 * props, and one new search attribute is added next to the adopted one.
 */
function adopting(serviceAccountId: string, retentionDays: number) {
  return (stack: TerraformStack): void => {
    const ns = new SecureNamespace(stack, "ns", {
      name: NAMESPACE, environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true, retentionDays, importId: NAMESPACE_ID,
      tags: { team: "ledger", cost: "ops" }, searchAttributes: { InvoiceId: SearchAttributeType.KEYWORD, PostedAt: SearchAttributeType.DATETIME }, importSearchAttributes: ["InvoiceId"],
    });
    new ServiceAccountPerWorker(stack, "sas", { workers: [{ worker: "ledger/poster", serviceAccountName: "ledger-dev-poster", namespaceId: ns.namespaceId, importId: serviceAccountId }] });
  };
}

type ImportingChange = ResourceChange & { change: ResourceChange["change"] & { importing?: { id: string } } };

function changeOf(plan: PlanJson, type: string, name = ""): ImportingChange {
  const change = (plan.resource_changes ?? []).find((c) => c.type === type && c.address.includes(name));
  if (!change) throw new Error(`no planned change for ${type}: ${JSON.stringify(plan.resource_changes?.map((c) => c.address))}`);
  return change as ImportingChange;
}

describe("adopting existing resources with importId", () => {
  let emulator: EmulatorProcess;
  let creator: Workspace;
  let adopter: Workspace;
  let serviceAccountId = "";

  beforeAll(async () => {
    emulator = await EmulatorProcess.start(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tcg-e2e-emulator-")), "state.json"));
    creator = new Workspace("brownfield-existing", synthConstructStack("brownfield", existing), emulator);
    creator.init();
    creator.plan();
    creator.apply();
    const state = JSON.parse(creator.run(["show", "-json"]).stdout) as { values: { root_module: { resources: Array<{ type: string; values: { id: string } }> } } };
    serviceAccountId = state.values.root_module.resources.find((r) => r.type === "temporalcloud_service_account")?.values.id ?? "";
  }, 600_000);

  afterAll(async () => {
    await emulator?.stop();
    creator?.remove();
    adopter?.remove();
  });

  test("the existing resources were created in the emulator", () => {
    expect(serviceAccountId).not.toBe("");
  });

  test("a workspace with empty state plans the imports, and only the changes the props ask for", () => {
    adopter = new Workspace("brownfield-adopt", synthConstructStack("brownfield", adopting(serviceAccountId, 21)), emulator);
    adopter.init();
    const plan = adopter.plan();
    const namespace = changeOf(plan, "temporalcloud_namespace");
    const account = changeOf(plan, "temporalcloud_service_account");
    expect(namespace.change.importing).toEqual({ id: NAMESPACE_ID });
    expect(account.change.importing).toEqual({ id: serviceAccountId });
    // Imported, not created: the namespace is updated to the new retention, the account is already as declared.
    expect(namespace.change.actions).toEqual(["update"]);
    expect(namespace.change.before?.retention_days).toBe(30);
    expect(namespace.change.after?.retention_days).toBe(21);
    expect(account.change.actions).toEqual(["no-op"]);
    // Tags: imported as they are, updated to the props.
    const tags = changeOf(plan, "temporalcloud_namespace_tags");
    expect(tags.change.importing).toEqual({ id: `${NAMESPACE_ID}/tags` });
    expect(tags.change.actions).toEqual(["update"]);
    expect(tags.change.before?.tags).toEqual({ team: "ledger" });
    expect(tags.change.after?.tags).toEqual({ team: "ledger", cost: "ops" });
    // The existing attribute is imported unchanged; only the new one is created.
    const invoice = changeOf(plan, "temporalcloud_namespace_search_attribute", "InvoiceId");
    expect(invoice.change.importing).toEqual({ id: `${NAMESPACE_ID}/InvoiceId` });
    expect(invoice.change.actions).toEqual(["no-op"]);
    expect((plan.resource_changes ?? []).filter((c) => c.change.actions.includes("create")).map((c) => c.address)).toEqual([
      expect.stringMatching(/^temporalcloud_namespace_search_attribute\..*PostedAt/),
    ]);
  });

  test("apply adopts them; the next plan has no changes", () => {
    adopter.apply();
    expect(adopter.replan()).toBe(0);
    const state = JSON.parse(adopter.run(["show", "-json"]).stdout) as { values: { root_module: { resources: Array<{ type: string; values: Record<string, unknown> }> } } };
    const ns = state.values.root_module.resources.find((r) => r.type === "temporalcloud_namespace");
    expect(ns?.values.id).toBe(NAMESPACE_ID);
    expect(ns?.values.retention_days).toBe(21);
    expect(state.values.root_module.resources.find((r) => r.type === "temporalcloud_namespace_tags")?.values.tags).toEqual({ team: "ledger", cost: "ops" });
  });

  test("creating a search attribute the namespace already has, without importing it, fails the apply", () => {
    const ws = new Workspace("brownfield-attribute", synthConstructStack("brownfield", (stack) => {
      SecureNamespace.fromNamespaceId(stack, "ns", NAMESPACE_ID).addSearchAttribute("InvoiceId", SearchAttributeType.KEYWORD);
    }), emulator);
    try {
      ws.init();
      ws.plan();
      const run = ws.run(["apply", "-input=false", "-no-color", "-auto-approve", "plan.bin"], [1]);
      expect(run.stderr).toMatch(/already exists/);
    } finally {
      ws.remove();
    }
  });

  test("a namespace id that does not exist stops the plan (nothing is created in its place)", () => {
    const ws = new Workspace("brownfield-missing", synthConstructStack("brownfield", (stack) => {
      new SecureNamespace(stack, "ns", { name: "ghost-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true, importId: `ghost-dev.${ACCOUNT_ID}` });
    }), emulator);
    try {
      ws.init();
      const run = ws.run(["plan", "-input=false", "-no-color"], [1]);
      expect(run.stderr).toMatch(/Cannot import non-existent remote object/);
    } finally {
      ws.remove();
    }
  });
});
