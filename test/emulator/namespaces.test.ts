// Namespace RPCs against the emulator through the official client: happy paths and each API rule.
import * as fs from "node:fs";
import { temporal } from "@temporalio/proto";
import { failure, plain, settle, startHarness, type Harness } from "./client";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const PROD_CA = fs.readFileSync("examples/certs/prod-ca.pem");
const DEV_CA = fs.readFileSync("examples/certs/dev-ca.pem");

function spec(name: string, extra: Record<string, unknown> = {}) {
  return { name, regions: ["aws-us-east-1"], retentionDays: 14, apiKeyAuth: { enabled: true }, ...extra };
}

async function create(name: string, extra: Record<string, unknown> = {}, tags?: Record<string, string>) {
  const res = plain(await h.cloud.createNamespace({ spec: spec(name, extra), tags }));
  await settle(h.cloud, res.asyncOperation);
  return res.namespace as string;
}

// The client encodes plain request objects without converting enum names: send numbers.
const SA = temporal.api.cloud.namespace.v1.NamespaceSpec.SearchAttributeType;

/** The namespace as the client decoded it, fit to send back (enums stay numbers). */
async function raw(id: string) {
  const ns = (await h.cloud.getNamespace({ namespace: id })).namespace!;
  return { spec: ns.spec!, resourceVersion: ns.resourceVersion!, searchAttributes: { ...ns.spec!.searchAttributes } };
}

async function get(id: string) {
  return plain((await h.cloud.getNamespace({ namespace: id })).namespace);
}

test("create answers with a pending operation and an id <name>.<account>; the namespace reads back active", async () => {
  const res = plain(await h.cloud.createNamespace({ spec: spec("payments-prod"), tags: { team: "payments" } }));
  expect(res.namespace).toBe("payments-prod.a1b2c");
  expect(res.asyncOperation.state).toBe("STATE_PENDING");
  expect((await get(res.namespace)).state).toBe("RESOURCE_STATE_ACTIVATING");
  expect(await settle(h.cloud, res.asyncOperation)).toEqual(["STATE_FULFILLED"]);
  const ns = await get(res.namespace);
  expect(ns).toMatchObject({
    namespace: "payments-prod.a1b2c",
    state: "RESOURCE_STATE_ACTIVE",
    resourceVersion: "1",
    tags: { team: "payments" },
    activeRegion: "aws-us-east-1",
    spec: { name: "payments-prod", retentionDays: 14, regions: ["aws-us-east-1"], apiKeyAuth: { enabled: true } },
    endpoints: { grpcAddress: "us-east-1.aws.api.temporal.io:7233", mtlsGrpcAddress: "payments-prod.a1b2c.tmprl.cloud:7233" },
  });
});

test("a second namespace with the same name is AlreadyExists; an unknown one is NotFound", async () => {
  await create("dup-ns");
  expect(await failure(h.cloud.createNamespace({ spec: spec("dup-ns") }))).toMatchObject({ code: "ALREADY_EXISTS" });
  expect(await failure(h.cloud.getNamespace({ namespace: "nope.a1b2c" }))).toMatchObject({ code: "NOT_FOUND" });
});

test("bad name, retention, region and missing auth are all reported in one InvalidArgument", async () => {
  const f = await failure(h.cloud.createNamespace({ spec: { name: "Bad_Name", regions: ["aws-us-east-9"], retentionDays: 91 } }));
  expect(f.code).toBe("INVALID_ARGUMENT");
  expect(f.details).toContain('namespace name "Bad_Name"');
  expect(f.details).toContain("retention_days 91 is outside 1-90");
  expect(f.details).toContain('region "aws-us-east-9" is not a Temporal Cloud region');
  expect(f.details).toContain("needs mTLS");
});

test.each([
  [0, false],
  [1, true],
  [90, true],
  [91, false],
])("retention %i days accepted: %s", async (days, ok) => {
  const call = h.cloud.createNamespace({ spec: spec(`ret-${days}`, { retentionDays: days }) });
  if (ok) await expect(call).resolves.toBeDefined();
  else expect((await failure(call)).code).toBe("INVALID_ARGUMENT");
});

test("names: 2-64 characters, lowercase letter first, no trailing hyphen", async () => {
  for (const bad of ["a", "x".repeat(65), "1abc", "abc-", "ab.c"]) {
    expect((await failure(h.cloud.createNamespace({ spec: spec(bad) }))).code).toBe("INVALID_ARGUMENT");
  }
  await expect(create("a".repeat(64))).resolves.toBe(`${"a".repeat(64)}.a1b2c`);
});

test("a replica must be a documented partner region of the primary", async () => {
  await expect(create("ha-ok", { regions: ["aws-us-east-1", "aws-us-west-2"] })).resolves.toBeDefined();
  const f = await failure(h.cloud.createNamespace({ spec: spec("ha-bad", { regions: ["aws-us-east-1", "gcp-asia-south1"] }) }));
  expect(f).toMatchObject({ code: "INVALID_ARGUMENT" });
  expect(f.details).toContain("cannot replicate");
});

