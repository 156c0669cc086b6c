import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { Fn, Op, Token } from "cdktf";
import { Namespace } from "../providers/temporalcloud/namespace";
import type { NamespaceSearchAttribute } from "../providers/temporalcloud/namespace-search-attribute";
import { NamespaceTags } from "../providers/temporalcloud/namespace-tags";
import { findRegion, unknownRegionMessage } from "../domain/regions";
import { Environment, PROFILES } from "../domain/environments";
import {
  checkCertificateFilters,
  checkCodecServer,
  checkNamespaceName,
  checkRetentionDays,
  checkTags,
  type CertificateFilterSpec,
  type CodecServerSpec,
  type Problem,
  type SearchAttributeType,
} from "../domain/namespace-rules";
import { addDeferredProblems, addProblems } from "./errors";
import { ExistingNamespace, namespaceIdProblem } from "./existing-namespace";
import { grant, grantProblems, SearchAttributeSet } from "./namespace-parts";
import type { INamespaceGrantee, ISecureNamespace, NamespacePermission, SearchAttributeOptions } from "./references";
import { forwardAppScopeAspects } from "./app-scope";
import { isToken, tfString, tfStringMap, tfStrings, tokenAt } from "./tokens";
import { NAMESPACE_NAME_PATTERN } from "../domain/namespace-rules";
import { TEMPORAL_MAX_RETENTION_DAYS, TEMPORAL_MIN_RETENTION_DAYS } from "../domain/limits";

export interface SecureNamespaceProps {
  /** Namespace name: 2–64 characters, lowercase letters, digits and hyphens. */
  readonly name: string;
  /**
   * Environment whose profile supplies the secure defaults below.
   * @default "production" (the strictest profile)
   */
  readonly environment?: Environment;
  /** Region codes (`aws-us-east-1`); two entries make a replicated (HA) namespace. */
  readonly regions: string[];
  /**
   * Days of closed workflow history kept (1–90).
   * @default the environment profile's default (14 in production, 30 elsewhere)
   */
  readonly retentionDays?: number;
  /**
   * Enable API-key authentication.
   * @default false
   */
  readonly apiKeyAuth?: boolean;
  /**
   * Base64 of the PEM bundle of accepted client CAs (mTLS). May be a token (e.g. from RotatingCa).
   * @default no mTLS
   */
  readonly acceptedClientCa?: string;
  /**
   * Client certificate filters; a certificate must match one filter.
   * @default no filters
   */
  readonly certificateFilters?: CertificateFilterSpec[];
  /**
   * Codec server the Web UI uses to decode payloads.
   * @default none
   */
  readonly codecServer?: CodecServerSpec;
  /**
   * Temporal Cloud delete protection.
   * @default true in staging and production, false in development
   */
  readonly deleteProtection?: boolean;
  /**
   * Terraform `lifecycle.prevent_destroy`.
   * @default true in production
   */
  readonly preventDestroy?: boolean;
  /**
   * Connectivity rule ids attached to the namespace (private endpoints, public rule).
   * @default none (public access)
   */
  readonly connectivityRuleIds?: string[];
  /**
   * Namespace tags (at most 10), managed by `temporalcloud_namespace_tags`.
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Custom search attributes by name.
   * @default none
   */
  readonly searchAttributes?: Readonly<Record<string, SearchAttributeType>>;
  /**
   * Names of `searchAttributes` the adopted namespace (`importId`) already has: each is imported
   * (`<importId>/<name>`) instead of created, since creating an existing attribute fails. Tags need no such
   * list: with `importId` the tags resource is always imported (`<importId>/tags`).
   * @default none
   */
  readonly importSearchAttributes?: string[];
  /**
   * Provider instance to use.
   * @default the stack's default temporalcloud provider
   */
  readonly provider?: TemporalcloudProvider;
  /**
   * Id (`<name>.<account id>`) of an existing namespace to adopt: a Terraform `import` block brings it under
   * management on the next apply, after which the plan changes it to match these props. Its tags are
   * imported with it; search attributes it already has are listed in `importSearchAttributes`.
   * @default none (a new namespace is created)
   */
  readonly importId?: string;
}

