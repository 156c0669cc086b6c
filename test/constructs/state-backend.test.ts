import { Testing, TerraformStack } from "cdktf";
import { estateConfigOf } from "../../lib/config/estate-config";
import { addStateBackend, LOCAL_STATE_WARNING, type StateBackendProps } from "../../lib/constructs/state-backend";
import { collectWarnings } from "../../lib/cli/warnings";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { minimalConfig, resolve, synthConfig } from "../helpers";

function backendBlock(props?: StateBackendProps): { block: unknown; warnings: string[] } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "estate");
  addStateBackend(stack, "estate", props);
  const json = JSON.parse(Testing.synth(stack)) as { terraform?: { backend?: unknown } };
  return { block: json.terraform?.backend, warnings: collectWarnings(stack) };
}

describe("addStateBackend", () => {
  test("s3 with S3-native locking: encrypted with KMS, use_lockfile, key named after the stack", () => {
    const { block, warnings } = backendBlock({ s3: { bucket: "acme-tf-state", region: "us-east-1", kmsKeyId: "alias/tf-state" } });
    expect(block).toEqual({ s3: { bucket: "acme-tf-state", key: "estate/terraform.tfstate", region: "us-east-1", encrypt: true, kms_key_id: "alias/tf-state", use_lockfile: true } });
    expect(warnings).toEqual([]);
  });

  test("s3 with DynamoDB locking and an assumed role", () => {
    const { block } = backendBlock({
      s3: {
        bucket: "acme-tf-state", key: "temporal/prod.tfstate", region: "eu-west-1", kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc",
        dynamodbTable: "tf-locks", roleArn: "arn:aws:iam::111122223333:role/tf-state",
      },
    });
    expect(block).toEqual({
      s3: {
        bucket: "acme-tf-state", key: "temporal/prod.tfstate", region: "eu-west-1", encrypt: true, kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/abc",
        dynamodb_table: "tf-locks", assume_role: { role_arn: "arn:aws:iam::111122223333:role/tf-state" },
      },
    });
  });

  test("gcs with CMEK", () => {
    const key = "projects/acme/locations/europe-west1/keyRings/tf/cryptoKeys/state";
    expect(backendBlock({ gcs: { bucket: "acme-tf-state", kmsEncryptionKey: key } }).block).toEqual({ gcs: { bucket: "acme-tf-state", prefix: "estate", kms_encryption_key: key } });
  });

  test("HCP Terraform: a named workspace in a project, or tagged workspaces", () => {
    // HCP Terraform is configured in terraform.cloud, not terraform.backend.
    expect(backendBlock({ cloud: { organization: "acme", workspace: "temporal-prod", project: "platform" } }).block).toBeUndefined();
    const app = Testing.app();
    const stack = new TerraformStack(app, "estate");
    addStateBackend(stack, "estate", { cloud: { organization: "acme", workspace: "temporal-prod", project: "platform" } });
    const json = JSON.parse(Testing.synth(stack)) as { terraform: { cloud: unknown } };
    expect(json.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "temporal-prod", project: "platform" } });
    const tagged = Testing.app();
    const stack2 = new TerraformStack(tagged, "estate");
    addStateBackend(stack2, "estate", { cloud: { organization: "acme", workspaceTags: ["temporal"], hostname: "tfe.acme.internal" } });
    expect((JSON.parse(Testing.synth(stack2)) as { terraform: { cloud: unknown } }).terraform.cloud).toEqual({ organization: "acme", hostname: "tfe.acme.internal", workspaces: { tags: ["temporal"] } });
  });

  test.each<[string, StateBackendProps, RegExp]>([
    ["none", {}, /state backend: none of s3, gcs, cloud or local is given; give exactly one/],
    ["two", { local: {}, gcs: { bucket: "b", kmsEncryptionKey: "k" } }, /state backend: gcs and local are given; give exactly one/],
  ])("%s of the backends is an error annotation, and no backend is added", (_what, props, pattern) => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "estate");
    expect(addStateBackend(stack, "estate", props)).toBeUndefined();
    const errors = stack.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => String(m.data));
    expect(errors.join("\n")).toMatch(pattern);
  });

  test("local: explicit path and a warning; omitted: cdktf's default and the same warning", () => {
    const local = backendBlock({ local: {} });
    expect(local.block).toEqual({ local: { path: "terraform.estate.tfstate" } });
    expect(local.warnings).toEqual([`estate: ${LOCAL_STATE_WARNING}`]);
    expect(backendBlock(undefined).warnings).toEqual([`estate: ${LOCAL_STATE_WARNING}`]);
  });
});

