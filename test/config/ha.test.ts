import { allRegions } from "../../lib/domain/regions";
import { estateConfigOf } from "../../lib/config/estate-config";
import { safeParseConfig } from "../../lib/config/parse";
import { checkReplicaPair, validReplicas } from "../../lib/domain/replication";
import { HA_MODES } from "../../lib/config/sections/ha";
import { Testing } from "cdktf";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { EXAMPLES_DIR, resolve, resourcesOf, synthConfig } from "../helpers";

function issues(raw: unknown): string[] {
  const result = safeParseConfig(raw, { baseDir: EXAMPLES_DIR });
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

const config = (primary: string, ha?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  namespaces: [{ name: "billing", environment: "staging", regions: [primary], auth: { apiKey: true }, ...(ha ? { ha } : {}), ...extra }],
});

const codes = allRegions().map((r) => r.cloudApiCode);

describe("HA replica pairs against the catalogue", () => {
  // Every region of the catalogue × every mode: the listed partners pass, every other region fails and the
  // message lists exactly the catalogue's partners.
  test.each(allRegions().map((r) => [r.cloudApiCode, r]))("%s", (primary, region) => {
    const lists = {
      "same-region": region.sameRegionReplication ? [region.cloudApiCode] : [],
      "multi-region": region.multiRegionReplicaRegions,
      "multi-cloud": region.multiCloudReplicaRegions,
    } as const;
    for (const mode of HA_MODES) {
      const allowed = lists[mode];
      expect(validReplicas(primary, mode)).toEqual([...allowed]);
      for (const replica of codes) {
        const problems = checkReplicaPair(primary, mode, replica);
        if (allowed.includes(replica)) {
          expect(problems).toEqual([]);
          continue;
        }
        expect(problems).toHaveLength(1);
        const message = problems[0][1];
        if (mode === "same-region" && allowed.length > 0) {
          expect(message).toContain(`set replica to "${primary}" or leave it out`);
        } else if (allowed.length > 0) {
          expect(message).toContain(`valid ${mode} replicas for "${primary}" are ${allowed.map((c) => `"${c}"`).join(", ")}`);
        } else if (allowed.length === 0) {
          expect(message).toContain(`"${primary}" has no`);
        }
      }
    }
  });

  test("config: valid pair accepted, namespace regions become [primary, replica]", () => {
    expect(issues(config("aws-us-east-1", { mode: "multi-region", replica: "aws-us-east-2" }))).toEqual([]);
    const json = synthConfig(config("aws-us-east-1", { mode: "multi-cloud", replica: "gcp-us-east4" }));
    expect(resourcesOf(json, "temporalcloud_namespace")[0].regions).toEqual(["aws-us-east-1", "gcp-us-east4"]);
    const same = synthConfig(config("aws-us-west-2", { mode: "same-region" }));
    expect(resourcesOf(same, "temporalcloud_namespace")[0].regions).toEqual(["aws-us-west-2", "aws-us-west-2"]);
  });

  test("config: invalid pair names the path and the valid replicas", () => {
    expect(issues(config("aws-eu-west-1", { mode: "multi-region", replica: "aws-us-east-1" }))).toEqual([
      'namespaces[0].ha.replica: "aws-us-east-1" is not a multi-region replica of "aws-eu-west-1"; valid multi-region replicas for "aws-eu-west-1" are "aws-eu-central-1", "aws-eu-west-2"',
    ]);
    expect(issues(config("aws-sa-east-1", { mode: "multi-region", replica: "aws-us-east-1" }))).toEqual([
      'namespaces[0].ha.replica: "aws-us-east-1" is not a multi-region replica of "aws-sa-east-1"; "aws-sa-east-1" has no replication partner in any mode; choose another primary region for an HA namespace',
    ]);
    expect(issues(config("gcp-europe-west3", { mode: "multi-region", replica: "gcp-us-central1" }))[0])
      .toContain('"gcp-europe-west3" has no multi-region replica; it supports multi-cloud (aws-eu-central-1, aws-eu-west-1, aws-eu-west-2)');
    expect(issues(config("aws-us-east-1", { mode: "multi-region" }))[0])
      .toBe('namespaces[0].ha.replica: is required for multi-region replication; valid multi-region replicas for "aws-us-east-1" are "aws-ca-central-1", "aws-us-east-2", "aws-us-west-2"');
    expect(issues(config("aws-us-east-1", { mode: "sideways" }))[0]).toContain("namespaces[0].ha.mode:");
  });

  test("a critical production namespace without HA fails, suggesting a replica", () => {
    const raw = { namespaces: [{ name: "billing", environment: "production", critical: true, regions: ["aws-eu-central-1"], auth: { apiKey: true } }] };
    expect(issues(raw)).toEqual([
      'namespaces[0].ha: is missing: "billing" is a critical production namespace, which must be replicated for the 99.99% SLA; add ha: { mode: multi-region, replica: aws-eu-west-1 } (multi-region replicas of aws-eu-central-1: aws-eu-west-1, aws-eu-west-2)',
    ]);
    expect(issues({ namespaces: [{ ...raw.namespaces[0], ha: { mode: "multi-region", replica: "aws-eu-west-2" } }] })).toEqual([]);
    expect(issues({ namespaces: [{ ...raw.namespaces[0], environment: "staging" }] })).toEqual([]);
  });

  test("HA with both mTLS and API keys is rejected", () => {
    expect(issues(config("aws-us-east-1", { mode: "multi-region", replica: "aws-us-west-2" }, { auth: { apiKey: true, mtls: { caPemFiles: ["certs/dev-ca.pem"] } } })).join("\n"))
      .toContain("namespaces[0].ha: \"billing\" enables both mTLS and API keys");
  });

  test("HA with API keys and mTLS inherited from defaults.auth is rejected like the same settings on the namespace", () => {
    // Regression: the check read the namespace's own auth only, so inherited mTLS slipped through.
    for (const mtls of [{ caPemFiles: ["certs/dev-ca.pem"] }, { ca: "shared" }]) {
      const raw = {
        defaults: { auth: { apiKey: true, mtls } },
        certificateAuthorities: [{ name: "shared", generated: {} }],
        namespaces: [{ name: "billing", environment: "staging", regions: ["aws-us-east-1"], ha: { mode: "multi-region", replica: "aws-us-west-2" } }],
      };
      expect(issues(raw)).toEqual(['namespaces[0].ha: "billing" enables both mTLS and API keys, which Temporal Cloud does not support for HA namespaces; keep one authentication method']);
      const onNamespace = { ...raw, defaults: {}, namespaces: [{ ...raw.namespaces[0], auth: { apiKey: true, mtls } }] };
      expect(issues(onNamespace)).toEqual(issues(raw));
    }
  });

  test("a private-only HA namespace needs an endpoint in each replica region", () => {
    const raw = {
      account: { id: "a1b2c" },
      ...config("aws-us-east-1", { mode: "multi-region", replica: "aws-us-west-2" }, {
        connectivity: { aws: { vpcId: "vpc-0a1", subnetIds: ["subnet-0a"], allowedCidrs: ["10.0.0.0/16"] } },
      }),
    };
    expect(issues(raw)).toEqual([expect.stringMatching(/^namespaces\[0\]\.connectivity: has no private endpoint in replica region "aws-us-west-2"/)]);
  });

  test("availability facts in the synth summary", () => {
    const stack = new TemporalCloudStack(Testing.app(), "t", { config: estateConfigOf(resolve(config("aws-us-east-1", { mode: "multi-region", replica: "aws-us-west-2" }))) });
    const facts = Object.fromEntries(stack.context.summaryFacts("billing").map((f) => [f.column, f.value]));
    expect(facts).toMatchObject({ HA: "multi-region", SLA: "99.99%", "RPO / RTO": "< 1 min / 20 min", Cost: "2× actions + storage" });
  });
});
