// A split estate with real terraform (and OpenTofu) against the emulator: every stack of
// examples/split-estate.yaml is initialized, planned and applied in the order synth gives (shared, the
// namespace stacks, access), each with its own state, reading the others' through terraform_remote_state;
// then every stack plans no change. Then a namespace moves to a new stack: `review` reports the move, and
// the `terraform state mv` commands it prints leave the new stack's plan without a create or destroy.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig, readConfigDocument } from "../../lib/config/load";
import { parseConfig } from "../../lib/config/parse";
import { synthesizeEstate } from "../../lib/estate/synth";
import { reviewDirectories } from "../../lib/review";
import { EXAMPLES_DIR } from "../helpers";
import { changesOf, EmulatorProcess, toolchain, Workspace } from "./harness";
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

  test("payments-staging moves to a new stack: review reports the move, and its state mv commands keep every resource", () => {
    const doc = readConfigDocument(path.join(EXAMPLES_DIR, "split-estate.yaml")) as { namespaces: Array<Record<string, unknown>> };
    doc.namespaces.find((ns) => ns.name === "payments-staging")!.stack = "split-estate-lab";
    fs.mkdirSync(path.join(scratch, "head"), { recursive: true });
    const head = synthesizeEstate({ config: parseConfig(doc, { baseDir: EXAMPLES_DIR }), outdir: path.join(scratch, "head", "cdktf.out") });
    expect(head.blocked).toBe(false);
    const review = reviewDirectories(path.join(scratch, "cdktf.out"), path.join(scratch, "head", "cdktf.out"));
    const moves = review.findings.filter((f) => f.kind === "moved-between-stacks");
    expect(moves.map((f) => [f.namespace, f.fromStack, f.stack, f.blocking])).toEqual([["payments-staging", "split-estate-staging", "split-estate-lab", false]]);
    expect(review.exitCode).toBe(0);

    // Run exactly what the finding says, in the new stack's folder.
    const command = /`terraform state mv (-state=\S+) (-state-out=\S+) <address> <address>`/.exec(moves[0].message);
    expect(command).not.toBeNull();
    const heads = new Map(head.stacks.map((s) => [s.name, JSON.parse(fs.readFileSync(s.file, "utf8")) as StackJson]));
    const lab = new Workspace("split-estate-lab", heads.get("split-estate-lab")!, emulator, undefined, path.join(scratch, "stacks", "split-estate-lab"));
    lab.init();
    for (const address of moves[0].addresses!) lab.run(["state", "mv", command![1], command![2], address, address]);

    const staging = workspaces.find((ws) => ws.name === "split-estate-staging")!;
    const left = staging.run(["state", "list"], [0]).stdout.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("data."));
    expect(left).toEqual([]);
    // The new stack plans no create or destroy of what moved (at most in-place updates), then applies its outputs.
    const planned = changesOf(lab.plan());
    expect(planned.filter((c) => /create|delete/.test(c))).toEqual([]);
    lab.apply();
    expect(lab.replan()).toBe(0);
    // The access stack now reads the lab stack's outputs instead of staging's: the same values, no change.
    const access = workspaces.find((ws) => ws.name === "split-estate-access")!;
    access.write(heads.get("split-estate-access")!);
    access.init();
    expect(changesOf(access.plan())).toEqual([]);
  }, 600_000);
});
