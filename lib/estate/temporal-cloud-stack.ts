import { Construct } from "constructs";
import { Annotations, TerraformOutput, TerraformStack } from "cdktf";
import { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import type { ResolvedConfig, ResolvedNamespace, StackRole } from "../config/resolve";
import type { SearchAttributeType } from "../domain/namespace-rules";
import { DEFAULT_NAMESPACES_PER_ACCOUNT } from "../domain/limits";
import { environmentOf } from "../domain/environments";
import { SecureNamespace } from "../constructs/secure-namespace";
import { AssemblyContext, EstatePart, type EstatePolicyOptions, type Feature } from "./assembly-context";
import { FEATURES } from "./features";

/** Terraform versions the synthesized stacks need (plantimestamp, terraform_data). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5.0";

export interface TemporalCloudStackProps {
  /** A validated configuration (see loadConfig / parseConfig). */
  readonly config: ResolvedConfig;
  /** How the compliance policy runs. @default fail synth on error findings, clock = now */
  readonly policy?: EstatePolicyOptions;
  /**
   * Your own features, run after the built-in ones in each phase (the compliance rules still see
   * everything they add, since they run on the synthesized JSON).
   * @default none
   */
  readonly features?: readonly Feature[];
}

/** One stack of an estate: its Temporal Cloud provider, and the namespaces built into it. */
export class EstateStack extends TerraformStack {
  public readonly temporalProvider: TemporalcloudProvider;
  /** Namespace constructs of this stack by namespace name (filled while the estate is assembled). */
  public readonly namespaces: Readonly<Record<string, SecureNamespace>> = {};

  constructor(scope: Construct, id: string, config: ResolvedConfig, public readonly role: StackRole) {
    super(scope, id);
    // plantimestamp() (API-key stagger) needs Terraform 1.5; terraform will refuse older versions at init.
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    // The provider reads its API key from TEMPORAL_CLOUD_API_KEY; it is never written into the stack.
    this.temporalProvider = new TemporalcloudProvider(this, "temporalcloud", {
      allowedAccountId: config.accountId,
    });
  }

  /** @internal */
  addNamespace(name: string, ns: SecureNamespace): void {
    (this.namespaces as Record<string, SecureNamespace>)[name] = ns;
  }
}

/**
 * Builds every namespace of an estate, with its features, from one configuration, into one stack. A
 * config that splits the estate (stacks, or stack: on a namespace) is built with TemporalCloudEstate.
 */
export class TemporalCloudStack extends EstateStack {
  public readonly context: AssemblyContext;

  constructor(scope: Construct, id: string, props: TemporalCloudStackProps) {
    const { config } = props;
    if (config.stacks.split) {
      throw new Error(
        `the configuration splits the estate into ${config.stacks.stacks.length} stacks (${config.stacks.stacks.map((s) => s.name).join(", ")}); ` +
          "build it with new TemporalCloudEstate(app, { config }) instead of one TemporalCloudStack",
      );
    }
    super(scope, id, config, "estate");
    const part = new EstatePart(this, this.temporalProvider);
    this.context = new AssemblyContext(this, config, this.temporalProvider, props.policy, new Map([[config.stacks.shared, part]]));
    assembleEstate(this.context, new Map([[part, this as EstateStack]]), props.features);
  }
}

/** Runs the features and builds the namespaces, each in the stack the Estate placed it in. */
export function assembleEstate(ctx: AssemblyContext, stackOf: ReadonlyMap<EstatePart, EstateStack>, extra: readonly Feature[] = []): void {
  const config = ctx.config;
  const features = [...FEATURES, ...extra];
  for (const feature of features) feature.beforeNamespaces?.(ctx);

  for (const ns of config.namespaces) {
    const part = ctx.partOf(ns.name);
    const construct = buildNamespace(ctx, part, ns);
    ctx.registerNamespace(ns.name, construct);
    stackOf.get(part)?.addNamespace(ns.name, construct);
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
