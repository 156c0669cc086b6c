// Shared state while a TemporalCloudStack is assembled from config. Features run in two phases:
// before namespaces exist (to supply namespace inputs such as CA bundles, connectivity rules, regions)
// and after (to attach service accounts, sinks and anything else that needs a namespace id).
// Its public members are the jsii API features of any language use; the resolved model is TypeScript-only.
import type { Construct } from "constructs";
import type { TerraformStack } from "cdktf";
import { AwsProvider } from "../constructs/peers/aws";
import { GoogleProvider } from "../constructs/peers/gcp";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import type { ResolvedConfig } from "../config/resolve";
import { resolvedConfigOf, type EstateConfig } from "../config/estate-config";
import type { CertificateFilterSpec } from "../domain/namespace-rules";
import type { SecureNamespace } from "../constructs/secure-namespace";

/**
 * Values features contribute to a namespace before it is created. A class, so that every language changes
 * the one instance the namespace is built from (jsii passes structs and arrays by value): other languages
 * use the add/set methods, TypeScript may also push to the arrays.
 */
export class NamespaceInputs {
  /** Overrides the configured regions (HA adds the replica). @default the configured regions */
  public regions?: string[];
  /** Base64 PEM bundle of accepted client CAs (mTLS). @default none */
  public acceptedClientCa?: string;
  /** Extra certificate filters (e.g. added for a CA shared across namespaces). */
  public readonly certificateFilters: CertificateFilterSpec[] = [];
  /** Connectivity rule ids to attach. */
  public readonly connectivityRuleIds: string[] = [];

  /** Attaches the connectivity rule `ruleId` (a literal id or a token) to the namespace. */
  public addConnectivityRuleId(ruleId: string): void {
    this.connectivityRuleIds.push(ruleId);
  }

  /** Adds a certificate filter to the namespace's own ones. */
  public addCertificateFilter(filter: CertificateFilterSpec): void {
    this.certificateFilters.push(filter);
  }
}

/** One fact for the synth summary, e.g. { column: "SLA", value: "99.99%" }. */
export interface SummaryFact {
  readonly column: string;
  readonly value: string;
}

/**
 * One part of an estate. The built-in features (HA, mTLS, networking, identity, data protection, pipeline,
 * policy) are these; pass your own in `TemporalCloudStackProps.features` to add resources to every estate.
 * Both phases are optional in TypeScript; other languages implement both (an empty one does nothing).
 */
export interface IFeature {
  /** Runs before the namespaces exist: contribute namespace inputs (CA bundle, filters, connectivity rules). */
  beforeNamespaces?(ctx: AssemblyContext): void;
  /** Runs once every namespace is built: attach anything that needs a namespace id (`ctx.namespace(name)`). */
  afterNamespaces?(ctx: AssemblyContext): void;
}

/** The name the extension point had before jsii (TypeScript only). */
export type Feature = IFeature;

/** How the compliance policy of an estate stack runs. */
export interface EstatePolicyOptions {
  /** Add error annotations for error findings, which fails `app.synth()`. @default true */
  readonly failOnError?: boolean;
  /**
   * Skip evaluation while visiting; the caller evaluates the written JSON with
   * `CompliancePolicy.checkSynthesized` (synthesizeEstate does). @default false
   */
  readonly deferred?: boolean;
  /** Clock for expiry checks (API keys, CAs, suppressions). @default the current time */
  readonly now?: Date;
}

/** One stack of the estate, with the providers its resources use (one AWS provider per region, one Google per project). */
export class EstatePart {
  private readonly awsProviders = new Map<string, AwsProvider>();
  private readonly googleProviders = new Map<string, GoogleProvider>();

  constructor(
    public readonly stack: TerraformStack,
    public readonly temporalProvider: TemporalcloudProvider,
  ) {}

  /** Scope under which a feature creates its constructs in this stack. */
  get scope(): Construct {
    return this.stack;
  }

  /** One AWS provider per region, shared by every feature (alias = region). */
  aws(region: string): AwsProvider {
    let provider = this.awsProviders.get(region);
    if (!provider) {
      const first = this.awsProviders.size === 0;
      provider = new AwsProvider(this.stack, `aws-${region}`, { region, alias: first ? undefined : region.replace(/-/g, "_") });
      this.awsProviders.set(region, provider);
    }
    return provider;
  }

  /** One Google provider per project, shared by every feature. */
  google(project: string, region?: string): GoogleProvider {
    const key = project;
    let provider = this.googleProviders.get(key);
    if (!provider) {
      const first = this.googleProviders.size === 0;
      provider = new GoogleProvider(this.stack, `google-${project}`, {
        project,
        region,
        alias: first ? undefined : project.replace(/[^a-zA-Z0-9_]/g, "_"),
      });
      this.googleProviders.set(key, provider);
    }
    return provider;
  }
}

