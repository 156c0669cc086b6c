// Real terraform on every example estate and each construct standalone:
// synth → init → validate → plan → apply (emulator) → plan again (-detailed-exitcode 0) → one edit plans
// exactly that change. Stacks needing aws/google run when those providers were built
// (`npm run providers -- --cloud`; `npm run test:e2e:cloud` requires them).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../helpers";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { reviewDirectories } from "../../lib/review";
import { changesOf, EmulatorProcess, toolchain, Workspace } from "./harness";
import { MotoProcess } from "./moto";
import { awsPinNote, motoApplicable, motoGapsOf } from "./aws";
import { CONSTRUCT_STACKS, CREATE_RPC, EDITS, exampleDocument, exampleFiles, gapsUsed, synthConstructStack, synthDocument, unemulatedTypes, type StackJson } from "./stacks";
import { engine } from "../terraform/terraform";
import { gapKey, providerGaps, readSchema, schemaPaths, type ProviderGap } from "../terraform/provider-gaps";
import { Environment } from "../../lib/domain/environments";

const CLOUD = process.env.TCG_E2E_CLOUD === "1";
const manifest = toolchain();
const built = new Set(Object.keys(manifest.providers));
const implemented = implementedRpcs();

/** RPCs the emulator answers (it says UNIMPLEMENTED to the rest): every `*Handlers` export of its handler files. */
function implementedRpcs(): Set<string> {
  const dir = path.join(REPO_ROOT, "lib", "emulator", "handlers");
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(dir, file)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(exports)) if (key.endsWith("Handlers")) for (const rpc of Object.keys(value as object)) names.add(rpc);
  }
  return names;
}

/** One emulator per stack: examples reuse namespace names, and production namespaces cannot be destroyed. */
async function startEmulator(): Promise<EmulatorProcess> {
  return EmulatorProcess.start(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tcg-e2e-emulator-")), "state.json"));
}

/** Why a stack cannot run here, or undefined. */
function blocker(json: StackJson): string | undefined {
  const missing = Object.keys(json.terraform.required_providers).filter((p) => !built.has(p));
  if (missing.length === 0) return undefined;
  if (!CLOUD) return `needs the ${missing.join(" and ")} provider${missing.length > 1 ? "s" : ""} (npm run test:e2e:cloud)`;
  // --cloud: a provider the toolchain tried and could not build is a reason; one it never tried is a mistake.
  const unexplained = missing.filter((p) => !manifest.missing[p]);
  if (unexplained.length > 0 || !manifest.moto) throw new Error(`test:e2e:cloud needs ${[...unexplained, ...(manifest.moto ? [] : ["moto"])].join(", ")}: run \`npm run providers -- --cloud\``);
  return missing.map((p) => `needs the ${p} provider, which cannot be built here: ${manifest.missing[p]}`).join("; ");
}

/** An error diagnostic that a listed provider gap explains. */
function explainedBy(gaps: ProviderGap[], error: string): boolean {
  return gaps.some((g) => error.includes(g.attribute ? `"${g.attribute.split(".").pop()}"` : g.type.replace(/^data\./, "")));
}

function lifecycle(name: string, synth: () => StackJson, edit?: { description: string; synth: () => StackJson }): void {
  const json = synth();
  const reason = blocker(json);
  const gaps = gapsUsed(json);
  if (reason) {
    test.todo(`${name}: ${reason}`);
    return;
  }
  const aws = "aws" in json.terraform.required_providers;
  let ws: Workspace;
  let emulator: EmulatorProcess | undefined;
  let moto: MotoProcess | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    await emulator.seedScimGroupsOf(json);
    // The real aws provider against moto (one per stack, like the emulator): see test/e2e/moto.ts.
    if (aws) moto = await MotoProcess.start(String(manifest.moto?.python));
    await moto?.createNetworkFor(json);
    ws = new Workspace(name, json, emulator, moto);
  }, 120_000);
  afterAll(async () => {
    await emulator?.stop();
    await moto?.stop();
    ws?.remove();
  });

  test(`${name}: init and validate${aws ? ` (${awsPinNote(manifest)})` : ""}${gaps.length ? ` (fails only on provider gaps: ${[...new Set(gaps.map((g) => g.feature))].join(", ")})` : ""}`, () => {
    ws.init();
    const errors = ws.errorsOf(ws.validate());
    if (gaps.length === 0) {
      if (errors.length > 0) throw ws.failure(`validate: ${errors.join("\n")}`);
      return;
    }
    // The built provider lacks these 1.4/1.5 features: validate may fail on them, and on nothing else.
    // (Terraform rejects an unknown top-level argument but silently drops an unknown key inside an
    // object-typed attribute such as codec_server, so not every gap shows up here.)
    expect(errors.filter((e) => !explainedBy(gaps, e))).toEqual([]);
    const topLevel = gaps.filter((g) => g.attribute && !g.attribute.includes("."));
    for (const gap of topLevel) expect(errors.some((e) => explainedBy([gap], e)) ? gapKey(gap) : `${gapKey(gap)} not rejected`).toBe(gapKey(gap));
  });
  if (gaps.length > 0) {
    test.todo(`${name}: plan/apply need temporalcloud ≥ ${gaps.map((g) => g.since).sort().pop()} (${manifest.providers.temporalcloud?.built} built; see docs/testing.md)`);
    return;
  }

  test(`${name}: plan creates every resource`, () => {
    const plan = ws.plan();
    const resources = Object.values((json.resource ?? {}) as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(changesOf(plan).filter((c) => c.endsWith(": create"))).toHaveLength(resources);
  });
  const unemulated = unemulatedTypes(json, implemented);
  if (unemulated.length > 0) {
    test.todo(`${name}: apply, re-plan, edit (the emulator does not implement ${unemulated.map((t) => CREATE_RPC[t] ?? t).join(", ")} yet: ${unemulated.join(", ")})`);
    return;
  }
  const motoGaps = motoGapsOf(json);
  if (motoGaps.length > 0) {
    // Apply what moto can (by -target), so the rest of the stack still meets the real provider.
    const { targets, excluded } = motoApplicable(json);
    const targeted = targets.map((t) => `-target=${t}`);
    test(`${name}: apply all but ${excluded.length} resource(s) moto cannot create (${motoGaps.join("; ")}), then plan again (same targets) reports no changes`, () => {
      ws.plan(targeted);
      ws.apply();
      const code = ws.replan(targeted);
      if (code !== 0) throw ws.failure("the targeted plan after apply is not empty (perpetual diff)");
    });
    test.todo(`${name}: apply of ${excluded.join(", ")} and the edit (moto gaps above)`);
    return;
  }
  test(`${name}: apply, then plan again reports no changes`, () => {
    ws.apply();
    const code = ws.replan();
    if (code !== 0) throw ws.failure("the plan after apply is not empty (perpetual diff)");
  });
  if (edit) {
    test(`${name}: ${edit.description} plans exactly that change`, () => {
      const before = ws.stack();
      ws.write(edit.synth());
      const plan = ws.plan();
      expect(changesOf(plan)).toEqual(expectedChanges(before, ws.stack()));
      expect(changesOf(plan).length).toBeGreaterThan(0);
    });
  }
}

