// A grant added to a worker whose service account is already deployed, judged by real terraform with an API
// key owned by the account (a replacement of the account would destroy it):
// - an account-level worker (`scope: ACCOUNT`) granted a second namespace: an in-place update that applies;
// - a namespace-scoped worker turned account-level (crossNamespaceAccess added later): terraform also plans an
//   in-place update, not a replacement, but the API refuses it (the namespace of a namespace-scoped account is
//   immutable), so the apply fails and the account and its key stay as they were.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { TerraformStack } from "cdktf";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { ServiceAccountPerWorker, ServiceAccountScope } from "../../lib/constructs/service-account-per-worker";
import { Apikey } from "../../lib/providers/temporalcloud/apikey";
import { EmulatorProcess, Workspace, type PlanJson, type ResourceChange } from "./harness";
import { synthConstructStack } from "./stacks";
import { Environment } from "../../lib/domain/environments";
import { NamespacePermission } from "../../lib/constructs/references";

/** One expiry for both syntheses, so the key itself does not change. */
const EXPIRY = new Date(Date.now() + 180 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");

type Stage = "account-level" | "account-level + grant" | "namespace-scoped" | "namespace-scoped + crossNamespaceAccess";

function estate(stage: Stage) {
  return (stack: TerraformStack): void => {
    const orders = new SecureNamespace(stack, "orders", { name: "orders-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true });
    const billing = new SecureNamespace(stack, "billing", { name: "billing-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true });
    const worker = { worker: "orders/processor", serviceAccountName: "orders-dev-processor", namespaceId: orders.namespaceId };
    const workers = new ServiceAccountPerWorker(stack, "workers", {
      workers: [stage.startsWith("account-level") ? { ...worker, scope: ServiceAccountScope.ACCOUNT }
        : stage === "namespace-scoped" ? worker : { ...worker, crossNamespaceAccess: [{ namespaceId: billing.namespaceId }] }],
    });
    new Apikey(stack, "key", {
      ownerId: workers.serviceAccount("orders/processor").id,
      ownerType: "service-account",
      displayName: "orders-dev-processor",
      expiryTime: EXPIRY,
    });
    if (stage === "account-level + grant") billing.grantAccess(workers.serviceAccountOf("orders/processor"), NamespacePermission.READ);
  };
}

function changeOf(plan: PlanJson, type: string): ResourceChange {
  const change = (plan.resource_changes ?? []).find((c) => c.type === type);
  if (!change) throw new Error(`no planned change for ${type}: ${JSON.stringify(plan.resource_changes?.map((c) => c.address))}`);
  return change;
}

interface StateResource { type: string; values: Record<string, unknown> }

function resources(ws: Workspace): StateResource[] {
  return (JSON.parse(ws.run(["show", "-json"]).stdout) as { values: { root_module: { resources: StateResource[] } } }).values.root_module.resources;
}

async function deployed(name: string, stage: Stage): Promise<{ emulator: EmulatorProcess; ws: Workspace; before: StateResource[] }> {
  const emulator = await EmulatorProcess.start(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tcg-e2e-emulator-")), "state.json"));
  const ws = new Workspace(name, synthConstructStack(name, estate(stage)), emulator);
  ws.init();
  ws.plan();
  ws.apply();
  return { emulator, ws, before: resources(ws) };
}

const idOf = (rs: StateResource[], type: string) => rs.find((r) => r.type === type)?.values.id;

describe("grantAccess on a deployed account-level worker", () => {
  let emulator: EmulatorProcess;
  let ws: Workspace;
  let before: StateResource[] = [];

  beforeAll(async () => {
    ({ emulator, ws, before } = await deployed("grant-deployed", "account-level"));
  }, 600_000);

  afterAll(async () => {
    await emulator?.stop();
    ws?.remove();
  });

  test("the account is deployed with an API key", () => {
    const account = before.find((r) => r.type === "temporalcloud_service_account");
    expect(account?.values.account_access).toBe("read");
    expect(before.find((r) => r.type === "temporalcloud_apikey")?.values.owner_id).toBe(account?.values.id);
  });

  test("adding the grant updates the service account in place and leaves its API key alone", () => {
    ws.write(synthConstructStack("grant-deployed", estate("account-level + grant")));
    const plan = ws.plan();
    const account = changeOf(plan, "temporalcloud_service_account");
    expect(account.change.actions).toEqual(["update"]);
    expect(changeOf(plan, "temporalcloud_apikey").change.actions).toEqual(["no-op"]);
    expect((account.change.after?.namespace_accesses as Array<{ permission: string }>).map((a) => a.permission).sort()).toEqual(["read", "write"]);
  });

  test("apply keeps the account id and the key; the next plan is empty", () => {
    ws.apply();
    const after = resources(ws);
    expect(idOf(after, "temporalcloud_service_account")).toBe(idOf(before, "temporalcloud_service_account"));
    expect(idOf(after, "temporalcloud_apikey")).toBe(idOf(before, "temporalcloud_apikey"));
    expect(ws.replan()).toBe(0);
  });
});

describe("turning a deployed namespace-scoped worker account-level", () => {
  let emulator: EmulatorProcess;
  let ws: Workspace;
  let before: StateResource[] = [];

  beforeAll(async () => {
    ({ emulator, ws, before } = await deployed("scope-change", "namespace-scoped"));
  }, 600_000);

  afterAll(async () => {
    await emulator?.stop();
    ws?.remove();
  });

  test("terraform plans an in-place update, not a replacement (the API key is not touched)", () => {
    expect(before.find((r) => r.type === "temporalcloud_service_account")?.values.namespace_scoped_access).toEqual(expect.objectContaining({ permission: NamespacePermission.WRITE }));
    ws.write(synthConstructStack("scope-change", estate("namespace-scoped + crossNamespaceAccess")));
    const plan = ws.plan();
    expect(changeOf(plan, "temporalcloud_service_account").change.actions).toEqual(["update"]);
    expect(changeOf(plan, "temporalcloud_apikey").change.actions).toEqual(["no-op"]);
  });

  test("the apply is refused; the account stays namespace-scoped with its key", () => {
    const run = ws.run(["apply", "-input=false", "-no-color", "-auto-approve", "plan.bin"], [1]);
    expect(run.stderr).toMatch(/namespace-scoped service account\s+cannot become account-scoped/);
    const after = resources(ws);
    expect(idOf(after, "temporalcloud_service_account")).toBe(idOf(before, "temporalcloud_service_account"));
    expect(idOf(after, "temporalcloud_apikey")).toBe(idOf(before, "temporalcloud_apikey"));
    expect(after.find((r) => r.type === "temporalcloud_service_account")?.values.namespace_scoped_access).toEqual(expect.objectContaining({ permission: NamespacePermission.WRITE }));
  });
});
