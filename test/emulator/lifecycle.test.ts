// Async operations, authentication, the movable clock, persistence across restarts and the CLI process.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { temporal } from "@temporalio/proto";
import { tempDir } from "../helpers";
import { BOOTSTRAP, clientFor, failure, inDays, plain, settle, startHarness } from "./client";

const Role = temporal.api.cloud.identity.v1.AccountAccess.Role;
const Owner = temporal.api.cloud.identity.v1.OwnerType;
const nsSpec = (name: string) => ({ name, regions: ["gcp-us-central1"], retentionDays: 3, apiKeyAuth: { enabled: true } });

async function workerKey(cloud: ReturnType<typeof clientFor>, days = 30) {
  const sa = plain(await cloud.createServiceAccount({ spec: { name: `sa-${Math.random().toString(36).slice(2)}`, access: { accountAccess: { role: Role.ROLE_DEVELOPER } } } }));
  await settle(cloud, sa.asyncOperation);
  const key = plain(await cloud.createApiKey({ spec: { ownerId: sa.serviceAccountId, ownerType: Owner.OWNER_TYPE_SERVICE_ACCOUNT, displayName: "k", expiryTime: inDays(days) } }));
  await settle(cloud, key.asyncOperation);
  return key as { keyId: string; token: string };
}

test("an operation is pending, then in progress, then fulfilled on a later poll; the resource activates with it", async () => {
  const h = await startHarness({ asyncPolls: 3 });
  try {
    const res = plain(await h.cloud.createNamespace({ spec: nsSpec("slow-ns") }));
    expect(res.asyncOperation.state).toBe("STATE_PENDING");
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      states.push(plain(await h.cloud.getAsyncOperation({ asyncOperationId: res.asyncOperation.id })).asyncOperation.state);
      if (i === 1) expect(plain(await h.cloud.getNamespace({ namespace: res.namespace })).namespace.state).toBe("RESOURCE_STATE_ACTIVATING");
    }
    expect(states).toEqual(["STATE_IN_PROGRESS", "STATE_IN_PROGRESS", "STATE_FULFILLED"]);
    expect(plain(await h.cloud.getNamespace({ namespace: res.namespace })).namespace.state).toBe("RESOURCE_STATE_ACTIVE");
    expect((await failure(h.cloud.getAsyncOperation({ asyncOperationId: "unknown-op" }))).code).toBe("NOT_FOUND");
  } finally {
    await h.close();
  }
});

test("a retried write with the same async_operation_id gets the same answer; another request with that id is refused", async () => {
  const h = await startHarness();
  try {
    const first = plain(await h.cloud.createNamespace({ spec: nsSpec("retry-ns"), asyncOperationId: "op-1" }));
    const again = plain(await h.cloud.createNamespace({ spec: nsSpec("retry-ns"), asyncOperationId: "op-1" }));
    expect(again).toEqual(first);
    expect((await failure(h.cloud.createNamespace({ spec: nsSpec("other-ns"), asyncOperationId: "op-1" }))).code).toBe("INVALID_ARGUMENT");
  } finally {
    await h.close();
  }
});

test("authentication: the bootstrap key and issued keys work; none, unknown, disabled and expired keys are refused", async () => {
  const h = await startHarness();
  try {
    expect((await failure(h.as("not-a-key").getAccount({}))).code).toBe("UNAUTHENTICATED");
    const key = await workerKey(h.cloud, 30);
    const worker = h.as(key.token);
    expect(plain(await worker.getAccount({})).account.id).toBe("a1b2c");
    // Move the clock past the expiry: the key reads back expired and no longer authenticates.
    h.emulator.clock.advance(31 * 86_400_000);
    expect(plain((await h.cloud.getApiKey({ keyId: key.keyId })).apiKey).state).toBe("RESOURCE_STATE_EXPIRED");
    const expired = await failure(worker.getAccount({}));
    expect(expired.code).toBe("UNAUTHENTICATED");
    expect(expired.details).toContain("has expired");
    // A disabled key is refused too.
    const other = await workerKey(h.cloud, 60); // expiry counted from real time, the clock is 31 days ahead
    const rec = (await h.cloud.getApiKey({ keyId: other.keyId })).apiKey!;
    await settle(h.cloud, plain(await h.cloud.updateApiKey({ keyId: other.keyId, resourceVersion: rec.resourceVersion, spec: { ...rec.spec!, disabled: true } })).asyncOperation);
    expect((await failure(h.as(other.token).getAccount({}))).details).toContain("is disabled");
  } finally {
    await h.close();
  }
});

test("open mode (no bootstrap key) accepts any key that was not issued here, but still refuses expired issued keys", async () => {
  const h = await startHarness({ bootstrapKey: undefined });
  try {
    expect(h.emulator.openAuth).toBe(true);
    expect(plain(await h.as("anything").getAccount({})).account.id).toBe("a1b2c");
    const key = await workerKey(h.cloud, 1);
    h.emulator.clock.advance(2 * 86_400_000);
    expect((await failure(h.as(key.token).getAccount({}))).code).toBe("UNAUTHENTICATED");
    // A deleted key is not mistaken for an unknown one.
    h.emulator.clock.setOffset(0);
    const gone = await workerKey(h.cloud, 30);
    const rec = (await h.cloud.getApiKey({ keyId: gone.keyId })).apiKey!;
    await settle(h.cloud, plain(await h.cloud.deleteApiKey({ keyId: gone.keyId, resourceVersion: rec.resourceVersion })).asyncOperation);
    expect(await failure(h.as(gone.token).getAccount({}))).toEqual({ code: "UNAUTHENTICATED", details: "API key was deleted" });
  } finally {
    await h.close();
  }
});