/**
 * A `temporalcloud_namespace` with secure defaults from its environment profile, validated before synth.
 */
export class SecureNamespace extends Construct implements ISecureNamespace {
  /**
   * A namespace that exists outside this app, by its id (`<name>.<account id>`, may be a token). It can be
   * passed wherever a namespace id is taken, gain search attributes and grant access; it is not changed otherwise.
   */
  public static fromNamespaceId(scope: Construct, id: string, namespaceId: string, provider?: TemporalcloudProvider): ISecureNamespace {
    return new ExistingNamespace(scope, id, { namespaceId, provider });
  }

  /** An existing namespace by its name and the account id (both may be tokens). */
  public static fromNamespaceName(scope: Construct, id: string, namespaceName: string, accountId: string, provider?: TemporalcloudProvider): ISecureNamespace {
    return new ExistingNamespace(scope, id, { namespaceId: `${namespaceName}.${accountId}`, namespaceName, provider });
  }

  /** The underlying namespace resource (escape hatch). */
  public readonly resource: Namespace;
  /** Search attribute resources by name. */
  public readonly searchAttributes: Readonly<Record<string, NamespaceSearchAttribute>>;
  /** The tags resource, when tags were given. */
  public readonly tagsResource?: NamespaceTags;
  public readonly namespaceName: string;
  public readonly environment: Environment;
  public readonly regions: string[];
  public readonly retentionDays: number;
  public readonly deleteProtection: boolean;
  public readonly preventDestroy: boolean;
  private readonly attributeSet: SearchAttributeSet;
  private readonly grants: Array<{ permission: NamespacePermission }> = [];

  constructor(scope: Construct, id: string, props: SecureNamespaceProps) {
    super(scope, id);
    // A CompliancePolicy added with Aspects.of(app) reaches this stack only through this forwarder.
    forwardAppScopeAspects(this);
    const environment = props.environment ?? Environment.PRODUCTION;
    const profile = PROFILES[environment];
    this.namespaceName = props.name;
    this.environment = environment;
    this.regions = [...props.regions];
    this.retentionDays = props.retentionDays ?? profile.retention.defaultDays;
    this.deleteProtection = props.deleteProtection ?? profile.deleteProtection;
    this.preventDestroy = props.preventDestroy ?? profile.preventDestroy;

    addProblems(this, validateProps(props, this.retentionDays));

    this.resource = new Namespace(this, "namespace", {
      provider: props.provider,
      name: tfString(props.name),
      regions: tfStrings(props.regions) as string[],
      retentionDays: this.retentionDays,
      apiKeyAuth: props.apiKeyAuth ?? false,
      acceptedClientCa: tfString(props.acceptedClientCa),
      certificateFilters: props.certificateFilters?.map((f) => ({
        commonName: tfString(f.commonName),
        organization: tfString(f.organization),
        organizationalUnit: tfString(f.organizationalUnit),
        subjectAlternativeName: tfString(f.subjectAlternativeName),
      })),
      codecServer: props.codecServer && {
        endpoint: tfString(props.codecServer.endpoint),
        passAccessToken: props.codecServer.passAccessToken ?? true,
        includeCrossOriginCredentials: props.codecServer.includeCrossOriginCredentials ?? false,
        customErrorMessage: tfString(props.codecServer.customErrorMessage),
        customErrorLink: tfString(props.codecServer.customErrorLink),
      },
      connectivityRuleIds: connectivityRuleIds(props.connectivityRuleIds),
      namespaceLifecycle: { enableDeleteProtection: this.deleteProtection },
      lifecycle: namespaceLifecycle(props.name, this.retentionDays, this.preventDestroy),
    });
    if (props.importId !== undefined) this.resource.importFrom(tfString(props.importId), props.provider);

    if (props.tags && Object.keys(props.tags).length > 0) {
      this.tagsResource = new NamespaceTags(this, "tags", { provider: props.provider, namespaceId: this.resource.id, tags: tfStringMap(props.tags) as Record<string, string> });
      // The provider's import id is `<namespace id>/tags`; an adopted namespace without tags imports as none.
      if (props.importId !== undefined) this.tagsResource.importFrom(`${tfString(props.importId)}/tags`, props.provider);
    }
    // The provider updates search attributes with the namespace's resource_version under a per-namespace
    // lock that its tags resource does not take: ordering them keeps a tags update from racing that read.
    this.attributeSet = new SearchAttributeSet(this, this.resource.id, props.provider, () => (this.tagsResource ? [this.tagsResource] : undefined), props.importId);
    // Without importId the list is a validation problem (validateProps); nothing is imported then.
    const adopted = new Set(props.importId === undefined ? [] : props.importSearchAttributes ?? []);
    for (const [name, type] of Object.entries(props.searchAttributes ?? {})) this.attributeSet.add(name, type, { importExisting: adopted.has(name) });
    this.searchAttributes = this.attributeSet.byName;
    addDeferredProblems(this, () => [...this.attributeSet.problems(), ...grantProblems(this.grants)]);
  }

