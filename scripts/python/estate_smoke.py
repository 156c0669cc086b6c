# A Python user of the jsii build (scripts/python-estate.ts runs it): an estate from a config file and from a
# dict, all config problems at once, a feature written in Python. Exits 1 on the first failed expectation.
#   python estate_smoke.py <examples dir> <work dir with <name>.json documents and <name>.ts-synth.json>
import json
import os
import sys
import tempfile

import jsii
from cdktf import App, TerraformOutput
from temporal_cloud_guardrails import (
    Environment, EstateConfig, EstatePolicyOptions, EstateStackRole, IFeature, TemporalCloudEstate, TemporalCloudStack,
)
from temporal_cloud_guardrails.temporalcloud.connectivity_rule import ConnectivityRule

EXAMPLES, WORK = sys.argv[1], sys.argv[2]
EXAMPLE_NAMES = sys.argv[3].split(",")
failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def synth(config):
    outdir = tempfile.mkdtemp(prefix="tcg-py-estate-")
    app = App(outdir=outdir, skip_validation=True)
    estate = TemporalCloudEstate(app, config=config, policy=EstatePolicyOptions(fail_on_error=False))
    app.synth()
    stacks = {}
    for stack in estate.stacks:
        with open(os.path.join(outdir, "stacks", stack.node.id, "cdk.tf.json")) as f:
            stacks[stack.node.id] = json.load(f)
    return stacks, estate


for name in EXAMPLE_NAMES:
    with open(os.path.join(WORK, name + ".json")) as f:
        document = json.load(f)
    with open(os.path.join(WORK, name + ".ts-synth.json")) as f:
        typescript = json.load(f)
    from_file, estate = synth(EstateConfig.from_file(os.path.join(EXAMPLES, name + ".yaml")))
    from_dict, _ = synth(EstateConfig.from_object(document, base_dir=EXAMPLES))
    expect(len(from_file) > 0 and from_file == from_dict, f"{name}: the file and the dict synthesize the same {len(from_file)} stack(s)")
    expect(from_file == typescript, f"{name}: Python synthesizes what TypeScript does")
    expect(all(isinstance(s.role, EstateStackRole) for s in estate.stacks), f"{name}: stack roles are EstateStackRole ({', '.join(str(s.role) for s in estate.stacks)})")

bad = {"namespaces": [
    {"name": "Orders_Prod", "environment": "prod", "regions": ["aws-us-east-1"], "auth": {"apiKey": True}, "retentionDays": 0},
    {"name": "billing-dev", "environment": "development", "regions": ["aws-us-east-1"], "auth": {"apiKey": True},
     "workers": [{"name": "w", "permission": "owner"}], "colour": "blue"},
]}
problems = EstateConfig.problems_in(bad)
paths = [p.path for p in problems]
expected = ["namespaces[0].name", "namespaces[0].environment", "namespaces[0].retentionDays", "namespaces[1].workers[0].permission", "namespaces[1]"]
expect(all(p in paths for p in expected), f"problems_in names every path: {paths}")
try:
    EstateConfig.from_object(bad, source="estate dict")
    expect(False, "from_object refuses a bad dict")
except Exception as err:  # jsii raises the JavaScript error as RuntimeError with its message
    message = str(err)
    expect(f"estate dict: {len(problems)} configuration problems:" in message, "from_object's error counts every problem and names the source")
    expect(all(f"  {p.path}: {p.message}" in message for p in problems), "from_object's error lists each problem as path: message")


@jsii.implements(IFeature)
class OrgRule:
    def before_namespaces(self, ctx):
        rule = ConnectivityRule(ctx.scope, "org-rule", provider=ctx.temporal_provider, connectivity_type="public")
        for n in ctx.namespace_names:
            if ctx.config.environment_of(n) == Environment.DEVELOPMENT:
                ctx.inputs_for(n).add_connectivity_rule_id(rule.id)
                ctx.add_summary_fact(n, "Org rule", "attached")

    def after_namespaces(self, ctx):
        for n in ctx.namespace_names:
            TerraformOutput(ctx.stack, "org-" + n, value=ctx.namespace(n).namespace_id)


config = EstateConfig.from_object({"namespaces": [
    {"name": "orders-dev", "environment": "development", "regions": ["aws-us-east-1"], "auth": {"apiKey": True}},
    {"name": "orders-prod", "environment": "production", "regions": ["aws-us-east-1"], "auth": {"apiKey": True}},
]})
app = App(outdir=tempfile.mkdtemp(prefix="tcg-py-feature-"), skip_validation=True)
stack = TemporalCloudStack(app, "estate", config=config, features=[OrgRule()], policy=EstatePolicyOptions(fail_on_error=False))
app.synth()
with open(os.path.join(app.outdir, "stacks", "estate", "cdk.tf.json")) as f:
    synthesized = json.load(f)
rules = {k.split("_")[0]: v.get("connectivity_rule_ids") for k, v in synthesized["resource"]["temporalcloud_namespace"].items()}
expect(rules == {"ns-orders-dev": ["${temporalcloud_connectivity_rule.org-rule.id}"], "ns-orders-prod": None}, f"the Python feature attached its rule to the development namespace only: {rules}")
expect(sorted(k for k in synthesized.get("output", {}) if k.startswith("org-")) == ["org-orders-dev", "org-orders-prod"], "the Python feature read the built namespaces")
expect([(f.column, f.value) for f in stack.context.summary_facts("orders-dev") if f.column == "Org rule"] == [("Org rule", "attached")], "summary facts round-trip")
expect(sorted(stack.namespaces.keys()) == ["orders-dev", "orders-prod"], "EstateStack.namespaces is a dict of SecureNamespace")

print(f"python estate smoke: {len(failures)} failed")
sys.exit(1 if failures else 0)
