import { safeParseConfig } from "../../lib/config/parse";
import type { ConfigIssue } from "../../lib/config/issues";
import { EXAMPLES_DIR } from "../helpers";

const WORKER_ROLE = "arn:aws:iam::111122223333:role/orders-worker";
const CODEC_ROLE = "arn:aws:iam::111122223333:role/orders-codec";
const PRINCIPAL = { principalArns: ["arn:aws:iam::999999999999:role/temporal"] };
const S3 = { bucketName: "orders-history", awsAccountId: "111122223333", roleName: "temporal-export", temporalPrincipal: PRINCIPAL };

/** A namespace with one worker that has an AWS identity; `extra` is merged into it. */
function config(extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    namespaces: [{
      name: "orders-prod",
      environment: "production",
      regions: ["aws-us-east-1"],
      auth: { apiKey: true },
      secretsManager: { aws: { region: "us-east-1" } },
      workers: [{ name: "worker", identity: { awsRoleArn: WORKER_ROLE } }],
      codecServer: { endpoint: "https://codec.example.com" },
      ...extra,
    }],
    ...top,
  };
}

function issues(raw: unknown): ConfigIssue[] {
  const result = safeParseConfig(raw, { baseDir: EXAMPLES_DIR });
  return result.ok ? [] : [...result.issues];
}

function issueAt(raw: unknown, path: string): string {
  const found = issues(raw).find((i) => i.path === path);
  if (!found) throw new Error(`no issue at ${path}; got ${JSON.stringify(issues(raw))}`);
  return found.message;
}