  /** Adds a custom search attribute; checked with the others at synth. */
  public addSearchAttribute(name: string, type: SearchAttributeType, options?: SearchAttributeOptions): NamespaceSearchAttribute {
    return this.attributeSet.add(name, type, options);
  }

  /**
   * Gives `grantee` (e.g. `workers.serviceAccountOf("billing/reporter")`) `permission` on this namespace:
   * read or write, the only permissions granted across namespaces.
   */
  public grantAccess(grantee: INamespaceGrantee, permission: NamespacePermission): void {
    grant(this.grants, this.resource.id, grantee, permission);
  }

  /** The namespace id (`<name>.<account>`), known after apply. */
  public get namespaceId(): string {
    return this.resource.id;
  }

  /** gRPC address for mTLS clients. */
  public get mtlsGrpcAddress(): string {
    return this.resource.endpoints.mtlsGrpcAddress;
  }

  /** gRPC address for API-key clients. */
  public get grpcAddress(): string {
    return this.resource.endpoints.grpcAddress;
  }

  /** Temporal Cloud Web UI address of the namespace. */
  public get webAddress(): string {
    return this.resource.endpoints.webAddress;
  }
}

function connectivityRuleIds(ids: readonly string[] | undefined): string[] | undefined {
  if (ids === undefined || (!isToken(ids) && ids.length === 0)) return undefined;
  return tfStrings(ids);
}

/**
 * prevent_destroy from the profile, plus Terraform preconditions for the checks a token skips at synth
 * (the name pattern, the retention range), so a bad variable value stops the plan with the same rule.
 */
function namespaceLifecycle(name: string, retentionDays: number, preventDestroy: boolean) {
  const precondition = [];
  if (isToken(name)) {
    precondition.push({
      condition: Op.and(Fn.can(Fn.regex(NAMESPACE_NAME_PATTERN.source, name)), Op.and(Op.gte(Fn.lengthOf(name), 2), Op.lte(Fn.lengthOf(name), 64))),
      errorMessage: "The namespace name must be 2 to 64 characters: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.",
    });
  }
  if (isToken(retentionDays)) {
    precondition.push({
      condition: Op.and(Op.eq(Fn.floor(retentionDays), retentionDays), Op.and(Op.gte(retentionDays, TEMPORAL_MIN_RETENTION_DAYS), Op.lte(retentionDays, TEMPORAL_MAX_RETENTION_DAYS))),
      errorMessage: `The namespace retention must be a whole number of days from ${TEMPORAL_MIN_RETENTION_DAYS} to ${TEMPORAL_MAX_RETENTION_DAYS}.`,
    });
  }
  if (!preventDestroy && precondition.length === 0) return undefined;
  return { ...(preventDestroy ? { preventDestroy: true } : {}), ...(precondition.length > 0 ? { precondition } : {}) };
}

