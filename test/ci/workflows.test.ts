// The project's workflow and the example workflows users copy: valid YAML, and every command they run exists.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { COMMANDS } from "../../lib/cli/commands";
import { REPO_ROOT } from "../helpers";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: Step[] }>;
}

const WORKFLOW_FILES = [
  ...fs.readdirSync(path.join(REPO_ROOT, ".github", "workflows")).map((f) => path.join(".github", "workflows", f)),
  ...fs.readdirSync(path.join(REPO_ROOT, "examples", "ci")).filter((f) => f.endsWith(".yml")).map((f) => path.join("examples", "ci", f)),
];

function load(file: string): Workflow {
  const doc = parseDocument(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Workflow;
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

/** `npm run X`, `npm test` and `npx temporal-cloud-guardrails X` invocations in a workflow's run scripts. */
export function referencedCommands(script: string): { npmScripts: string[]; cliCommands: string[] } {
  const npmScripts = [...script.matchAll(/\bnpm\s+(?:run(?:-script)?\s+([\w:.-]+)|(test)\b)/g)].map((m) => m[1] ?? m[2]);
  const cliCommands = [...script.matchAll(/\bnpx\s+(?:--yes\s+)?temporal-cloud-guardrails\s+([\w-]+)/g)].map((m) => m[1]);
  return { npmScripts, cliCommands };
}

describe("workflow files", () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts as Record<string, string>;

  test("the command extractor finds npm scripts and CLI subcommands", () => {
    expect(referencedCommands("npm ci\nnpm test && npm run bench\nnpx temporal-cloud-guardrails review a b")).toEqual({ npmScripts: ["test", "bench"], cliCommands: ["review"] });
  });

  test.each(WORKFLOW_FILES)("%s is a valid workflow whose commands exist", (file) => {
    const workflow = load(file);
    expect(typeof workflow.name).toBe("string");
    expect(Object.keys(workflow.on).length).toBeGreaterThan(0);
    for (const job of Object.values(workflow.jobs)) {
      expect(job["runs-on"]).toBeTruthy();
      expect(job.steps.length).toBeGreaterThan(0);
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
    }
    for (const step of steps(workflow)) {
      if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
      const { npmScripts, cliCommands } = referencedCommands(step.run ?? "");
      for (const script of npmScripts) expect({ file, script, exists: script in scripts }).toEqual({ file, script, exists: true });
      for (const command of cliCommands) {
        expect({ file, command, exists: command in COMMANDS }).toEqual({ file, command, exists: true });
      }
    }
  });

  test("the project's CI installs with npm ci and runs npm test", () => {
    const runs = steps(load(".github/workflows/ci.yml")).map((s) => s.run ?? "");
    expect(runs).toEqual(expect.arrayContaining(["npm ci", "npm test"]));
  });

  test("the PR example synthesizes base and head, checks, uploads SARIF from cdktf.out/compliance and posts the review", () => {
    const workflow = load("examples/ci/pull-request.yml");
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toMatchObject({ "pull-requests": "write", "security-events": "write" });
    const all = steps(workflow);
    const runs = all.map((s) => s.run ?? "").join("\n");
    expect(runs.match(/temporal-cloud-guardrails synth/g)).toHaveLength(2);
    expect(runs).toContain("npx temporal-cloud-guardrails check");
    expect(runs).toMatch(/npx temporal-cloud-guardrails review \.\.\/base\/cdktf\.out cdktf\.out --out review\.md/);
    expect(runs).toContain("gh pr comment");
    const upload = all.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.sarif_file).toBe("head/cdktf.out/compliance");
    // No Temporal Cloud secret on pull requests: synth and review are offline.
    expect(JSON.stringify(workflow)).not.toContain("TEMPORAL_CLOUD_API_KEY");
  });

  test("the deploy example applies from main and weekly, with the API key from the secret store", () => {
    const workflow = load("examples/ci/deploy.yml");
    expect(workflow.on).toMatchObject({ push: { branches: ["main"] } });
    const schedule = (workflow.on.schedule as Array<{ cron: string }>)[0].cron.split(" ");
    expect(schedule).toHaveLength(5);
    expect(schedule[4]).toMatch(/^[0-6]$/); // one day of the week: weekly
    const deploy = steps(workflow).find((s) => /\bcdktf deploy\b/.test(s.run ?? ""));
    // The rotated deploy key (pipeline.deployIdentity) read from the secrets manager, masked; the CI secret
    // only as the bootstrap before the first deploy created it.
    expect(deploy?.env?.TEMPORAL_CLOUD_API_KEY).toBe("${{ env.DEPLOY_API_KEY || secrets.TEMPORAL_CLOUD_API_KEY }}");
    const all = steps(workflow);
    const read = all.find((s) => (s.run ?? "").includes("get-secret-value"));
    expect(read?.run).toContain("::add-mask::");
    expect(read?.env?.DEPLOY_KEY_SECRET).toBe("temporal/pipeline/deploy/api-key");
    expect(all.indexOf(read as (typeof all)[number])).toBeLessThan(all.indexOf(deploy as (typeof all)[number]));
    expect(deploy?.run).not.toContain("TEMPORAL_CLOUD_API_KEY");
  });
});
