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

export interface Feature {
  /** Short name, used in construct ids. */
  readonly name: string;
  beforeNamespaces?(ctx: AssemblyContext): void;
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

export class AssemblyContext {
  private readonly inputs = new Map<string, NamespaceInputs>();
  private readonly built = new Map<string, SecureNamespace>();
  private readonly awsProviders = new Map<string, AwsProvider>();
  private readonly googleProviders = new Map<string, GoogleProvider>();
  private readonly facts = new Map<string, SummaryFact[]>();

  constructor(
    public readonly stack: TerraformStack,
    public readonly config: ResolvedConfig,
    public readonly temporalProvider: TemporalcloudProvider,
    /** How the estate's compliance policy runs (TemporalCloudStackProps.policy). */
    public readonly policyOptions: EstatePolicyOptions = {},
  ) {}

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

  /** Adds a fact to the namespace's row in the synth summary. */
  addSummaryFact(namespace: string, column: string, value: string): void {
    const list = this.facts.get(namespace) ?? [];
    list.push({ column, value });
    this.facts.set(namespace, list);
  }

  summaryFacts(namespace: string): readonly SummaryFact[] {
    return this.facts.get(namespace) ?? [];
  }

  /** Scope under which a feature creates its constructs. */
  get scope(): Construct {
    return this.stack;
  }
}