function validateProps(props: SecureNamespaceProps, retentionDays: number): Problem[] {
  // A token's value is Terraform's to know: its checks become preconditions (namespaceLifecycle).
  const problems: Problem[] = [
    ...(isToken(props.name) ? [] : checkNamespaceName(props.name)),
    ...(isToken(retentionDays) ? [] : checkRetentionDays(retentionDays)),
  ];
  if (!isToken(props.regions) && (props.regions.length < 1 || props.regions.length > 2)) {
    problems.push(["regions", `has ${props.regions.length} entries; give one region, or two for a replicated namespace`]);
  }
  if (!isToken(props.regions)) props.regions.forEach((code, i) => {
    if (!Token.isUnresolved(code) && !findRegion(code)) problems.push([`regions[${i}]`, unknownRegionMessage(code)]);
  });
  if (props.importId !== undefined) problems.push(...importIdProblems(props.importId, props.name));
  if (props.importSearchAttributes && props.importSearchAttributes.length > 0 && props.importId === undefined) {
    problems.push(["importSearchAttributes", "is set, but importId is not: only an adopted namespace has search attributes to import; set importId, or drop importSearchAttributes"]);
  }
  (props.importSearchAttributes ?? []).forEach((name, i) => {
    if (!isToken(name) && !Object.prototype.hasOwnProperty.call(props.searchAttributes ?? {}, name)) {
      problems.push([`importSearchAttributes[${i}]`, `${JSON.stringify(name)} is not in searchAttributes; list it there with its type as well (the import adopts it, the type must match)`]);
    }
  });
  if (!props.apiKeyAuth && props.acceptedClientCa === undefined) {
    problems.push(["auth", "no authentication method; set apiKeyAuth: true or acceptedClientCa"]);
  }
  if (props.acceptedClientCa !== undefined && !Token.isUnresolved(props.acceptedClientCa) && !isBase64(props.acceptedClientCa)) {
    problems.push(["acceptedClientCa", "is not base64; pass the base64 encoding of the PEM bundle (Fn.base64encode or Buffer.toString('base64'))"]);
  }
  if (props.certificateFilters) problems.push(...checkCertificateFilters(props.certificateFilters).filter(([path]) => !tokenAt(props, path)));
  if (props.certificateFilters?.length && props.acceptedClientCa === undefined) {
    // The provider sends filters only inside the mTLS spec, which it builds only with a CA: they would be
    // dropped and the apply fail with "Provider produced inconsistent result".
    problems.push(["certificateFilters", "need acceptedClientCa: certificate filters restrict mTLS client certificates; set acceptedClientCa or remove the filters"]);
  }
  if (props.codecServer) problems.push(...checkCodecServer(props.codecServer).filter(([path]) => !tokenAt(props, path)));
  if (props.tags) problems.push(...checkTags(props.tags).filter(([path]) => !tokenAt(props, path)));
  return problems;
}

function isBase64(value: string): boolean {
  return value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

/** An adopted namespace keeps its name: the id must be `<name>.<account id>` of this namespace's name. */
function importIdProblems(importId: string, name: string): Problem[] {
  if (isToken(importId)) return [];
  const problem = namespaceIdProblem(importId);
  if (problem) return [["importId", problem]];
  const idName = importId.slice(0, importId.indexOf("."));
  if (!isToken(name) && idName !== name) {
    return [["importId", `${JSON.stringify(importId)} is the namespace "${idName}", not "${name}"; a namespace cannot be renamed, so give the id of "${name}" (or set name to "${idName}")`]];
  }
  return [];
}