describe("data-protection config", () => {
  test("a full AWS setup is accepted", () => {
    expect(issues(config({ encryption: { aws: { region: "us-east-1" }, codecServerIdentity: { awsRoleArn: CODEC_ROLE } }, export: { keepDays: 365, s3: S3 } }, {
      auditLog: { kinesis: { region: "us-east-1", streamName: "audit", awsAccountId: "111122223333", roleName: "audit-writer", temporalPrincipal: PRINCIPAL } },
      metrics: { caPemFiles: ["certs/metrics-ca.pem"] },
    }))).toEqual([]);
  });

  test("retention outside the environment policy is rejected", () => {
    expect(issueAt(config({ retentionDays: 3 }), "namespaces[0].retentionDays")).toMatch(/3 is outside the production retention policy of 7 to 90 days/);
    expect(issueAt(config({ retentionDays: 40 }, { environments: { production: { retention: { maxDays: 30 } } } }), "namespaces[0].retentionDays"))
      .toMatch(/40 is outside the production retention policy of 7 to 30 days/);
  });

  test("export without a destination is rejected, naming keepDays and the retention", () => {
    expect(issueAt(config({ export: { keepDays: 365 } }), "namespaces[0].export"))
      .toMatch(/keepDays 365 is longer than the namespace's retention of 14 days .* no export destination is set; add export.s3/);
    expect(issueAt(config({ export: {} }), "namespaces[0].export")).toMatch(/has no destination/);
  });

  test("an environment record-keeping policy above retention requires an export destination on each namespace", () => {
    const policy = { environments: { production: { retention: { keepDays: 365 } } } };
    expect(issueAt(config({}, policy), "namespaces[0].export"))
      .toMatch(/environments.production.retention.keepDays 365 is longer than the namespace's retention of 14 days/);
    expect(issues(config({ export: { s3: S3 } }, policy))).toEqual([]);
    expect(issueAt(config({ export: { s3: S3, enabled: false } }, policy), "namespaces[0].export.enabled")).toMatch(/records must be kept 365 days/);
    // A policy within retention needs no export.
    expect(issues(config({ retentionDays: 60 }, { environments: { production: { retention: { keepDays: 60 } } } }))).toEqual([]);
  });

  test("export bucket must be in the namespace's region and on its cloud", () => {
    expect(issueAt(config({ export: { s3: { ...S3, region: "eu-west-1" } } }), "namespaces[0].export.s3.region")).toMatch(/differs from the namespace's region us-east-1/);
    expect(issueAt(config({ export: { gcs: { bucketName: "b-b", project: "p", serviceAccountId: "temporal-sa", temporalServiceAccounts: ["t@x.iam.gserviceaccount.com"] } } }), "namespaces[0].export.gcs"))
      .toMatch(/is on aws; the GCS bucket must be in the namespace's region/);
  });

  test("codec server must be https", () => {
    expect(issueAt(config({ codecServer: { endpoint: "http://codec.example.com" } }), "namespaces[0].codecServer.endpoint")).toMatch(/is not an https:\/\/ URL/);
  });

  test("production requires a codec server when payload encryption is on", () => {
    expect(issueAt(config({ codecServer: undefined, encryption: { aws: { region: "us-east-1" } } }), "namespaces[0].codecServer"))
      .toMatch(/is required in production when payload encryption is on/);
    const dev = config({ environment: "development", codecServer: undefined, encryption: { aws: { region: "us-east-1" } } });
    expect(issues(dev)).toEqual([]);
  });

  test("a KMS key granted to nobody is rejected", () => {
    expect(issueAt(config({ workers: [], encryption: { aws: { region: "us-east-1" } } }), "namespaces[0].encryption")).toMatch(/grants encrypt\/decrypt to nobody/);
    // GCP key: the worker only has an AWS identity, so nobody could use a GCP key.
    const raw = config({ encryption: { gcp: { project: "p", location: "us-central1" } } });
    expect(issueAt(raw, "namespaces[0].encryption")).toMatch(/grants encrypt\/decrypt to nobody/);
    expect(issueAt(raw, "namespaces[0].workers[0].identity.gcpServiceAccountEmail")).toMatch(/worker "worker" must encrypt and decrypt payloads/);
    // The codec server's identity alone is enough.
    expect(issues(config({ workers: [], encryption: { aws: { region: "us-east-1" }, codecServerIdentity: { awsRoleArn: WORKER_ROLE } } }))).toEqual([]);
  });

  test("the codec server needs its own identity on the key", () => {
    expect(issueAt(config({ encryption: { aws: { region: "us-east-1" } } }), "namespaces[0].encryption.codecServerIdentity.awsRoleArn"))
      .toMatch(/the codec server https:\/\/codec.example.com cannot decrypt payloads/);
  });

  test("encryption names exactly one key service", () => {
    expect(issueAt(config({ encryption: {} }), "namespaces[0].encryption")).toMatch(/names no key service/);
    expect(issueAt(config({ encryption: { aws: { region: "us-east-1" }, gcp: { project: "p", location: "l" } } }), "namespaces[0].encryption")).toMatch(/sets both aws and gcp/);
  });

  test("production keys keep the 30-day deletion window unless a reason is given", () => {
    expect(issueAt(config({ encryption: { aws: { region: "us-east-1", deletionWindowDays: 7 }, codecServerIdentity: { awsRoleArn: CODEC_ROLE } } }), "namespaces[0].encryption.aws.deletionWindowDays"))
      .toMatch(/7 shortens the recovery window/);
    expect(issues(config({ profileOverrideReason: "sandbox account that is wiped weekly", encryption: { aws: { region: "us-east-1", deletionWindowDays: 7 }, codecServerIdentity: { awsRoleArn: CODEC_ROLE } } }))).toEqual([]);
  });

  test("a missing Temporal principal is a clear error, never a guessed default", () => {
    expect(issueAt(config({ export: { s3: { ...S3, temporalPrincipal: undefined } } }), "namespaces[0].export.s3.temporalPrincipal"))
      .toMatch(/Temporal does not document its principal, so copy principalArns/);
    expect(issueAt(config({}, { auditLog: { kinesis: { region: "us-east-1", streamName: "a", awsAccountId: "111122223333", roleName: "r" } } }), "auditLog.kinesis.temporalPrincipal"))
      .toMatch(/is required to create the role Temporal assumes/);
    expect(issueAt(config({}, { auditLog: { pubsub: { project: "p", topicName: "audit", serviceAccountId: "audit-pub" } } }), "auditLog.pubsub.temporalServiceAccounts"))
      .toMatch(/copy Temporal's service account email/);
    // Existing roles need no principal: Temporal's trust is already configured on them.
    expect(issues(config({ export: { s3: { ...S3, createRole: false, temporalPrincipal: undefined } } }))).toEqual([]);
  });

  test("audit log needs a destination unless disabled", () => {
    expect(issueAt(config({}, { auditLog: {} }), "auditLog")).toMatch(/exactly one audit log destination/);
    expect(issues(config({}, { auditLog: { enabled: false } }))).toEqual([]);
  });

  test("metrics CA files must exist and be CA certificates", () => {
    expect(issueAt(config({}, { metrics: { caPemFiles: ["certs/nope.pem"] } }), "metrics.caPemFiles[0]")).toMatch(/does not exist/);
    expect(issueAt(config({}, { metrics: { caPemFiles: [] } }), "metrics.caPemFiles")).toMatch(/is empty/);
  });

  test("unknown settings in the new sections are rejected", () => {
    expect(issueAt(config({ encryption: { aws: { region: "us-east-1", rotation: true } } }), "namespaces[0].encryption.aws")).toMatch(/unknown setting "rotation"/);
  });
});
