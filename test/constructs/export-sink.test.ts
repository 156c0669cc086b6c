import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { NamespaceExportSink } from "../../lib/providers/temporalcloud/namespace-export-sink";
import { GcsExportSink, S3ExportSink, type S3ExportDestination, type GcsExportDestination } from "../../lib/constructs/export-sink";
import { resourcesOf, type SynthJson, problemsOf } from "../helpers";

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  new TemporalcloudProvider(s, "temporalcloud", {});
  new AwsProvider(s, "aws", { region: "us-east-1" });
  new GoogleProvider(s, "google", { project: "p" });
  return s;
}

const PRINCIPAL = { principalArns: ["arn:aws:iam::999999999999:role/temporal-export"], externalId: "ext-123" };
const S3: S3ExportDestination = { bucketName: "orders-history", awsAccountId: "111122223333", roleName: "temporal-export", temporalPrincipal: PRINCIPAL };
const GCS: GcsExportDestination = {
  bucketName: "ledger-history",
  project: "ledger",
  serviceAccountId: "temporal-export",
  temporalServiceAccounts: ["temporal-a@temporal-prod.iam.gserviceaccount.com"],
};

function synth(s: TerraformStack): { out: string; json: SynthJson } {
  const out = Testing.synth(s);
  return { out, json: JSON.parse(out) as SynthJson };
}

describe("S3ExportSink", () => {
  test("creates a versioned, KMS-encrypted, non-public bucket and a role only Temporal's principal can assume", () => {
    const s = stack();
    new S3ExportSink(s, "export", { namespaceId: "orders.a1b2c", namespaceRegion: "aws-us-east-1", sinkName: "orders-export", s3: S3 });
    const { out, json } = synth(s);
    expect(out).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: expect.stringContaining("aws_kms_key") }, bucket_key_enabled: true }],
    });
    const [bucket] = resourcesOf(json, "aws_s3_bucket");
    expect(bucket).toMatchObject({ bucket: "orders-history", force_destroy: false, lifecycle: { prevent_destroy: true } });
    const [role] = resourcesOf(json, "aws_iam_role");
    expect(role.name).toBe("temporal-export");
    expect(role.assume_role_policy).toContain("arn:aws:iam::999999999999:role/temporal-export");
    expect(role.assume_role_policy).toContain('"sts:ExternalId" = "ext-123"');
    const [policy] = resourcesOf(json, "aws_iam_role_policy");
    expect(policy.policy).toContain("s3:PutObject");
    expect(policy.policy).not.toContain("s3:DeleteObject");
    const [sink] = resourcesOf(json, "temporalcloud_namespace_export_sink");
    expect(sink).toMatchObject({ namespace: "orders.a1b2c", sink_name: "orders-export", enabled: true });
    expect(sink.s3).toMatchObject({ region: "us-east-1", aws_account_id: "111122223333" });
  });

  test("uses an existing bucket and role by name without creating either", () => {
    const s = stack();
    new S3ExportSink(s, "export", {
      namespaceId: "orders.a1b2c",
      namespaceRegion: "aws-eu-west-1",
      sinkName: "orders-export",
      s3: { ...S3, createBucket: false, createRole: false, temporalPrincipal: undefined, kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/abc" },
    });
    const { out, json } = synth(s);
    expect(resourcesOf(json, "aws_s3_bucket")).toHaveLength(0);
    expect(resourcesOf(json, "aws_iam_role")).toHaveLength(0);
    expect(out).toHaveResourceWithProperties(NamespaceExportSink, {
      s3: { bucket_name: "orders-history", role_name: "temporal-export", region: "eu-west-1", aws_account_id: "111122223333", kms_arn: "arn:aws:kms:eu-west-1:111122223333:key/abc" },
    });
  });

  test("rejects a role without Temporal's principal, a bucket outside the namespace region, and S3 for a GCP namespace", () => {
    // The summary shows the bucket as a URI, whatever the destination.
    expect(new S3ExportSink(stack(), "ok", { namespaceId: "n", namespaceRegion: "aws-us-east-1", sinkName: "x", s3: S3 }).bucketUri).toBe("s3://orders-history");
    expect(problemsOf(() => new S3ExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "aws-us-east-1", sinkName: "x", s3: { ...S3, temporalPrincipal: undefined } })))
      .toMatch(/s3.temporalPrincipal: is required to create the role Temporal assumes; Temporal does not document its principal/);
    expect(problemsOf(() => new S3ExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "aws-us-east-1", sinkName: "x", s3: { ...S3, region: "us-west-2" } })))
      .toMatch(/s3.region: "us-west-2" differs from the namespace's region us-east-1/);
    expect(problemsOf(() => new S3ExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "gcp-us-central1", sinkName: "x", s3: S3 })))
      .toMatch(/namespace region gcp-us-central1 is on gcp/);
  });

  test("rejects a role ARN given as roleName, naming the role name to write instead", () => {
    const arn = "arn:aws:iam::111122223333:role/temporal-export-writer";
    expect(problemsOf(() => new S3ExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "aws-us-east-1", sinkName: "x", s3: { ...S3, roleName: arn } })))
      .toMatch(/s3\.roleName: "arn:aws:iam::111122223333:role\/temporal-export-writer" is a role ARN, but role_name takes the role's name; write "temporal-export-writer"/);
    // An existing role (createRole: false) is named the same way.
    expect(problemsOf(() => new S3ExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "aws-us-east-1", sinkName: "x", s3: { ...S3, roleName: arn, createRole: false } })))
      .toMatch(/s3\.roleName: .* is a role ARN/);
  });
});

