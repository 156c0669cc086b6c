// The pipeline feature on the example config: backend block, account pin, and the environment marker the
// plan review reads.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { collectWarnings } from "../../lib/cli/warnings";
import { EXAMPLES_DIR, tempDir } from "../helpers";


test("examples/pipeline-estate.yaml: S3 backend, pinned account, environment markers, no local-state warning", () => {
  const result = synthesizeEstate({ config: loadConfig(path.join(EXAMPLES_DIR, "pipeline-estate.yaml")), outdir: path.join(tempDir(), "cdktf.out") });
  const json = JSON.parse(fs.readFileSync(result.stackFile, "utf8"));
  expect(json.terraform.backend).toEqual({
    s3: { bucket: "acme-terraform-state", key: "pipeline-estate/terraform.tfstate", region: "us-east-1", encrypt: true, kms_key_id: "alias/terraform-state", use_lockfile: true },
  });
  expect(json.provider.temporalcloud).toEqual([{ allowed_account_id: "a1b2c" }]);
  const markers = Object.values(json.resource.temporalcloud_namespace as Record<string, { name: string; "//": { temporal_cloud_guardrails: { environment: string } } }>).map(
    (ns) => [ns.name, ns["//"].temporal_cloud_guardrails.environment],
  );
  expect(markers.sort()).toEqual([["orders-prod", "production"], ["orders-staging", "staging"]]);
  // A remote, encrypted backend: no warning about state.
  expect(collectWarnings(result.stack).filter((w) => /Terraform state|state backend/i.test(w))).toEqual([]);
});
