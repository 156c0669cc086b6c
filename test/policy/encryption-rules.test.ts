// TC-ENC-001 (payload key usable in every replica region) and TC-ENC-002 (no key destruction while the data
// it encrypted is kept), on stacks built from the PayloadEncryptionKey construct and raw bindings.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { KmsCryptoKeyVersion } from "@cdktf/provider-google/lib/kms-crypto-key-version";
import { KmsCryptoKey } from "@cdktf/provider-google/lib/kms-crypto-key";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { NamespaceExportSink } from "../../lib/providers/temporalcloud/namespace-export-sink";
import type { TerraformStack } from "cdktf";
import { PayloadEncryptionKey, type AwsPayloadKeyReplica, type PayloadEncryptionKeyProps } from "../../lib/constructs/payload-encryption-key";
import { TC_ENC_001 } from "../../lib/policy/rules/tc-enc-001";
import { TC_ENC_002 } from "../../lib/policy/rules/tc-enc-002";
import { check, findingsOf, namespace, newStack } from "./fixtures";

const ROLE = "arn:aws:iam::111122223333:role/worker";
const SA = "worker@p-1.iam.gserviceaccount.com";

function awsKey(stack: TerraformStack, name: string, replicas: AwsPayloadKeyReplica[] = [], extra: Partial<PayloadEncryptionKeyProps> = {}) {
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return new PayloadEncryptionKey(stack, `key-${name}`, {
    namespaceName: name, aws: { region: "us-east-1", replicas }, awsRoleArns: [ROLE], tags: { "temporal-namespace": name }, ...extra,
  });
}

function gcpKey(stack: TerraformStack, name: string, location: string, extra: Partial<PayloadEncryptionKeyProps> = {}) {
  new GoogleProvider(stack, "google", {});
  return new PayloadEncryptionKey(stack, `key-${name}`, {
    namespaceName: name, gcp: { project: "p-1", location }, gcpServiceAccountEmails: [SA], tags: { "temporal-namespace": name }, ...extra,
  });
}

const enc001 = (stack: TerraformStack) => findingsOf(check(stack, [TC_ENC_001]), TC_ENC_001).map((f) => [f.address.replace(/_[0-9A-F]{8}$/, ""), f.attribute, f.message]);
const enc002 = (stack: TerraformStack) => findingsOf(check(stack, [TC_ENC_002]), TC_ENC_002).map((f) => [f.address.replace(/_[0-9A-F]{8}$/, ""), f.attribute, f.message]);

describe("TC-ENC-001: an HA namespace's payload key is usable in every replica region", () => {
  test("a single-Region AWS key of a multi-region namespace fails", () => {
    const stack = newStack();
    namespace(stack, "billing-prod", { regions: ["aws-us-east-1", "aws-us-west-2"] });
    awsKey(stack, "billing-prod");
    expect(enc001(stack)).toEqual([["aws_kms_key.key-billing-prod_key", "multi_region", expect.stringContaining("single-Region key, usable only in its own region; the namespace also runs in us-east-1 and us-west-2")]]);
  });

  test("a multi-Region key with a replica in the other region passes; without the replica it fails", () => {
    const ok = newStack();
    namespace(ok, "billing-prod", { regions: ["aws-us-east-1", "aws-us-west-2"] });
    const key = awsKey(ok, "billing-prod", [{ region: "us-west-2" }]);
    expect(key.awsReplicaKeys).toHaveLength(1);
    expect(enc001(ok)).toEqual([]);

    const missing = newStack();
    namespace(missing, "billing-prod", { regions: ["aws-us-east-1", "aws-us-west-2"] });
    awsKey(missing, "billing-prod").awsKey!.addOverride("multi_region", true);
    expect(enc001(missing)).toEqual([["aws_kms_key.key-billing-prod_key", undefined, expect.stringContaining("has no replica key (aws_kms_replica_key) in us-west-2")]]);
  });

  test("single-region namespaces and keys of other namespaces are not judged", () => {
    const stack = newStack();
    namespace(stack, "orders-prod");
    namespace(stack, "billing-prod", { regions: ["aws-us-east-1", "aws-us-west-2"] });
    awsKey(stack, "orders-prod");
    expect(enc001(stack)).toEqual([]);
  });

  test("a replica on the other cloud fails: an AWS key is not usable when AWS is not", () => {
    const stack = newStack();
    namespace(stack, "billing-prod", { regions: ["aws-us-east-1", "gcp-us-central1"] });
    awsKey(stack, "billing-prod");
    expect(enc001(stack)).toEqual([["aws_kms_key.key-billing-prod_key", undefined, expect.stringContaining("fails over to gcp-us-central1 on another cloud")]]);
  });

  test("GCP: a regional key ring fails, a multi-region location covering both regions passes", () => {
    const regional = newStack();
    namespace(regional, "billing-prod", { regions: ["gcp-us-central1", "gcp-us-east4"] });
    gcpKey(regional, "billing-prod", "us-central1");
    expect(enc001(regional)).toEqual([["google_kms_crypto_key.key-billing-prod_key", "key_ring", expect.stringContaining("key ring location us-central1, which does not serve us-east4")]]);

    const multi = newStack();
    namespace(multi, "billing-prod", { regions: ["gcp-us-central1", "gcp-us-east4"] });
    gcpKey(multi, "billing-prod", "us");
    expect(enc001(multi)).toEqual([]);
  });
});