/** Resources whose synthesized block differs between the two stacks: in-place updates, creates, deletes. */
function expectedChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const blocks = (json: Record<string, unknown>) =>
    new Map(Object.entries((json.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>).flatMap(([type, byName]) => Object.entries(byName).map(([name, b]) => [`${type}.${name}`, JSON.stringify({ ...b, "//": undefined })] as const)));
  const a = blocks(before);
  const b = blocks(after);
  const changed = [...b.keys()].filter((k) => a.get(k) !== b.get(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  return [...changed.map((k) => `${k}: ${a.has(k) ? "update" : "create"}`), ...removed.map((k) => `${k}: delete`)].sort();
}

describe(`the engine (${engine()})`, () => {
  test("is the binary the toolchain recorded, at its version", () => {
    const ws = new Workspace("engine", { terraform: {} });
    try {
      const reported = JSON.parse(ws.run(["version", "-json"]).stdout) as { terraform_version: string };
      const recorded = engine() === "tofu" ? manifest.tofu : manifest.terraform;
      expect(reported.terraform_version).toBe(recorded?.version);
      expect(ws.run(["version"]).stdout.split("\n")[0]).toMatch(engine() === "tofu" ? /^OpenTofu v/ : /^Terraform v/);
    } finally {
      ws.remove();
    }
  });
});

describe("the built temporalcloud provider", () => {
  test("its live schema is the committed dump, which lacks every listed gap", () => {
    const ws = new Workspace("schema", { terraform: { required_providers: { temporalcloud: { source: "temporalio/temporalcloud", version: "1.5.0" } } } });
    try {
      ws.init();
      const live = JSON.parse(ws.run(["providers", "schema", "-json"]).stdout) as { provider_schemas: Record<string, unknown> };
      const builtVersion = manifest.providers.temporalcloud.built;
      const committed = readSchema(`provider-schema.dumped-${builtVersion}.json`);
      expect(Object.values(live.provider_schemas)[0]).toEqual(committed);
      const paths = schemaPaths(committed);
      expect(providerGaps().gaps.filter((g) => paths.has(gapKey(g))).map(gapKey)).toEqual([]);
    } finally {
      ws.remove();
    }
  });
});

describe("emulator coverage map", () => {
  test("every RPC the map names is a CloudService RPC", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { cloudServiceMethods } = require(path.join(REPO_ROOT, "lib", "emulator", "proto")) as { cloudServiceMethods: () => { name: string }[] };
    const names = new Set(cloudServiceMethods().map((m) => m.name));
    expect(Object.values(CREATE_RPC).filter((rpc) => !names.has(rpc))).toEqual([]);
  });
});

describe("example estates", () => {
  for (const file of exampleFiles()) {
    const edit = EDITS[file];
    describe(file, () => {
      lifecycle(file, () => synthDocument(exampleDocument(file)), edit && {
        description: edit.description,
        synth: () => {
          const doc = exampleDocument(file);
          edit.apply(doc);
          return synthDocument(doc);
        },
      });
    });
  }
  test("every example has an edit", () => {
    expect(exampleFiles().filter((f) => !EDITS[f])).toEqual([]);
  });
});

describe("constructs standalone", () => {
  for (const [name, build] of Object.entries(CONSTRUCT_STACKS)) {
    describe(name, () => lifecycle(name, () => synthConstructStack(name, build)));
  }
});

describe("production safeguards, judged by real terraform", () => {
  const build = (devName: string) => (stack: import("cdktf").TerraformStack) => {
    new SecureNamespace(stack, "prod", { name: "ledger-prod", environment: Environment.PRODUCTION, regions: ["aws-us-east-1"], apiKeyAuth: true });
    new SecureNamespace(stack, "dev", { name: devName, environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true });
  };
  const base = synthConstructStack("safeguards", build("ledger-dev"));
  let ws: Workspace;
  let emulator: EmulatorProcess | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    ws = new Workspace("safeguards", base, emulator);
    ws.init();
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
    ws?.remove();
  });

  test("apply", () => {
    ws.plan();
    ws.apply();
    expect(ws.replan()).toBe(0);
  });

  test("destroying the production namespace is refused by prevent_destroy", () => {
    const run = ws.run(["plan", "-destroy", "-input=false", "-no-color"], [1]);
    const prod = Object.keys((base.resource as Record<string, object>).temporalcloud_namespace).find((n) => n.startsWith("prod_"));
    expect(run.stderr).toContain("Instance cannot be destroyed");
    expect(run.stderr).toContain(`temporalcloud_namespace.${prod}`);
  });

  test("a forced replacement terraform plans is reported by review", () => {
    const head = synthConstructStack("safeguards", build("ledger-sandbox"));
    ws.write(head);
    const replaced = changesOf(ws.plan()).filter((c) => c.endsWith("delete,create") || c.endsWith("create,delete"));
    const dev = Object.keys((base.resource as Record<string, object>).temporalcloud_namespace).find((n) => n.startsWith("dev_"));
    expect(replaced).toEqual([expect.stringMatching(new RegExp(`^temporalcloud_namespace\\.${dev}: `))]);
    const dirs = [base, head].map((json) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-e2e-review-"));
      fs.mkdirSync(path.join(dir, "stacks", "safeguards"), { recursive: true });
      fs.writeFileSync(path.join(dir, "stacks", "safeguards", "cdk.tf.json"), JSON.stringify(json));
      return dir;
    });
    const review = reviewDirectories(dirs[0], dirs[1]);
    expect(review.findings.filter((f) => f.kind === "forced-replacement").map((f) => f.address)).toEqual([`temporalcloud_namespace.${dev}`]);
  });
});

