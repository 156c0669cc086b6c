// The expiry watch on states the rotation replay produces (the same attributes Terraform stores), in the
// state-file and `terraform show -json` shapes: lists, judges the newest key per set, exits 1 in the window.
import type { StackJson } from "../../lib/analysis/terraform-replay";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import type { CliIo } from "../../lib/cli/command";
import { analyseRotation, stateAt } from "../../lib/analysis/rotation";
import { applySchedule } from "../../lib/analysis/schedules";
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { constructStack, tempDir } from "../helpers";
import { synthRotatingCa } from "../mtls/timeline-fixture";

const DAY = 86400;
const START = Date.parse("2026-03-02T09:17:00Z") / 1000;

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: "", stderr: "", out: (t: string) => { io.stdout += `${t}\n`; }, err: (t: string) => { io.stderr += `${t}\n`; } };
  return io;
}

/** State of an API-key set and a CA with a client certificate after weekly applies for 60 days. */
function replayedState(): { state: Record<string, unknown>; lastApply: number } {
  const { stack, synth } = constructStack();
  new RotatingApiKey(stack, "key", { serviceAccountId: "sa-1", displayName: "worker", phaseHours: 0, secret: { secretName: "temporal/ns/w/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/w" } } });
  const keyJson = synth();
  const caJson = synthRotatingCa({ phaseHours: 0 });
  const json = { resource: { ...keyJson.resource, ...caJson.resource }, locals: { ...(keyJson.locals as object), ...(caJson.locals as object) }, variable: keyJson.variable as StackJson["variable"] };
  const applies = applySchedule("regular", { start: START, until: START + 60 * DAY, cadenceDays: 7, seed: 1 });
  const report = analyseRotation(json, { applies, until: START + 60 * DAY });
  const last = applies[applies.length - 1];
  return { state: stateAt(report.replay, last) as Record<string, unknown>, lastApply: last };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const code = await main(["expiry", ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("expiry", () => {
  const dir = tempDir("tcg-expiry-");
  const { state, lastApply } = replayedState();
  const stateFile = path.join(dir, "state.json");
  fs.writeFileSync(stateFile, JSON.stringify(state));
  // The same resources as `terraform show -json` of a plan prints them (prior_state.values.root_module).
  const planFile = path.join(dir, "plan.json");
  const resources = (state.resources as { type: string; name: string; instances: { attributes: unknown }[] }[]);
  fs.writeFileSync(planFile, JSON.stringify({ format_version: "1.2", prior_state: { values: { root_module: { resources: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: "managed", type: r.type, name: r.name, values: r.instances[0].attributes })) } } } }));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("right after an apply everything is fine: exit 0, every key, client certificate and CA listed, no token printed", async () => {
    const out = await run(["--state", stateFile, "--now", new Date(lastApply * 1000).toISOString()]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/api-key .*worker-(blue|green)/);
    expect(out.stdout).toMatch(/client-certificate/);
    expect(out.stdout.match(/\bca\b/g)?.length).toBe(2);
    expect(out.stdout).toMatch(/previous key/);
    expect(out.stdout + out.stderr).not.toMatch(/token:/);
  });

  test("a paused pipeline: warning inside the window, then overdue, then expired — each exits 1 and names the date", async () => {
    const json = await run(["--state", stateFile, "--json", "--now", new Date(lastApply * 1000).toISOString()]);
    const credentials = (JSON.parse(json.stdout) as { credentials: { applyBy: string; status: string; inUse: boolean }[] }).credentials.filter((c) => c.inUse);
    const applyBy = Date.parse(credentials[0].applyBy) / 1000;
    const at = (t: number) => new Date(t * 1000).toISOString();
    const statuses = async (t: number) => ((JSON.parse((await run(["--plan", planFile, "--json", "--now", at(t)])).stdout) as { credentials: { status: string }[] }).credentials).map((c) => c.status);
    expect(await statuses(applyBy - 15 * DAY)).not.toContain("warning");
    const warn = await run(["--state", stateFile, "--now", at(applyBy - 13 * DAY)]);
    expect(warn.code).toBe(1);
    expect(warn.stderr).toContain(`run the pipeline (terraform apply) before ${credentials[0].applyBy}`);
    expect(await statuses(applyBy - 13 * DAY)).toContain("warning");
    expect(await statuses(applyBy + 3600)).toContain("overdue");
    expect(await statuses(applyBy + 2 * DAY)).toContain("expired");
    expect((await run(["--state", stateFile, "--within", "30", "--now", at(applyBy - 20 * DAY)])).code).toBe(1);
  });

  test("bad input: both or neither file, a missing file, not JSON, a bad --within", async () => {
    expect((await run([])).stderr).toMatch(/give exactly one of --state FILE/);
    expect((await run(["--state", stateFile, "--plan", planFile])).stderr).toMatch(/give exactly one/);
    expect((await run(["--state", path.join(dir, "nope.json")])).stderr).toMatch(/nope\.json does not exist/);
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "not json");
    const notJson = await run(["--state", bad]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/bad\.json is not JSON/);
    expect(notJson.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect((await run(["--state", stateFile, "--within", "two"])).stderr).toMatch(/--within two is not a number of days/);
  });
});
