import { Construct } from "constructs";
import { Annotations, TerraformOutput, TerraformStack } from "cdktf";
import { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import type { ResolvedConfig, ResolvedNamespace } from "../config/resolve";
import type { SearchAttributeType } from "../domain/namespace-rules";
import { DEFAULT_NAMESPACES_PER_ACCOUNT } from "../domain/limits";
import { environmentOf } from "../domain/environments";
import { SecureNamespace } from "../constructs/secure-namespace";
import { AssemblyContext, type EstatePolicyOptions, type Feature } from "./assembly-context";
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

/** Builds every namespace of an estate, with its features, from one configuration. */
export class TemporalCloudStack extends TerraformStack {
  public readonly temporalProvider: TemporalcloudProvider;
  /** Namespace constructs by namespace name. */
  public readonly namespaces: Readonly<Record<string, SecureNamespace>>;
  public readonly context: AssemblyContext;

  constructor(scope: Construct, id: string, props: TemporalCloudStackProps) {
    super(scope, id);
    const { config } = props;
    // plantimestamp() (API-key stagger) needs Terraform 1.5; terraform will refuse older versions at init.
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    // The provider reads its API key from TEMPORAL_CLOUD_API_KEY; it is never written into the stack.
    this.temporalProvider = new TemporalcloudProvider(this, "temporalcloud", {
      allowedAccountId: config.accountId,
    });
    const ctx = new AssemblyContext(this, config, this.temporalProvider, props.policy);
    this.context = ctx;

    const features = [...FEATURES, ...(props.features ?? [])];
    for (const feature of features) feature.beforeNamespaces?.(ctx);

    const namespaces: Record<string, SecureNamespace> = {};
    for (const ns of config.namespaces) {
      namespaces[ns.name] = buildNamespace(ctx, ns);
      ctx.registerNamespace(ns.name, namespaces[ns.name]);
    }
    this.namespaces = namespaces;
    const count = config.namespaces.length;
    if (count > DEFAULT_NAMESPACES_PER_ACCOUNT) {
      Annotations.of(this).addWarning(
        `namespaces: lists ${count} namespaces; a Temporal Cloud account starts with a limit of ${DEFAULT_NAMESPACES_PER_ACCOUNT}, raised automatically as namespaces are created and by Temporal support for large estates — ask support before applying, or creates beyond the account's limit fail`,
      );
    }

    for (const feature of features) feature.afterNamespaces?.(ctx);
  }
}

function buildNamespace(ctx: AssemblyContext, ns: ResolvedNamespace): SecureNamespace {
  const inputs = ctx.inputsFor(ns.name);
  const filters = [...(ns.certificateFilters ?? []), ...inputs.certificateFilters];
  const construct = new SecureNamespace(ctx.stack, `ns-${ns.name}`, {
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
    provider: ctx.temporalProvider,
    importId: ns.importId,
    importSearchAttributes: ns.importSearchAttributes,
  });
  new TerraformOutput(ctx.stack, `ns-${ns.name}-endpoints`, {
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
