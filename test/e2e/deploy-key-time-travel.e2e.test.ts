// The pipeline's own credential (rotation issue, item 3): the temporalcloud provider only takes an API key,
// so the deploy job must keep working with the key it rotates into its own secret. Real `terraform apply`
// runs against the emulator with the clock moved between them. The first apply uses the account owner's
// bootstrap key; then the emulator restarts with a different owner key, so every later apply can only
// authenticate with what the job reads from the secret at its start (`current`), and each apply rotates
// that key itself. A key deleted or expired while the job still needs it fails the apply.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { CloudOperationsClient, CloudOperationsConnection } from "@temporalio/cloud";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ServiceAccount } from "../../lib/providers/temporalcloud/service-account";
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { Environment } from "../../lib/domain/environments";
import { BOOTSTRAP_KEY, EmulatorProcess, toolchain, Workspace } from "./harness";
import { currentSecretString, MotoProcess } from "./moto";
import { awsPinNote } from "./aws";
import { synthConstructStack, type StackJson } from "./stacks";
import { completions, iso, stateObjects, withAws, withoutAws } from "./rotation-support";

const DAY = 86_400;
const manifest = toolchain();
const REAL_AWS = process.env.TCG_E2E_CLOUD === "1";
/** Days between applies: weekly, a missed run, a merge an hour later, a double apply; two 30-day key cycles. */
const GAPS_DAYS = [0, 7, 14, 1 / 24, 6, 7, 0, 13, 7, 14, 7];

function synth(): StackJson {
  return synthConstructStack("deploy key time travel", (stack) => {
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    // As pipeline.deployIdentity builds it: an account admin whose key rotates into the pipeline's secret.
    const account = new ServiceAccount(stack, "deploy", { name: "estate-deploy", accountAccess: "admin", description: "deploy pipeline" });
    new RotatingApiKey(stack, "deploy-key", {
      serviceAccountId: account.id,
      displayName: "estate-deploy",
      rotationDays: 30,
      minOverlapDays: 7,
      applyCadenceDays: 7,
      environment: Environment.PRODUCTION,
      secret: { secretName: "temporal/deploy/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/deploy" } },
    });
  });
}

describe(`the deploy key rotates itself: every apply after the first authenticates only with the key it read from its secret (${REAL_AWS ? `AWS Secrets Manager against moto, ${awsPinNote(manifest)}` : "the AWS secret replaced by a terraform_data stand-in"})`, () => {
  const json = synth();
  const { applied, holder, secretName } = REAL_AWS ? withAws(json) : { ...withoutAws(json), secretName: undefined };
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tcg-e2e-deploy-")), "state.json");
  let emulator: EmulatorProcess;
  let moto: MotoProcess | undefined;
  let ws: Workspace;
  const connections: CloudOperationsConnection[] = [];

  beforeAll(async () => {
    if (REAL_AWS && (!manifest.providers.aws || !manifest.moto)) throw new Error("test:e2e:cloud needs the aws provider and moto: run `npm run providers -- --cloud`");
    emulator = await EmulatorProcess.start(stateFile);
    if (REAL_AWS) moto = await MotoProcess.start(String(manifest.moto?.python));
    ws = new Workspace("deploy-key-time-travel", applied, emulator, moto);
    ws.init();
  }, 180_000);
  afterAll(async () => {
    for (const c of connections) await c.close();
    await emulator?.stop();
    await moto?.stop();
    ws?.remove();
  });

  const objects = () => stateObjects(path.join(ws.dir, "terraform.tfstate"));

  /** What the deploy job reads at its start: the secret's value (moto's AWSCURRENT, or the stand-in's). */
  async function secret(): Promise<{ current: string; previous: string }> {
    const raw = moto ? await currentSecretString(moto.endpoint, String(secretName)) : String((objects().get(holder) as { output: { value: string } }).output.value);
    return JSON.parse(raw) as { current: string; previous: string };
  }

  async function authenticates(token: string): Promise<string> {
    const connection = CloudOperationsConnection.lazy({ address: emulator.address, apiKey: token, credentials: grpc.credentials.createInsecure() } as Parameters<typeof CloudOperationsConnection.lazy>[0]);
    connections.push(connection);
    try {
      await new CloudOperationsClient({ connection }).cloudService.getAccount({});
      return "authenticates";
    } catch (err) {
      return `refused: ${(err as Error).message}`;
    }
  }

  test("bootstrap once, then every apply runs on the rotated deploy key; both slots replaced at least twice after their creation; re-plans are empty", async () => {
    const start = Math.floor(Date.now() / 1000);
    let virtual = start;
    const replaced = new Map<string, number>();
    const log: string[] = [];
    for (const [step, gap] of GAPS_DAYS.entries()) {
      virtual += Math.round(gap * DAY);
      const at = `step ${step} (+${((virtual - start) / DAY).toFixed(2)} d)`;
      await emulator.setClock(virtual * 1000);
      let usedKey: string | undefined;
      if (step > 0) {
        // The job's credential is what the secret holds now, and nothing else works.
        usedKey = (await secret()).current;
        ws.apiKey = usedKey;
        expect({ at, deployKey: await authenticates(usedKey) }).toEqual({ at, deployKey: "authenticates" });
      }
      const apply = ws.run(["apply", "-input=false", "-no-color", "-json", "-auto-approve", "-var", `rotation_clock=${iso(virtual)}`]);
      const replan = ws.run(["plan", "-input=false", "-no-color", "-detailed-exitcode", "-var", `rotation_clock=${iso(virtual)}`], [0, 2]);
      expect({ at, replan: replan.status, out: replan.status === 0 ? "" : replan.stdout }).toEqual({ at, replan: 0, out: "" });
      const created = completions(apply.stdout).filter((e) => e.startsWith("create temporalcloud_apikey.")).map((e) => e.slice(7));
      for (const a of created) replaced.set(a, (replaced.get(a) ?? 0) + 1);

      const after = await secret();
      expect({ at, current: await authenticates(after.current) }).toEqual({ at, current: "authenticates" });
      // The key this job ran on is still published (as current or previous) and still valid: the next job,
      // or one that started just before this apply finished, can run on it.
      if (usedKey) expect({ at, usedKeyStillPublished: usedKey === after.current || usedKey === after.previous, usedKey: await authenticates(usedKey) }).toEqual({ at, usedKeyStillPublished: true, usedKey: "authenticates" });

      if (step === 0) {
        // From now on the account owner's key is gone: a restart with another owner key, same state.
        await emulator.stop();
        emulator = await EmulatorProcess.start(stateFile, `rotated-away-${randomBytes(8).toString("hex")}`);
        ws.emulator = emulator;
        await emulator.setClock(virtual * 1000);
        expect(await authenticates(BOOTSTRAP_KEY)).toMatch(/^refused/);
      }
      log.push(`${at}: ${created.join(", ") || "no new key"}`);
      process.stderr.write(`deploy key time travel: ${log[log.length - 1]}\n`);
    }
    const slots = [...objects().keys()].filter((a) => a.startsWith("temporalcloud_apikey."));
    expect(slots).toHaveLength(2);
    expect({ slots: slots.map((s) => [s, (replaced.get(s) ?? 0) >= 3]), log }).toEqual({ slots: slots.map((s) => [s, true]), log });
    console.log(log.join("\n"));
  }, REAL_AWS ? 1_800_000 : undefined);
});
