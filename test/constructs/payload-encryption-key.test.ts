import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { KmsCryptoKey } from "@cdktf/provider-google/lib/kms-crypto-key";
import { KmsCryptoKeyIamMember } from "@cdktf/provider-google/lib/kms-crypto-key-iam-member";
import { PayloadEncryptionKey, KMS_CODEC_ACTIONS } from "../../lib/constructs/payload-encryption-key";
import { resourcesOf, type SynthJson, problemsOf } from "../helpers";
import { assertValidConstructs } from "../../lib/constructs/errors";
import { Cloud } from "../../lib/domain/regions";

const WORKER = "arn:aws:iam::111122223333:role/orders-worker";
const CODEC = "arn:aws:iam::111122223333:role/orders-codec";

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  new AwsProvider(s, "aws", { region: "us-east-1" });
  new GoogleProvider(s, "google", { project: "p" });
  return s;
}

/** The statements of the key policy; jsonencode(...) of a literal object is parsed back from its HCL form. */
function keyPolicyStatements(json: SynthJson): Array<{ Sid: string; Principal: { AWS: string[] }; Action: string[] }> {
  const [key] = resourcesOf(json, "aws_kms_key");
  const hcl = String(key.policy).replace(/^\$\{jsonencode\(/, "").replace(/\)\}$/, "");
  // Interpolated parts are strings already quoted; turn `"k" = v` into JSON.
  const asJson = hcl.replace(/" = /g, '": ').replace(/\$\{[^}]*\}/g, "X");
  return JSON.parse(asJson).Statement;
}

describe("PayloadEncryptionKey", () => {
  test("AWS: rotating key, alias, 30-day window, prevent_destroy, data use only for workers and codec server", () => {
    const s = stack();
    const key = new PayloadEncryptionKey(s, "key", { namespaceName: "orders-prod", aws: {}, awsRoleArns: [WORKER, CODEC] });
    new TerraformOutput(s, "key-id", { value: key.keyId });
    const out = Testing.synth(s);
    expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(out).toHaveResourceWithProperties(KmsAlias, { name: "alias/temporal/orders-prod/payloads" });
    const statements = keyPolicyStatements(JSON.parse(out));
    const use = statements.find((st) => st.Sid === "PayloadCodecUse")!;
    expect(use.Principal.AWS).toEqual([WORKER, CODEC]);
    expect(use.Action).toEqual([...KMS_CODEC_ACTIONS]);
    // The administration statement never allows data use.
    const admin = statements.find((st) => st.Sid === "KeyAdministration")!;
    expect(admin.Action.some((a) => /Encrypt|Decrypt|GenerateDataKey/.test(a))).toBe(false);
    expect(statements).toHaveLength(2);
    // The Cloud enum; plain JavaScript compares the same string.
    expect(key.cloud).toBe(Cloud.AWS);
    expect(key.cloud).toBe("aws");
    expect((JSON.parse(out) as SynthJson).output?.["key-id"].value).toMatch(/^\$\{aws_kms_key\.[\w-]+\.arn\}$/);
    expect(key.aliasName).toBe("alias/temporal/orders-prod/payloads");
  });

  test("AWS: explicit admins and a shorter window without prevent_destroy when asked", () => {
    const s = stack();
    new PayloadEncryptionKey(s, "key", {
      namespaceName: "orders-dev",
      aws: { deletionWindowDays: 7, adminPrincipalArns: ["arn:aws:iam::111122223333:role/kms-admin"] },
      awsRoleArns: [WORKER],
      preventDestroy: false,
    });
    const json = JSON.parse(Testing.synth(s)) as SynthJson;
    const [key] = resourcesOf(json, "aws_kms_key");
    expect(key.deletion_window_in_days).toBe(7);
    expect(key.lifecycle).toBeUndefined();
    expect(json.data?.aws_caller_identity).toBeUndefined();
    expect(keyPolicyStatements(json)[0].Principal.AWS).toEqual(["arn:aws:iam::111122223333:role/kms-admin"]);
  });

  test("GCP: key ring, key with rotation period, encrypter/decrypter for each grantee only", () => {
    const s = stack();
    const key = new PayloadEncryptionKey(s, "key", {
      namespaceName: "ledger-prod",
      gcp: { project: "ledger", location: "us-central1", rotationDays: 30 },
      gcpServiceAccountEmails: ["worker@ledger.iam.gserviceaccount.com", "codec@ledger.iam.gserviceaccount.com"],
    });
    expect(key.cloud).toBe(Cloud.GCP);
    const out = Testing.synth(s);
    expect(out).toHaveResourceWithProperties(KmsCryptoKey, { rotation_period: "2592000s", purpose: "ENCRYPT_DECRYPT", lifecycle: { prevent_destroy: true } });
    const members = resourcesOf(JSON.parse(out), "google_kms_crypto_key_iam_member");
    expect(members.map((m) => m.member)).toEqual(["serviceAccount:worker@ledger.iam.gserviceaccount.com", "serviceAccount:codec@ledger.iam.gserviceaccount.com"]);
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(["roles/cloudkms.cryptoKeyEncrypterDecrypter"]));
    expect(out).toHaveResourceWithProperties(KmsCryptoKeyIamMember, { crypto_key_id: expect.stringContaining("google_kms_crypto_key") });
    const [ring] = resourcesOf(JSON.parse(out), "google_kms_key_ring");
    expect(ring).toMatchObject({ name: "temporal-ledger-prod", location: "us-central1", project: "ledger" });
    expect(key.gcpGrants).toHaveLength(2);
  });

  test("GCP default rotation is 90 days", () => {
    const s = stack();
    new PayloadEncryptionKey(s, "key", { namespaceName: "n1", gcp: { project: "p", location: "global" }, gcpServiceAccountEmails: ["w@p.iam.gserviceaccount.com"] });
    expect(Testing.synth(s)).toHaveResourceWithProperties(KmsCryptoKey, { rotation_period: "7776000s" });
  });

  test("replicas make a multi-Region key with a replica key and alias per region, each in its region", () => {
    const s = stack();
    const key = new PayloadEncryptionKey(s, "key", { namespaceName: "n1", aws: { region: "us-east-1", replicas: [{ region: "us-west-2" }, { region: "eu-west-1" }] }, awsRoleArns: [WORKER] });
    const json = JSON.parse(Testing.synth(s)) as SynthJson;
    const [primary] = resourcesOf(json, "aws_kms_key");
    expect(primary).toMatchObject({ multi_region: true, region: "us-east-1", lifecycle: { prevent_destroy: true } });
    const replicas = resourcesOf(json, "aws_kms_replica_key");
    const arn = expect.stringMatching(/^\$\{aws_kms_key\.key_\w+\.arn\}$/);
    expect(replicas.map((r) => [r.region, r.primary_key_arn, r.policy === primary.policy, r.deletion_window_in_days])).toEqual(expect.arrayContaining([
      ["us-west-2", arn, true, 30],
      ["eu-west-1", arn, true, 30],
    ]));
    expect(replicas).toHaveLength(2);
    expect(resourcesOf(json, "aws_kms_alias").map((a) => [a.region, a.name])).toEqual(expect.arrayContaining([
      ["us-east-1", "alias/temporal/n1/payloads"], ["us-west-2", "alias/temporal/n1/payloads"], ["eu-west-1", "alias/temporal/n1/payloads"],
    ]));
    expect(key.awsReplicaAliases).toHaveLength(2);
  });

  test("a key without replicas stays single-Region", () => {
    const s = stack();
    new PayloadEncryptionKey(s, "key", { namespaceName: "n1", aws: {}, awsRoleArns: [WORKER] });
    const json = JSON.parse(Testing.synth(s)) as SynthJson;
    expect(resourcesOf(json, "aws_kms_key")[0].multi_region).toBeUndefined();
    expect(resourcesOf(json, "aws_kms_replica_key")).toEqual([]);
  });

  test("rejects a replica in the key's own region or twice in one region", () => {
    expect(problemsOf(() => new PayloadEncryptionKey(stack(), "k", { namespaceName: "n", aws: { region: "us-east-1", replicas: [{ region: "us-east-1" }] }, awsRoleArns: [WORKER] })))
      .toMatch(/aws\.replicas\[0\]\.region: "us-east-1" is the key's own region/);
    expect(problemsOf(() => new PayloadEncryptionKey(stack(), "k", { namespaceName: "n", aws: { replicas: [{ region: "us-west-2" }, { region: "us-west-2" }] }, awsRoleArns: [WORKER] })))
      .toMatch(/aws\.replicas\[1\]\.region: "us-west-2" is listed twice/);
  });

  test("rejects a key granted to nobody, both clouds at once, and bad values, all together", () => {
    expect(problemsOf(() => new PayloadEncryptionKey(stack(), "k", { namespaceName: "n", aws: {}, awsRoleArns: [] }))).toMatch(/awsRoleArns: is empty: the key would grant encrypt\/decrypt to nobody/);
    expect(problemsOf(() => new PayloadEncryptionKey(stack(), "k", { namespaceName: "n", gcp: { project: "p", location: "global" } }))).toMatch(/gcpServiceAccountEmails: is empty/);
    expect(problemsOf(() => new PayloadEncryptionKey(stack(), "k", { namespaceName: "n", aws: {}, gcp: { project: "p", location: "l" }, awsRoleArns: [WORKER] }))).toMatch(/exactly one of aws or gcp/);
    let message = "";
    try {
      assertValidConstructs(new PayloadEncryptionKey(stack(), "k", { namespaceName: "n", aws: { deletionWindowDays: 45 }, awsRoleArns: ["not-an-arn"] }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/aws.deletionWindowDays: 45 is outside/);
    expect(message).toMatch(/awsRoleArns\[0\]: "not-an-arn" is not an IAM role ARN/);
  });
});
