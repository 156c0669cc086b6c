// Shared state while a TemporalCloudStack is assembled from config. Features run in two phases:
// before namespaces exist (to supply namespace inputs such as CA bundles, connectivity rules, regions)
// and after (to attach service accounts, sinks and anything else that needs a namespace id).
import type { Construct } from "constructs";
import type { TerraformStack } from "cdktf";
import { AwsProvider } from "../constructs/peers/aws";
import { GoogleProvider } from "../constructs/peers/gcp";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import type { ResolvedConfig, ResolvedNamespace } from "../config/resolve";
import type { CertificateFilterSpec } from "../domain/namespace-rules";
import type { SecureNamespace } from "../constructs/secure-namespace";

/** Values features contribute to a namespace before it is created. */
export interface NamespaceInputs {
  /** Overrides the configured regions (HA adds the replica). */
  regions?: string[];
  /** Base64 PEM bundle of accepted client CAs (mTLS). */
  acceptedClientCa?: string;
  /** Extra certificate filters (e.g. added for a CA shared across namespaces). */
  readonly certificateFilters: CertificateFilterSpec[];
  /** Connectivity rule ids to attach. */
  readonly connectivityRuleIds: string[];
}

/** One fact for the synth summary, e.g. { column: "SLA", value: "99.99%" }. */
export interface SummaryFact {
  readonly column: string;
  readonly value: string;
}

/**
 * One part of an estate. The built-in features (HA, mTLS, networking, identity, data protection, pipeline,
 * policy) are these; pass your own in `TemporalCloudStackProps.features` to add resources to every estate.
 */
export interface Feature {
  /** Runs before the namespaces exist: contribute namespace inputs (CA bundle, filters, connectivity rules). */
  beforeNamespaces?(ctx: AssemblyContext): void;
  /** Runs once every namespace is built: attach anything that needs a namespace id (`ctx.namespace(name)`). */
  afterNamespaces?(ctx: AssemblyContext): void;
}

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
  private readonly inputs = new Map<string, NamespaceInputs>();
  private readonly built = new Map<string, SecureNamespace>();
  private readonly facts = new Map<string, SummaryFact[]>();
  private readonly parts: ReadonlyMap<string, EstatePart>;
  private readonly main: EstatePart;

  constructor(
    stack: TerraformStack,
    public readonly config: ResolvedConfig,
    temporalProvider: TemporalcloudProvider,
    /** How the estate's compliance policy runs (TemporalCloudStackProps.policy). */
    public readonly policyOptions: EstatePolicyOptions = {},
    /** The parts of a split estate by stack name (the shared one included). @default the one stack */
    parts?: ReadonlyMap<string, EstatePart>,
  ) {
    this.main = parts?.get(config.stacks.shared) ?? new EstatePart(stack, temporalProvider);
    this.parts = parts ?? new Map([[config.stacks.shared, this.main]]);
  }

  /** Every part, in apply order. */
  get allParts(): readonly EstatePart[] {
    return [...this.parts.values()];
  }

  /** The part of the stack named `stackName` (any name is the one stack when the estate is not split). */
  part(stackName: string): EstatePart {
    if (!this.config.stacks.split) return this.main;
    const part = this.parts.get(stackName);
    if (!part) throw new Error(`the estate has no stack "${stackName}" (stacks: ${[...this.parts.keys()].join(", ")})`);
    return part;
  }

  /** The part holding namespace `name` and everything of its own. */
  partOf(namespace: string): EstatePart {
    return this.part(this.config.stacks.ofNamespace.get(namespace) ?? this.config.stacks.shared);
  }

  get stack(): TerraformStack {
    return this.main.stack;
  }

  get temporalProvider(): TemporalcloudProvider {
    return this.main.temporalProvider;
  }

  /** Mutable inputs for the namespace named `name` (created on first use). */
  inputsFor(name: string): NamespaceInputs {
    let entry = this.inputs.get(name);
    if (!entry) {
      entry = { certificateFilters: [], connectivityRuleIds: [] };
      this.inputs.set(name, entry);
    }
    return entry;
  }

  registerNamespace(name: string, ns: SecureNamespace): void {
    this.built.set(name, ns);
  }

  /** The built namespace construct; only valid in afterNamespaces. */
  namespace(name: string): SecureNamespace {
    const ns = this.built.get(name);
    if (!ns) throw new Error(`namespace "${name}" has not been built yet; use it in afterNamespaces`);
    return ns;
  }

  get resolvedNamespaces(): readonly ResolvedNamespace[] {
    return this.config.namespaces;
  }

  /** The shared stack's AWS provider for `region`. */
  aws(region: string): AwsProvider {
    return this.main.aws(region);
  }

  /** The shared stack's Google provider for `project`. */
  google(project: string, region?: string): GoogleProvider {
    return this.main.google(project, region);
  }

  /** Adds a fact to the namespace's row in the synth summary. */
  addSummaryFact(namespace: string, column: string, value: string): void {
    const list = this.facts.get(namespace) ?? [];
    list.push({ column, value });
    this.facts.set(namespace, list);
  }

  summaryFacts(namespace: string): readonly SummaryFact[] {
    return this.facts.get(namespace) ?? [];
  }

  /** Scope under which a feature creates account-wide constructs (the shared stack). */
  get scope(): Construct {
    return this.main.stack;
  }
}
