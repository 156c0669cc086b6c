// Applies defaults and environment profiles and decides every derived fact once: auth kind, replica
// regions, rotation settings, secret names and tags, retention and keep-days, shared CAs, the
// connectivity plan. Checks, features and the summary read this Estate, never the config as written.
// Config types come from the generated plain types.ts (not the zod-inferred ones): they reach the
// published declarations.
import type {
  ValidatedEstateConfig, NamespaceConfig, CertificateFilterConfig, CodecServerConfig, SecretsManagerConfig, WorkerConfig,
  CertificateAuthorityConfig, MtlsAuthConfig, AwsEndpointConfig, GcpEndpointConfig, EncryptionConfig, ExportConfig,
  AuditLogConfig, MetricsConfig, AccessConfig, GroupAccessConfig, IncidentConfig, BackendConfig, SuppressionConfig,
} from "./types";
import { listOf } from "./sections/connectivity";
import { planConnectivity, type ConnectivityPlan } from "./connectivity-plan";
import { profileFor, type EnvironmentName, type EnvironmentProfile } from "../domain/environments";
import { checkReplicaPair, effectiveReplica, type HaModeName } from "../domain/replication";
import { ROTATING_CA_DEFAULTS, type CaKeyAlgorithmName, type RotationSettings as CaRotationSettings } from "../domain/ca-rotation";
import {
  DEFAULT_API_KEY_MIN_OVERLAP_DAYS, DEFAULT_API_KEY_ROTATION_DAYS, DEFAULT_APPLY_CADENCE_DAYS,
  type RotationSettings as ApiKeyRotationSettings,
} from "../domain/api-key-rotation";
import { clientCommonName } from "../domain/certificates";
import { secretPrefix } from "../domain/secrets";
import { awsKeyReplicaRegions } from "../domain/payload-keys";
import { DEFAULT_ESTATE_NAME, namespaceStack, planStacks, stackServing, withAccessStack, type StackPlan } from "./stack-plan";

export { DEFAULT_APPLY_CADENCE_DAYS } from "../domain/api-key-rotation";
export type { StackPlan, ResolvedStack, StackRole } from "./stack-plan";

/** How a namespace's clients authenticate. */
export type AuthKind = "apiKey" | "mtls" | "both" | "none";

