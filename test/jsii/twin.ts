// The TypeScript twin of python/payments.py: the same stack, written with the TypeScript API.
import { App, Aspects, TerraformStack } from "cdktf";
import {
  CompliancePolicy, Environment, NamespacePermission, SearchAttributeType, SecureNamespace, ServiceAccountPerWorker, TemporalcloudProvider,
} from "../../lib";
import { PrivateLinkEndpoint } from "../../lib/entries/aws";
import { EstateConfig, TemporalCloudEstate } from "../../lib/entries/estate";

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

/** The TypeScript twin of python/estate.py's estate: the example config file, synthesized into `outdir`. */
export function synthEstateTwin(outdir: string, example: string): string[] {
  const app = new App({ outdir });
  const estate = new TemporalCloudEstate(app, { config: EstateConfig.fromFile(example) });
  app.synth();
  return estate.stacks.map((s) => s.node.id);
}