describe("HA failover, judged by real terraform", () => {
  const build = (stack: import("cdktf").TerraformStack) => {
    new SecureNamespace(stack, "ns", { name: "ledger-ha", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1", "aws-us-west-2"], apiKeyAuth: true });
  };
  const json = synthConstructStack("failover", build);
  let ws: Workspace;
  let emulator: EmulatorProcess | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    ws = new Workspace("failover", json, emulator);
    ws.init();
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
    ws?.remove();
  });

  test("after a failover (the region list reorders) the plan stays empty", async () => {
    ws.plan();
    ws.apply();
    // Loaded here, not imported: a branch without lib/emulator still runs the rest of the suite.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { clientFor, plain, settle } = require("../emulator/client") as typeof import("../emulator/client");
    const cloud = clientFor(emulator!.address, String(emulator!.env().TEMPORAL_CLOUD_API_KEY));
    const id = plain(await cloud.getNamespaces({ name: "ledger-ha" })).namespaces[0].namespace as string;
    await settle(cloud, plain(await cloud.failoverNamespaceRegion({ namespace: id, region: "aws-us-west-2" })).asyncOperation);
    expect(plain(await cloud.getNamespace({ namespace: id })).namespace.activeRegion).toBe("aws-us-west-2");
    const code = ws.replan();
    if (code !== 0) throw ws.failure("the plan after a failover is not empty: the provider should ignore the region order");
  });
});
