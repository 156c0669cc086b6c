// The view rules read: every resource, data source and output of one stack, with references between
// them and the namespace context (environment, critical) each one belongs to.
import type { IConstruct } from "constructs";
import { TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { PROFILES, ENVIRONMENTS, type Environment } from "../domain/environments";
import type { NamespaceContext, PolicyResource } from "./types";

/** Stack JSON as Terraform reads it. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface ModelOptions {
  /** Context by namespace name (the `name` attribute); wins over everything inferred. */
  readonly namespaces?: Readonly<Record<string, NamespaceContext>>;
  /** Clock for expiry checks. @default new Date() */
  readonly now?: Date;
}

/** A `${type.name.attr}` reference found in an attribute value. */
export interface Reference {
  readonly type: string;
  readonly name: string;
  /** Attribute path after the name (`id`, `endpoints.grpc_address`). */
  readonly attribute: string;
  readonly address: string;
}

const REFERENCE = /\$\{([^}]*)\}/g;
const TRAVERSAL = /\b(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)/g;

/** All resource / data references in a value (strings anywhere inside). */
export function referencesIn(value: unknown): Reference[] {
  const out: Reference[] = [];
  visitStrings(value, (s) => {
    for (const expr of s.matchAll(REFERENCE)) {
      for (const m of expr[1].matchAll(TRAVERSAL)) {
        const [, data, type, name, rest] = m;
        if (["var", "local", "module", "each", "count", "path", "self"].includes(type)) continue;
        const address = `${data ? "data." : ""}${type}.${name}`;
        out.push({ type, name, attribute: rest.replace(/^\./, ""), address });
      }
    }
  });
  return out;
}

export function visitStrings(value: unknown, fn: (s: string) => void): void {
  if (typeof value === "string") fn(value);
  else if (Array.isArray(value)) value.forEach((v) => visitStrings(v, fn));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => visitStrings(v, fn));
}

/** True when a value is (or contains) an unknown-until-apply expression. */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

export class PolicyModel {
  public readonly now: Date;
  private readonly byAddress = new Map<string, PolicyResource>();
  private readonly byType = new Map<string, PolicyResource[]>();
  private readonly contextCache = new Map<string, NamespaceContext>();
  // Indexes built on first use: rules ask per block, and scanning every block per question is
  // quadratic in estate size (seconds at a few thousand resources).
  private readonly referenceCache = new WeakMap<object, Reference[]>();
  private referencedBy?: Map<string, PolicyResource[]>;
  private namespacesByName?: Map<unknown, PolicyResource>;
  private tagBlocksByNamespace?: Map<PolicyResource, PolicyResource[]>;

  constructor(
    public readonly stackName: string,
    public readonly blocks: readonly PolicyResource[],
    private readonly options: ModelOptions = {},
  ) {
    this.now = options.now ?? new Date();
    for (const b of blocks) {
      this.byAddress.set(b.address, b);
      if (b.kind !== "resource") continue;
      const ofType = this.byType.get(b.type);
      if (ofType) ofType.push(b);
      else this.byType.set(b.type, [b]);
    }
  }

  /** Builds the model from a stack's construct tree (tokens resolved as in cdk.tf.json). */
  static fromStack(stack: TerraformStack, options: ModelOptions = {}, synthesized?: StackJson): PolicyModel {
    // toTerraform() resolves tokens the way cdk.tf.json is written; after synth, the written JSON saves
    // resolving the whole stack a second time (a quarter of synth time on large estates).
    const json = synthesized ?? (stack.toTerraform() as StackJson);
    const blocks: PolicyResource[] = [];
    for (const node of stack.node.findAll()) {
      const block = blockOf(node, stack, json);
      if (block) blocks.push(block);
    }
    return new PolicyModel(stack.node.id, blocks, options);
  }

