// The moto harness pieces of `npm run test:e2e:cloud`: the override file (always), and a real moto server
// (when `npm run providers -- --cloud` installed it; otherwise skipped, and the test name says so).
import { installedMoto, MOTO_VERSION } from "../../scripts/moto";
import { awsJson, awsOverride, currentSecretString, MotoProcess, MOTO_SERVICES } from "../e2e/moto";

const python = installedMoto();
const maybe = python ? test : test.skip;

describe("awsOverride", () => {
  test("gives every aws provider configuration (by alias) moto's endpoints and placeholder credentials, nothing else", () => {
    const stack = { provider: { aws: [{ region: "us-east-1" }, { alias: "replica", region: "us-west-2" }], temporalcloud: [{}] } };
    const override = awsOverride(stack, "http://127.0.0.1:5555") as { provider: Record<string, Array<Record<string, unknown>>> };
    expect(Object.keys(override.provider)).toEqual(["aws"]);
    expect(override.provider.aws.map((c) => c.alias)).toEqual([undefined, "replica"]);
    for (const c of override.provider.aws) {
      expect(c.region).toBeUndefined(); // the stack's region stays
      expect(c.endpoints).toEqual([Object.fromEntries(MOTO_SERVICES.map((s) => [s, "http://127.0.0.1:5555"]))]);
      expect(c).toMatchObject({ skip_credentials_validation: true, skip_metadata_api_check: true, s3_use_path_style: true });
    }
  });

  test("is not written for a stack without an aws provider", () => {
    expect(awsOverride({ provider: { temporalcloud: [{}] } }, "http://127.0.0.1:1")).toBeUndefined();
  });
});

describe(`moto ${MOTO_VERSION} server`, () => {
  let moto: MotoProcess | undefined;
  afterAll(async () => {
    await moto?.stop();
  });

  maybe(python ? "starts on a free loopback port and serves Secrets Manager to a plain JSON call" : "skipped: moto is not installed (npm run providers -- --cloud)", async () => {
    moto = await MotoProcess.start(String(python));
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const value = JSON.stringify({ current: "k-1" });
    await awsJson(moto.endpoint, "secretsmanager", "secretsmanager.CreateSecret", { Name: "temporal/x/api-key", SecretString: value });
    expect(await currentSecretString(moto.endpoint, "temporal/x/api-key")).toBe(value);
    // A new version becomes AWSCURRENT, as a rotation's does.
    await awsJson(moto.endpoint, "secretsmanager", "secretsmanager.PutSecretValue", { SecretId: "temporal/x/api-key", SecretString: "v2" });
    expect(await currentSecretString(moto.endpoint, "temporal/x/api-key")).toBe("v2");
    // Regions are separate, as in AWS.
    await expect(currentSecretString(moto.endpoint, "temporal/x/api-key", "eu-west-1")).rejects.toThrow(/ResourceNotFoundException/);
    // The request log has the calls and none of the values.
    expect(moto.log()).toMatch(/POST \/ HTTP/);
    expect(moto.log()).not.toContain("k-1");
  }, 120_000);
});
