import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { SecretManagerSecret } from "@cdktf/provider-google/lib/secret-manager-secret";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member";
import { problemsOf } from "../helpers";
import { WorkerSecret } from "../../lib/constructs/worker-secret";

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  new AwsProvider(s, "aws", { region: "us-east-1" });
  new GoogleProvider(s, "google", { project: "p" });
  return s;
}

describe("WorkerSecret", () => {
  test("AWS: secret, version and a policy that lets only the worker role read", () => {
    const s = stack();
    new WorkerSecret(s, "secret", {
      secretName: "temporal/orders/worker/api-key",
      target: { aws: { region: "us-east-1" } },
      reader: { awsRoleArn: "arn:aws:iam::123456789012:role/orders-worker" },
      value: "${temporalcloud_apikey.k.token}",
    });
    const json = JSON.parse(Testing.synth(s));
    const secret = Object.values(json.resource.aws_secretsmanager_secret)[0] as Record<string, unknown>;
    expect(secret).toMatchObject({ name: "temporal/orders/worker/api-key", recovery_window_in_days: 30 });
    const version = Object.values(json.resource.aws_secretsmanager_secret_version)[0] as Record<string, unknown>;
    expect(version.secret_string).toBe("${temporalcloud_apikey.k.token}");
    const policy = Object.values(json.resource.aws_secretsmanager_secret_policy)[0] as Record<string, string>;
    expect(policy.block_public_policy).toBe(true);
    expect(policy.policy).toContain("arn:aws:iam::123456789012:role/orders-worker");
    expect(policy.policy).toContain("aws:PrincipalArn");
  });

  test("AWS: the target's region is written on every resource, whatever region the provider has", () => {
    const s = stack(); // provider in us-east-1
    new WorkerSecret(s, "secret", {
      secretName: "temporal/orders/worker/api-key",
      target: { aws: { region: "eu-west-1" } },
      reader: { awsRoleArn: "arn:aws:iam::123456789012:role/orders-worker" },
      value: "${temporalcloud_apikey.k.token}",
    });
    const json = JSON.parse(Testing.synth(s));
    for (const type of ["aws_secretsmanager_secret", "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_policy"]) {
      expect(Object.values(json.resource[type] as Record<string, { region?: string }>).map((r) => r.region)).toEqual(["eu-west-1"]);
    }
  });

  test("AWS: the value's sources replace the version in the plan itself (bare references), new version first", () => {
    const s = stack();
    const source = new WorkerSecret(s, "source", { secretName: "a", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/r" }, value: "x" });
    new WorkerSecret(s, "secret", {
      secretName: "b",
      target: { aws: { region: "us-east-1" } },
      reader: { awsRoleArn: "arn:aws:iam::123456789012:role/r" },
      value: source.secretRef,
      valueSources: [source.awsSecret!],
    });
    const json = JSON.parse(Testing.synth(s));
    const versions = Object.entries(json.resource.aws_secretsmanager_secret_version as Record<string, { lifecycle: Record<string, unknown> }>);
    const secretName = Object.keys(json.resource.aws_secretsmanager_secret).find((n) => n.startsWith("source"));
    expect(Object.fromEntries(versions.map(([n, v]) => [n.split("_")[0], v.lifecycle]))).toEqual({
      source: { create_before_destroy: true },
      secret: { create_before_destroy: true, replace_triggered_by: [`aws_secretsmanager_secret.${secretName}`] },
    });
  });

  test("GCP: secret, version and secretAccessor for the worker's service account only", () => {
    const s = stack();
    new WorkerSecret(s, "secret", {
      secretName: "temporal/orders/worker/api-key",
      target: { gcp: { project: "orders-prod" } },
      reader: { gcpServiceAccountEmail: "worker@orders-prod.iam.gserviceaccount.com" },
      value: "token",
    });
    const out = Testing.synth(s);
    expect(out).toHaveResourceWithProperties(SecretManagerSecret, { secret_id: "temporal-orders-worker-api-key", replication: { auto: {} } });
    expect(out).toHaveResourceWithProperties(SecretManagerSecretIamMember, {
      role: "roles/secretmanager.secretAccessor",
      member: "serviceAccount:worker@orders-prod.iam.gserviceaccount.com",
    });
  });

  test("refuses a secret nobody specific can read", () => {
    expect(problemsOf(() => new WorkerSecret(stack(), "s", { secretName: "x", target: { aws: { region: "us-east-1" } }, reader: {}, value: "v" })))
      .toMatch(/reader.awsRoleArn: is required/);
    expect(problemsOf(() => new WorkerSecret(stack(), "s", { secretName: "x", target: { gcp: { project: "p" } }, reader: {}, value: "v" })))
      .toMatch(/reader.gcpServiceAccountEmail: is required/);
  });
});
