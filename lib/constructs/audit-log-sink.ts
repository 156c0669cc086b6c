import { Construct } from "constructs";
import { Fn } from "cdktf";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { fnString, onLiterals, tfString, tfStringMap, tfStrings } from "./tokens";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KinesisStream } from "./peers/aws";
import { IamRole } from "./peers/aws";
import { IamRolePolicy } from "./peers/aws";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { PubsubTopic } from "./peers/gcp";
import { PubsubTopicIamMember } from "./peers/gcp";
import type { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import type { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { AccountAuditLogSink } from "../providers/temporalcloud/account-audit-log-sink";
import { addProblems } from "./errors";
import { impersonatedServiceAccount, temporalTrustPolicy } from "./sink-identity";
import { validateAuditLogSink, type TemporalAwsPrincipal } from "../domain/sinks";

export interface KinesisAuditDestination {
  /** AWS region of the stream. */
  readonly region: string;
  readonly streamName: string;
  /**
   * Create the stream (on-demand, KMS-encrypted); false uses an existing stream by name.
   * @default true
   */
  readonly createStream?: boolean;
  /** AWS account of the stream and role. */
  readonly awsAccountId: string;
  /** Name of the IAM role Temporal assumes to write. */
  readonly roleName: string;
  /**
   * Create the role; false uses an existing role by name.
   * @default true
   */
  readonly createRole?: boolean;
  /**
   * Stream retention in hours (24–8760).
   * @default 168
   */
  readonly retentionHours?: number;
  /** Temporal's principal; required when createRole (not documented by Temporal, no default). */
  readonly temporalPrincipal?: TemporalAwsPrincipal;
  /** AWS provider for the stream's region. @default the stack's default AWS provider */
  readonly provider?: AwsProvider;
}

export interface PubsubAuditDestination {
  readonly project: string;
  readonly topicName: string;
  /**
   * Create the topic; false uses an existing topic by name.
   * @default true
   */
  readonly createTopic?: boolean;
  /** Id (before `@`) of the service account Temporal impersonates. */
  readonly serviceAccountId: string;
  /**
   * Create the service account; false uses an existing one.
   * @default true
   */
  readonly createServiceAccount?: boolean;
  /** Temporal's GCP service accounts; required when createServiceAccount (no default). */
  readonly temporalServiceAccounts?: string[];
  /** Google provider for the project. @default the stack's default Google provider */
  readonly provider?: GoogleProvider;
}

/** Settings every audit-log sink has, whatever its destination. */
export interface AuditLogSinkBaseProps {
  /**
   * Unique, immutable sink name.
   * @default "audit-log"
   */
  readonly sinkName?: string;
  /**
   * Whether Temporal sends audit events.
   * @default true
   */
  readonly enabled?: boolean;
  /** Tags / labels on created resources. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** temporalcloud provider. @default the stack's default temporalcloud provider */
  readonly temporalProvider?: TemporalcloudProvider;
}

export interface KinesisAuditLogSinkProps extends AuditLogSinkBaseProps {
  readonly kinesis: KinesisAuditDestination;
}

export interface PubsubAuditLogSinkProps extends AuditLogSinkBaseProps {
  readonly pubsub: PubsubAuditDestination;
}

/** The account's audit-log sink, whatever the destination. */
export interface IAuditLogSink {
  readonly sink: AccountAuditLogSink;
}

/**
 * `temporalcloud_account_audit_log_sink` into Kinesis: Temporal Cloud control-plane events (API keys,
 * namespaces, users, service accounts, ...) into an on-demand, KMS-encrypted stream through an IAM role
 * only Temporal may assume, for the SIEM pipeline.
 */
export class KinesisAuditLogSink extends Construct implements IAuditLogSink {
  public readonly sink: AccountAuditLogSink;
  public readonly stream?: KinesisStream;
  public readonly role?: IamRole;
  public readonly rolePolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: KinesisAuditLogSinkProps) {
    super(scope, id);
    addProblems(this, onLiterals(props, validateAuditLogSink(props)));
    const k = props.kinesis;
    const provider = k.provider;
    const tags = tfStringMap(props.tags);
    const givenArn = `arn:aws:kinesis:${k.region}:${k.awsAccountId}:stream/${k.streamName}`;
    let streamArn = tfString(givenArn);
    // The write policy is built with jsonencode, whose arguments are HCL strings: given text escaped for that.
    let policyStreamArn = fnString(givenArn);
    if (k.createStream ?? true) {
      this.stream = new KinesisStream(this, "stream", {
        provider,
        name: tfString(k.streamName),
        streamModeDetails: { streamMode: "ON_DEMAND" },
        retentionPeriod: k.retentionHours ?? 168,
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
        tags,
      });
      streamArn = this.stream.arn;
      policyStreamArn = this.stream.arn;
    }
    if (k.createRole ?? true) {
      this.role = new IamRole(this, "role", {
        provider,
        name: tfString(k.roleName),
        description: tfString(`Temporal Cloud writes account audit logs to Kinesis stream ${k.streamName}`),
        assumeRolePolicy: temporalTrustPolicy(k.temporalPrincipal ?? NO_PRINCIPAL),
        maxSessionDuration: 3600,
        tags,
      });
      this.rolePolicy = new IamRolePolicy(this, "role-policy", {
        provider,
        role: this.role.id,
        name: "temporal-audit-log-write",
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [{
            Sid: "WriteAuditEvents",
            Effect: "Allow",
            Action: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary"],
            Resource: policyStreamArn,
          }],
        }),
      });
    }
    this.sink = new AccountAuditLogSink(this, "sink", {
      provider: props.temporalProvider,
      sinkName: tfString(props.sinkName ?? "audit-log"),
      enabled: props.enabled ?? true,
      // role_name takes the role's name, not its ARN (provider PR #414; the 1.5.0 docs example is wrong).
      kinesis: { roleName: this.role ? this.role.name : tfString(k.roleName), destinationUri: streamArn, region: tfString(k.region) },
      dependsOn: this.rolePolicy ? [this.rolePolicy] : undefined,
    });
  }
}

