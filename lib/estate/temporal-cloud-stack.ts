import { Construct } from "constructs";
import { Annotations, TerraformOutput, TerraformStack } from "cdktf";
import { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import type { ResolvedNamespace, StackRole } from "../config/resolve";
import { resolvedConfigOf, type EstateConfig } from "../config/estate-config";
import type { SearchAttributeType } from "../domain/namespace-rules";
import { DEFAULT_NAMESPACES_PER_ACCOUNT } from "../domain/limits";
import { environmentOf } from "../domain/environments";
import { SecureNamespace } from "../constructs/secure-namespace";
import { AssemblyContext, EstatePart, type EstatePolicyOptions, type IFeature } from "./assembly-context";
import { FEATURES } from "./features";

/** Terraform versions the synthesized stacks need (plantimestamp, terraform_data). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5.0";

export interface TemporalCloudStackProps {
  /** The configuration: `EstateConfig.fromFile(path)`, `EstateConfig.fromObject(document)` (TypeScript also `estateConfig(input)`). */
  readonly config: EstateConfig;
  /** How the compliance policy runs. @default fail synth on error findings, clock = now */
  readonly policy?: EstatePolicyOptions;
  /**
   * Your own features, run after the built-in ones in each phase (the compliance rules still see
   * everything they add, since they run on the synthesized JSON).
   * @default none
   */
  readonly features?: IFeature[];
}

/** What a stack of an estate holds. */
export enum EstateStackRole {
  /** The one stack of an unsplit estate. */
  ESTATE = "estate",
  /** Account-wide parts and what namespaces of several stacks share (split estate). */
  SHARED = "shared",
  /** Namespaces and everything of their own (split estate). */
  NAMESPACES = "namespaces",
  /** Service accounts and groups with access to namespaces of several stacks (split estate). */
  ACCESS = "access",
}

const ROLES: Record<StackRole, EstateStackRole> = {
  estate: EstateStackRole.ESTATE,
  shared: EstateStackRole.SHARED,
  namespaces: EstateStackRole.NAMESPACES,
  access: EstateStackRole.ACCESS,
};

export interface EstateStackProps {
  /** What the stack holds. @default EstateStackRole.ESTATE */
  readonly role?: EstateStackRole;
  /** Temporal Cloud account the stack's provider is pinned to (`allowed_account_id`). @default any account */
  readonly accountId?: string;
}

/** One stack of an estate: its Temporal Cloud provider, and the namespaces built into it. */
export class EstateStack extends TerraformStack {
  public readonly temporalProvider: TemporalcloudProvider;
  /** What the stack holds. */
  public readonly role: EstateStackRole;
  /** Namespace constructs of this stack by namespace name (filled while the estate is assembled). */
  public readonly namespaces: { [name: string]: SecureNamespace } = {};

  constructor(scope: Construct, id: string, props: EstateStackProps = {}) {
    super(scope, id);
    this.role = props.role ?? EstateStackRole.ESTATE;
    // plantimestamp() (API-key stagger) needs Terraform 1.5; terraform will refuse older versions at init.
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    // The provider reads its API key from TEMPORAL_CLOUD_API_KEY; it is never written into the stack.
    this.temporalProvider = new TemporalcloudProvider(this, "temporalcloud", {
      allowedAccountId: props.accountId,
    });
  }

  /** @internal */
  public _addNamespace(name: string, ns: SecureNamespace): void {
    this.namespaces[name] = ns;
  }
}

/** The EstateStack role of a stack the config plans. */
export function estateStackRole(role: StackRole): EstateStackRole {
  return ROLES[role];
}

/**
 * Builds every namespace of an estate, with its features, from one configuration, into one stack. A
 * config that splits the estate (stacks, or stack: on a namespace) is built with TemporalCloudEstate.
 */
export class TemporalCloudStack extends EstateStack {
  /** What the estate's features built with (summary facts, parts, providers). */
  public readonly context: AssemblyContext;

  constructor(scope: Construct, id: string, props: TemporalCloudStackProps) {
    const config = resolvedConfigOf(props.config);
    if (config.stacks.split) {
      throw new Error(
        `the configuration splits the estate into ${config.stacks.stacks.length} stacks (${config.stacks.stacks.map((s) => s.name).join(", ")}); ` +
          "build it with new TemporalCloudEstate(app, { config }) instead of one TemporalCloudStack",
      );
    }
    super(scope, id, { accountId: config.accountId, role: EstateStackRole.ESTATE });
    const part = new EstatePart(this, this.temporalProvider);
    this.context = AssemblyContext._create(this, props.config, this.temporalProvider, props.policy, new Map([[config.stacks.shared, part]]));
    assembleEstate(this.context, new Map([[part, this as EstateStack]]), props.features);
  }
}

/** Runs the features and builds the namespaces, each in the stack the Estate placed it in. */
export function assembleEstate(ctx: AssemblyContext, stackOf: ReadonlyMap<EstatePart, EstateStack>, extra: readonly IFeature[] = []): void {
  const config = ctx._resolved;
  const features = [...FEATURES, ...extra];
  for (const feature of features) feature.beforeNamespaces?.(ctx);

  for (const ns of config.namespaces) {
    const part = ctx.partOf(ns.name);
    const construct = buildNamespace(ctx, part, ns);
    ctx._registerNamespace(ns.name, construct);
    stackOf.get(part)?._addNamespace(ns.name, construct);
  }
  const count = config.namespaces.length;
  if (count > DEFAULT_NAMESPACES_PER_ACCOUNT) {
    Annotations.of(ctx.stack).addWarning(
      `namespaces: lists ${count} namespaces; a Temporal Cloud account starts with a limit of ${DEFAULT_NAMESPACES_PER_ACCOUNT}, raised automatically as namespaces are created and by Temporal support for large estates — ask support before applying, or creates beyond the account's limit fail`,
    );
  }

  for (const feature of features) feature.afterNamespaces?.(ctx);
}

function buildNamespace(ctx: AssemblyContext, part: EstatePart, ns: ResolvedNamespace): SecureNamespace {
  const inputs = ctx.inputsFor(ns.name);
  const filters = [...(ns.certificateFilters ?? []), ...inputs.certificateFilters];
  const construct = new SecureNamespace(part.scope, `ns-${ns.name}`, {
    name: ns.name,
    environment: environmentOf(ns.environment),
    regions: inputs.regions ?? [...ns.replicatedRegions],
    retentionDays: ns.retentionDays,
    apiKeyAuth: ns.apiKeyAuth,
    // The mTLS feature validates CA files and generated CAs and supplies the bundle.
    acceptedClientCa: inputs.acceptedClientCa,
    certificateFilters: filters.length > 0 ? filters : undefined,
    codecServer: ns.codecServer,
    deleteProtection: ns.deleteProtection,
    preventDestroy: ns.preventDestroy,
    connectivityRuleIds: inputs.connectivityRuleIds,
    tags: ns.tags,
    searchAttributes: ns.searchAttributes as Record<string, SearchAttributeType>,
    provider: part.temporalProvider,
    importId: ns.importId,
    importSearchAttributes: ns.importSearchAttributes && [...ns.importSearchAttributes],
  });
  new TerraformOutput(part.stack, `ns-${ns.name}-endpoints`, {
    description: `Addresses workers of namespace ${ns.name} dial`,
    value: {
      namespace_id: construct.namespaceId,
      grpc_address: construct.grpcAddress,
      mtls_grpc_address: construct.mtlsGrpcAddress,
      web_address: construct.webAddress,
    },
  });
  return construct;
}
