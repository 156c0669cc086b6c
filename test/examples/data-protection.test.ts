import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { EXAMPLES_DIR, resourcesOf, synthConfig, type SynthJson } from "../helpers";

function synthExample(file: string): SynthJson {
  return synthConfig(YAML.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8")));
}

describe("data-protection examples", () => {
  const aws = synthExample("data-protection-aws.yaml");
  const gcp = synthExample("data-protection-gcp.yaml");

  test("AWS: payload key granted to the workers and codec server, S3 export, Kinesis audit log, metrics", () => {
    const keyPolicies = resourcesOf(aws, "aws_kms_key").map((k) => String(k.policy ?? ""));
    const payloadPolicy = keyPolicies.find((p) => p.includes("PayloadCodecUse"))!;
    for (const role of ["claims-intake-worker", "claims-payout-worker", "claims-codec-server"]) expect(payloadPolicy).toContain(`role/${role}`);
    expect(resourcesOf(aws, "temporalcloud_namespace_export_sink")).toHaveLength(1);
    expect(resourcesOf(aws, "aws_s3_bucket_public_access_block")).toHaveLength(1);
    expect(resourcesOf(aws, "temporalcloud_account_audit_log_sink")[0].kinesis).toBeDefined();
    expect(resourcesOf(aws, "temporalcloud_service_account").map((s) => s.account_access)).toEqual(["metricsread"]);
    expect(aws.output?.["ns-claims-prod-payload-key"].value).toMatchObject({ cloud: "aws", alias: "alias/temporal/claims-prod/payloads" });
  });

  test("GCP: payload key granted to the worker and codec server, GCS export, Pub/Sub audit log", () => {
    const members = resourcesOf(gcp, "google_kms_crypto_key_iam_member").map((m) => m.member);
    expect(members).toEqual([
      "serviceAccount:posting-worker@example-ledger-prod.iam.gserviceaccount.com",
      "serviceAccount:codec-server@example-ledger-prod.iam.gserviceaccount.com",
    ]);
    expect(resourcesOf(gcp, "temporalcloud_namespace_export_sink")[0].gcs).toMatchObject({ region: "us-central1" });
    expect(resourcesOf(gcp, "temporalcloud_account_audit_log_sink")[0].pubsub).toMatchObject({ gcp_project_id: "example-security-logs" });
    expect(resourcesOf(gcp, "temporalcloud_metrics_endpoint")).toHaveLength(0);
  });

  test("AWS example snapshot", () => {
    expect(aws).toMatchSnapshot();
  });

  test("GCP example snapshot", () => {
    expect(gcp).toMatchSnapshot();
  });
});