/** A secret the estate writes: its name in the secrets manager and its tags / labels. */
export interface ResolvedSecret {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ResolvedWorker extends WorkerConfig {
  /** Index in the namespace's workers list. */
  readonly index: number;
  readonly auth: "apiKey" | "mtls";
  readonly permission: "read" | "write" | "admin";
  /** Stack of the worker's identity (service account, key, secret): its namespace's, or the access stack when it reaches namespaces of several. */
  readonly stack: string;
  /** API-key workers: their service account, key schedule and secret. */
  readonly apiKeyIdentity?: {
    readonly serviceAccountName: string;
    /** Namespace-scoped or account-level (workers[].scope, else account exactly when crossNamespaceAccess is given). */
    readonly scope: "namespace" | "account";
    /** Id of the existing service account to adopt (workers[].import). */
    readonly importServiceAccountId?: string;
    readonly rotation: ApiKeyRotationSettings;
    readonly secret: ResolvedSecret;
  };
  /** mTLS workers with a certificate issued from a generated CA: its common name and secret. */
  readonly clientCertificate?: {
    readonly commonName: string;
    readonly secret: ResolvedSecret;
  };
}

/** One `connectivity.aws` / `.gcp` entry with its config path. */
export interface EndpointEntry<T> {
  readonly entry: T;
  /** e.g. `namespaces[1].connectivity.aws[0]` (object form has no index). */
  readonly path: string;
}

export interface ResolvedConnectivity {
  /** True when the namespace has a connectivity section. */
  readonly configured: boolean;
  readonly aws: readonly EndpointEntry<AwsEndpointConfig>[];
  readonly gcp: readonly EndpointEntry<GcpEndpointConfig>[];
  readonly privateDns: boolean;
  readonly publicAccess: boolean;
  readonly publicAccessJustification?: string;
}

export interface ResolvedHa {
  readonly mode: HaModeName;
  /** The replica as written (same-region may leave it out). */
  readonly replica?: string;
  /** The replica the namespace gets; undefined when the config check reports the pair. */
  readonly effectiveReplica?: string;
}

/** A suppression from the config, with where it was written and the namespace it is limited to. */
export interface ResolvedSuppression extends SuppressionConfig {
  readonly origin: string;
  readonly namespace?: string;
}

export interface ResolvedNamespace {
  readonly index: number;
  readonly name: string;
  /** The stack holding the namespace and everything of its own. */
  readonly stack: string;
  /** `stack:` as written on the namespace. */
  readonly stackAsWritten?: string;
  readonly environment: EnvironmentName;
  readonly profile: EnvironmentProfile;
  /** Regions as configured (the primary). */
  readonly regions: readonly string[];
  readonly primaryRegion?: string;
  readonly ha?: ResolvedHa;
  /** The namespace's regions once HA is applied: [primary] or [primary, replica] (empty without a region). */
  readonly replicatedRegions: readonly string[];
  readonly critical: boolean;
  readonly retentionDays: number;
  /** Days records must be kept: the longer of export.keepDays and the environment's keepDays. */
  readonly keepDays?: number;
  /** Which setting keepDays came from, for messages. */
  readonly keepDaysSource?: string;
  readonly authKind: AuthKind;
  readonly apiKeyAuth: boolean;
  /** mTLS CA PEM file paths, resolved against the config file's folder. */
  readonly caPemFiles: readonly string[];
  /** The effective auth.mtls section (namespace's, else defaults'), if any. */
  readonly mtls?: MtlsAuthConfig;
  /** Config path where the effective auth.mtls was written. */
  readonly mtlsPath: string;
  readonly certificateFilters?: readonly CertificateFilterConfig[];
  readonly codecServer?: CodecServerConfig;
  readonly deleteProtection: boolean;
  readonly preventDestroy: boolean;
  readonly profileOverrideReason?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly searchAttributes: Readonly<Record<string, string>>;
  readonly secretsManager?: SecretsManagerConfig;
  readonly workers: readonly ResolvedWorker[];
  /** `import: true`: adopt the existing namespace instead of creating it. */
  readonly adopt: boolean;
  /** Id of the namespace to adopt: `<name>.<account.id>`; undefined without account.id (a config problem). */
  readonly importId?: string;
  /** Search attributes the adopted namespace already has (imported, not created). */
  readonly importSearchAttributes?: readonly string[];
  readonly connectivity: ResolvedConnectivity;
  readonly encryption?: EncryptionConfig;
  /**
   * AWS regions (names) where the AWS payload key needs a multi-Region replica: the namespace's other AWS
   * regions, so encrypted history stays readable after a failover. Empty for single-region and GCP keys.
   */
  readonly payloadKeyReplicaRegions: readonly string[];
  /** Identities the payload key is granted to: the workers' and the codec server's. */
  readonly payloadKeyGrantees: { readonly aws: readonly string[]; readonly gcp: readonly string[] };
  readonly export?: ExportConfig & { readonly sinkName: string };
  /** True when the incident switch disables this namespace's API keys. */
  readonly apiKeysRevoked: boolean;
  readonly suppressions: readonly ResolvedSuppression[];
}

/** A CA from certificateAuthorities and the namespaces that trust it. */
export interface ResolvedCa {
  readonly index: number;
  readonly name: string;
  readonly generated?: {
    readonly settings: CaRotationSettings;
    readonly organization?: string;
    readonly keyAlgorithm?: CaKeyAlgorithmName;
  };
  /** Own CA files, resolved against the config file's folder. */
  readonly pemFiles?: readonly string[];
  /** The files as written, for messages. */
  readonly pemFilesAsWritten?: readonly string[];
  readonly namespaces: readonly ResolvedNamespace[];
  /** Whether every namespace of the CA gets a `*.<namespace>` filter (several namespaces, filters on). */
  readonly namespaceFilters: boolean;
  /** Stack of the CA: its namespaces' stack, or the shared stack when they are in several. */
  readonly stack: string;
}

export interface ResolvedGroup extends GroupAccessConfig {
  /** Namespace permissions: the environment mapping, overridden per namespace. */
  readonly grants: readonly { readonly namespace: string; readonly permission: "read" | "write" | "admin" }[];
  /** Stack of the group: its namespaces' stack, or the access stack when they are in several. */
  readonly stack: string;
}

/** Stacks of the parts namespaces share (private endpoints by plan key, the public rule, HA DNS zones). */
export interface SharedPlacement {
  readonly awsEndpoints: ReadonlyMap<string, string>;
  readonly gcpEndpoints: ReadonlyMap<string, string>;
  readonly publicRule: string;
  readonly haDnsAws: string;
  readonly haDnsGcp: string;
}

export interface Estate {
  /** Stack name as configured. */
  readonly name?: string;
  /** The stacks of the estate and which namespace goes where (one stack unless the config splits). */
  readonly stacks: StackPlan;
  /** Stacks of the private endpoints, public rule and HA DNS zones. */
  readonly placement: SharedPlacement;
  readonly accountId?: string;
  readonly applyCadenceDays: number;
  readonly namespaces: readonly ResolvedNamespace[];
  /** certificateAuthorities in config order (all, including duplicates the checks report). */
  readonly certificateAuthorityList: readonly CertificateAuthorityConfig[];
  /** certificateAuthorities by name (first of a name), each with the namespaces that trust it. */
  readonly certificateAuthorities: ReadonlyMap<string, ResolvedCa>;
  readonly connectivity: ConnectivityPlan;
  readonly access?: { readonly customRoles: NonNullable<NonNullable<AccessConfig>["customRoles"]>; readonly groups: readonly ResolvedGroup[] };
  readonly incident?: IncidentConfig;
  readonly auditLog?: AuditLogConfig;
  readonly metrics?: MetricsConfig & { readonly caPemPaths: readonly string[] };
  readonly backend?: BackendConfig;
  /** The pipeline's own service account and rotating key (pipeline.deployIdentity). */
  readonly deployIdentity?: ResolvedDeployIdentity;
  /** Every suppression of the config, top level and per namespace. */
  readonly suppressions: readonly ResolvedSuppression[];
  /** Folder relative paths in the config are resolved against. */
  readonly baseDir: string;
}

/** The resolved configuration (the name the library used before the Estate). */
export type ResolvedConfig = Estate;

/** The pipeline's own identity: its service account, key schedule and secret. */
export interface ResolvedDeployIdentity {
  readonly serviceAccountName: string;
  readonly justification: string;
  readonly reader: { readonly awsRoleArn?: string; readonly gcpServiceAccountEmail?: string };
  readonly rotation: ApiKeyRotationSettings;
  readonly description?: string;
  readonly secretsManager?: SecretsManagerConfig;
  readonly secret: ResolvedSecret;
}

function resolveDeployIdentity(config: ValidatedEstateConfig, applyCadenceDays: number): ResolvedDeployIdentity | undefined {
  const deploy = config.pipeline?.deployIdentity;
  if (!deploy) return undefined;
  const secretsManager = deploy.secretsManager ?? config.defaults?.secretsManager;
  return {
    serviceAccountName: deploy.serviceAccountName ?? `${config.name ?? "temporal-cloud"}-deploy`,
    justification: deploy.justification,
    reader: deploy.reader,
    rotation: {
      rotationDays: deploy.apiKey?.rotationDays ?? DEFAULT_API_KEY_ROTATION_DAYS,
      minOverlapDays: deploy.apiKey?.minOverlapDays ?? DEFAULT_API_KEY_MIN_OVERLAP_DAYS,
      applyCadenceDays,
    },
    description: deploy.apiKey?.description,
    secretsManager,
    secret: { name: `${secretPrefix(secretsManager)}pipeline/deploy/api-key`, tags: { "managed-by": "temporal-cloud-guardrails", purpose: "deploy-pipeline" } },
  };
}

export function resolve(config: ValidatedEstateConfig, baseDir: string, resolvePath: (p: string) => string): Estate {
  // The first CA of a name counts; the checks report the duplicates.
  const firstCa = new Map<string, { ca: CertificateAuthorityConfig; index: number }>();
  (config.certificateAuthorities ?? []).forEach((ca, index) => {
    if (!firstCa.has(ca.name)) firstCa.set(ca.name, { ca, index });
  });
  const generatedCas = new Set([...firstCa.values()].filter(({ ca }) => ca.generated).map(({ ca }) => ca.name));
  const applyCadenceDays = config.defaults?.applyCadenceDays ?? DEFAULT_APPLY_CADENCE_DAYS;
  const base = config.name ?? DEFAULT_ESTATE_NAME;
  const basePlan = planStacks(base, config.stacks, config.namespaces);
  const accessStack = basePlan.access;
  const place = { plan: basePlan, access: accessStack };
  const namespaces = config.namespaces.map((ns, index) => resolveNamespace(config, ns, index, resolvePath, generatedCas, place));
  const cas = new Map<string, ResolvedCa>();
  for (const [name, { ca, index }] of firstCa) {
    const users = namespaces.filter((ns) => ns.mtls?.ca === name);
    cas.set(name, {
      index,
      name,
      generated: ca.generated && {
        settings: caRotationSettings(ca, applyCadenceDays),
        organization: ca.generated.organization,
        keyAlgorithm: ca.generated.keyAlgorithm,
      },
      pemFiles: ca.pemFiles?.map(resolvePath),
      pemFilesAsWritten: ca.pemFiles,
      namespaces: users,
      namespaceFilters: users.length > 1 && ca.namespaceFilters !== false,
      stack: stackServing(basePlan, users.map((ns) => ns.name), basePlan.shared),
    });
  }
  const access = config.access && {
    customRoles: config.access.customRoles ?? [],
    groups: (config.access.groups ?? []).map((g) => {
      const grants = groupGrants(namespaces, g);
      return { ...g, grants, stack: stackServing(basePlan, grants.map((grant) => grant.namespace), accessStack) };
    }),
  };
  const connectivity = planConnectivity(namespaces);
  const accessUsed = basePlan.split && (namespaces.some((ns) => ns.workers.some((w) => w.stack === accessStack)) || (access?.groups ?? []).some((g) => g.stack === accessStack));
  return {
    name: config.name,
    stacks: accessUsed ? withAccessStack(basePlan) : basePlan,
    placement: placeSharedParts(basePlan, connectivity, namespaces),
    accountId: config.account?.id,
    applyCadenceDays,
    namespaces,
    certificateAuthorityList: config.certificateAuthorities ?? [],
    certificateAuthorities: cas,
    connectivity,
    access,
    incident: config.incident,
    auditLog: config.auditLog,
    metrics: config.metrics && { ...config.metrics, caPemPaths: config.metrics.caPemFiles.map(resolvePath) },
    backend: config.backend,
    deployIdentity: resolveDeployIdentity(config, applyCadenceDays),
    suppressions: [
      ...(config.suppressions ?? []).map((s, i) => ({ ...s, origin: `config: suppressions[${i}]` })),
      ...namespaces.flatMap((ns) => ns.suppressions),
    ],
    baseDir,
  };
}

/**
 * Endpoints go where the namespaces they serve are (the shared stack when those are in several); the
 * endpoints behind an HA DNS zone and the zone itself share one stack, since the zone targets them.
 */
function placeSharedParts(plan: StackPlan, connectivity: ConnectivityPlan, namespaces: readonly ResolvedNamespace[]): SharedPlacement {
  const names = (uses: readonly { namespace: ResolvedNamespace }[]) => uses.map((u) => u.namespace.name);
  const isHaWithDns = (ns: ResolvedNamespace) => ns.replicatedRegions.length > 1 && ns.connectivity.privateDns;
  const placeCloud = (endpoints: readonly { key: string; uses: readonly { namespace: ResolvedNamespace }[] }[]) => {
    const stacks = new Map(endpoints.map((e) => [e.key, stackServing(plan, names(e.uses), plan.shared)]));
    const behindDns = endpoints.filter((e) => e.uses.some((u) => isHaWithDns(u.namespace)));
    const dnsStacks = new Set(behindDns.map((e) => stacks.get(e.key)));
    const dns = dnsStacks.size === 1 ? [...dnsStacks][0]! : plan.shared;
    if (dnsStacks.size > 1) for (const e of behindDns) stacks.set(e.key, plan.shared);
    return { stacks, dns };
  };
  const aws = placeCloud(connectivity.aws);
  const gcp = placeCloud(connectivity.gcp);
  // The account has one public rule; every namespace that asks shares it.
  const publicUsers = namespaces.filter((ns) => ns.connectivity.publicAccess).map((ns) => ns.name);
  return {
    awsEndpoints: aws.stacks,
    gcpEndpoints: gcp.stacks,
    publicRule: stackServing(plan, publicUsers, plan.shared),
    haDnsAws: aws.dns,
    haDnsGcp: gcp.dns,
  };
}

/** @deprecated the former name of `resolve`. */
export const resolveConfig = resolve;

function resolveNamespace(
  config: ValidatedEstateConfig,
  ns: NamespaceConfig,
  index: number,
  resolvePath: (p: string) => string,
  generatedCas: ReadonlySet<string>,
  place: { readonly plan: StackPlan; readonly access: string },
): ResolvedNamespace {
  // A repeated name (a config problem) keeps the stack it asks for, so the message can name both.
  const stack = place.plan.split ? namespaceStack(config.name ?? DEFAULT_ESTATE_NAME, config.stacks, ns) : place.plan.shared;
  const defaults = config.defaults ?? {};
  const profile = profileFor(ns.environment, config.environments?.[ns.environment]);
  const auth = ns.auth ?? defaults.auth ?? {};
  const apiKeyAuth = auth.apiKey ?? false;
  const mtls = auth.mtls !== undefined;
  const authKind: AuthKind = apiKeyAuth ? (mtls ? "both" : "apiKey") : mtls ? "mtls" : "none";
  const onlyAuth: "apiKey" | "mtls" = authKind === "mtls" ? "mtls" : "apiKey";
  const regions = ns.regions ?? defaults.regions ?? [];
  const primaryRegion = regions[0];
  const ha = ns.ha && primaryRegion !== undefined
    ? { mode: ns.ha.mode, replica: ns.ha.replica, effectiveReplica: validReplica(primaryRegion, ns.ha.mode, ns.ha.replica) }
    : ns.ha && { mode: ns.ha.mode, replica: ns.ha.replica };
  const secretsManager = ns.secretsManager ?? defaults.secretsManager;
  const prefix = secretPrefix(secretsManager);
  const applyCadenceDays = defaults.applyCadenceDays ?? DEFAULT_APPLY_CADENCE_DAYS;
  const retentionDays = ns.retentionDays ?? profile.retention.defaultDays;
  const keep = [ns.export?.keepDays, profile.retention.keepDays].filter((v): v is number => v !== undefined);
  const keepDays = keep.length > 0 ? Math.max(...keep) : undefined;
  const issuesCertificates = auth.mtls?.ca !== undefined && generatedCas.has(auth.mtls.ca);
  const workers = (ns.workers ?? []).map((w, i): ResolvedWorker => {
    const workerAuth = w.auth ?? onlyAuth;
    return {
      ...w,
      index: i,
      auth: workerAuth,
      permission: w.permission ?? "write",
      // Only an API-key worker has an identity of its own outside the namespace (its service account).
      stack: workerAuth === "apiKey" ? stackServing(place.plan, [ns.name, ...(w.crossNamespaceAccess ?? []).map((c) => c.namespace)], place.access) : stack,
      apiKeyIdentity: workerAuth !== "apiKey" ? undefined : {
        serviceAccountName: w.serviceAccountName ?? `${ns.name}-${w.name}`,
        scope: w.scope ?? (w.crossNamespaceAccess ? "account" : "namespace"),
        importServiceAccountId: w.import?.serviceAccountId,
        rotation: {
          rotationDays: w.apiKey?.rotationDays ?? DEFAULT_API_KEY_ROTATION_DAYS,
          minOverlapDays: w.apiKey?.minOverlapDays ?? DEFAULT_API_KEY_MIN_OVERLAP_DAYS,
          applyCadenceDays,
        },
        secret: {
          name: `${prefix}${ns.name}/${w.name}/api-key`,
          tags: { "managed-by": "temporal-cloud-guardrails", namespace: ns.name, worker: w.name },
        },
      },
      // A generated CA issues a certificate to every mTLS worker that does not opt out.
      clientCertificate: workerAuth !== "mtls" || !issuesCertificates || w.certificate?.issue === false ? undefined : {
        commonName: clientCommonName(ns.name, w.name),
        secret: { name: `${prefix}${ns.name}/${w.name}/mtls`, tags: { "temporal-namespace": ns.name, "temporal-worker": w.name } },
      },
    };
  });
  const codecIdentity = ns.encryption?.codecServerIdentity;
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => v !== undefined))];
  const revoke = config.incident?.revokeApiKeys;
  const replicatedRegions = primaryRegion === undefined ? [] : ha?.effectiveReplica ? [primaryRegion, ha.effectiveReplica] : [primaryRegion];
  return {
    index,
    name: ns.name,
    stack,
    stackAsWritten: ns.stack,
    environment: ns.environment,
    profile,
    regions,
    primaryRegion,
    ha,
    replicatedRegions,
    critical: ns.critical ?? false,
    retentionDays,
    keepDays,
    keepDaysSource: keepDays === undefined ? undefined
      : ns.export?.keepDays === keepDays ? "keepDays" : `environments.${ns.environment}.retention.keepDays`,
    authKind,
    apiKeyAuth,
    caPemFiles: (auth.mtls?.caPemFiles ?? []).map(resolvePath),
    mtls: auth.mtls,
    mtlsPath: ns.auth?.mtls !== undefined ? `namespaces[${index}].auth.mtls` : "defaults.auth.mtls",
    certificateFilters: ns.certificateFilters,
    codecServer: ns.codecServer,
    deleteProtection: ns.deleteProtection ?? profile.deleteProtection,
    preventDestroy: ns.preventDestroy ?? profile.preventDestroy,
    profileOverrideReason: ns.profileOverrideReason,
    tags: ns.tags ?? {},
    searchAttributes: ns.searchAttributes ?? {},
    secretsManager,
    workers,
    adopt: ns.import ?? false,
    importId: ns.import && config.account?.id ? `${ns.name}.${config.account.id}` : undefined,
    importSearchAttributes: ns.importSearchAttributes,
    connectivity: resolveConnectivity(ns, index),
    encryption: ns.encryption,
    payloadKeyReplicaRegions: ns.encryption?.aws ? awsKeyReplicaRegions(ns.encryption.aws.region, replicatedRegions) : [],
    payloadKeyGrantees: {
      aws: unique([...workers.map((w) => w.identity?.awsRoleArn), codecIdentity?.awsRoleArn]),
      gcp: unique([...workers.map((w) => w.identity?.gcpServiceAccountEmail), codecIdentity?.gcpServiceAccountEmail]),
    },
    export: ns.export && { ...ns.export, sinkName: ns.export.sinkName ?? `${ns.name}-export` },
    apiKeysRevoked: revoke === true || (Array.isArray(revoke) && revoke.includes(ns.name)),
    suppressions: (ns.suppressions ?? []).map((s, j) => ({ ...s, origin: `config: namespaces[${index}].suppressions[${j}]`, namespace: ns.name })),
  };
}