test("state survives a restart; the file holds no token and no temporary file is left", async () => {
  const dir = tempDir("tcg-emu-");
  const stateFile = path.join(dir, "state.json");
  const h1 = await startHarness({ stateFile, accountId: "z9y8x" });
  const ns = plain(await h1.cloud.createNamespace({ spec: nsSpec("kept") }));
  await settle(h1.cloud, ns.asyncOperation);
  const key = await workerKey(h1.cloud);
  await h1.close();
  expect(fs.readdirSync(dir)).toEqual(["state.json"]);
  expect(fs.readFileSync(stateFile, "utf8")).not.toContain(key.token);

  const h2 = await startHarness({ stateFile, accountId: "z9y8x" });
  try {
    expect(plain(await h2.cloud.getNamespace({ namespace: "kept.z9y8x" })).namespace).toMatchObject({ state: "RESOURCE_STATE_ACTIVE", resourceVersion: "1" });
    expect(plain(await h2.as(key.token).getApiKey({ keyId: key.keyId })).apiKey.id).toBe(key.keyId);
    expect((await failure(h2.cloud.createNamespace({ spec: nsSpec("kept") }))).code).toBe("ALREADY_EXISTS");
  } finally {
    await h2.close();
  }
  await expect(startHarness({ stateFile, accountId: "other" })).rejects.toThrow(/belongs to account "z9y8x"/);
});

test("the CLI prints the address first, serves until SIGTERM, logs methods without secrets, and moves its clock", async () => {
  const dir = tempDir("tcg-emu-cli-");
  const env = { ...process.env, TEMPORAL_CLOUD_API_KEY: BOOTSTRAP };
  const child = spawn(process.execPath, ["bin/temporal-cloud-guardrails.js", "emulator", "--port", "0", "--state", path.join(dir, "s.json"), "--account-id", "acme1", "--clock-offset", "1d"], { env });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const lines = readline.createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const first = (await iterator.next()).value as string;
  const second = (await iterator.next()).value as string;
  try {
    expect(first).toMatch(/^listening on 127\.0\.0\.1:\d+$/);
    expect(second).toMatch(/^admin on http:\/\/127\.0\.0\.1:\d+$/);
    const cloud = clientFor(first.replace("listening on ", ""), BOOTSTRAP);
    expect(plain(await cloud.getAccount({})).account.id).toBe("acme1");
    const admin = second.replace("admin on ", "");
    const before = (await (await fetch(`${admin}/clock`)).json()) as { offsetMs: number };
    expect(before.offsetMs).toBe(86_400_000);
    const moved = await fetch(`${admin}/clock`, { method: "POST", body: JSON.stringify({ advance: "30d" }) });
    expect(((await moved.json()) as { offsetMs: number }).offsetMs).toBe(31 * 86_400_000);
    expect(moved.headers.get("connection")).toBe("close");
    expect((await fetch(`${admin}/clock`, { method: "POST", body: JSON.stringify({ advance: "soon" }) })).status).toBe(400);
    const seeded = await fetch(`${admin}/scim-groups`, { method: "POST", body: JSON.stringify({ idpId: "00g7ops", displayName: "ops" }) });
    expect(seeded.status).toBe(200);
    expect(plain(await cloud.getUserGroups({ scimGroup: { idpId: "00g7ops" } })).groups[0].spec.displayName).toBe("ops");
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }
  expect(stderr).toMatch(/GetAccount OK \d/);
  expect(stderr).not.toContain(BOOTSTRAP);

  // Restarted on the same state without --clock-offset: the clock the admin endpoint moved carries over.
  const again = spawn(process.execPath, ["bin/temporal-cloud-guardrails.js", "emulator", "--port", "0", "--state", path.join(dir, "s.json"), "--account-id", "acme1"], { env });
  const againLines = readline.createInterface({ input: again.stdout })[Symbol.asyncIterator]();
  await againLines.next();
  const admin = ((await againLines.next()).value as string).replace("admin on ", "");
  try {
    expect(((await (await fetch(`${admin}/clock`)).json()) as { offsetMs: number }).offsetMs).toBe(31 * 86_400_000);
  } finally {
    const exited = new Promise<number | null>((resolve) => again.once("exit", (code) => resolve(code)));
    again.kill("SIGTERM");
    expect(await exited).toBe(0);
  }
});

test("a moved clock is saved in the state file: after a restart an expired key stays expired; an explicit offset wins", async () => {
  const stateFile = path.join(tempDir("tcg-emu-clock-"), "state.json");
  const h1 = await startHarness({ stateFile });
  const key = await workerKey(h1.cloud, 10);
  h1.emulator.clock.advance(11 * 86_400_000);
  await h1.close();

  const h2 = await startHarness({ stateFile });
  try {
    expect(h2.emulator.clock.offset).toBe(11 * 86_400_000);
    expect((await failure(h2.as(key.token).getAccount({}))).code).toBe("UNAUTHENTICATED");
    expect(plain(await h2.cloud.getApiKey({ keyId: key.keyId })).apiKey.state).toBe("RESOURCE_STATE_EXPIRED");
  } finally {
    await h2.close();
  }
  const h3 = await startHarness({ stateFile, clockOffsetMs: 0 });
  try {
    expect(h3.emulator.clock.offset).toBe(0);
    expect(plain(await h3.as(key.token).getAccount({})).account.id).toBe("a1b2c");
  } finally {
    await h3.close();
  }
});
