import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { Fn, Op, TerraformStack, conditional } from "cdktf";
import type { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { Rotating } from "@cdktf/provider-time/lib/rotating";
import { Offset } from "@cdktf/provider-time/lib/offset";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { Apikey } from "../providers/temporalcloud/apikey";
import { PROFILES, type Environment } from "../domain/environments";
import {
  checkRotationSettings, rotationSchedule, type RotationSchedule,
  DEFAULT_API_KEY_MIN_OVERLAP_DAYS, DEFAULT_API_KEY_ROTATION_DAYS, DEFAULT_APPLY_CADENCE_DAYS,
} from "../domain/api-key-rotation";
import type { SecretTarget } from "../domain/secrets";
import type { Problem } from "../domain/problem";
import { WorkerSecret, type SecretReader } from "./worker-secret";
import { addProblems, throwIfUnbuildable } from "./errors";
import { literalNumbers, tfString } from "./tokens";
import { defaultTimeProvider } from "./default-providers";

/** Temporal Cloud allows at most 20 non-expired API keys per service account. */
export const MAX_API_KEYS_PER_SERVICE_ACCOUNT = 20;
/** Keys one RotatingApiKey can hold at once: two slots plus the replacement created before the old key is destroyed. */
export const PEAK_KEYS_PER_ROTATING_API_KEY = 3;

export interface RotatingApiKeySecretProps {
  /** Secret name (AWS) or id (GCP), e.g. `temporal/payments-prod/charger/api-key`. */
  readonly secretName: string;
  /** Where the tokens are written: a token is never left anywhere else. */
  readonly target: SecretTarget;
  /** The only identity that may read the secret (the worker's IAM role / GCP service account). */
  readonly reader: SecretReader;
  /** AWS provider for the secret's region. @default the stack's default AWS provider */
  readonly awsProvider?: AwsProvider;
  /** Google provider for the project. @default the stack's default Google provider */
  readonly googleProvider?: GoogleProvider;
  /** Tags / labels on the secret. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface RotatingApiKeyProps {
  /** Id of the service account that owns the keys (e.g. `ServiceAccount.id`). */
  readonly serviceAccountId: string;
  /** Base display name; the slots are named `<displayName>-blue` and `<displayName>-green`. */
  readonly displayName: string;
  /**
   * Longest life of any key in days: each key's expiry_time is its creation time plus this.
   * @default 90
   */
  readonly rotationDays?: number;
  /**
   * Shortest time in days a new key is published next to the previous one before the previous one goes.
   * @default 7
   */
  readonly minOverlapDays?: number;
  /**
   * Longest gap in days between two `terraform apply` runs; rotation only happens when an apply runs.
   * @default 7
   */
  readonly applyCadenceDays?: number;
  /**
   * Environment whose profile caps rotationDays (production: 90).
   * @default "production"
   */
  readonly environment?: Environment;
  /**
   * Emergency revoke: disable both keys (nothing is deleted; set back to false to restore).
   * @default false
   */
  readonly disabled?: boolean;
  /** Description on the keys. @default "Managed by temporal-cloud-guardrails; rotates automatically" */
  readonly description?: string;
  /** Where the tokens go and who may read them. */
  readonly secret: RotatingApiKeySecretProps;
  /** temporalcloud provider. @default the stack's default temporalcloud provider */
  readonly provider?: TemporalcloudProvider;
  /** time provider. @default the stack's `time` provider (found by type; created once if the stack has none) */
  readonly timeProvider?: TimeProvider;
}

/** One blue/green slot: its clock, its expiry and its key. */
export interface ApiKeySlot {
  readonly clock: Rotating;
  readonly expiry: Offset;
  readonly key: Apikey;
}

/**
 * Two overlapping `temporalcloud_apikey`s for one service account that rotate without downtime.
 *
 * Blue and green each have a `time_rotating` clock (period rotationDays − applyCadenceDays); green's clock is
 * restarted once, `staggerDays` after the first deploy, so the slots are replaced alternately, half a cycle
 * apart. Each key's `expiry_time` is its clock time plus rotationDays (`time_offset`), so a key expires even if
 * the pipeline stops. A replaced key is created before the old one is destroyed, and the secret is rewritten
 * in the same apply with both tokens: `current` (the newer key, which workers use) and `previous` (still
 * valid for at least minOverlapDays, so workers that have not reloaded keep working).
 */
export class RotatingApiKey extends Construct {
  public readonly blue: ApiKeySlot;
  public readonly green: ApiKeySlot;
  /** The one-off offset after which green's clock restarts (staggering the slots). */
  public readonly stagger: Offset;
  /** The secret holding both tokens. */
  public readonly secret: WorkerSecret;
  /** The schedule in days (slot period, stagger, expiry). */
  public readonly schedule: RotationSchedule;
  public readonly disabled: boolean;

  constructor(scope: Construct, id: string, props: RotatingApiKeyProps) {
    super(scope, id);
    const environment = props.environment ?? "production";
    const settings = {
      rotationDays: props.rotationDays ?? DEFAULT_API_KEY_ROTATION_DAYS,
      minOverlapDays: props.minOverlapDays ?? DEFAULT_API_KEY_MIN_OVERLAP_DAYS,
      applyCadenceDays: props.applyCadenceDays ?? DEFAULT_APPLY_CADENCE_DAYS,
    };
    const tokenTiming = literalNumbers(props, ["rotationDays", "minOverlapDays", "applyCadenceDays"], "the rotation schedule is computed and checked at synth time");
    const problems: Problem[] = tokenTiming.length > 0 ? tokenTiming : [...checkRotationSettings(settings, PROFILES[environment].maxApiKeyRotationDays, environment)];
    throwIfUnbuildable(this, props.secret.target ? [] : [["secret.target", "is missing; API-key tokens must be written to a secrets manager: give { aws: { region } } or { gcp: { project } }"]]);
    if ("aws" in props.secret.target && !props.secret.reader.awsRoleArn) {
      problems.push(["secret.reader.awsRoleArn", "is required for an AWS Secrets Manager secret; give the IAM role ARN of the worker that reads it"]);
    } else if ("gcp" in props.secret.target && !props.secret.reader.gcpServiceAccountEmail) {
      problems.push(["secret.reader.gcpServiceAccountEmail", "is required for a GCP Secret Manager secret; give the service account email of the worker that reads it"]);
    }
    const keysOnOwner = registerKeys(this, props.serviceAccountId);
    if (keysOnOwner > MAX_API_KEYS_PER_SERVICE_ACCOUNT) {
      problems.push(["serviceAccountId", `would hold up to ${keysOnOwner} API keys (${PEAK_KEYS_PER_ROTATING_API_KEY} per RotatingApiKey during a rotation); Temporal Cloud allows at most ${MAX_API_KEYS_PER_SERVICE_ACCOUNT} per service account; give each consumer its own service account`]);
    }
    addProblems(this, problems);

    this.schedule = rotationSchedule(settings);
    this.disabled = props.disabled ?? false;
    const timeProvider = props.timeProvider ?? defaultTimeProvider(this);
    const description = props.description ?? "Managed by temporal-cloud-guardrails; rotates automatically";

    // Created once with the first deploy and never replaced: the moment green's clock restarts.
    this.stagger = new Offset(this, "stagger", { provider: timeProvider, offsetDays: this.schedule.staggerDays });

    const slot = (name: "blue" | "green", triggers?: Record<string, string>): ApiKeySlot => {
      const clock = new Rotating(this, `${name}-clock`, { provider: timeProvider, rotationDays: this.schedule.slotPeriodDays, triggers });
      const expiry = new Offset(this, `${name}-expiry`, {
        provider: timeProvider,
        baseRfc3339: clock.rfc3339,
        offsetDays: this.schedule.rotationDays,
        lifecycle: { createBeforeDestroy: true },
      });
      const key = new Apikey(this, `${name}-key`, {
        provider: props.provider,
        ownerType: "service-account",
        ownerId: props.serviceAccountId,
        displayName: tfString(`${props.displayName}-${name}`),
        description: tfString(description),
        // A changed expiry forces a new key; the new one exists before the old one is destroyed.
        expiryTime: expiry.rfc3339,
        disabled: this.disabled,
        lifecycle: { createBeforeDestroy: true },
      });
      return { clock, expiry, key };
    };
    this.blue = slot("blue");
    // plantimestamp() only decides which fixed string the trigger holds; it flips once, then stays.
    this.green = slot("green", {
      phase: conditional(Op.eq(Fn.timecmp(Fn.plantimestamp(), this.stagger.rfc3339), 1), "staggered", "initial") as unknown as string,
    });

    // The newer slot (later clock time; blue on a tie) is current.
    const greenIsNewer = Op.eq(Fn.timecmp(this.green.clock.rfc3339, this.blue.clock.rfc3339), 1);
    const pick = (g: string, b: string) => conditional(greenIsNewer, g, b);
    this.secret = new WorkerSecret(this, "secret", {
      secretName: props.secret.secretName,
      target: props.secret.target,
      reader: props.secret.reader,
      awsProvider: props.secret.awsProvider,
      googleProvider: props.secret.googleProvider,
      tags: props.secret.tags,
      description: `Temporal Cloud API keys of ${props.displayName} (current and previous)`,
      value: Fn.jsonencode({
        current: pick(this.green.key.token, this.blue.key.token),
        currentExpiresAt: pick(this.green.expiry.rfc3339, this.blue.expiry.rfc3339),
        previous: pick(this.blue.key.token, this.green.key.token),
        previousExpiresAt: pick(this.blue.expiry.rfc3339, this.green.expiry.rfc3339),
      }),
    });
  }

  /** Both keys (escape hatch). */
  public get keys(): readonly Apikey[] {
    return [this.blue.key, this.green.key];
  }
}

/** Counts peak keys per owner across a stack; returns the new total for `ownerId`. */
const keysByStack = new WeakMap<TerraformStack, Map<string, number>>();
function registerKeys(scope: Construct, ownerId: string): number {
  const stack = TerraformStack.of(scope);
  const counts = keysByStack.get(stack) ?? new Map<string, number>();
  keysByStack.set(stack, counts);
  const total = (counts.get(ownerId) ?? 0) + PEAK_KEYS_PER_ROTATING_API_KEY;
  counts.set(ownerId, total);
  return total;
}
