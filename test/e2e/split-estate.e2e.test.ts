// A split estate with real terraform (and OpenTofu) against the emulator: every stack of
// examples/split-estate.yaml is initialized, planned and applied in the order synth gives (shared, the
// namespace stacks, access), each with its own state, reading the others' through terraform_remote_state;
// then every stack plans no change.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { EXAMPLES_DIR } from "../helpers";
import { EmulatorProcess, toolchain, Workspace } from "./harness";
import type { StackJson } from "./stacks";

const manifest = toolchain();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-e2e-split-"));
const result = synthesizeEstate({ config: loadConfig(path.join(EXAMPLES_DIR, "split-estate.yaml")), outdir: path.join(scratch, "cdktf.out") });
const stacks = result.stacks.map((s) => ({ name: s.name, json: JSON.parse(fs.readFileSync(s.file, "utf8")) as StackJson }));
const missing = [...new Set(stacks.flatMap((s) => Object.keys(s.json.terraform.required_providers)))].filter((p) => !manifest.providers[p]);

describe("examples/split-estate.yaml: every stack applied in dependency order", () => {
  if (missing.length > 0) {
    test.todo(`needs the ${missing.join(", ")} provider(s)`);
    return;
  }
  let emulator: EmulatorProcess;
  const workspaces: Workspace[] = [];
  beforeAll(async () => {
    // One account for the whole estate: the stacks share it, as they would in Temporal Cloud.
    emulator = await EmulatorProcess.start(path.join(scratch, "emulator-state.json"));
    for (const s of stacks) workspaces.push(new Workspace(s.name, s.json, emulator, undefined, path.join(scratch, "stacks", s.name)));
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test("synth wrote several stacks that read each other through remote state", () => {
    expect(result.blocked).toBe(false);
    expect(stacks.map((s) => s.name)).toEqual(["split-estate-shared", "split-estate-dev", "split-estate-staging", "split-estate-access"]);
    expect(Object.keys((stacks[3].json.data as { terraform_remote_state?: object } | undefined)?.terraform_remote_state ?? {}).length).toBeGreaterThan(1);
  });

  test("shared, namespace stacks, access: init, plan and apply each in turn", () => {
    for (const ws of workspaces) {
      ws.init();
      ws.plan();
      ws.apply();
    }
  }, 900_000);

  test("then every stack plans no change", () => {
    const codes = workspaces.map((ws) => [ws.name, ws.replan()]);
    expect(codes).toEqual(workspaces.map((ws) => [ws.name, 0]));
  }, 600_000);
});
