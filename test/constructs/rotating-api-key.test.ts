import { Apikey } from "../../lib/providers/temporalcloud/apikey";
import { Offset } from "@cdktf/provider-time/lib/offset";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member";
import { RotatingApiKey, type RotatingApiKeyProps } from "../../lib/constructs/rotating-api-key";
import { constructStack, resourcesOf, problemsOf } from "../helpers";
import type { SecretTarget } from "../../lib/domain/secrets";
import { Environment } from "../../lib/domain/environments";

const awsSecret = { secretName: "temporal/orders/processor/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/processor" } };
const props = (overrides: Partial<RotatingApiKeyProps> = {}): RotatingApiKeyProps => ({ serviceAccountId: "sa-1", displayName: "orders-processor", secret: awsSecret, ...overrides });

describe("RotatingApiKey", () => {
  test("defaults: two keys expiring 90 days after their generation start, a new generation every 45 days", () => {
    const { stack, synthString, synth } = constructStack();
    const key = new RotatingApiKey(stack, "key", props());
    expect(key.schedule).toMatchObject({ rotationDays: 90, minOverlapDays: 7, applyCadenceDays: 7, generationHours: 1080, toleranceDays: 14, guaranteedOverlapDays: 31 });
    expect(key.disabled).toBe(false);
    const out = synthString();
    expect(out).toHaveResourceWithProperties(Apikey, { display_name: "orders-processor-blue", owner_type: "service-account", owner_id: "sa-1", disabled: false, lifecycle: { create_before_destroy: true } });
    expect(out).toHaveResourceWithProperties(Apikey, { display_name: "orders-processor-green", owner_type: "service-account" });
    expect(out).toHaveResourceWithProperties(Offset, { offset_days: 90 });
    const json = synth();
    expect(resourcesOf(json, "time_rotating")).toHaveLength(0);
    // The generation comes from the stack's rotation clock on a grid with this construct's phase.
    const generation = (json.locals as Record<string, string>)[Object.keys(json.locals ?? {}).find((k) => k.includes("generation")) as string];
    expect(generation).toBe(`\${floor((provider::time::rfc3339_parse(local.rotation_clock).unix - ${1704067200 + key.phaseHours * 3600}) / ${1080 * 3600})}`);
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
    const key = new RotatingApiKey(stack, "key", props({ environment: Environment.DEVELOPMENT, rotationDays: 365, minOverlapDays: 14, applyCadenceDays: 30 }));
    expect(key.schedule).toMatchObject({ generationHours: 365 * 12, toleranceDays: 60, guaranteedOverlapDays: 122.5 });
  });

  test("the phase is stable per construct path, differs between key sets, and can be set", () => {
    const { stack } = constructStack();
    const a = new RotatingApiKey(stack, "a", props());
    const b = new RotatingApiKey(stack, "b", props({ serviceAccountId: "sa-2" }));
    const c = new RotatingApiKey(stack, "c", props({ serviceAccountId: "sa-3", phaseHours: 5 }));
    const again = new RotatingApiKey(constructStack().stack, "a", props());
    expect(a.phaseHours).toBe(again.phaseHours);
    expect(a.phaseHours).not.toBe(b.phaseHours);
    expect(c.phaseHours).toBe(5);
    expect(a.phaseHours).toBeLessThan(1080);
  });

  test("several key sets share one time provider", () => {
    const { stack, synth } = constructStack();
    new RotatingApiKey(stack, "a", props());
    new RotatingApiKey(stack, "b", props({ serviceAccountId: "sa-2" }));
    expect(synth().provider?.time).toHaveLength(1);
  });

  test.each<[string, Partial<RotatingApiKeyProps>, RegExp]>([
    ["rotation above 90 days in production", { rotationDays: 120 }, /rotationDays: 120 is above the production maximum of 90 days/],
    ["rotation above 180 days in staging", { environment: Environment.STAGING, rotationDays: 200 }, /above the staging maximum of 180/],
    ["rotation above the 2-year Temporal maximum", { environment: Environment.DEVELOPMENT, rotationDays: 731 }, /above the Temporal Cloud maximum API-key lifetime of 730 days/],
    ["an apply cadence too slow for the overlap", { rotationDays: 60, applyCadenceDays: 12 }, /applyCadenceDays: 12 is too slow for rotationDays 60 with minOverlapDays 7: a new key appears every 30 days, and applies up to 24 days apart \(twice the cadence\) leave only 6 of the 7 days of overlap; apply at least every 11 days, raise rotationDays to 62/],
    ["30-day keys with weekly applies", { rotationDays: 30 }, /applyCadenceDays: 7 is too slow for rotationDays 30[\s\S]*raise rotationDays to 42/],
    ["settings that leave no cadence", { rotationDays: 10, minOverlapDays: 5 }, /leaves no room for any apply cadence/],
    ["a negative phase", { phaseHours: -1 }, /phaseHours: -1 is not a whole number of hours/],
    ["a fractional rotation", { rotationDays: 30.5 }, /30.5 is not a whole number/],
    ["a missing secrets-manager target (untyped callers)", { secret: { ...awsSecret, target: undefined as unknown as SecretTarget } }, /secret\.target: is missing; API-key tokens must be written to a secrets manager/],
    ["an AWS secret without a reader role", { secret: { ...awsSecret, reader: {} } }, /secret\.reader\.awsRoleArn: is required/],
    ["a GCP secret without a reader service account", { secret: { ...awsSecret, target: { gcp: { project: "p" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/x" } } }, /secret\.reader\.gcpServiceAccountEmail: is required/],
  ])("rejects %s", (_case, overrides, message) => {
    const { stack } = constructStack();
    expect(problemsOf(() => new RotatingApiKey(stack, "key", props(overrides)))).toMatch(message);
  });

  test("rejects more than 20 unexpired keys on one service account (2 per key set at peak, proven by the replay)", () => {
    const { stack } = constructStack();
    for (let i = 0; i < 10; i++) new RotatingApiKey(stack, `key-${i}`, props());
    expect(problemsOf(() => new RotatingApiKey(stack, "key-10", props()))).toMatch(/would hold up to 22 unexpired API keys[\s\S]*at most 20 per service account/);
    // Another service account has its own budget.
    expect(() => new RotatingApiKey(stack, "other", props({ serviceAccountId: "sa-2" }))).not.toThrow();
  });
});