  /** Builds the model from synthesized JSON (hand-written stacks, cdktf.out). No construct context. */
  static fromJson(stackName: string, json: StackJson, options: ModelOptions = {}): PolicyModel {
    const blocks: PolicyResource[] = [];
    const pathOf = (attrs: Record<string, unknown>) => ((attrs["//"] as { metadata?: { path?: string } } | undefined)?.metadata?.path);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, attrs] of Object.entries(byName)) {
        blocks.push({ kind: "resource", type, name, address: `${type}.${name}`, attributes: attrs, constructPath: pathOf(attrs) });
      }
    }
    for (const [type, byName] of Object.entries(json.data ?? {})) {
      for (const [name, attrs] of Object.entries(byName)) {
        blocks.push({ kind: "data", type, name, address: `data.${type}.${name}`, attributes: attrs, constructPath: pathOf(attrs) });
      }
    }
    for (const [name, attrs] of Object.entries(json.output ?? {})) {
      blocks.push({ kind: "output", type: "output", name, address: `output.${name}`, attributes: attrs, constructPath: pathOf(attrs) });
    }
    return new PolicyModel(stackName, blocks, options);
  }

  resources(type: string): PolicyResource[] {
    return [...(this.byType.get(type) ?? [])];
  }

  get outputs(): PolicyResource[] {
    return this.blocks.filter((b) => b.kind === "output");
  }

  get(address: string): PolicyResource | undefined {
    return this.byAddress.get(address);
  }

  /** Blocks of `type` that `value` references. */
  referenced(value: unknown, type: string): PolicyResource[] {
    const out: PolicyResource[] = [];
    for (const ref of this.referencesOf(value)) {
      const block = this.byAddress.get(ref.address);
      if (block && block.type === type && !out.includes(block)) out.push(block);
    }
    return out;
  }

  /** Resources of `type` whose attribute values reference `target`. */
  referencing(target: PolicyResource, type?: string): PolicyResource[] {
    if (!this.referencedBy) {
      this.referencedBy = new Map();
      for (const b of this.blocks) {
        for (const address of new Set(this.referencesOf(b.attributes).map((r) => r.address))) {
          const users = this.referencedBy.get(address);
          if (users) users.push(b);
          else this.referencedBy.set(address, [b]);
        }
      }
    }
    return (this.referencedBy.get(target.address) ?? []).filter((b) => b !== target && (!type || b.type === type));
  }

  /** referencesIn, remembered per attribute object (the model's blocks never change). */
  private referencesOf(value: unknown): Reference[] {
    if (!value || typeof value !== "object") return referencesIn(value);
    let refs = this.referenceCache.get(value);
    if (!refs) {
      refs = referencesIn(value);
      this.referenceCache.set(value, refs);
    }
    return refs;
  }

  /**
   * Namespace resources a value points at: `${temporalcloud_namespace.x.id}` references, or literal
   * namespace ids `<name>.<account>` matching a namespace of the stack by name.
   */
  namespacesIn(value: unknown): PolicyResource[] {
    const found = this.referenced(value, "temporalcloud_namespace");
    if (!this.namespacesByName) {
      this.namespacesByName = new Map();
      for (const ns of this.byType.get("temporalcloud_namespace") ?? []) {
        if (!this.namespacesByName.has(ns.attributes.name)) this.namespacesByName.set(ns.attributes.name, ns);
      }
    }
    visitStrings(value, (s) => {
      if (isUnknown(s)) return;
      const match = this.namespacesByName?.get(s.split(".")[0]);
      if (match && !found.includes(match)) found.push(match);
    });
    return found;
  }

  /** The namespace name of a `temporalcloud_namespace` block (or its address when unknown). */
  namespaceName(ns: PolicyResource): string {
    const name = ns.attributes.name;
    return typeof name === "string" && !isUnknown(name) ? name : ns.address;
  }

  /**
   * Context of a namespace, first found wins: the `namespaces` option (from the config), a
   * SecureNamespace-like parent construct (a construct with an `environment` property), the
   * `environment` / `critical` tags of its temporalcloud_namespace_tags, then the name's suffix
   * (`-prod`/`-production`/`-prd` → production, `-staging`/`-stg` → staging, `-dev`/`-test`/`-sandbox` → development).
   */
  contextOf(ns: PolicyResource): NamespaceContext {
    const cached = this.contextCache.get(ns.address);
    if (cached) return cached;
    const name = this.namespaceName(ns);
    const explicit = this.options.namespaces?.[name];
    const tags = this.tagsOf(ns);
    const fromConstruct = constructEnvironment(ns.construct);
    let environment: Environment | undefined;
    let source: string | undefined;
    if (explicit?.environment) [environment, source] = [explicit.environment, explicit.source ?? "config"];
    else if (fromConstruct) [environment, source] = [fromConstruct, "construct"];
    else if (asEnvironment(tags.environment ?? tags.env)) [environment, source] = [asEnvironment(tags.environment ?? tags.env), "tag"];
    else if (environmentFromName(name)) [environment, source] = [environmentFromName(name), "name"];
    const critical = explicit?.critical ?? (tags.critical !== undefined ? tags.critical.toLowerCase() === "true" : undefined);
    const profile = environment ? PROFILES[environment] : undefined;
    const tagRecords = Number(tags["records-retention-days"]);
    const context: NamespaceContext = {
      environment,
      source,
      critical: critical ?? false,
      retention: explicit?.retention ?? profile?.retention,
      maxApiKeyDays: explicit?.maxApiKeyDays ?? profile?.maxApiKeyRotationDays,
      recordsRetentionDays: explicit?.recordsRetentionDays ?? (Number.isFinite(tagRecords) && tagRecords > 0 ? tagRecords : undefined),
    };
    this.contextCache.set(ns.address, context);
    return context;
  }

  /** Tags from temporalcloud_namespace_tags resources attached to `ns`. */
  tagsOf(ns: PolicyResource): Record<string, string> {
    if (!this.tagBlocksByNamespace) {
      this.tagBlocksByNamespace = new Map();
      for (const t of this.byType.get("temporalcloud_namespace_tags") ?? []) {
        for (const target of this.namespacesIn(t.attributes.namespace_id)) {
          const list = this.tagBlocksByNamespace.get(target);
          if (list) list.push(t);
          else this.tagBlocksByNamespace.set(target, [t]);
        }
      }
    }
    const tags: Record<string, string> = {};
    for (const t of this.tagBlocksByNamespace.get(ns) ?? []) {
      const value = t.attributes.tags;
      if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) if (typeof v === "string") tags[k.toLowerCase()] = v;
      }
    }
    return tags;
  }

  /** Namespaces a service account can reach. */
  serviceAccountNamespaces(sa: PolicyResource): PolicyResource[] {
    const a = sa.attributes;
    return this.namespacesIn([a.namespace_scoped_access, a.namespace_accesses]);
  }

  /** The environment of a namespace, or undefined when nothing says. */
  environmentOf(ns: PolicyResource): Environment | undefined {
    return this.contextOf(ns).environment;
  }
}

