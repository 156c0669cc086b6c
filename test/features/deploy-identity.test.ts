// The pipeline's own identity (pipeline.deployIdentity): an account-admin service account whose key rotates
// like a worker's into the secret the deploy job reads; TC-IAM-001 is suppressed for it alone, with the
// config's justification; the expiry watch lists its key.
import * as fs from "node:fs";
import * as path from "node:path";
import { synthesizeEstate } from "../../lib/estate/synth";
import { parseConfig, safeParseConfig } from "../../lib/config/parse";
import { TerraformReplay, type StackJson } from "../../lib/analysis/terraform-replay";
import { credentialExpiries } from "../../lib/analysis/expiry";
import { TerraformModel, type StackJson as ModelJson } from "../../lib/analysis/model";
import { evaluate } from "../../lib/policy/engine";
import { EXAMPLES_DIR, minimalConfig, resourcesOf, synthConfig, tempDir } from "../helpers";

const PIPELINE_ROLE = "arn:aws:iam::123456789012:role/temporal-deploy";
const deployIdentity = { justification: "Only account admins can create the workers' service accounts and API keys", reader: { awsRoleArn: PIPELINE_ROLE } };
const config = (deploy: Record<string, unknown> = deployIdentity, extra: Record<string, unknown> = {}) =>
  minimalConfig({ name: "orders", defaults: { secretsManager: { aws: { region: "us-east-1" } } }, pipeline: { deployIdentity: deploy }, ...extra });

describe("pipeline.deployIdentity", () => {
  test("an account-admin service account with a rotating key in <prefix>pipeline/deploy/api-key, readable by the pipeline's role only", () => {
    const json = synthConfig(config());
    const accounts = resourcesOf(json, "temporalcloud_service_account");
    const deploy = accounts.find((a) => a.name === "orders-deploy");
    expect(deploy).toMatchObject({ account_access: "admin" });
    const deployId = Object.entries(json.resource?.temporalcloud_service_account ?? {}).find(([, a]) => a.name === "orders-deploy")?.[0];
    const keys = resourcesOf(json, "temporalcloud_apikey").filter((k) => k.owner_id === `\${temporalcloud_service_account.${deployId}.id}`);
    expect(keys.map((k) => k.display_name).sort()).toEqual(["orders-deploy-blue", "orders-deploy-green"]);
    const secret = resourcesOf(json, "aws_secretsmanager_secret").find((s) => s.name === "temporal/pipeline/deploy/api-key");
    expect(secret).toBeDefined();
    const policies = resourcesOf(json, "aws_secretsmanager_secret_policy").map((p) => String(p.policy));
    expect(policies.some((p) => p.includes(PIPELINE_ROLE))).toBe(true);
  });

  test("TC-IAM-001 is suppressed for the deploy account only, with the justification; any other admin identity still fails", () => {
    const dir = tempDir("tcg-deploy-identity-");
    try {
      const result = synthesizeEstate({ config: parseConfig(config(), { baseDir: EXAMPLES_DIR }), outdir: path.join(dir, "out") });
      expect(result.blocked).toBe(false);
      const iam = result.compliance.suppressed.filter((f) => f.ruleId === "TC-IAM-001");
      expect(iam.map((f) => [f.suppressedBy?.reason, f.suppressedBy?.origin])).toEqual([[deployIdentity.justification, "config: pipeline.deployIdentity.justification"]]);
      expect(result.compliance.findings.filter((f) => f.ruleId === "TC-IAM-001")).toEqual([]);
      // The rule still runs on the written JSON: a second admin account (added by hand) is an error.
      const json = JSON.parse(fs.readFileSync(result.stackFile, "utf8")) as ModelJson & { resource: Record<string, Record<string, Record<string, unknown>>> };
      json.resource.temporalcloud_service_account["by-hand"] = { name: "by-hand", account_access: "admin" };
      const again = evaluate(TerraformModel.fromJson(result.stackName, json));
      expect(again.findings.filter((f) => f.ruleId === "TC-IAM-001").map((f) => f.address)).toEqual(["temporalcloud_service_account.by-hand"]);
      expect(again.suppressed.filter((f) => f.ruleId === "TC-IAM-001")).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the expiry watch lists the deploy key with the others, and the replay rotates it like a worker's", () => {
    const json = synthConfig(config()) as unknown as StackJson;
    const replay = new TerraformReplay(json);
    const start = Date.parse("2026-03-02T09:17:00Z") / 1000;
    for (let day = 0; day <= 200; day += 7) replay.apply(start + day * 86400);
    const deployKeys = replay.objects.filter((o) => o.type === "temporalcloud_apikey" && String(o.attributes.display_name).startsWith("orders-deploy-"));
    expect(deployKeys.length).toBeGreaterThanOrEqual(5); // 200 days / 45-day generations, plus the first two
    const listed = credentialExpiries(replay.toStateJson(), { now: new Date((start + 200 * 86400) * 1000) });
    const deploy = listed.filter((c) => c.kind === "api-key" && c.label.startsWith("orders-deploy-"));
    expect(deploy).toHaveLength(2);
    expect(deploy.filter((c) => c.inUse)).toHaveLength(1);
  });

  test("bad input names the config path, value and fix, all at once", () => {
    const short = safeParseConfig(minimalConfig({ pipeline: { deployIdentity: { justification: "short", reader: {} } } }), { baseDir: EXAMPLES_DIR });
    expect(short.ok ? [] : short.issues.map((i) => i.path)).toContain("pipeline.deployIdentity.justification");
    const incomplete = safeParseConfig(minimalConfig({ pipeline: { deployIdentity: { ...deployIdentity, reader: {}, apiKey: { rotationDays: 400 } } } }), { baseDir: EXAMPLES_DIR });
    const issues = incomplete.ok ? [] : incomplete.issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(["pipeline.deployIdentity.secretsManager", "pipeline.deployIdentity.apiKey.rotationDays"]));
    expect(issues.find((i) => i.path === "pipeline.deployIdentity.apiKey.rotationDays")?.message).toMatch(/400 .*90/);
    const noReader = safeParseConfig(config({ ...deployIdentity, reader: {} }), { baseDir: EXAMPLES_DIR });
    expect(noReader.ok ? [] : noReader.issues.map((i) => i.path)).toEqual(["pipeline.deployIdentity.reader.awsRoleArn"]);
  });
});
