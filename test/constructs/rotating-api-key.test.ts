import { Apikey } from "../../lib/providers/temporalcloud/apikey";
import { Rotating } from "@cdktf/provider-time/lib/rotating";
import { Offset } from "@cdktf/provider-time/lib/offset";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member";
import { RotatingApiKey, type RotatingApiKeyProps } from "../../lib/constructs/rotating-api-key";
import { constructStack, resourcesOf, problemsOf } from "../helpers";
import type { SecretTarget } from "../../lib/domain/secrets";

const awsSecret = { secretName: "temporal/orders/processor/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/processor" } };
const props = (overrides: Partial<RotatingApiKeyProps> = {}): RotatingApiKeyProps => ({ serviceAccountId: "sa-1", displayName: "orders-processor", secret: awsSecret, ...overrides });

describe("RotatingApiKey", () => {
  test("defaults: two keys expiring 90 days after their clock, clocks every 83 days, green staggered by 38 days", () => {
    const { stack, synthString, synth } = constructStack();
    const key = new RotatingApiKey(stack, "key", props());
    expect(key.schedule).toMatchObject({ rotationDays: 90, minOverlapDays: 7, applyCadenceDays: 7, slotPeriodDays: 83, staggerDays: 38 });
    expect(key.disabled).toBe(false);
    const out = synthString();
    expect(out).toHaveResourceWithProperties(Apikey, { display_name: "orders-processor-blue", owner_type: "service-account", owner_id: "sa-1", disabled: false, lifecycle: { create_before_destroy: true } });
    expect(out).toHaveResourceWithProperties(Apikey, { display_name: "orders-processor-green", owner_type: "service-account" });
    expect(out).toHaveResourceWithProperties(Rotating, { rotation_days: 83 });
    expect(out).toHaveResourceWithProperties(Offset, { offset_days: 90, lifecycle: { create_before_destroy: true } });
    expect(out).toHaveResourceWithProperties(Offset, { offset_days: 38 });
    const json = synth();
    for (const apikey of resourcesOf(json, "temporalcloud_apikey")) {
      // expiry_time is always set, from a time_offset (RFC 3339).
      expect(apikey.expiry_time).toMatch(/^\$\{time_offset\.[^.]+\.rfc3339\}$/);
    }
    const secret = resourcesOf(json, "aws_secretsmanager_secret_version")[0].secret_string as string;
    expect(secret).toContain(`"current" =`);
    expect(secret).toContain(`"previous" =`);
    expect(secret).toMatch(/temporalcloud_apikey\.[^.]+blue[^.]*\.token/);
    expect(secret).toMatch(/temporalcloud_apikey\.[^.]+green[^.]*\.token/);
    expect(json.provider?.time).toHaveLength(1);
  });

  test("GCP target: the worker's service account is the only secretAccessor", () => {
    const { stack, synthString } = constructStack();
    new RotatingApiKey(stack, "key", props({ secret: { secretName: "temporal/inv/sync/api-key", target: { gcp: { project: "inv" } }, reader: { gcpServiceAccountEmail: "sync@inv.iam.gserviceaccount.com" } } }));
    expect(synthString()).toHaveResourceWithProperties(SecretManagerSecretIamMember, { member: "serviceAccount:sync@inv.iam.gserviceaccount.com", role: "roles/secretmanager.secretAccessor" });
  });

  test("emergency revoke disables both keys without removing them", () => {
    const { stack, synth } = constructStack();
    new RotatingApiKey(stack, "key", props({ disabled: true }));
    const keys = resourcesOf(synth(), "temporalcloud_apikey");
    expect(keys).toHaveLength(2);
    expect(keys.map((k) => k.disabled)).toEqual([true, true]);
  });

  test("shorter rotation in development and a custom cadence change the schedule", () => {
    const { stack } = constructStack();
    const key = new RotatingApiKey(stack, "key", props({ environment: "development", rotationDays: 365, minOverlapDays: 14, applyCadenceDays: 30 }));
    expect(key.schedule).toMatchObject({ slotPeriodDays: 335, staggerDays: 152 });
  });

  test("several key sets share one time provider", () => {
    const { stack, synth } = constructStack();
    new RotatingApiKey(stack, "a", props());
    new RotatingApiKey(stack, "b", props({ serviceAccountId: "sa-2" }));
    expect(synth().provider?.time).toHaveLength(1);
  });

  test.each<[string, Partial<RotatingApiKeyProps>, RegExp]>([
    ["rotation above 90 days in production", { rotationDays: 120 }, /rotationDays: 120 is above the production maximum of 90 days/],
    ["rotation above 180 days in staging", { environment: "staging", rotationDays: 200 }, /above the staging maximum of 180/],
    ["rotation above the 2-year Temporal maximum", { environment: "development", rotationDays: 731 }, /above the Temporal Cloud maximum API-key lifetime of 730 days/],
    ["an apply cadence too slow for the overlap", { rotationDays: 30, applyCadenceDays: 9 }, /applyCadenceDays: 9 is slower than the 8 days/],
    ["settings that leave no cadence", { rotationDays: 10, minOverlapDays: 5 }, /leaves no room for any apply cadence/],
    ["a fractional rotation", { rotationDays: 30.5 }, /30.5 is not a whole number/],
    ["a missing secrets-manager target (untyped callers)", { secret: { ...awsSecret, target: undefined as unknown as SecretTarget } }, /secret\.target: is missing; API-key tokens must be written to a secrets manager/],
    ["an AWS secret without a reader role", { secret: { ...awsSecret, reader: {} } }, /secret\.reader\.awsRoleArn: is required/],
    ["a GCP secret without a reader service account", { secret: { ...awsSecret, target: { gcp: { project: "p" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/x" } } }, /secret\.reader\.gcpServiceAccountEmail: is required/],
  ])("rejects %s", (_case, overrides, message) => {
    const { stack } = constructStack();
    expect(problemsOf(() => new RotatingApiKey(stack, "key", props(overrides)))).toMatch(message);
  });

  test("rejects more than 20 keys on one service account (3 per key set at peak)", () => {
    const { stack } = constructStack();
    for (let i = 0; i < 6; i++) new RotatingApiKey(stack, `key-${i}`, props());
    expect(problemsOf(() => new RotatingApiKey(stack, "key-6", props()))).toMatch(/would hold up to 21 API keys[\s\S]*at most 20 per service account/);
    // Another service account has its own budget.
    expect(() => new RotatingApiKey(stack, "other", props({ serviceAccountId: "sa-2" }))).not.toThrow();
  });
});
