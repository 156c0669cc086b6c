// The real temporalcloud provider (built by `npm run providers`) against the emulator: apply a namespace,
// a service account and an API key, re-plan empty, and authenticate with the key terraform created.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as readline from "node:readline";
import * as path from "node:path";
import { readManifest } from "../../scripts/toolchain";
import { tempDir } from "../helpers";
import { terraform } from "../terraform/terraform";
import { BOOTSTRAP, clientFor, failure, plain } from "./client";

const manifest = readManifest();
const built = manifest?.providers.temporalcloud;
// .ci/run builds the providers before the unit suite, so CI always runs this; a machine without the Go
// toolchain skips it (and says why in the test name).
const maybe = built ? test : test.skip;

const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
const CONFIG = {
  terraform: { required_providers: { temporalcloud: { source: "temporalio/temporalcloud" } } },
  provider: { temporalcloud: [{ allowed_account_id: "a1b2c" }] },
  resource: {
    temporalcloud_namespace: { orders: { name: "orders-dev", regions: ["aws-us-east-1"], retention_days: 7, api_key_auth: true } },
    temporalcloud_service_account: {
      worker: { name: "orders-worker", account_access: "read", namespace_accesses: [{ namespace_id: "${temporalcloud_namespace.orders.id}", permission: "write" }] },
    },
    temporalcloud_apikey: {
      worker: { display_name: "orders-worker", owner_type: "service-account", owner_id: "${temporalcloud_service_account.worker.id}", expiry_time: expiry },
    },
  },
  output: { token: { value: "${temporalcloud_apikey.worker.token}", sensitive: true } },
};

// terraform runs synchronously here, so the emulator runs as its own process (as in the e2e suite); its
// request log goes to a file, where a full pipe can never block it.
const work = tempDir("tcg-emu-tf-");
const logFile = path.join(work, "emulator.log");
let child: ChildProcess | undefined;
let address = "";
const emulatorLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");

beforeAll(async () => {
  if (!built) return;
  child = spawn(process.execPath, ["bin/temporal-cloud-guardrails.js", "emulator", "--state", path.join(work, "state.json")], {
    env: { ...process.env, TEMPORAL_CLOUD_API_KEY: BOOTSTRAP },
    stdio: ["ignore", "pipe", fs.openSync(logFile, "w")],
  });
  const first = await readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  address = String(first.value).replace("listening on ", "");
});
afterAll(async () => {
  if (!child) return;
  const exited = new Promise((resolve) => child!.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
});

maybe(`terraform apply with the real provider ${built?.built ?? "(not built: run npm run providers)"} re-plans empty and its API key authenticates`, () => {
  const dir = path.join(work, "stack");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(CONFIG, null, 2));
  const env = { TEMPORAL_CLOUD_ENDPOINT: address, TEMPORAL_CLOUD_ALLOW_INSECURE: "true", TEMPORAL_CLOUD_API_KEY: BOOTSTRAP };
  const run = (args: string[]) => {
    const res = terraform(dir, args, manifest!.cliConfig, env);
    return { ...res, all: `${res.stdout}\n${res.stderr}\n--- emulator log ---\n${emulatorLog()}` };
  };
  const init = run(["init", "-backend=false", "-input=false"]);
  expect(init.status === 0 ? "" : init.all).toBe("");
  const apply = run(["apply", "-auto-approve", "-input=false"]);
  expect(apply.status === 0 ? "" : apply.all).toBe("");
  const plan = run(["plan", "-detailed-exitcode", "-input=false"]);
  expect(plan.status === 0 ? "" : plan.all).toBe("");

  const token = JSON.parse(run(["output", "-json", "token"]).stdout) as string;
  expect(token).toMatch(/^tcemu_/);
  return (async () => {
    expect(plain(await clientFor(address, token).getAccount({})).account.id).toBe("a1b2c");
    expect(plain(await clientFor(address, BOOTSTRAP).getNamespace({ namespace: "orders-dev.a1b2c" })).namespace.state).toBe("RESOURCE_STATE_ACTIVE");
    expect(emulatorLog()).not.toContain(token);
    expect(fs.readFileSync(path.join(work, "state.json"), "utf8")).not.toContain(token);
    // A pin to another account stops the provider at configure time.
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ ...CONFIG, provider: { temporalcloud: [{ allowed_account_id: "zzzzz" }] } }));
    const pinned = run(["plan", "-input=false"]);
    expect(pinned.status).toBe(1);
    expect(pinned.stderr).toContain("current account ID 'a1b2c' does not match allowed account ID 'zzzzz'");
    expect((await failure(clientFor(address, "wrong").getAccount({}))).code).toBe("UNAUTHENTICATED");
  })();
}, 180_000);
