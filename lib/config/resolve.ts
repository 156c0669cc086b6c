// Applies defaults and environment profiles, giving the stack one fully decided view of each namespace.
import type { EstateConfig } from "./schema";
import type { NamespaceConfig, CertificateFilterConfig, CodecServerConfig } from "./sections/namespace";
import type { SecretsManagerConfig } from "./sections/secrets";
import type { WorkerConfig } from "./sections/workers";
import type { MtlsAuthConfig } from "./sections/mtls";
import { profileFor, type Environment, type EnvironmentProfile } from "../domain/environments";

export { DEFAULT_APPLY_CADENCE_DAYS } from "../domain/api-key-rotation";
import { DEFAULT_APPLY_CADENCE_DAYS } from "../domain/api-key-rotation";

export interface ResolvedWorker extends WorkerConfig {
  readonly auth: "apiKey" | "mtls";
  readonly permission: "read" | "write" | "admin";
}

export interface ResolvedNamespace {
  readonly index: number;
  readonly name: string;
  readonly environment: Environment;
  readonly profile: EnvironmentProfile;
  readonly regions: readonly string[];
  readonly critical: boolean;
  readonly retentionDays: number;
  readonly apiKeyAuth: boolean;
  /** mTLS CA PEM file paths, resolved against the config file's folder. */
  readonly caPemFiles: readonly string[];
  /** The effective auth.mtls section (namespace's, else defaults'), if any. */
  readonly mtls?: MtlsAuthConfig;
  readonly certificateFilters?: readonly CertificateFilterConfig[];
  readonly codecServer?: CodecServerConfig;
  readonly deleteProtection: boolean;
  readonly preventDestroy: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly searchAttributes: Readonly<Record<string, string>>;
  readonly secretsManager?: SecretsManagerConfig;
  readonly workers: readonly ResolvedWorker[];
  /** The namespace as written, for sections that read their own settings. */
  readonly spec: NamespaceConfig;
}

export interface ResolvedConfig {
  readonly accountId?: string;
  readonly applyCadenceDays: number;
  readonly namespaces: readonly ResolvedNamespace[];
  /** Folder relative paths in the config are resolved against. */
  readonly baseDir: string;
  /** The configuration as written (validated). */
  readonly spec: EstateConfig;
}

export function resolveConfig(config: EstateConfig, baseDir: string, resolvePath: (p: string) => string): ResolvedConfig {
  const defaults = config.defaults ?? {};
  const namespaces = config.namespaces.map((ns, index): ResolvedNamespace => {
    const profile = profileFor(ns.environment, config.environments?.[ns.environment]);
    const auth = ns.auth ?? defaults.auth ?? {};
    const apiKeyAuth = auth.apiKey ?? false;
    const caPemFiles = (auth.mtls?.caPemFiles ?? []).map(resolvePath);
    const onlyAuth: "apiKey" | "mtls" = auth.mtls !== undefined && !apiKeyAuth ? "mtls" : "apiKey";
    return {
      index,
      name: ns.name,
      environment: ns.environment,
      profile,
      regions: ns.regions ?? defaults.regions ?? [],
      critical: ns.critical ?? false,
      retentionDays: ns.retentionDays ?? profile.retention.defaultDays,
      apiKeyAuth,
      caPemFiles,
      mtls: auth.mtls,
      certificateFilters: ns.certificateFilters,
      codecServer: ns.codecServer,
      deleteProtection: ns.deleteProtection ?? profile.deleteProtection,
      preventDestroy: ns.preventDestroy ?? profile.preventDestroy,
      tags: ns.tags ?? {},
      searchAttributes: ns.searchAttributes ?? {},
      secretsManager: ns.secretsManager ?? defaults.secretsManager,
      workers: (ns.workers ?? []).map((w) => ({ ...w, auth: w.auth ?? onlyAuth, permission: w.permission ?? "write" })),
      spec: ns,
    };
  });
  return {
    accountId: config.account?.id,
    applyCadenceDays: defaults.applyCadenceDays ?? DEFAULT_APPLY_CADENCE_DAYS,
    namespaces,
    baseDir,
    spec: config,
  };
}
