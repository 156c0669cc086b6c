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
    // Worker service accounts are namespace-scoped (no account_access); the only account-level one reads metrics.
    expect(resourcesOf(aws, "temporalcloud_service_account").filter((s) => s.account_access !== undefined).map((s) => s.account_access)).toEqual(["metricsread"]);
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

  test("a development namespace's key and bucket are not prevent_destroy; nothing is built without the sections", () => {
    const dev = synthConfig({
      namespaces: [{
        name: "orders-dev",
        environment: "development",
        regions: ["aws-us-west-2"],
        auth: { apiKey: true },
        secretsManager: { aws: { region: "us-west-2" } },
        workers: [{ name: "w", identity: { awsRoleArn: "arn:aws:iam::111122223333:role/w" } }],
        encryption: { aws: { region: "us-west-2" } },
        export: { s3: { bucketName: "orders-dev-history", awsAccountId: "111122223333", roleName: "r", createRole: false } },
      }],
    });
    const [payloadKey] = resourcesOf(dev, "aws_kms_key").filter((k) => String(k.description).includes("payload"));
    expect(payloadKey.lifecycle).toBeUndefined();
    expect(resourcesOf(dev, "aws_s3_bucket")[0].lifecycle).toBeUndefined();
    expect(resourcesOf(dev, "temporalcloud_namespace_export_sink")[0].s3).toMatchObject({ region: "us-west-2", role_name: "r" });
    const bare = synthConfig({ namespaces: [{ name: "plain-dev", environment: "development", regions: ["aws-us-west-2"], auth: { apiKey: true } }] });
    for (const type of ["aws_kms_key", "temporalcloud_namespace_export_sink", "temporalcloud_account_audit_log_sink", "temporalcloud_metrics_endpoint"]) {
      expect(resourcesOf(bare, type)).toHaveLength(0);
    }
  });

});
