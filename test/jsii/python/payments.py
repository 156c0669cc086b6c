# The README's library example in Python, through the package jsii-pacmak generates from lib/entries/jsii.ts,
# plus a service account per worker. test/jsii/python.test.ts builds the same stack in TypeScript
# (twin.ts) and requires the two cdk.tf.json files to be identical.
import sys

from cdktf import App, Aspects, TerraformStack
from temporal_cloud_guardrails import (
    CompliancePolicy,
    Environment,
    NamespacePermission,
    PrivateLinkEndpoint,
    SearchAttributeType,
    SecureNamespace,
    ServiceAccountPerWorker,
    WorkerServiceAccountSpec,
)
from temporal_cloud_guardrails.temporalcloud.provider import TemporalcloudProvider

app = App(outdir=sys.argv[1])
stack = TerraformStack(app, "payments")
TemporalcloudProvider(stack, "temporalcloud", allowed_account_id="a1b2c")
Aspects.of(app).add(CompliancePolicy())

endpoint = PrivateLinkEndpoint.from_endpoint_attributes(
    stack,
    "endpoint",
    region="aws-us-east-1",
    address="vpce-0a1b2c3d4e5f60718-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
    connectivity_rule_id="cr-payments-privatelink",
)

payments = SecureNamespace(
    stack,
    "payments",
    name="payments-prod",
    environment=Environment.PRODUCTION,
    regions=["aws-us-east-1"],
    api_key_auth=True,
    connectivity_rule_ids=[endpoint.connectivity_rule_id],
    codec_server={"endpoint": "https://codec.payments.example.com"},
)
payments.add_search_attribute("CustomerId", SearchAttributeType.KEYWORD)
payments.resource.add_override("timeouts.create", "10m")

ServiceAccountPerWorker(
    stack,
    "workers",
    workers=[
        WorkerServiceAccountSpec(
            worker="settlement",
            service_account_name="payments-prod-settlement",
            namespace_id=payments.namespace_id,
            permission=NamespacePermission.WRITE,
        )
    ],
)
app.synth()
print("synthesized")
