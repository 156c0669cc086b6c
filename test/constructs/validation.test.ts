// Validation the cdktf way: checks registered with node.addValidation are reported together at synth, each
// under its construct path; providers a construct needs are found by type and never duplicated; provider props
// are typed.
import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { RotatingCa } from "../../lib/constructs/rotating-ca";
import { ClientCertificate } from "../../lib/constructs/client-certificate";
import { GroupNamespaceAccess, AccountRole } from "../../lib/constructs/group-namespace-access";
import { assertValidConstructs, constructProblems, ConstructValidationError } from "../../lib/constructs/errors";
import { constructStack, type SynthJson } from "../helpers";

const KEY = {
  serviceAccountId: "sa-1",
  displayName: "orders-worker",
  secret: { secretName: "temporal/orders/worker", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/w" } },
};

describe("construct validation", () => {
  test("a bad construct does not stop construction; one synth reports every construct's problems with their paths", () => {
    const { stack } = constructStack();
    new SecureNamespace(stack, "first", { name: "Bad_Name", regions: ["aws-us-east-1"], apiKeyAuth: true });
    new SecureNamespace(stack, "second", { name: "ok-name", regions: ["aws-us-east-9"], retentionDays: 0, apiKeyAuth: true });
    new GroupNamespaceAccess(stack, "admins", { name: "admins", accountRole: AccountRole.ADMIN });
    const problems = constructProblems(stack);
    expect(problems.map((p) => p.constructPath)).toEqual(["test/first", "test/second", "test/second", "test/admins"]);
    // cdktf's own validation phase (App.synth without skipValidation) sees the same checks.
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/first\] name: "Bad_Name"[\s\S]*\[test\/second\] retentionDays: 0[\s\S]*\[test\/second\] regions\[0\][\s\S]*\[test\/admins\] accountRole: admin/);
    let error: unknown;
    try {
      assertValidConstructs(stack);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructValidationError);
    expect((error as Error).message.split("\n")[0]).toBe("invalid construct props (4 problems):");
  });

  test("a user's own time and tls providers, under any id, are reused and never duplicated", () => {
    const { stack, synth } = constructStack();
    new TimeProvider(stack, "time-provider", {});
    new TlsProvider(stack, "my-tls", {});
    new RotatingApiKey(stack, "a", KEY);
    new RotatingApiKey(stack, "b", { ...KEY, serviceAccountId: "sa-2" });
    const ca = new RotatingCa(stack, "ca", { name: "orders" });
    new ClientCertificate(stack, "cert", { ca, commonName: "worker.orders" });
    const json = synth();
    expect(json.provider?.time).toEqual([{}]);
    expect(json.provider?.tls).toEqual([{}]);
  });

  test("without one, a single time provider is created per stack; an aliased one is not taken as the default", () => {
    const app = Testing.app();
    const stacks = ["one", "two"].map((name) => {
      const stack = new TerraformStack(app, name);
      new TemporalcloudProvider(stack, "temporalcloud", {});
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      new TimeProvider(stack, "aliased", { alias: "other" });
      new RotatingApiKey(stack, "a", KEY);
      new RotatingApiKey(stack, "b", { ...KEY, serviceAccountId: "sa-2" });
      return stack;
    });
    for (const stack of stacks) {
      const json = JSON.parse(Testing.synth(stack)) as SynthJson;
      expect(json.provider?.time).toEqual([{ alias: "other" }, {}]);
    }
  });

  test("provider props take the provider they mean", () => {
    const stack = new TerraformStack(new App(), "typed");
    const aws = new AwsProvider(stack, "aws", { region: "us-east-1" });
    const temporal = new TemporalcloudProvider(stack, "temporalcloud", {});
    new SecureNamespace(stack, "ok", { name: "orders", regions: ["aws-us-east-1"], apiKeyAuth: true, provider: temporal });
    // @ts-expect-error an AwsProvider is not a temporalcloud provider
    new SecureNamespace(stack, "wrong", { name: "orders-2", regions: ["aws-us-east-1"], apiKeyAuth: true, provider: aws });
    // @ts-expect-error nor is it a time provider
    new RotatingApiKey(stack, "key", { ...KEY, timeProvider: aws });
    expect(constructProblems(stack)).toEqual([]);
  });
});