/** The replica a valid HA pair gives; an invalid pair is reported by the HA checks, and other checks then see the primary only. */
function validReplica(primary: string, mode: HaModeName, replica: string | undefined): string | undefined {
  return checkReplicaPair(primary, mode, replica).length > 0 ? undefined : effectiveReplica(primary, mode, replica);
}

function resolveConnectivity(ns: NamespaceConfig, index: number): ResolvedConnectivity {
  const c = ns.connectivity;
  const entries = <T>(raw: T | readonly T[] | undefined, cloud: "aws" | "gcp"): EndpointEntry<T>[] => {
    const base = `namespaces[${index}].connectivity.${cloud}`;
    return listOf(raw).map((entry, i) => ({ entry, path: Array.isArray(raw) ? `${base}[${i}]` : base }));
  };
  return {
    configured: c !== undefined,
    aws: entries<AwsEndpointConfig>(c?.aws, "aws"),
    gcp: entries<GcpEndpointConfig>(c?.gcp, "gcp"),
    privateDns: c?.privateDns ?? true,
    publicAccess: c?.publicAccess === true,
    publicAccessJustification: c?.publicAccessJustification,
  };
}

function caRotationSettings(ca: CertificateAuthorityConfig, applyCadenceDays: number): CaRotationSettings {
  const g = ca.generated ?? {};
  return {
    validityDays: g.validityDays ?? ROTATING_CA_DEFAULTS.validityDays,
    rotateEveryDays: g.rotateEveryDays ?? ROTATING_CA_DEFAULTS.rotateEveryDays,
    applyCadenceDays,
    clientValidityDays: g.clientValidityDays ?? ROTATING_CA_DEFAULTS.clientValidityDays,
  };
}

function groupGrants(namespaces: readonly Pick<ResolvedNamespace, "name" | "environment">[], group: GroupAccessConfig): ResolvedGroup["grants"] {
  const out: { namespace: string; permission: "read" | "write" | "admin" }[] = [];
  for (const ns of namespaces) {
    const permission = group.namespaces?.[ns.name] ?? group.environments?.[ns.environment];
    if (permission) out.push({ namespace: ns.name, permission });
  }
  return out;
}