describe("backend from config", () => {
  const s3 = { type: "s3", bucket: "acme-tf-state", region: "us-east-1", kmsKeyId: "alias/tf-state", locking: { dynamodbTable: "tf-locks" } };

  test("the configured backend lands in terraform.backend of the estate stack", () => {
    const json = synthConfig(minimalConfig({ account: { id: "a1b2c" }, backend: s3 }));
    expect((json.terraform as { backend: unknown }).backend).toEqual({
      s3: { bucket: "acme-tf-state", key: "test/terraform.tfstate", region: "us-east-1", encrypt: true, kms_key_id: "alias/tf-state", dynamodb_table: "tf-locks" },
    });
  });

  test("the provider pins allowed_account_id from account.id", () => {
    const json = synthConfig(minimalConfig({ account: { id: "a1b2c" } }));
    expect(json.provider?.temporalcloud).toEqual([{ allowed_account_id: "a1b2c" }]);
    const unpinned = synthConfig(minimalConfig());
    expect(unpinned.provider?.temporalcloud).toEqual([{}]);
  });

  test("gcs and cloud from config", () => {
    const gcs = synthConfig(minimalConfig({ account: { id: "a1b2c" }, backend: { type: "gcs", bucket: "acme-state", prefix: "temporal", kmsEncryptionKey: "projects/p/locations/l/keyRings/r/cryptoKeys/k" } }));
    expect((gcs.terraform as { backend: unknown }).backend).toEqual({ gcs: { bucket: "acme-state", prefix: "temporal", kms_encryption_key: "projects/p/locations/l/keyRings/r/cryptoKeys/k" } });
    const cloud = synthConfig(minimalConfig({ account: { id: "a1b2c" }, backend: { type: "cloud", organization: "acme", workspace: "temporal" } }));
    expect((cloud.terraform as { cloud: unknown }).cloud).toEqual({ organization: "acme", workspaces: { name: "temporal" } });
  });

  function problems(raw: unknown): string[] {
    try {
      resolve(raw);
      return [];
    } catch (err) {
      return (err as { issues: Array<{ path: string; message: string }> }).issues.map((i) => `${i.path}: ${i.message}`);
    }
  }

  const prodNs = { name: "payments-prod", environment: "production" };

  test("a local backend with production namespaces is a config error naming them", () => {
    expect(problems(minimalConfig({ backend: { type: "local" } }, prodNs))).toEqual([
      'backend.type: "local" keeps the state, which holds API-key tokens and private keys, unencrypted on one disk, but production namespace(s) "payments-prod" are in this estate; use type s3, gcs or cloud',
    ]);
    expect(problems(minimalConfig({ backend: { type: "local" } }))).toEqual([]);
  });

  test("a pipeline backend without account.id is a config error", () => {
    expect(problems(minimalConfig({ backend: s3 }))).toEqual([expect.stringMatching(/^account\.id: is not set, but a s3 backend means this estate is applied from a pipeline/)]);
  });

  test("encryption keys are required and checked; cloud needs exactly one workspace selector", () => {
    expect(problems(minimalConfig({ account: { id: "a1b2c" }, backend: { ...s3, kmsKeyId: undefined } }))).toEqual(["backend.kmsKeyId: is required (expected string)"]);
    expect(problems(minimalConfig({ account: { id: "a1b2c" }, backend: { type: "gcs", bucket: "b-state", kmsEncryptionKey: "my-key" } }))[0]).toMatch(/^backend\.kmsEncryptionKey: "my-key" is not a Cloud KMS key name/);
    expect(problems(minimalConfig({ account: { id: "a1b2c" }, backend: { type: "cloud", organization: "acme" } }))[0]).toMatch(/^backend\.workspace: give exactly one of workspace/);
    expect(problems(minimalConfig({ backend: { type: "ftp" } }))[0]).toMatch(/^backend(\.type)?: .*"s3", "gcs", "cloud" or "local"/);
  });

  test("no backend with production namespaces: loud warning naming them", () => {
    const app = Testing.app();
    const stack = new TemporalCloudStack(app, "estate", { config: estateConfigOf(resolve(minimalConfig({}, { ...prodNs, preventDestroy: true }))) });
    expect(collectWarnings(stack)).toContain("estate: production namespace(s) payments-prod have no state backend configured; set backend (s3, gcs or cloud) before applying from a pipeline");
  });
});
