import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KinesisStream } from "@cdktf/provider-aws/lib/kinesis-stream";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { PubsubTopicIamMember } from "@cdktf/provider-google/lib/pubsub-topic-iam-member";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { AccountAuditLogSink } from "../../lib/providers/temporalcloud/account-audit-log-sink";
import { KinesisAuditLogSink, PubsubAuditLogSink, type KinesisAuditDestination, type PubsubAuditDestination } from "../../lib/constructs/audit-log-sink";
import { resourcesOf, type SynthJson, problemsOf } from "../helpers";

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  new TemporalcloudProvider(s, "temporalcloud", {});
  new AwsProvider(s, "aws", { region: "us-east-1" });
  new GoogleProvider(s, "google", { project: "p" });
  return s;
}

const KINESIS: KinesisAuditDestination = {
  region: "us-west-2",
  streamName: "temporal-audit",
  awsAccountId: "111122223333",
  roleName: "temporal-audit-writer",
  temporalPrincipal: { principalArns: ["arn:aws:iam::999999999999:role/temporal-audit"] },
};
const PUBSUB: PubsubAuditDestination = {
  project: "security",
  topicName: "temporal-audit",
  serviceAccountId: "temporal-audit-pub",
  temporalServiceAccounts: ["temporal-a@temporal-prod.iam.gserviceaccount.com", "temporal-b@temporal-prod.iam.gserviceaccount.com"],
};

describe("KinesisAuditLogSink and PubsubAuditLogSink", () => {
  test("Kinesis: encrypted stream, write-only role for Temporal's principal, sink enabled by default", () => {
    const s = stack();
    new KinesisAuditLogSink(s, "audit", { kinesis: KINESIS });
    const out = Testing.synth(s);
    const json = JSON.parse(out) as SynthJson;
    expect(out).toHaveResourceWithProperties(KinesisStream, { name: "temporal-audit", encryption_type: "KMS", stream_mode_details: { stream_mode: "ON_DEMAND" } });
    const [role] = resourcesOf(json, "aws_iam_role");
    expect(role.assume_role_policy).toContain("arn:aws:iam::999999999999:role/temporal-audit");
    expect(role.assume_role_policy).not.toContain("ExternalId");
    const [policy] = resourcesOf(json, "aws_iam_role_policy");
    expect(policy.policy).toContain("kinesis:PutRecords");
    expect(policy.policy).not.toContain("kinesis:GetRecords");
    const [sink] = resourcesOf(json, "temporalcloud_account_audit_log_sink");
    expect(sink).toMatchObject({ sink_name: "audit-log", enabled: true });
    expect(sink.kinesis).toMatchObject({ region: "us-west-2", destination_uri: expect.stringContaining("aws_kinesis_stream"), role_name: expect.stringMatching(/^\$\{aws_iam_role\.\w+\.name\}$/) });
  });

  test("Kinesis with an existing stream and role: the stream ARN is built from its name, role_name is the role's name", () => {
    const s = stack();
    new KinesisAuditLogSink(s, "audit", { sinkName: "siem", kinesis: { ...KINESIS, createStream: false, createRole: false, temporalPrincipal: undefined } });
    const out = Testing.synth(s);
    expect(resourcesOf(JSON.parse(out), "aws_kinesis_stream")).toHaveLength(0);
    expect(out).toHaveResourceWithProperties(AccountAuditLogSink, {
      sink_name: "siem",
      kinesis: {
        destination_uri: "arn:aws:kinesis:us-west-2:111122223333:stream/temporal-audit",
        // The provider takes the role name (PR #414), not the ARN its 1.5.0 docs example shows.
        role_name: "temporal-audit-writer",
        region: "us-west-2",
      },
    });
  });

  test("a role ARN given as roleName is a validation problem naming the role name to write", () => {
    expect(problemsOf(() => new KinesisAuditLogSink(stack(), "audit", { kinesis: { ...KINESIS, roleName: "arn:aws:iam::111122223333:role/temporal-audit-writer" } })))
      .toMatch(/kinesis\.roleName: "arn:aws:iam::111122223333:role\/temporal-audit-writer" is a role ARN, but role_name takes the role's name; write "temporal-audit-writer"/);
  });

  test("Pub/Sub: topic, publisher grant for the sink's service account, impersonation only by Temporal", () => {
    const s = stack();
    new PubsubAuditLogSink(s, "audit", { pubsub: PUBSUB });
    const out = Testing.synth(s);
    const json = JSON.parse(out) as SynthJson;
    expect(out).toHaveResourceWithProperties(PubsubTopicIamMember, { role: "roles/pubsub.publisher", project: "security" });
    const grants = resourcesOf(json, "google_service_account_iam_member");
    expect(grants.map((g) => g.member)).toEqual(PUBSUB.temporalServiceAccounts!.map((e) => `serviceAccount:${e}`));
    expect(new Set(grants.map((g) => g.role))).toEqual(new Set(["roles/iam.serviceAccountTokenCreator"]));
    const [sink] = resourcesOf(json, "temporalcloud_account_audit_log_sink");
    expect(sink.pubsub).toMatchObject({ service_account_id: "temporal-audit-pub", gcp_project_id: "security" });
  });

  test("can be created disabled", () => {
    const s = stack();
    new PubsubAuditLogSink(s, "audit", { pubsub: PUBSUB, enabled: false });
    expect(Testing.synth(s)).toHaveResourceWithProperties(AccountAuditLogSink, { enabled: false });
  });

  test("rejects a missing Temporal principal and bad retention", () => {
    expect(problemsOf(() => new KinesisAuditLogSink(stack(), "a", { kinesis: { ...KINESIS, temporalPrincipal: undefined } }))).toMatch(/kinesis.temporalPrincipal: is required/);
    expect(problemsOf(() => new PubsubAuditLogSink(stack(), "a", { pubsub: { ...PUBSUB, temporalServiceAccounts: undefined } }))).toMatch(/pubsub.temporalServiceAccounts: is required/);
    expect(problemsOf(() => new KinesisAuditLogSink(stack(), "a", { kinesis: { ...KINESIS, retentionHours: 12 } }))).toMatch(/12 is outside Kinesis's range/);
  });
});