describe("mTLS", () => {
  const mtls = (pem: Buffer, filters?: unknown[]) => ({ apiKeyAuth: undefined, mtlsAuth: { enabled: true, acceptedClientCa: pem, certificateFilters: filters } });

  test("a CA bundle of two CAs with filters is stored and read back byte for byte", async () => {
    const bundle = Buffer.concat([PROD_CA, DEV_CA]);
    const id = await create("mtls-ok", mtls(bundle, [{ commonName: "worker-*" }]));
    const ns = await get(id);
    expect(Buffer.from(ns.spec.mtlsAuth.acceptedClientCa, "base64").equals(bundle)).toBe(true);
    expect(ns.spec.mtlsAuth.certificateFilters).toEqual([{ commonName: "worker-*" }]);
  });

  test("more than 16 certificates, more than 32 KB, a non-CA and a SHA-1 CA are refused", async () => {
    const cases: Array<[Buffer, string]> = [
      [Buffer.concat(Array(17).fill(PROD_CA)), "holds 17 certificates; the limit is 16"],
      [Buffer.concat(Array(60).fill(PROD_CA)), "the limit is 32768 bytes"],
      [fs.readFileSync("test/policy/certs/leaf-not-ca.pem"), "is not a CA certificate"],
      [fs.readFileSync("test/policy/certs/sha1-ca.pem"), "ecdsa-with-SHA1"],
      [Buffer.from("not a pem"), "holds no PEM certificate"],
    ];
    for (const [pem, message] of cases) {
      const f = await failure(h.cloud.createNamespace({ spec: spec("mtls-bad", mtls(pem)) }));
      expect(f.code).toBe("INVALID_ARGUMENT");
      expect(f.details).toContain(message);
    }
  });

  test("at most 25 certificate filters, wildcards only at one end", async () => {
    const filters = Array.from({ length: 26 }, (_, i) => ({ commonName: `w${i}` }));
    expect((await failure(h.cloud.createNamespace({ spec: spec("filters-bad", mtls(PROD_CA, filters)) }))).details).toContain("26 certificate filters");
    await expect(create("filters-25", mtls(PROD_CA, filters.slice(0, 25)))).resolves.toBeDefined();
    for (const value of ["*", "*a*", "a*b"]) {
      const f = await failure(h.cloud.createNamespace({ spec: spec("filters-star", mtls(PROD_CA, [{ commonName: value }])) }));
      expect(f.details).toContain('one "*" is allowed');
    }
  });

  test("mTLS and API keys together need Temporal Support (FailedPrecondition)", async () => {
    const f = await failure(h.cloud.createNamespace({ spec: spec("both-auth", { mtlsAuth: { enabled: true, acceptedClientCa: PROD_CA } }) }));
    expect(f.code).toBe("FAILED_PRECONDITION");
  });
});