describe("TC-ENC-002: a key is not destroyed while the data it encrypted is kept", () => {
  test("a protected namespace's key without prevent_destroy fails; with it, passes", () => {
    const stack = newStack();
    namespace(stack, "orders-prod");
    awsKey(stack, "orders-prod", [], { preventDestroy: false });
    expect(enc002(stack)).toEqual([["aws_kms_key.key-orders-prod_key", "lifecycle.prevent_destroy", expect.stringContaining("a plan can destroy this key of namespace orders-prod (no prevent_destroy) while the namespace and its history are protected")]]);

    const ok = newStack();
    namespace(ok, "orders-prod");
    awsKey(ok, "orders-prod");
    expect(enc002(ok)).toEqual([]);
  });

  test("replica keys count as keys too", () => {
    const stack = newStack();
    namespace(stack, "billing-prod", { regions: ["aws-us-east-1", "aws-us-west-2"] });
    const key = awsKey(stack, "billing-prod", [{ region: "us-west-2" }]);
    key.awsReplicaKeys[0].addOverride("lifecycle.prevent_destroy", false);
    expect(enc002(stack).map(([address]) => address)).toEqual(["aws_kms_replica_key.key-billing-prod_replica-us-west-2"]);
  });

  test("a key version scheduled for destruction fails while history is kept", () => {
    const stack = newStack();
    namespace(stack, "orders-prod", { regions: ["gcp-us-central1"] });
    const key = gcpKey(stack, "orders-prod", "us-central1");
    new KmsCryptoKeyVersion(stack, "old-version", { cryptoKey: key.gcpKey!.id, state: "DESTROY_SCHEDULED" });
    expect(enc002(stack)).toEqual([["google_kms_crypto_key_version.old-version", "state", expect.stringContaining("sets a version of namespace orders-prod's key to DESTROY_SCHEDULED")]]);
  });

  test("an untagged key that encrypts the namespace's S3 exports counts too", () => {
    const exportStack = (preventDestroy: boolean) => {
      const stack = newStack();
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const ns = namespace(stack, "orders-prod");
      const key = new KmsKey(stack, "export-key", { lifecycle: preventDestroy ? { preventDestroy: true } : undefined });
      new NamespaceExportSink(stack, "sink", { namespace: ns.id, sinkName: "history", s3: { bucketName: "orders-history", region: "us-east-1", roleName: "temporal-export", awsAccountId: "111122223333", kmsArn: key.arn } });
      return stack;
    };
    expect(enc002(exportStack(false))).toEqual([["aws_kms_key.export-key", "lifecycle.prevent_destroy", expect.stringContaining("a plan can destroy this key of namespace orders-prod")]]);
    expect(enc002(exportStack(true))).toEqual([]);
  });

  test("a version of the GCS export bucket's key scheduled for destruction fails", () => {
    const stack = newStack();
    new GoogleProvider(stack, "google", {});
    const ns = namespace(stack, "orders-prod", { regions: ["gcp-us-central1"] });
    const key = new KmsCryptoKey(stack, "export-key", { name: "exports", keyRing: "projects/p-1/locations/us/keyRings/r", lifecycle: { preventDestroy: true } });
    const bucket = new StorageBucket(stack, "bucket", { name: "orders-history", location: "US", encryption: { defaultKmsKeyName: key.id } });
    new NamespaceExportSink(stack, "sink", { namespace: ns.id, sinkName: "history", gcs: { bucketName: bucket.name, region: "us-central1", gcpProjectId: "p-1", serviceAccountId: "temporal-export" } });
    new KmsCryptoKeyVersion(stack, "old-version", { cryptoKey: key.id, state: "DESTROYED" });
    expect(enc002(stack)).toEqual([["google_kms_crypto_key_version.old-version", "state", expect.stringContaining("sets a version of namespace orders-prod's key to DESTROYED")]]);
  });

  test("an unprotected development namespace whose records are not kept beyond retention is not judged", () => {
    const stack = newStack();
    namespace(stack, "orders-dev", { lifecycle: {} });
    awsKey(stack, "orders-dev", [], { preventDestroy: false });
    expect(enc002(stack)).toEqual([]);
  });
});
