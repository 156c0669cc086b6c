// One model of a synthesized stack (cdk.tf.json): every resource, data source and output, the references
// between them, and what is known about each namespace (environment, critical, retention policy). The rule
// pack and the plan review both read stacks through it.
import type { IConstruct } from "constructs";
import { TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { PROFILES, type EnvironmentName, type RetentionPolicy } from "../domain/environments";
import { asEnvironment, environmentFromName, isEnvironment } from "./environment";
import { contextFromMarker, metadataIn, type GuardrailsMetadata } from "./marker";
import { isUnknown, referencesIn, visitStrings, type Reference } from "./references";

/** Stack JSON as Terraform reads it. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** One Terraform block of the stack, with the construct that produced it when the tree is known. */
export interface Block {
  readonly kind: "resource" | "data" | "output";
  /** Terraform type (`temporalcloud_namespace`); "output" for outputs. */
  readonly type: string;
  /** Logical id in the stack. */
  readonly name: string;
  /** Terraform address: `type.name`, `data.type.name` or `output.name`. */
  readonly address: string;
  /** Attributes as synthesized (snake_case, references as `${...}` strings), without the "//" comment. */
  readonly attributes: Record<string, unknown>;
  /** The "//" comment object (cdktf metadata, guardrails metadata); {} when absent. */
  readonly comment: Record<string, unknown>;
  /** Construct path (`stack/ns-payments/namespace`), from the tree or the cdktf metadata. */
  readonly constructPath?: string;
  readonly construct?: IConstruct;
}

/** What is known about a namespace beyond its Terraform attributes. */
export interface NamespaceContext {
  readonly environment?: EnvironmentName;
  readonly critical?: boolean;
  /** Retention bounds of the environment (profile + config overrides). */
  readonly retention?: RetentionPolicy;
  /** Longest API-key lifetime allowed for credentials of this namespace, in days. */
  readonly maxApiKeyDays?: number;
  /** Days closed workflow records must be kept (may exceed Temporal's 90-day retention). */
  readonly recordsRetentionDays?: number;
  /** Days ahead within which an accepted client CA must not expire. */
  readonly caExpiryHorizonDays?: number;
  /** Longest validity of a client certificate for this namespace, in days. */
  readonly maxClientCertificateDays?: number;
  /** Where the environment came from, shown in findings: config, marker, construct, tag, name. */
  readonly source?: string;
}

export interface ModelOptions {
  /** Context by namespace name (the `name` attribute); wins over everything the stack says. */
  readonly namespaces?: Readonly<Record<string, NamespaceContext>>;
  /** Clock for expiry checks. @default new Date() */
  readonly now?: Date;
}

export class TerraformModel {
  public readonly now: Date;
  /** The guardrails metadata of the stack as a whole (top-level "//"). */
  public readonly stackMetadata?: GuardrailsMetadata;
  private readonly byAddress = new Map<string, Block>();
  private readonly byType = new Map<string, Block[]>();
  private readonly contextCache = new Map<string, NamespaceContext>();
  // Built on first use: rules ask per block, and scanning every block per question is quadratic in
  // estate size (seconds at a few thousand resources).
  private readonly referenceCache = new WeakMap<object, Reference[]>();
  private referencedBy?: Map<string, Block[]>;
  private namespacesByName?: Map<unknown, Block>;
  private tagBlocksByNamespace?: Map<Block, Block[]>;
  private namespaceOfCache?: Map<string, string | undefined>;

  constructor(
    public readonly stackName: string,
    public readonly blocks: readonly Block[],
    private readonly options: ModelOptions = {},
    stackComment?: unknown,
  ) {
    this.now = options.now ?? new Date();
    this.stackMetadata = metadataIn(stackComment);
    for (const b of blocks) {
      this.byAddress.set(b.address, b);
      if (b.kind !== "resource") continue;
      const ofType = this.byType.get(b.type);
      if (ofType) ofType.push(b);
      else this.byType.set(b.type, [b]);
    }
  }

  /** Builds the model from a stack's construct tree (attributes as in cdk.tf.json, constructs attached). */
  static fromStack(stack: TerraformStack, options: ModelOptions = {}, synthesized?: StackJson): TerraformModel {
    // toTerraform() resolves tokens the way cdk.tf.json is written; after synth, the written JSON saves
    // resolving the whole stack a second time (a quarter of synth time on large estates).
    const json = synthesized ?? (stack.toTerraform() as StackJson);
    const blocks: Block[] = [];
    for (const node of stack.node.findAll()) {
      const block = blockOf(node, stack, json);
      if (block) blocks.push(block);
    }
    return new TerraformModel(stack.node.id, blocks, options, json["//"]);
  }

  /** Builds the model from synthesized JSON (cdktf.out, hand-written stacks). No construct tree. */
  static fromJson(stackName: string, json: StackJson, options: ModelOptions = {}): TerraformModel {
    const blocks: Block[] = [];
    const sections: Array<["resource" | "data", Record<string, Record<string, Record<string, unknown>>> | undefined]> = [["resource", json.resource], ["data", json.data]];
    for (const [kind, section] of sections) {
      for (const [type, byName] of entries(section)) {
        for (const [name, body] of entries(byName)) blocks.push(makeBlock(kind, type, name, body));
      }
    }
    for (const [name, body] of entries(json.output)) blocks.push(makeBlock("output", "output", name, body));
    return new TerraformModel(stackName, blocks, options, json["//"]);
  }

  resources(type: string): Block[] {
    return [...(this.byType.get(type) ?? [])];
  }

  get outputs(): Block[] {
    return this.blocks.filter((b) => b.kind === "output");
  }

  get(address: string): Block | undefined {
    return this.byAddress.get(address);
  }

  /** The references in a value, remembered per object (the model's blocks never change). */
  referencesOf(value: unknown): Reference[] {
    if (!value || typeof value !== "object") return referencesIn(value);
    let refs = this.referenceCache.get(value);
    if (!refs) {
      refs = referencesIn(value);
      this.referenceCache.set(value, refs);
    }
    return refs;
  }

  /** Blocks of `type` (any type when omitted) that `value` references, each once. */
  referenced(value: unknown, type?: string): Block[] {
    const out: Block[] = [];
    for (const ref of this.referencesOf(value)) {
      const block = this.byAddress.get(ref.address);
      if (block && (!type || block.type === type) && !out.includes(block)) out.push(block);
    }
    return out;
  }

  /** Blocks (of `type`) whose attribute values reference `target`. */
  referencing(target: Block, type?: string): Block[] {
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

  /**
   * Namespace resources a value points at: `${temporalcloud_namespace.x.id}` references, or literal
   * namespace ids `<name>.<account>` matching a namespace of the stack by name.
   */
  namespacesIn(value: unknown): Block[] {
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

  /** The namespace name of a `temporalcloud_namespace` block (its address when the name is not literal). */
  namespaceName(ns: Block): string {
    const name = ns.attributes.name;
    return typeof name === "string" && !isUnknown(name) ? name : ns.address;
  }

  /** The guardrails metadata under a block's "//" comment. */
  metadataOf(block: Block): GuardrailsMetadata | undefined {
    return metadataIn(block.comment);
  }

  /**
   * Context of a namespace. Each fact comes from the first source that has it: the `namespaces` option,
   * the guardrails marker the stack wrote, a construct with an `environment` property (SecureNamespace),
   * the `environment` / `critical` tags of its temporalcloud_namespace_tags, the name's suffix
   * (`-prod`/`-production`/`-prd`, `-staging`/`-stg`, `-dev`/`-test`/`-sandbox`); retention bounds, the
   * key lifetime, the CA horizon and the client-certificate lifetime then default to the environment's profile.
   */
  contextOf(ns: Block): NamespaceContext {
    const cached = this.contextCache.get(ns.address);
    if (cached) return cached;
    const name = this.namespaceName(ns);
    const explicit = this.options.namespaces?.[name];
    const marker = contextFromMarker(this.metadataOf(ns));
    const tags = this.tagsOf(ns);
    const candidates: Array<[EnvironmentName | undefined, string]> = [
      [explicit?.environment, explicit?.source ?? "config"],
      [marker.environment, "marker"],
      [constructEnvironment(ns.construct), "construct"],
      [asEnvironment(tags.environment ?? tags.env), "tag"],
      [environmentFromName(name), "name"],
    ];
    const [environment, source] = candidates.find(([env]) => env !== undefined) ?? [undefined, undefined];
    const profile = environment ? PROFILES[environment] : undefined;
    const tagCritical = tags.critical !== undefined ? tags.critical.toLowerCase() === "true" : undefined;
    const tagRecords = Number(tags["records-retention-days"]);
    const context: NamespaceContext = {
      environment,
      source,
      critical: explicit?.critical ?? marker.critical ?? tagCritical ?? false,
      retention: explicit?.retention ?? marker.retention ?? profile?.retention,
      maxApiKeyDays: explicit?.maxApiKeyDays ?? marker.maxApiKeyDays ?? profile?.maxApiKeyRotationDays,
      recordsRetentionDays: explicit?.recordsRetentionDays ?? marker.recordsRetentionDays ?? (Number.isFinite(tagRecords) && tagRecords > 0 ? tagRecords : undefined),
      caExpiryHorizonDays: explicit?.caExpiryHorizonDays ?? marker.caExpiryHorizonDays ?? profile?.caExpiryHorizonDays,
      maxClientCertificateDays: explicit?.maxClientCertificateDays ?? marker.maxClientCertificateDays ?? profile?.maxClientCertificateDays,
    };
    this.contextCache.set(ns.address, context);
    return context;
  }

  /** The environment of a namespace, or undefined when nothing says. */
  environmentOf(ns: Block): EnvironmentName | undefined {
    return this.contextOf(ns).environment;
  }

  /** Tags from temporalcloud_namespace_tags resources attached to `ns` (keys lower-cased). */
  tagsOf(ns: Block): Record<string, string> {
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
  serviceAccountNamespaces(sa: Block): Block[] {
    const a = sa.attributes;
    return this.namespacesIn([a.namespace_scoped_access, a.namespace_accesses]);
  }

  /**
   * The namespace (name) a resource belongs to: the one it is connected to through resource references,
   * in either direction, without passing through another namespace (an API key → its service account →
   * the namespace; a namespace → its connectivity rule → the endpoint). Several or none: undefined
   * (estate-wide). Namespaces belong to themselves.
   */
  namespaceOf(address: string): string | undefined {
    this.namespaceOfCache ??= assignNamespaces(this);
    return this.namespaceOfCache.get(address);
  }
}

/**
 * namespaceOf for every resource in one pass: the resources that are not namespaces fall into connected
 * components (references in either direction); a component belongs to a namespace when exactly one
 * namespace touches it.
 */
function assignNamespaces(model: TerraformModel): Map<string, string | undefined> {
  const resources = model.blocks.filter((b) => b.kind === "resource");
  const isNamespace = (b: Block) => b.type === "temporalcloud_namespace";
  const parent = new Map<Block, Block>();
  const find = (b: Block): Block => {
    let root = b;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let c = b; c !== root; ) {
      const next = parent.get(c)!;
      parent.set(c, root);
      c = next;
    }
    return root;
  };
  for (const b of resources) if (!isNamespace(b)) parent.set(b, b);
  const touching: Array<[Block, Block]> = [];
  for (const from of resources) {
    for (const to of model.referenced(from.attributes)) {
      if (to.kind !== "resource" || to === from) continue;
      if (isNamespace(from) && isNamespace(to)) continue;
      if (isNamespace(from)) touching.push([to, from]);
      else if (isNamespace(to)) touching.push([from, to]);
      else parent.set(find(from), find(to));
    }
  }
  const namespacesOfComponent = new Map<Block, Set<string>>();
  for (const [member, ns] of touching) {
    const root = find(member);
    const set = namespacesOfComponent.get(root) ?? new Set<string>();
    set.add(String(ns.attributes.name ?? ns.name));
    namespacesOfComponent.set(root, set);
  }
  const result = new Map<string, string | undefined>();
  for (const b of resources) {
    if (isNamespace(b)) {
      result.set(b.address, String(b.attributes.name ?? b.name));
      continue;
    }
    const set = namespacesOfComponent.get(find(b));
    result.set(b.address, set && set.size === 1 ? [...set][0] : undefined);
  }
  return result;
}

function entries<T>(value: Record<string, T> | undefined): Array<[string, T]> {
  return value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : [];
}

function makeBlock(kind: Block["kind"], type: string, name: string, body: unknown, construct?: IConstruct): Block {
  const { "//": comment, ...attributes } = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const commentObject = comment && typeof comment === "object" ? (comment as Record<string, unknown>) : {};
  const metadataPath = (commentObject.metadata as { path?: unknown } | undefined)?.path;
  const address = kind === "output" ? `output.${name}` : kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
  return {
    kind,
    type,
    name,
    address,
    attributes,
    comment: commentObject,
    constructPath: construct?.node.path ?? (typeof metadataPath === "string" ? metadataPath : undefined),
    construct,
  };
}

function blockOf(node: IConstruct, stack: TerraformStack, json: StackJson): Block | undefined {
  if (!(node instanceof TerraformResource || node instanceof TerraformDataSource || node instanceof TerraformOutput)) return undefined;
  if (TerraformStack.of(node) !== stack) return undefined;
  const name = stack.getLogicalId(node);
  if (node instanceof TerraformOutput) {
    const body = json.output?.[name];
    return body ? makeBlock("output", "output", name, body, node) : undefined;
  }
  const type = node.terraformResourceType;
  const kind = node instanceof TerraformDataSource ? "data" : "resource";
  const body = json[kind]?.[type]?.[name];
  return body ? makeBlock(kind, type, name, body, node) : undefined;
}

/** Walks up from a resource to the first construct that carries an `environment` (e.g. SecureNamespace). */
function constructEnvironment(construct: IConstruct | undefined): EnvironmentName | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    const env = (c as unknown as { environment?: unknown }).environment;
    if (isEnvironment(env)) return env;
    if (c instanceof TerraformStack) break;
  }
  return undefined;
}
