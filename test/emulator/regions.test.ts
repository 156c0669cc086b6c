// High availability through the region RPCs: add a replica, fail over, remove a replica (and the 7-day
// block on re-adding it), with the status codes of each refusal.
import { failure, plain, settle, startHarness, type Harness } from "./client";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ asyncPolls: 2 });
});
afterAll(() => h.close());

async function create(name: string, regions: string[]): Promise<string> {
  const res = plain(await h.cloud.createNamespace({ spec: { name, regions, retentionDays: 7, apiKeyAuth: { enabled: true } } }));
  await settle(h.cloud, res.asyncOperation);
  return res.namespace as string;
}

async function get(id: string) {
  return plain((await h.cloud.getNamespace({ namespace: id })).namespace);
}

test("add a replica: ADDING until the operation is fulfilled, then ACTIVE; a second replica is refused", async () => {
  const id = await create("ha-add", ["aws-us-east-1"]);
  const before = await get(id);
  const res = plain(await h.cloud.addNamespaceRegion({ namespace: id, region: "aws-us-west-2", resourceVersion: before.resourceVersion }));
  expect((await get(id)).replicas).toEqual([
    expect.objectContaining({ region: "aws-us-east-1", isPrimary: true, state: "REPLICA_STATE_ACTIVE" }),
    expect.objectContaining({ region: "aws-us-west-2", state: "REPLICA_STATE_ADDING" }),
  ]);
  await settle(h.cloud, res.asyncOperation);
  const after = await get(id);
  expect(after).toMatchObject({ activeRegion: "aws-us-east-1", spec: { regions: ["aws-us-east-1", "aws-us-west-2"] } });
  expect(after.replicas.map((r: { state: string }) => r.state)).toEqual(["REPLICA_STATE_ACTIVE", "REPLICA_STATE_ACTIVE"]);
  expect(Number(after.resourceVersion)).toBe(Number(before.resourceVersion) + 1);
  const second = await failure(h.cloud.addNamespaceRegion({ namespace: id, region: "aws-us-east-2" }));
  expect(second.code).toBe("FAILED_PRECONDITION");
  expect(second.details).toContain("at most one");
});

test("a replica must be a catalogue region that partners the primary; a stale version and an unknown namespace are refused", async () => {
  const id = await create("ha-rules", ["aws-us-east-1"]);
  expect(await failure(h.cloud.addNamespaceRegion({ namespace: id, region: "aws-mars-1" }))).toMatchObject({ code: "INVALID_ARGUMENT", details: expect.stringContaining("not a Temporal Cloud region") });
  expect(await failure(h.cloud.addNamespaceRegion({ namespace: id, region: "aws-eu-west-1" }))).toMatchObject({ code: "INVALID_ARGUMENT", details: expect.stringContaining("cannot replicate") });
  expect((await failure(h.cloud.addNamespaceRegion({ namespace: id, region: "aws-us-west-2", resourceVersion: "99" }))).code).toBe("FAILED_PRECONDITION");
  expect((await failure(h.cloud.addNamespaceRegion({ namespace: "ghost.a1b2c", region: "aws-us-west-2" }))).code).toBe("NOT_FOUND");
  const sa = await create("ha-sa-east", ["aws-sa-east-1"]);
  expect((await failure(h.cloud.addNamespaceRegion({ namespace: sa, region: "aws-us-east-1" }))).code).toBe("INVALID_ARGUMENT");
});

test("fail over: the replica becomes the active region and the region list reorders; refusals for a non-replica, the active region and a single-region namespace", async () => {
  const id = await create("ha-failover", ["aws-us-east-1", "aws-us-west-2"]);
  const res = plain(await h.cloud.failoverNamespaceRegion({ namespace: id, region: "aws-us-west-2" }));
  expect(res.asyncOperation.state).toBe("STATE_PENDING");
  await settle(h.cloud, res.asyncOperation);
  const after = await get(id);
  expect(after).toMatchObject({ activeRegion: "aws-us-west-2", spec: { regions: ["aws-us-west-2", "aws-us-east-1"] } });
  expect(after.replicas.find((r: { isPrimary: boolean }) => r.isPrimary).region).toBe("aws-us-west-2");
  expect(await failure(h.cloud.failoverNamespaceRegion({ namespace: id, region: "aws-us-west-2" }))).toMatchObject({ code: "FAILED_PRECONDITION", details: expect.stringContaining("already the active region") });
  expect((await failure(h.cloud.failoverNamespaceRegion({ namespace: id, region: "aws-eu-west-1" }))).code).toBe("INVALID_ARGUMENT");
  const single = await create("no-ha", ["aws-us-east-1"]);
  expect(await failure(h.cloud.failoverNamespaceRegion({ namespace: single, region: "aws-us-east-1" }))).toMatchObject({ code: "FAILED_PRECONDITION", details: expect.stringContaining("no replica") });
});

test("same-region replicas cannot be failed over manually", async () => {
  const id = await create("ha-same", ["aws-us-east-1", "aws-us-east-1"]);
  const f = await failure(h.cloud.failoverNamespaceRegion({ namespace: id, region: "aws-us-east-1" }));
  expect(f).toMatchObject({ code: "FAILED_PRECONDITION", details: expect.stringContaining("cannot be failed over manually") });
});

test("remove a replica (never the active region); re-adding it is blocked for 7 days of the emulator's clock", async () => {
  const id = await create("ha-remove", ["aws-us-east-1", "aws-us-west-2"]);
  expect(await failure(h.cloud.deleteNamespaceRegion({ namespace: id, region: "aws-us-east-1" }))).toMatchObject({ code: "FAILED_PRECONDITION", details: expect.stringContaining("fail over to aws-us-west-2 first") });
  expect((await failure(h.cloud.deleteNamespaceRegion({ namespace: id, region: "aws-eu-west-1" }))).code).toBe("NOT_FOUND");
  await settle(h.cloud, plain(await h.cloud.deleteNamespaceRegion({ namespace: id, region: "aws-us-west-2" })).asyncOperation);
  expect((await get(id)).spec.regions).toEqual(["aws-us-east-1"]);
  expect((await failure(h.cloud.deleteNamespaceRegion({ namespace: id, region: "aws-us-east-1" }))).code).toBe("FAILED_PRECONDITION");
  const blocked = await failure(h.cloud.addNamespaceRegion({ namespace: id, region: "aws-us-west-2" }));
  expect(blocked).toMatchObject({ code: "FAILED_PRECONDITION", details: expect.stringContaining("less than 7 days ago") });
  h.emulator.clock.advance(7 * 86_400_000 + 60_000);
  try {
    await settle(h.cloud, plain(await h.cloud.addNamespaceRegion({ namespace: id, region: "aws-us-west-2" })).asyncOperation);
    expect((await get(id)).spec.regions).toEqual(["aws-us-east-1", "aws-us-west-2"]);
  } finally {
    h.emulator.clock.advance(-(7 * 86_400_000 + 60_000));
  }
});