function blockOf(node: IConstruct, stack: TerraformStack, json: StackJson): PolicyResource | undefined {
  if (!(node instanceof TerraformResource || node instanceof TerraformDataSource || node instanceof TerraformOutput)) return undefined;
  if (TerraformStack.of(node) !== stack) return undefined;
  const name = stack.getLogicalId(node);
  const constructPath = node.node.path;
  if (node instanceof TerraformOutput) {
    const attrs = json.output?.[name];
    return attrs ? { kind: "output", type: "output", name, address: `output.${name}`, attributes: attrs, construct: node, constructPath } : undefined;
  }
  const type = node.terraformResourceType;
  if (node instanceof TerraformDataSource) {
    const attrs = json.data?.[type]?.[name];
    return attrs ? { kind: "data", type, name, address: `data.${type}.${name}`, attributes: attrs, construct: node, constructPath } : undefined;
  }
  const attrs = json.resource?.[type]?.[name];
  return attrs ? { kind: "resource", type, name, address: `${type}.${name}`, attributes: attrs, construct: node, constructPath } : undefined;
}

function asEnvironment(value: string | undefined): Environment | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if ((ENVIRONMENTS as readonly string[]).includes(v)) return v as Environment;
  if (v === "prod" || v === "prd") return "production";
  if (v === "stg" || v === "stage") return "staging";
  if (v === "dev" || v === "test" || v === "sandbox") return "development";
  return undefined;
}

/** Environment from the namespace name's last hyphen-separated part. */
export function environmentFromName(name: string): Environment | undefined {
  const suffix = name.split("-").pop();
  return name.includes("-") ? asEnvironment(suffix) : undefined;
}

/** Walks up from a resource to the first construct that carries an `environment` (e.g. SecureNamespace). */
function constructEnvironment(construct: IConstruct | undefined): Environment | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    const env = (c as unknown as { environment?: unknown }).environment;
    if (typeof env === "string" && (ENVIRONMENTS as readonly string[]).includes(env)) return env as Environment;
    if (c instanceof TerraformStack) break;
  }
  return undefined;
}
