// The Estate decides every derived fact once; these tests read the decisions directly.
import { parseConfig } from "../../lib/config/parse";
import { EXAMPLES_DIR } from "../helpers";

const role = "arn:aws:iam::123456789012:role/worker";

function estate(raw: unknown) {
  return parseConfig(raw, { baseDir: EXAMPLES_DIR });
}

describe("resolve", () => {
  test("auth kind comes from the namespace's auth, else defaults.auth, and picks the workers' default", () => {
    const e = estate({
      defaults: { auth: { apiKey: true, mtls: { caPemFiles: ["certs/dev-ca.pem"] } }, secretsManager: { aws: { region: "us-east-1" } } },
      namespaces: [
        { name: "both-dev", environment: "development", regions: ["aws-us-east-1"], workers: [{ name: "w", identity: { awsRoleArn: role } }] },
        { name: "keys-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } },
        { name: "certs-dev", environment: "development", regions: ["aws-us-east-1"], auth: { mtls: { caPemFiles: ["certs/dev-ca.pem"] } }, workers: [{ name: "m" }] },
      ],
    });
    expect(e.namespaces.map((ns) => [ns.name, ns.authKind, ns.mtlsPath])).toEqual([
      ["both-dev", "both", "defaults.auth.mtls"],
      ["keys-dev", "apiKey", "defaults.auth.mtls"],
      ["certs-dev", "mtls", "namespaces[2].auth.mtls"],
    ]);
    expect(e.namespaces[0].workers[0].auth).toBe("apiKey");
    expect(e.namespaces[2].workers[0].auth).toBe("mtls");
    expect(e.namespaces[2].workers[0].apiKeyIdentity).toBeUndefined();
  });

  test("replica regions, rotation settings, secret names and tags are decided for each namespace and worker", () => {
    const e = estate({
      defaults: { applyCadenceDays: 14 },
      namespaces: [{
        name: "billing-staging", environment: "staging", regions: ["aws-us-east-1"], auth: { apiKey: true },
        ha: { mode: "multi-region", replica: "aws-us-west-2" },
        secretsManager: { aws: { region: "us-east-1", namePrefix: "team/" } },
        workers: [{ name: "charger", identity: { awsRoleArn: role }, apiKey: { rotationDays: 120 } }],
      }],
    });
    const [ns] = e.namespaces;
    expect(ns.replicatedRegions).toEqual(["aws-us-east-1", "aws-us-west-2"]);
    expect(ns.workers[0].apiKeyIdentity).toEqual({
      serviceAccountName: "billing-staging-charger",
      scope: "namespace",
      rotation: { rotationDays: 120, minOverlapDays: 7, applyCadenceDays: 14 },
      secret: { name: "team/billing-staging/charger/api-key", tags: { "managed-by": "temporal-cloud-guardrails", namespace: "billing-staging", worker: "charger" } },
    });
  });

  test("keep-days take the longer of export.keepDays and the environment's, and say where they came from", () => {
    const base = { name: "ledger-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } };
    const s3 = { bucketName: "ledger-history", awsAccountId: "123456789012", roleName: "temporal-export", createRole: false };
    const e = estate({
      environments: { development: { retention: { keepDays: 365 } } },
      namespaces: [{ ...base, export: { keepDays: 400, s3 } }, { ...base, name: "other-dev", export: { keepDays: 100, s3 } }],
    });
    expect(e.namespaces.map((ns) => [ns.keepDays, ns.keepDaysSource, ns.export?.sinkName])).toEqual([
      [400, "keepDays", "ledger-dev-export"],
      [365, "environments.development.retention.keepDays", "other-dev-export"],
    ]);
  });

  test("a shared generated CA knows its namespaces, filters them, and issues certificates to their mTLS workers", () => {
    const e = estate({
      defaults: { secretsManager: { aws: { region: "us-east-1" } } },
      certificateAuthorities: [{ name: "shared", generated: { rotateEveryDays: 200 } }],
      namespaces: ["a-dev", "b-dev"].map((name) => ({
        name, environment: "development", regions: ["aws-us-east-1"], auth: { mtls: { ca: "shared" } },
        workers: [{ name: "w", identity: { awsRoleArn: role } }, { name: "x", certificate: { issue: false } }],
      })),
    });
    const ca = e.certificateAuthorities.get("shared");
    expect(ca?.namespaces.map((ns) => ns.name)).toEqual(["a-dev", "b-dev"]);
    expect(ca?.namespaceFilters).toBe(true);
    expect(ca?.generated?.settings).toEqual({ validityDays: 400, rotateEveryDays: 200, applyCadenceDays: 7, clientValidityDays: 90 });
    expect(e.namespaces[0].workers.map((w) => w.clientCertificate)).toEqual([
      { commonName: "w.a-dev", secret: { name: "temporal/a-dev/w/mtls", tags: { "temporal-namespace": "a-dev", "temporal-worker": "w" } } },
      undefined,
    ]);
  });

  test("the connectivity plan shares one endpoint per region and VPC, and the incident switch and suppressions are per namespace", () => {
    const aws = { vpcId: "vpc-0a1", subnetIds: ["subnet-0a"], allowedCidrs: ["10.0.0.0/16"] };
    const e = estate({
      account: { id: "a1b2c" },
      incident: { revokeApiKeys: ["b-dev"] },
      suppressions: [{ rule: "TC-AUD-001", reason: "audit logs go through the platform stack" }],
      namespaces: ["a-dev", "b-dev"].map((name) => ({
        name, environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true }, connectivity: { aws },
        suppressions: [{ rule: "TC-NET-001", reason: "public during the migration to PrivateLink" }],
      })),
    });
    expect(e.connectivity.aws).toHaveLength(1);
    expect(e.connectivity.aws[0].uses.map((u) => u.path)).toEqual(["namespaces[0].connectivity.aws", "namespaces[1].connectivity.aws"]);
    expect(e.namespaces.map((ns) => ns.apiKeysRevoked)).toEqual([false, true]);
    expect(e.suppressions.map((s) => [s.rule, s.origin, s.namespace])).toEqual([
      ["TC-AUD-001", "config: suppressions[0]", undefined],
      ["TC-NET-001", "config: namespaces[0].suppressions[0]", "a-dev"],
      ["TC-NET-001", "config: namespaces[1].suppressions[0]", "b-dev"],
    ]);
  });
});