describe("GcsExportSink", () => {
  test("creates a single-region bucket and a service account only Temporal's accounts can impersonate", () => {
    const s = stack();
    new GcsExportSink(s, "export", { namespaceId: "ledger.a1b2c", namespaceRegion: "gcp-us-central1", sinkName: "ledger-export", gcs: GCS });
    const { out, json } = synth(s);
    expect(out).toHaveResourceWithProperties(StorageBucket, {
      name: "ledger-history",
      location: "US-CENTRAL1",
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      versioning: { enabled: true },
      lifecycle: { prevent_destroy: true },
    });
    expect(out).toHaveResourceWithProperties(ServiceAccountIamMember, {
      role: "roles/iam.serviceAccountTokenCreator",
      member: "serviceAccount:temporal-a@temporal-prod.iam.gserviceaccount.com",
    });
    const bucketRoles = resourcesOf(json, "google_storage_bucket_iam_member").map((m) => m.role);
    expect(bucketRoles.sort()).toEqual(["roles/storage.legacyBucketReader", "roles/storage.objectCreator"]);
    const [sink] = resourcesOf(json, "temporalcloud_namespace_export_sink");
    expect(sink.gcs).toMatchObject({ region: "us-central1", service_account_id: "temporal-export", gcp_project_id: "ledger" });
  });

  test("existing bucket and service account: only the bucket grants are added", () => {
    const s = stack();
    new GcsExportSink(s, "export", { namespaceId: "l", namespaceRegion: "gcp-us-central1", sinkName: "l", gcs: { ...GCS, createBucket: false, createServiceAccount: false, temporalServiceAccounts: undefined } });
    const { json } = synth(s);
    expect(resourcesOf(json, "google_storage_bucket")).toHaveLength(0);
    expect(resourcesOf(json, "google_service_account")).toHaveLength(0);
    expect(resourcesOf(json, "google_storage_bucket_iam_member").map((m) => m.member)).toEqual([
      "serviceAccount:temporal-export@ledger.iam.gserviceaccount.com",
      "serviceAccount:temporal-export@ledger.iam.gserviceaccount.com",
    ]);
  });

  test("rejects a service account without Temporal's accounts, a bucket in another region, and GCS for an AWS namespace", () => {
    expect(problemsOf(() => new GcsExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "aws-us-east-1", sinkName: "x", gcs: GCS })))
      .toMatch(/namespace region aws-us-east-1 is on aws/);
    expect(new GcsExportSink(stack(), "ok", { namespaceId: "n", namespaceRegion: "gcp-us-central1", sinkName: "x", gcs: GCS }).bucketUri).toBe("gs://ledger-history");
    expect(problemsOf(() => new GcsExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "gcp-us-central1", sinkName: "x", gcs: { ...GCS, temporalServiceAccounts: [] } })))
      .toMatch(/gcs.temporalServiceAccounts: is required/);
    expect(problemsOf(() => new GcsExportSink(stack(), "e", { namespaceId: "n", namespaceRegion: "gcp-us-central1", sinkName: "x", gcs: { ...GCS, region: "europe-west3" } })))
      .toMatch(/gcs.region: "europe-west3" differs from the namespace's region us-central1/);
  });
});
