// Environment profiles: the secure defaults each environment gets unless the config says otherwise.
import { TEMPORAL_MAX_API_KEY_DAYS } from "./limits";

/** A namespace's environment: its profile decides the secure defaults (construct props take this enum). */
export enum Environment {
  DEVELOPMENT = "development",
  STAGING = "staging",
  PRODUCTION = "production",
}
/** An environment as the config (YAML/JSON) writes it: the enum's values. */
export type EnvironmentName = `${Environment}`;
export const ENVIRONMENTS = ["development", "staging", "production"] as const satisfies readonly EnvironmentName[];

/** The enum member of a config value (the members' values are the names). */
export const environmentOf = (name: EnvironmentName): Environment => name as Environment;

/** Retention bounds an environment allows (Temporal Cloud itself allows 1–90 days). */
export interface RetentionPolicy {
  readonly defaultDays: number;
  readonly minDays: number;
  readonly maxDays: number;
  /** Days records must be kept (by export when longer than retention). @default none */
  readonly keepDays?: number;
}

export interface EnvironmentProfile {
  readonly deleteProtection: boolean;
  readonly preventDestroy: boolean;
  readonly retention: RetentionPolicy;
  /** Production namespaces accept only private connectivity unless public access is justified. */
  readonly privateOnly: boolean;
  /** Longest API-key rotation period allowed, in days. */
  readonly maxApiKeyRotationDays: number;
  /** Weakening a secure default (delete protection, prevent_destroy) needs a written reason. */
  readonly overridesNeedReason: boolean;
  /** An accepted client CA must stay valid at least this many days ahead; inside it, the next CA is due now. */
  readonly caExpiryHorizonDays: number;
  /** Longest validity of a client certificate, in days (Temporal Cloud checks no CRLs, so short lives revoke). */
  readonly maxClientCertificateDays: number;
}

export const PROFILES: Readonly<Record<EnvironmentName, EnvironmentProfile>> = {
  development: {
    deleteProtection: false,
    preventDestroy: false,
    retention: { defaultDays: 30, minDays: 1, maxDays: 90 },
    privateOnly: false,
    maxApiKeyRotationDays: TEMPORAL_MAX_API_KEY_DAYS,
    overridesNeedReason: false,
    caExpiryHorizonDays: 30,
    maxClientCertificateDays: 90,
  },
  staging: {
    deleteProtection: true,
    preventDestroy: false,
    retention: { defaultDays: 30, minDays: 1, maxDays: 90 },
    privateOnly: false,
    maxApiKeyRotationDays: 180,
    overridesNeedReason: false,
    caExpiryHorizonDays: 30,
    maxClientCertificateDays: 90,
  },
  production: {
    deleteProtection: true,
    preventDestroy: true,
    // Shorter by default: less sensitive history held in the cloud at any time.
    retention: { defaultDays: 14, minDays: 7, maxDays: 90 },
    privateOnly: true,
    maxApiKeyRotationDays: 90,
    overridesNeedReason: true,
    caExpiryHorizonDays: 30,
    maxClientCertificateDays: 90,
  },
};

/** The profile for `environment`, with per-environment retention overrides from the config applied. */
export function profileFor(
  environment: EnvironmentName,
  overrides?: { retention?: Partial<RetentionPolicy> },
): EnvironmentProfile {
  const base = PROFILES[environment];
  if (!overrides?.retention) return base;
  return { ...base, retention: { ...base.retention, ...overrides.retention } };
}
