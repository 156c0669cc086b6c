// The README's library example; type-checked with the suite (tsconfig maps the package name to lib/).
import { App, TerraformStack } from "cdktf";
import { SecureNamespace, TemporalcloudProvider } from "temporal-cloud-guardrails";

const app = new App();
const stack = new TerraformStack(app, "payments");
// The API key comes from TEMPORAL_CLOUD_API_KEY; allowedAccountId stops a pipeline touching another account.
new TemporalcloudProvider(stack, "temporalcloud", { allowedAccountId: "a1b2c" });

const payments = new SecureNamespace(stack, "payments", {
  name: "payments-prod",
  environment: "production",          // delete protection, prevent_destroy, 14-day retention
  regions: ["aws-us-east-1"],
  apiKeyAuth: true,
  certificateFilters: [{ commonName: "payments-prod" }],
  codecServer: { endpoint: "https://codec.payments.example.com" },
  searchAttributes: { CustomerId: "keyword" },
});
payments.resource.addOverride("timeouts.create", "10m"); // escape hatch to the raw resource
app.synth();
