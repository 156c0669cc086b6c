import { ServiceAccount } from "../../lib/providers/temporalcloud/service-account";
import { ServiceAccountPerWorker, type WorkerServiceAccountSpec } from "../../lib/constructs/service-account-per-worker";
import { constructStack, resourcesOf, problemsOf } from "../helpers";
import { NamespacePermission } from "../../lib/constructs/references";

const worker = (overrides: Partial<WorkerServiceAccountSpec> = {}): WorkerServiceAccountSpec => ({
  worker: "orders/processor",
  serviceAccountName: "orders-processor",
  namespaceId: "orders.a1b2c",
  ...overrides,
});

describe("ServiceAccountPerWorker", () => {
  test("default: one namespace-scoped service account with write per worker", () => {
    const { stack, synthString, synth } = constructStack();
    const sas = new ServiceAccountPerWorker(stack, "sas", {
      workers: [worker(), worker({ worker: "orders/reporter", serviceAccountName: "orders-reporter", permission: NamespacePermission.READ })],
    });
    const out = synthString();
    expect(out).toHaveResourceWithProperties(ServiceAccount, { name: "orders-processor", namespace_scoped_access: { namespace_id: "orders.a1b2c", permission: NamespacePermission.WRITE } });
    expect(out).toHaveResourceWithProperties(ServiceAccount, { name: "orders-reporter", namespace_scoped_access: { namespace_id: "orders.a1b2c", permission: NamespacePermission.READ } });
    const accounts = resourcesOf(synth(), "temporalcloud_service_account");
    expect(accounts).toHaveLength(2);
    for (const account of accounts) {
      expect(account.account_access).toBeUndefined();
      expect(account.namespace_accesses).toBeUndefined();
    }
    expect(sas.serviceAccount("orders/processor")).toBeInstanceOf(ServiceAccount);
    expect(() => sas.serviceAccount("nobody")).toThrow(/no service account for worker "nobody"/);
  });

  test("cross-namespace access makes an account-level service account with the lowest account role", () => {
    const { stack, synth } = constructStack();
    new ServiceAccountPerWorker(stack, "sas", {
      workers: [worker({ crossNamespaceAccess: [{ namespaceId: "billing.a1b2c" }, { namespaceId: "ledger.a1b2c", permission: NamespacePermission.WRITE }] })],
    });
    const [account] = resourcesOf(synth(), "temporalcloud_service_account");
    expect(account.account_access).toBe("read");
    expect(account.namespace_scoped_access).toBeUndefined();
    expect(account.namespace_accesses).toEqual([
      { namespace_id: "orders.a1b2c", permission: NamespacePermission.WRITE },
      { namespace_id: "billing.a1b2c", permission: NamespacePermission.READ },
      { namespace_id: "ledger.a1b2c", permission: NamespacePermission.WRITE },
    ]);
  });

  test("admin is accepted only with a justification", () => {
    const { stack, synthString } = constructStack();
    new ServiceAccountPerWorker(stack, "sas", { workers: [worker({ permission: NamespacePermission.ADMIN, justification: "manages search attributes at deploy time" })] });
    expect(synthString()).toHaveResourceWithProperties(ServiceAccount, { namespace_scoped_access: { namespace_id: "orders.a1b2c", permission: NamespacePermission.ADMIN } });
  });

  test.each<[string, Partial<WorkerServiceAccountSpec>[], RegExp]>([
    ["admin without justification", [{ permission: NamespacePermission.ADMIN }], /workers\[0\]\.permission: admin gives worker "orders\/processor" control/],
    ["admin with a too-short justification", [{ permission: NamespacePermission.ADMIN, justification: "because" }], /add a justification/],
    ["a shared service account", [{}, { worker: "orders/other" }], /workers\[1\]\.serviceAccountName: "orders-processor" is already the service account of worker "orders\/processor"/],
    ["the same worker twice", [{}, { serviceAccountName: "other" }], /workers\[1\]\.worker: "orders\/processor" is listed twice/],
    ["admin across namespaces", [{ crossNamespaceAccess: [{ namespaceId: "b", permission: NamespacePermission.ADMIN }] }], /crossNamespaceAccess\[0\]\.permission: "admin" is not allowed across namespaces/],
    ["its own namespace as cross access", [{ crossNamespaceAccess: [{ namespaceId: "orders.a1b2c" }] }], /crossNamespaceAccess\[0\]\.namespaceId: "orders.a1b2c" is the worker's own namespace/],
    ["an unknown permission", [{ permission: "owner" as NamespacePermission }], /"owner" is not a namespace permission/],
    ["an empty name", [{ serviceAccountName: " " }], /serviceAccountName: is empty/],
  ])("rejects %s", (_case, overrides, message) => {
    const { stack } = constructStack();
    expect(problemsOf(() => new ServiceAccountPerWorker(stack, "sas", { workers: overrides.map((o) => worker(o)) }))).toMatch(message);
  });

  test("reports every problem at once", () => {
    const { stack } = constructStack();
    expect(problemsOf(() => new ServiceAccountPerWorker(stack, "sas", { workers: [worker({ permission: NamespacePermission.ADMIN }), worker({ worker: "x" })] })))
      .toMatch(/permission: admin[\s\S]*already the service account/);
  });
});
