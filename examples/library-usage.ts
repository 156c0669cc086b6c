// The README's library example; type-checked with the suite and run with the policy by test/readme.test.ts.
import { App, Aspects, TerraformStack } from "cdktf";
import { CompliancePolicy, Environment, SearchAttributeType, SecureNamespace, TemporalcloudProvider } from "temporal-cloud-guardrails";
import { PrivateLinkEndpoint } from "temporal-cloud-guardrails/aws";

const app = new App();
const stack = new TerraformStack(app, "payments");
// The API key comes from TEMPORAL_CLOUD_API_KEY; allowedAccountId stops a pipeline touching another account.
new TemporalcloudProvider(stack, "temporalcloud", { allowedAccountId: "a1b2c" });
// The compliance rule pack: an error finding fails app.synth() (here: none).
Aspects.of(app).add(new CompliancePolicy());

// Production accepts private connectivity only: here a PrivateLink endpoint another team runs.
const endpoint = PrivateLinkEndpoint.fromEndpointAttributes(stack, "endpoint", {
  region: "aws-us-east-1",
  address: "vpce-0a1b2c3d4e5f60718-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
  connectivityRuleId: "cr-payments-privatelink",
});

const payments = new SecureNamespace(stack, "payments", {
  name: "payments-prod",
  environment: Environment.PRODUCTION,          // delete protection, prevent_destroy, 14-day retention
  regions: ["aws-us-east-1"],
  apiKeyAuth: true,
  connectivityRuleIds: [endpoint.connectivityRuleId as string],
  codecServer: { endpoint: "https://codec.payments.example.com" },
});
payments.addSearchAttribute("CustomerId", SearchAttributeType.KEYWORD);
payments.resource.addOverride("timeouts.create", "10m"); // escape hatch to the raw resource
app.synth();
