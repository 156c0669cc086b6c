import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { TerraformLocal, TerraformStack } from "cdktf";
import type { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { Offset } from "@cdktf/provider-time/lib/offset";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { Apikey } from "../providers/temporalcloud/apikey";
import { Environment, PROFILES } from "../domain/environments";
import {
  checkRotationSettings, rotationPhaseHours, rotationSchedule, type RotationSchedule, type RotationSettings, ROTATION_EPOCH_UNIX,
  DEFAULT_API_KEY_MIN_OVERLAP_DAYS, DEFAULT_API_KEY_ROTATION_DAYS, DEFAULT_APPLY_CADENCE_DAYS,
} from "../domain/api-key-rotation";
import type { SecretTarget } from "../domain/secrets";
import type { Problem } from "../domain/problem";
import { WorkerSecret, type SecretReader } from "./worker-secret";
import { addProblems, throwIfUnbuildable } from "./errors";
import { literalNumbers, tfString } from "./tokens";
import { generationExpression } from "./rotation-clock";
import { attributeOf, interpolate, localOf, stringLiteral } from "./expressions";
import { defaultTimeProvider } from "./default-providers";

/** Temporal Cloud allows at most 20 non-expired API keys per service account. */
export const MAX_API_KEYS_PER_SERVICE_ACCOUNT = 20;
/**
 * Unexpired keys one RotatingApiKey holds at any moment: its two slots. A slot is replaced only after its key
 * expired, so the key created before the old one is destroyed never raises the count (the replay proves it).
 */
export const PEAK_KEYS_PER_ROTATING_API_KEY = 2;

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
   * Longest life of any key in days: a key expires at most this long after it is created; a new key is
   * published every rotationDays / 2.
   * @default 90
   */
  readonly rotationDays?: number;
  /**
   * Shortest time in days a new key is published next to the previous one while the previous one is still
   * valid, for every apply schedule within the tolerance (2 × applyCadenceDays); checked against
   * rotationDays / 2 − 2 × applyCadenceDays, the overlap the schedule guarantees.
   * @default 7
   */
  readonly minOverlapDays?: number;
  /**
   * Longest gap in days between two successful `terraform apply` runs; rotation only happens when an apply
   * runs. Schedules with gaps up to twice this (one missed run) are proven to keep a valid key.
   * @default 7
   */
  readonly applyCadenceDays?: number;
  /**
   * Hours into the generation grid at which this construct's generations start.
   * @default a stable hash of the construct path, so an estate's keys do not all rotate in one apply
   */
  readonly phaseHours?: number;
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

/** One blue/green slot: the generation it holds, its expiry and its key. */
export interface ApiKeySlot {
  /** RFC 3339 start of the generation the slot holds (a plan-time expression). */
  readonly generationStart: string;
  /** time_offset: generation start + rotationDays, the key's expiry_time. */
  readonly expiry: Offset;
  readonly key: Apikey;
}

/**
 * Two overlapping `temporalcloud_apikey`s for one service account that rotate without downtime, whenever
 * and however irregularly `terraform apply` runs.
 *
 * Rotation follows a fixed grid of generations (a new one every rotationDays / 2, from a per-construct phase):
 * at plan time, blue must hold the newest even generation and green the newest odd one. A key of generation g
 * expires when its slot is next due (rotationDays after the generation start), so an apply only ever replaces
 * a slot whose key has already expired, the two slots are never due in the same apply unless both keys have
 * already expired, and nothing depends on what earlier applies did (a forced replacement or a skipped run
 * changes nothing later). The secret holds `current` (the newest generation, which workers use) and
 * `previous`; it is rewritten in the apply that creates a key, before the replaced key is destroyed.
 */
export class RotatingApiKey extends Construct {
  public readonly blue: ApiKeySlot;
  public readonly green: ApiKeySlot;
  /** The local holding the current generation number, computed from the stack's rotation clock (`rotation-clock.ts`). */
  public readonly generation: TerraformLocal;
  /** The secret holding both tokens. */
  public readonly secret: WorkerSecret;
  /** The schedule (generation length, tolerance, guaranteed overlap). */
  public readonly schedule: RotationSchedule;
  /** Hours into the generation grid at which this construct's generations start. */
  public readonly phaseHours: number;
  public readonly disabled: boolean;

  constructor(scope: Construct, id: string, props: RotatingApiKeyProps) {
    super(scope, id);
    const environment = props.environment ?? Environment.PRODUCTION;
    const settings = {
      rotationDays: props.rotationDays ?? DEFAULT_API_KEY_ROTATION_DAYS,
      minOverlapDays: props.minOverlapDays ?? DEFAULT_API_KEY_MIN_OVERLAP_DAYS,
      applyCadenceDays: props.applyCadenceDays ?? DEFAULT_APPLY_CADENCE_DAYS,
    };
    addProblems(this, this.problems(props, settings, environment));

    this.schedule = rotationSchedule(settings);
    this.disabled = props.disabled ?? false;
    const timeProvider = props.timeProvider ?? defaultTimeProvider(this);
    const period = this.schedule.generationHours;
    this.phaseHours = (props.phaseHours ?? rotationPhaseHours(this.node.path, period)) % period;
    const epochUnix = ROTATION_EPOCH_UNIX + this.phaseHours * 3600;

    // The generation is decided by the clock alone (the plan's timestamp unless var.rotation_clock is set).
    this.generation = new TerraformLocal(this, "generation", generationExpression(this, epochUnix, period));
    // The expressions are written as text (lib/constructs/expressions.ts): thousands of keys per estate.
    const g = localOf(this.generation);
    const parity = `(${g} % 2)`;
    const epoch = new Date(epochUnix * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    // Blue holds the newest even generation (g − g % 2), green the newest odd one (g − 1 + g % 2).
    this.blue = this.slot(props, "blue", `(${g} - ${parity})`, epoch, timeProvider);
    this.green = this.slot(props, "green", `((${g} - 1) + ${parity})`, epoch, timeProvider);
    this.secret = this.publish(props, `(${parity} == 1)`);
  }

  /** Every problem with the props, reported together (a missing secret target stops construction). */
  private problems(props: RotatingApiKeyProps, settings: RotationSettings, environment: Environment): Problem[] {
    const tokenTiming = literalNumbers(props, ["rotationDays", "minOverlapDays", "applyCadenceDays", "phaseHours"], "the rotation schedule is computed and checked at synth time");
    const problems: Problem[] = tokenTiming.length > 0 ? tokenTiming : [...checkRotationSettings(settings, PROFILES[environment].maxApiKeyRotationDays, environment)];
    throwIfUnbuildable(this, props.secret.target ? [] : [["secret.target", "is missing; API-key tokens must be written to a secrets manager: give { aws: { region } } or { gcp: { project } }"]]);
    if ("aws" in props.secret.target && !props.secret.reader.awsRoleArn) {
      problems.push(["secret.reader.awsRoleArn", "is required for an AWS Secrets Manager secret; give the IAM role ARN of the worker that reads it"]);
    } else if ("gcp" in props.secret.target && !props.secret.reader.gcpServiceAccountEmail) {
      problems.push(["secret.reader.gcpServiceAccountEmail", "is required for a GCP Secret Manager secret; give the service account email of the worker that reads it"]);
    }
    if (tokenTiming.length === 0 && props.phaseHours !== undefined && (!Number.isInteger(props.phaseHours) || props.phaseHours < 0)) {
      problems.push(["phaseHours", `${props.phaseHours} is not a whole number of hours ≥ 0`]);
    }
    const keysOnOwner = registerKeys(this, props.serviceAccountId);
    if (keysOnOwner > MAX_API_KEYS_PER_SERVICE_ACCOUNT) {
      problems.push(["serviceAccountId", `would hold up to ${keysOnOwner} unexpired API keys (${PEAK_KEYS_PER_ROTATING_API_KEY} per RotatingApiKey at any moment, a rotation included); Temporal Cloud allows at most ${MAX_API_KEYS_PER_SERVICE_ACCOUNT} per service account; give each consumer its own service account`]);
    }
    return problems;
  }

  /** One slot: the key of `generation`, expiring rotationDays after that generation starts. */
  private slot(props: RotatingApiKeyProps, name: "blue" | "green", generation: string, epoch: string, timeProvider: TimeProvider): ApiKeySlot {
    const period = this.schedule.generationHours;
    const generationStart = interpolate(`timeadd(${stringLiteral(epoch)}, format("%dh", (${generation} * ${period})))`);
    // A changed base is an in-place update whose rfc3339 is unknown at plan, so the key is replaced.
    const expiry = new Offset(this, `${name}-expiry`, { provider: timeProvider, baseRfc3339: generationStart, offsetDays: this.schedule.rotationDays });
    const key = new Apikey(this, `${name}-key`, {
      provider: props.provider,
      ownerType: "service-account",
      ownerId: tfString(props.serviceAccountId),
      displayName: tfString(`${props.displayName}-${name}`),
      description: tfString(props.description ?? "Managed by temporal-cloud-guardrails; rotates automatically"),
      expiryTime: expiry.rfc3339,
      disabled: this.disabled,
      // The new key exists and is published before the expired one it replaces is destroyed.
      lifecycle: { createBeforeDestroy: true },
    });
    return { generationStart, expiry, key };
  }

  /** The secret: `current` is the slot of the current generation's parity (no timestamp comparison, no tie). */
  private publish(props: RotatingApiKeyProps, greenIsCurrent: string): WorkerSecret {
    const pick = (blue: string, green: string) => `${greenIsCurrent} ? ${green} : ${blue}`;
    const token = (s: ApiKeySlot) => attributeOf(s.key, "token");
    const expiresAt = (s: ApiKeySlot) => attributeOf(s.expiry, "rfc3339");
    const payload = [
      ["current", pick(token(this.blue), token(this.green))],
      ["currentExpiresAt", pick(expiresAt(this.blue), expiresAt(this.green))],
      ["previous", pick(token(this.green), token(this.blue))],
      ["previousExpiresAt", pick(expiresAt(this.green), expiresAt(this.blue))],
    ];
    return new WorkerSecret(this, "secret", {
      secretName: props.secret.secretName,
      target: props.secret.target,
      reader: props.secret.reader,
      awsProvider: props.secret.awsProvider,
      googleProvider: props.secret.googleProvider,
      tags: props.secret.tags,
      description: `Temporal Cloud API keys of ${props.displayName} (current and previous)`,
      value: interpolate(`jsonencode({${payload.map(([k, v]) => `${stringLiteral(k)} = ${v}`).join(", ")}})`),
      // A new key's token is unknown until apply: its replacement must replace the secret version in the plan.
      valueSources: [this.blue.key, this.green.key],
    });
  }

  /** Both keys (escape hatch). */
  public get keys(): Apikey[] {
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
