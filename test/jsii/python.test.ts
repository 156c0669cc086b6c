// The package for other languages, built the way a release would build it: real jsii compiles
// lib/entries/jsii.ts into an assembly with no error, jsii-pacmak generates the Python package from it,
// and a Python app (python/payments.py) using that package against the PyPI cdktf and providers
// synthesizes exactly the cdk.tf.json its TypeScript twin (twin.ts) does.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildJsii, generatePython, pythonEnv, quietEnv, type JsiiBuild } from "../../scripts/jsii";
import { synthEstateTwin, synthTwin } from "./twin";
import { REPO_ROOT } from "../helpers";

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

    // Both scripts run in one Python process: importing the package loads cdktf and the four provider
    // assemblies into the jsii runtime, which takes most of a minute.
    const outputs: Record<string, string> = {};
    const SCRIPTS = ["payments.py", "policy.py", "estate.py"];
    const EXAMPLE = path.join(REPO_ROOT, "examples", "production-estate.yaml");
    beforeAll(() => {
      if (!build.ok) return;
      const driver = [
        "import runpy, sys",
        `for script, out in ${JSON.stringify(SCRIPTS.map((s) => [path.join(__dirname, "python", s), path.join(work, `${s}-out`)]))}:`,
        "    sys.argv = [script, out]",
        "    print(f'== {script}', flush=True)",
        "    runpy.run_path(script, run_name='__main__')",
      ].join("\n");
      const run = spawnSync(python, ["-c", driver], { cwd: work, env: { ...quietEnv(), PYTHONPATH: src, TCG_EXAMPLE: EXAMPLE }, encoding: "utf8", timeout: 900_000 });
      outputs.stderr = `${run.stderr ?? ""}`;
      outputs.status = String(run.status);
      for (const part of `${run.stdout ?? ""}`.split(/^== /m).slice(1)) {
        const [script, ...lines] = part.trim().split("\n");
        outputs[path.basename(script)] = lines.pop() ?? "";
      }
    }, 900_000);

    test("the Python process ran without an error", () => {
      expect(build.ok).toBe(true);
      expect(outputs.stderr.split("\n").filter((l) => /Error|Traceback/.test(l))).toEqual([]);
      expect(outputs.status).toBe("0");
    });

    test("a Python app synthesizes exactly what its TypeScript twin does", () => {
      expect(build.ok).toBe(true);
      const pyOut = path.join(work, "payments.py-out");
      expect(outputs["payments.py"]).toBe("synthesized");
      const tsOut = path.join(work, "ts-out");
      inDirectory(work, () => synthTwin(tsOut));
      const fromPython = STACK(pyOut);
      expect(Object.keys(fromPython.resource as object).sort()).toEqual(["temporalcloud_namespace", "temporalcloud_namespace_search_attribute", "temporalcloud_service_account"]);
      expect(fromPython).toEqual(STACK(tsOut));
    }, 900_000);

    test("the policy runs the built-in rules and a rule written in Python, reports both, and fails synth on their errors", () => {
      expect(build.ok).toBe(true);
      const { findings, error } = JSON.parse(outputs["policy.py"] ?? "null") as {
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

    test("the estate builds from the example's file exactly as in TypeScript, and a bad dict reports every problem with its config path", () => {
      expect(build.ok).toBe(true);
      const { stacks, problems, raised } = JSON.parse(outputs["estate.py"] ?? "null") as { stacks: string[]; problems: Array<{ path: string; message: string }>; raised: string | null };
      const tsOut = path.join(work, "estate-ts-out");
      expect(stacks).toEqual(inDirectory(work, () => synthEstateTwin(tsOut, EXAMPLE)));
      for (const name of stacks) expect(STACK(path.join(work, "estate.py-out"), name)).toEqual(STACK(tsOut, name));
      // Each problem names its path; the error thrown lists all of them.
      expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(["namespaces[0].name", "namespaces[0].environment", "namespaces[0].retentionDays"]));
      for (const p of problems) expect(raised).toContain(`${p.path}: ${p.message}`);
    }, 900_000);
  });
});
