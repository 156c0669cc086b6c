// The TypeScript twin of python/payments.py: the same stack, written with the TypeScript API.
import * as fs from "node:fs";
import * as path from "node:path";
import { App, Aspects, TerraformStack } from "cdktf";
import { parse as parseYaml } from "yaml";
import {
  CompliancePolicy, Environment, NamespacePermission, SearchAttributeType, SecureNamespace, ServiceAccountPerWorker, TemporalcloudProvider,
} from "../../lib";
import { PrivateLinkEndpoint } from "../../lib/entries/aws";
import { EstateConfig, TemporalCloudEstate } from "../../lib/entries/estate";
import { REPO_ROOT } from "../helpers";

export function synthTwin(outdir: string): void {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "payments");
  new TemporalcloudProvider(stack, "temporalcloud", { allowedAccountId: "a1b2c" });
  Aspects.of(app).add(new CompliancePolicy());
  const endpoint = PrivateLinkEndpoint.fromEndpointAttributes(stack, "endpoint", {
    region: "aws-us-east-1",
    address: "vpce-0a1b2c3d4e5f60718-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
    connectivityRuleId: "cr-payments-privatelink",
  });
  const payments = new SecureNamespace(stack, "payments", {
    name: "payments-prod",
    environment: Environment.PRODUCTION,
    regions: ["aws-us-east-1"],
    apiKeyAuth: true,
    connectivityRuleIds: [endpoint.connectivityRuleId as string],
    codecServer: { endpoint: "https://codec.payments.example.com" },
  });
  payments.addSearchAttribute("CustomerId", SearchAttributeType.KEYWORD);
  payments.resource.addOverride("timeouts.create", "10m");
  new ServiceAccountPerWorker(stack, "workers", {
    workers: [{ worker: "settlement", serviceAccountName: "payments-prod-settlement", namespaceId: payments.namespaceId, permission: NamespacePermission.WRITE }],
  });
  app.synth();
}

/**
 * What python/estate_smoke.py compares with: for each example, its document as plain JSON (`<name>.json`, the
 * dict) and what TypeScript synthesizes from its file, by stack (`<name>.ts-synth.json`).
 */
export function writeEstateTwins(work: string, examples: readonly string[]): void {
  fs.mkdirSync(work, { recursive: true });
  for (const name of examples) {
    const file = path.join(REPO_ROOT, "examples", `${name}.yaml`);
    fs.writeFileSync(path.join(work, `${name}.json`), JSON.stringify(parseYaml(fs.readFileSync(file, "utf8"))));
    const app = new App({ outdir: fs.mkdtempSync(path.join(work, "ts-")), skipValidation: true });
    const estate = new TemporalCloudEstate(app, { config: EstateConfig.fromFile(file), policy: { failOnError: false } });
    app.synth();
    const stacks = Object.fromEntries(estate.stacks.map((s) => [s.node.id, JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", s.node.id, "cdk.tf.json"), "utf8")) as unknown]));
    fs.writeFileSync(path.join(work, `${name}.ts-synth.json`), JSON.stringify(stacks));
  }
}
