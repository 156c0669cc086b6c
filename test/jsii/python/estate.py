# The config-driven estate from Python: the default example estate from its YAML file, and a config given as
# a dict whose problems are all reported with their config paths. Prints one JSON line.
import json
import os
import sys

from cdktf import App
from temporal_cloud_guardrails import EstateConfig, TemporalCloudEstate

out, example = sys.argv[1], os.environ["TCG_EXAMPLE"]
os.makedirs(out, exist_ok=True)
app = App(outdir=out)
estate = TemporalCloudEstate(app, config=EstateConfig.from_file(example))
app.synth()

bad = {"namespaces": [{"name": "Orders Prod", "environment": "prod", "regions": ["aws-us-east-1"], "retentionDays": 0}]}
problems = [{"path": p.path, "message": p.message} for p in EstateConfig.problems_in(bad)]
try:
    EstateConfig.from_object(bad)
    raised = None
except Exception as e:
    raised = str(e)
print(json.dumps({"stacks": [s.node.id for s in estate.stacks], "problems": problems, "raised": raised}))
