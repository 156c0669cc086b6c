// The package for other languages, built the way a release would build it: real jsii compiles
// lib/entries/jsii.ts into an assembly with no error, jsii-pacmak generates the Python package from it,
// and Python scripts using that package against the PyPI cdktf and providers (python/) must match
// TypeScript: the library example (payments.py, twin.ts), a rule written in Python (policy.py) and the
// example estates from file and dict (estate_smoke.py).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildJsii, generatePython, pythonEnv, quietEnv, type JsiiBuild } from "../../scripts/jsii";
import { synthTwin, writeEstateTwins } from "./twin";
import { REPO_ROOT } from "../helpers";

/** The examples estate_smoke.py builds from Python: one stack, and one split into several. */
const ESTATE_EXAMPLES = ["production-estate", "split-estate"];
const STACK = (outdir: string, name = "payments") => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as Record<string, unknown>;

/** Runs `synth` with `dir` as the working directory (the local backend's state path is the working directory's). */
function inDirectory<T>(dir: string, synth: () => T): T {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return synth();
  } finally {
    process.chdir(cwd);
  }
}

describe("the jsii build", () => {
  let build: JsiiBuild;
  let work = "";
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-jsii-test-"));
    build = buildJsii({ stage: path.join(work, "stage") });
  }, 300_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test("jsii compiles the entry into an assembly with no error", () => {
    expect(build.errors.map((e) => `${e.where} ${e.code}: ${e.message}`)).toEqual([]);
    expect(build.ok).toBe(true);
  });

  test("the assembly carries the constructs of both clouds, the generated bindings, the policy and the estate", () => {
    const types = build.assembly?.types ?? {};
    const fqn = (name: string) => `temporal-cloud-guardrails.${name}`;
    for (const name of ["SecureNamespace", "ServiceAccountPerWorker", "RotatingApiKey", "WorkerSecret", "RotatingCa", "PrivateLinkEndpoint", "PscEndpoint", "CompliancePolicy", "TemporalCloudStack", "TemporalCloudEstate"]) {
      expect(types[fqn(name)]?.kind).toBe("class");
    }
    expect(types[fqn("ISecureNamespace")]?.kind).toBe("interface");
    expect(types[fqn("Environment")]?.kind).toBe("enum");
    expect(types[fqn("temporalcloud.namespace.Namespace")]?.kind).toBe("class");
  });

  describe("in Python", () => {
    let python = "";
    let src = "";
    beforeAll(() => {
      if (!build.ok) return;
      src = generatePython(build.stage, path.join(work, "pacmak"));
      python = pythonEnv((line) => process.stderr.write(`${line}\n`));
    }, 900_000);

    // The scripts run in one Python process: importing the package loads cdktf and the four provider
    // assemblies into the jsii runtime, which takes most of a minute. estate_smoke.py compares with what
    // TypeScript synthesizes for the examples, written first (writeEstateTwins).
    const output: Record<string, string[]> = {};
    let stderr = "";
    let status: number | null = null;
    beforeAll(() => {
      if (!build.ok) return;
      const estateWork = path.join(work, "estate");
      inDirectory(work, () => writeEstateTwins(estateWork, ESTATE_EXAMPLES));
      const scripts: Array<[string, string[]]> = [
        ["payments.py", [path.join(work, "payments-out")]],
        ["policy.py", [path.join(work, "policy-out")]],
        ["estate_smoke.py", [path.join(REPO_ROOT, "examples"), estateWork, ESTATE_EXAMPLES.join(",")]],
      ];
      const driver = [
        "import runpy, sys",
        `for script, args in ${JSON.stringify(scripts.map(([s, args]) => [path.join(__dirname, "python", s), args]))}:`,
        "    sys.argv = [script, *args]",
        "    print(f'== {script}', flush=True)",
        "    runpy.run_path(script, run_name='__main__')",
      ].join("\n");
      const run = spawnSync(python, ["-c", driver], { cwd: work, env: { ...quietEnv(), PYTHONPATH: src }, encoding: "utf8", timeout: 900_000 });
      stderr = `${run.stderr ?? ""}`;
      status = run.status;
      for (const part of `${run.stdout ?? ""}`.split(/^== /m).slice(1)) {
        const [script, ...lines] = part.trim().split("\n");
        output[path.basename(script)] = lines;
      }
    }, 900_000);
    const last = (script: string) => output[script]?.at(-1) ?? "";

    test("the Python process ran without an error", () => {
      expect(build.ok).toBe(true);
      expect(stderr.split("\n").filter((l) => /Error|Traceback/.test(l))).toEqual([]);
      expect(status).toBe(0);
    });

    test("a Python app synthesizes exactly what its TypeScript twin does", () => {
      expect(build.ok).toBe(true);
      const pyOut = path.join(work, "payments-out");
      expect(last("payments.py")).toBe("synthesized");
      const tsOut = path.join(work, "ts-out");
      inDirectory(work, () => synthTwin(tsOut));
      const fromPython = STACK(pyOut);
      expect(Object.keys(fromPython.resource as object).sort()).toEqual(["temporalcloud_namespace", "temporalcloud_namespace_search_attribute", "temporalcloud_service_account"]);
      expect(fromPython).toEqual(STACK(tsOut));
    }, 900_000);

    test("the policy runs the built-in rules and a rule written in Python, reports both, and fails synth on their errors", () => {
      expect(build.ok).toBe(true);
      const { findings, error } = JSON.parse(last("policy.py") || "null") as {
        findings: Array<{ ruleId: string; severity: string; address: string; attribute?: string; message: string }>;
        error: string | null;
      };
      const namespace = findings.find((f) => f.ruleId === "ACME-NAME-001");
      // The Python rule's finding came back through jsii with the block it was given, and the engine added the
      // rest. (jsii gives Python enums their member names: Severity.ERROR.)
      expect(namespace).toEqual({ ruleId: "ACME-NAME-001", severity: "ERROR", address: expect.stringMatching(/^temporalcloud_namespace\.payments_namespace_/), attribute: "name", message: '"payments-prod" lacks the acme- prefix' });
      expect(findings.filter((f) => f.ruleId === "TC-NET-001").map((f) => f.address)).toEqual([namespace?.address]);
      expect(error).toContain("[ACME-NAME-001]");
      expect(error).toContain("[TC-NET-001]");
    }, 900_000);

    test("the estate from Python: file and dict synthesize what TypeScript does, a bad dict reports every problem, a Python feature runs", () => {
      expect(build.ok).toBe(true);
      const lines = output["estate_smoke.py"] ?? [];
      expect(lines.filter((l) => l.startsWith("FAIL"))).toEqual([]);
      // Each example: file = dict, = TypeScript, roles; then the bad dict (3) and the feature (4).
      expect(lines.filter((l) => l.startsWith("ok ")).length).toBe(ESTATE_EXAMPLES.length * 3 + 3 + 4);
      expect(lines.at(-1)).toBe("python estate smoke: 0 failed");
    }, 900_000);
  });
});