/**
 * What features build with. An unsplit estate has one part (its stack); a split estate one per stack of
 * `config.stacks`, and each part of the estate goes where the Estate placed it: `partOf(namespace)` for a
 * namespace's own resources, `part(stackName)` for the stacks the Estate names (CAs, endpoints, groups,
 * worker identities). `stack`, `scope`, `aws()`, `google()` and `temporalProvider` are the shared stack's
 * (the one stack when not split).
 */
export class AssemblyContext {
  /** @internal Only the estate constructs create contexts. */
  public static _create(
    stack: TerraformStack,
    config: EstateConfig,
    temporalProvider: TemporalcloudProvider,
    policyOptions: EstatePolicyOptions = {},
    parts?: ReadonlyMap<string, EstatePart>,
  ): AssemblyContext {
    return new AssemblyContext(stack, config, temporalProvider, policyOptions, parts);
  }

  /** The configuration the estate is built from (TypeScript: `resolvedConfigOf(ctx.config)` is the resolved model). */
  public readonly config: EstateConfig;
  /** How the estate's compliance policy runs (TemporalCloudStackProps.policy). */
  public readonly policyOptions: EstatePolicyOptions;
  private readonly inputs = new Map<string, NamespaceInputs>();
  private readonly built = new Map<string, SecureNamespace>();
  private readonly facts = new Map<string, SummaryFact[]>();
  private readonly parts: ReadonlyMap<string, EstatePart>;
  private readonly main: EstatePart;

  private constructor(
    stack: TerraformStack,
    config: EstateConfig,
    temporalProvider: TemporalcloudProvider,
    policyOptions: EstatePolicyOptions,
    /** The parts of a split estate by stack name (the shared one included). @default the one stack */
    parts?: ReadonlyMap<string, EstatePart>,
  ) {
    this.config = config;
    this.policyOptions = policyOptions;
    const shared = resolvedConfigOf(config).stacks.shared;
    this.main = parts?.get(shared) ?? new EstatePart(stack, temporalProvider);
    this.parts = parts ?? new Map([[shared, this.main]]);
  }

  /** @internal The resolved model the built-in features read. */
  public get _resolved(): ResolvedConfig {
    return resolvedConfigOf(this.config);
  }

  /** Every part, in apply order. */
  public get allParts(): EstatePart[] {
    return [...this.parts.values()];
  }

  /** Names of the estate's namespaces, in config order. */
  public get namespaceNames(): string[] {
    return this.config.namespaceNames;
  }

  /** The part of the stack named `stackName` (any name is the one stack when the estate is not split). */
  public part(stackName: string): EstatePart {
    if (!this._resolved.stacks.split) return this.main;
    const part = this.parts.get(stackName);
    if (!part) throw new Error(`the estate has no stack "${stackName}" (stacks: ${[...this.parts.keys()].join(", ")})`);
    return part;
  }

  /** The part holding namespace `name` and everything of its own. */
  public partOf(namespace: string): EstatePart {
    const stacks = this._resolved.stacks;
    return this.part(stacks.ofNamespace.get(namespace) ?? stacks.shared);
  }

  /** The shared stack (the one stack when not split). */
  public get stack(): TerraformStack {
    return this.main.stack;
  }

  /** The shared stack's Temporal Cloud provider. */
  public get temporalProvider(): TemporalcloudProvider {
    return this.main.temporalProvider;
  }

  /** Inputs for the namespace named `name` (created on first use); only read before the namespaces are built. */
  public inputsFor(name: string): NamespaceInputs {
    let entry = this.inputs.get(name);
    if (!entry) {
      entry = new NamespaceInputs();
      this.inputs.set(name, entry);
    }
    return entry;
  }

  /** @internal */
  public _registerNamespace(name: string, ns: SecureNamespace): void {
    this.built.set(name, ns);
  }

  /** The built namespace construct; only valid in afterNamespaces. */
  public namespace(name: string): SecureNamespace {
    const ns = this.built.get(name);
    if (!ns) throw new Error(`namespace "${name}" has not been built yet; use it in afterNamespaces`);
    return ns;
  }

  /** The shared stack's AWS provider for `region`. */
  public aws(region: string): AwsProvider {
    return this.main.aws(region);
  }

  /** The shared stack's Google provider for `project`. */
  public google(project: string, region?: string): GoogleProvider {
    return this.main.google(project, region);
  }

  /** Adds a fact to the namespace's row in the synth summary. */
  public addSummaryFact(namespace: string, column: string, value: string): void {
    const list = this.facts.get(namespace) ?? [];
    list.push({ column, value });
    this.facts.set(namespace, list);
  }

  /** The facts features added to the namespace's row in the synth summary. */
  public summaryFacts(namespace: string): SummaryFact[] {
    return [...(this.facts.get(namespace) ?? [])];
  }

  /** Scope under which a feature creates account-wide constructs (the shared stack). */
  public get scope(): Construct {
    return this.main.stack;
  }
}