describe("updates", () => {
  test("a stale resource_version is FailedPrecondition; the current one updates and bumps the version", async () => {
    const id = await create("upd-ns");
    const before = await get(id);
    const res = plain(await h.cloud.updateNamespace({ namespace: id, spec: { ...before.spec, retentionDays: 30 }, resourceVersion: before.resourceVersion }));
    await settle(h.cloud, res.asyncOperation);
    const after = await get(id);
    expect(after).toMatchObject({ resourceVersion: "2", spec: { retentionDays: 30 } });
    const stale = await failure(h.cloud.updateNamespace({ namespace: id, spec: { ...before.spec, retentionDays: 7 }, resourceVersion: before.resourceVersion }));
    expect(stale.code).toBe("FAILED_PRECONDITION");
    expect(stale.details).toContain('resource_version "1" is stale');
    expect((await get(id)).spec.retentionDays).toBe(30);
  });

  test("regions cannot change through UpdateNamespace", async () => {
    const id = await create("region-fixed");
    const ns = await get(id);
    const f = await failure(h.cloud.updateNamespace({ namespace: id, spec: { ...ns.spec, regions: ["aws-us-west-2"] }, resourceVersion: ns.resourceVersion }));
    expect(f).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(f.details).toContain("regions cannot be changed");
  });

  test("search attributes: per-type limits, no type change, no removal, rename", async () => {
    const keywords = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Kw${i}`, SA.SEARCH_ATTRIBUTE_TYPE_KEYWORD]));
    const id = await create("sa-ns", { searchAttributes: { ...keywords, Note: SA.SEARCH_ATTRIBUTE_TYPE_TEXT } });
    const ns = await raw(id);
    const update = (searchAttributes: Record<string, number>) =>
      failure(h.cloud.updateNamespace({ namespace: id, resourceVersion: ns.resourceVersion, spec: { ...ns.spec, searchAttributes } }));
    expect((await update({ ...ns.searchAttributes, Kw40: SA.SEARCH_ATTRIBUTE_TYPE_KEYWORD })).details).toContain(
      "41 search attributes of type SEARCH_ATTRIBUTE_TYPE_KEYWORD; the limit is 40",
    );
    const texts = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`T${i}`, SA.SEARCH_ATTRIBUTE_TYPE_TEXT]));
    expect((await update({ ...ns.searchAttributes, ...texts })).details).toContain("6 search attributes of type SEARCH_ATTRIBUTE_TYPE_TEXT; the limit is 5");
    const lists = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`L${i}`, SA.SEARCH_ATTRIBUTE_TYPE_KEYWORD_LIST]));
    expect((await update({ ...ns.searchAttributes, ...lists })).details).toContain("the limit is 5");
    const ints = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`I${i}`, SA.SEARCH_ATTRIBUTE_TYPE_INT]));
    expect((await update({ ...ns.searchAttributes, ...ints })).details).toContain("the limit is 20");
    expect((await update({ ...ns.searchAttributes, Note: SA.SEARCH_ATTRIBUTE_TYPE_KEYWORD })).details).toContain("its type cannot change");
    const { Note: _note, ...withoutNote } = ns.searchAttributes;
    expect((await update(withoutNote)).details).toContain('"Note" cannot be removed');
    // Adding within the limits works and keeps the others.
    const added = plain(await h.cloud.updateNamespace({ namespace: id, resourceVersion: ns.resourceVersion, spec: { ...ns.spec, searchAttributes: { ...ns.searchAttributes, Amount: SA.SEARCH_ATTRIBUTE_TYPE_DOUBLE } } }));
    await settle(h.cloud, added.asyncOperation);
    const version = (await get(id)).resourceVersion;
    const renamed = plain(await h.cloud.renameCustomSearchAttribute({ namespace: id, existingCustomSearchAttributeName: "Note", newCustomSearchAttributeName: "Memo", resourceVersion: version }));
    await settle(h.cloud, renamed.asyncOperation);
    const after = await get(id);
    expect(after.spec.searchAttributes).toMatchObject({ Memo: "SEARCH_ATTRIBUTE_TYPE_TEXT", Amount: "SEARCH_ATTRIBUTE_TYPE_DOUBLE", Kw39: "SEARCH_ATTRIBUTE_TYPE_KEYWORD" });
    expect(after.spec.searchAttributes.Note).toBeUndefined();
  });

  test("tags: upsert and remove, at most 10; a tag change keeps the resource_version (the request has none)", async () => {
    const id = await create("tags-ns", {}, { a: "1", b: "2" });
    const version = (await get(id)).resourceVersion;
    const res = plain(await h.cloud.updateNamespaceTags({ namespace: id, tagsToUpsert: { b: "3", c: "4" }, tagsToRemove: ["a"] }));
    await settle(h.cloud, res.asyncOperation);
    expect(await get(id)).toMatchObject({ tags: { b: "3", c: "4" }, resourceVersion: version });
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]));
    expect((await failure(h.cloud.updateNamespaceTags({ namespace: id, tagsToUpsert: eleven }))).details).toContain("the limit is 10");
  });
});

test("delete protection refuses delete (FailedPrecondition); without it the namespace is gone after the operation", async () => {
  const id = await create("protected", { lifecycle: { enableDeleteProtection: true } });
  let ns = await raw(id);
  expect((await failure(h.cloud.deleteNamespace({ namespace: id, resourceVersion: ns.resourceVersion }))).code).toBe("FAILED_PRECONDITION");
  const off = plain(await h.cloud.updateNamespace({ namespace: id, resourceVersion: ns.resourceVersion, spec: { ...ns.spec, lifecycle: { enableDeleteProtection: false } } }));
  await settle(h.cloud, off.asyncOperation);
  ns = await raw(id);
  const del = plain(await h.cloud.deleteNamespace({ namespace: id, resourceVersion: ns.resourceVersion }));
  expect((await get(id)).state).toBe("RESOURCE_STATE_DELETING");
  await settle(h.cloud, del.asyncOperation);
  expect((await failure(h.cloud.getNamespace({ namespace: id }))).code).toBe("NOT_FOUND");
});

test("GetNamespaces lists and filters by name; GetRegions lists the catalogue's AWS and GCP regions", async () => {
  const all = plain(await h.cloud.getNamespaces({}));
  expect(all.namespaces.map((n: { namespace: string }) => n.namespace)).toContain("payments-prod.a1b2c");
  const one = plain(await h.cloud.getNamespaces({ name: "payments-prod" }));
  expect(one.namespaces).toHaveLength(1);
  const regions = plain(await h.cloud.getRegions({})).regions as Array<{ id: string; cloudProvider: string }>;
  expect(regions.find((r) => r.id === "gcp-us-central1")).toMatchObject({ cloudProvider: "CLOUD_PROVIDER_GCP" });
  expect(regions.some((r) => r.id.startsWith("azure"))).toBe(false);
});
