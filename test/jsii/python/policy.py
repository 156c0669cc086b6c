# The compliance policy from Python: the built-in rules plus a rule written in Python (a jsii IRule), run by
# the TypeScript rule engine. Prints one JSON line: the report's findings, and the error synth raised.
import json
import os
import sys

import jsii
from cdktf import App, Aspects, TerraformStack
from temporal_cloud_guardrails import (
    CompliancePolicy,
    Environment,
    IRule,
    RuleFinding,
    SecureNamespace,
    Severity,
)
from temporal_cloud_guardrails.temporalcloud.provider import TemporalcloudProvider


@jsii.implements(IRule)
class NamePrefixRule:
    """ACME's own rule: every namespace name starts with the company prefix."""

    @property
    def id(self) -> str:
        return "ACME-NAME-001"

    @property
    def title(self) -> str:
        return "Namespace names carry the acme- prefix"

    @property
    def severity(self) -> Severity:
        return Severity.ERROR

    @property
    def control(self) -> str:
        return "ACME naming standard 4.2"

    @property
    def fix(self) -> str:
        return "rename the namespace to acme-<team>-<env>"

    def check(self, stacks):
        return [
            RuleFinding(resource=block, attribute="name", message=f'"{block.attributes["name"]}" lacks the acme- prefix')
            for block in stacks.resources("temporalcloud_namespace")
            if not str(block.attributes["name"]).startswith("acme-")
        ]


def build(outdir: str, fail_on_error: bool):
    os.makedirs(outdir, exist_ok=True)
    app = App(outdir=outdir)
    stack = TerraformStack(app, "payments")
    TemporalcloudProvider(stack, "temporalcloud", allowed_account_id="a1b2c")
    policy = CompliancePolicy(rules=[*CompliancePolicy.built_in_rules(), NamePrefixRule()], fail_on_error=fail_on_error)
    Aspects.of(stack).add(policy)
    # Production with API keys but no private connectivity: the built-in TC-NET-001 flags it.
    SecureNamespace(stack, "payments", name="payments-prod", environment=Environment.PRODUCTION, regions=["aws-us-east-1"], api_key_auth=True)
    return app, policy


app, policy = build(sys.argv[1] + "/report", False)
app.synth()
report = policy.report_for("payments")
findings = [{"ruleId": f.rule_id, "severity": f.severity.name, "address": f.address, "attribute": f.attribute, "message": f.message} for f in report.findings]

app, _ = build(sys.argv[1] + "/fail", True)
try:
    app.synth()
    error = None
except Exception as e:  # cdktf raises a JavaScript error through jsii
    error = str(e)
print(json.dumps({"findings": findings, "error": error}))