/**
 * `temporalcloud_account_audit_log_sink` into Pub/Sub: control-plane events into a topic, published by a
 * service account that only Temporal's own service accounts may impersonate.
 */
export class PubsubAuditLogSink extends Construct implements IAuditLogSink {
  public readonly sink: AccountAuditLogSink;
  public readonly topic?: PubsubTopic;
  public readonly serviceAccount?: ServiceAccount;
  public readonly impersonationGrants: ServiceAccountIamMember[];

  constructor(scope: Construct, id: string, props: PubsubAuditLogSinkProps) {
    super(scope, id);
    addProblems(this, onLiterals(props, validateAuditLogSink(props)));
    const p = props.pubsub;
    const provider = p.provider;
    this.impersonationGrants = [];
    const project = tfString(p.project);
    let topicName = tfString(p.topicName);
    if (p.createTopic ?? true) {
      this.topic = new PubsubTopic(this, "topic", { provider, project, name: topicName, labels: tfStringMap(props.tags) });
      topicName = this.topic.name;
    }
    let email = tfString(`${p.serviceAccountId}@${p.project}.iam.gserviceaccount.com`);
    if (p.createServiceAccount ?? true) {
      const created = impersonatedServiceAccount(this, {
        project,
        accountId: tfString(p.serviceAccountId),
        displayName: "Temporal Cloud audit log publisher",
        temporalServiceAccounts: tfStrings(p.temporalServiceAccounts) ?? [],
        provider,
      });
      this.serviceAccount = created.account;
      this.impersonationGrants = created.grants;
      email = created.account.email;
    }
    const publisher = new PubsubTopicIamMember(this, "publisher", {
      provider,
      project,
      topic: topicName,
      role: "roles/pubsub.publisher",
      member: `serviceAccount:${email}`,
    });
    this.sink = new AccountAuditLogSink(this, "sink", {
      provider: props.temporalProvider,
      sinkName: tfString(props.sinkName ?? "audit-log"),
      enabled: props.enabled ?? true,
      pubsub: { topicName, serviceAccountId: tfString(p.serviceAccountId), gcpProjectId: project },
      dependsOn: [publisher, ...this.impersonationGrants],
    });
  }
}

const NO_PRINCIPAL: TemporalAwsPrincipal = { principalArns: [] };

export { validateAuditLogSink } from "../domain/sinks";
