// The stacks as a rule sees them: a jsii-shaped view of the analysis model (lib/analysis), which itself is
// TypeScript-only (Maps, construct references, internal caches). Blocks come back as TerraformBlock structs;
// the built-in rules read the model behind the view directly (modelOf), so both see the same blocks.
import type { TerraformStack } from "cdktf";
import { TerraformModel, type Block, type StackJson } from "../analysis/model";
import type { Environment } from "../domain/environments";
import type { NamespaceContext, TerraformBlock } from "./types";
import { attr } from "./rules/helpers";

const MODELS = new WeakMap<SynthesizedStacks, TerraformModel>();

/**
 * Every stack a CompliancePolicy judges together (one stack, or all stacks of a split estate with the
 * references between them followed), as cdk.tf.json holds them. An IRule's `check` reads it.
 */
export class SynthesizedStacks {
  /** A view of one stack as it would be synthesized now (for testing a rule without a policy). */
  public static fromStack(stack: TerraformStack, now?: Date): SynthesizedStacks {
    return SynthesizedStacks._fromModel(TerraformModel.fromStack(stack, { now }));
  }

  /** A view of a written stack (`cdktf.out/stacks/<name>/cdk.tf.json`, parsed). */
  public static fromJson(stackName: string, json: { [key: string]: any }, now?: Date): SynthesizedStacks {
    return SynthesizedStacks._fromModel(TerraformModel.fromJson(stackName, json as StackJson, { now }));
  }

  /** @internal */
  public static _fromModel(model: TerraformModel): SynthesizedStacks {
    return new SynthesizedStacks(model);
  }

  private byStackAndAddress?: Map<string, Block>;
  private readonly own: WeakSet<object>;

  private constructor(model: TerraformModel) {
    MODELS.set(this, model);
    this.own = new WeakSet(model.blocks);
  }

  private get model(): TerraformModel {
    return MODELS.get(this)!;
  }

  /** The report's name: the stack, or what the stacks of a split estate share. */
  public get stackName(): string {
    return this.model.stackName;
  }

  /** The clock expiry checks use. */
  public get now(): Date {
    return this.model.now;
  }

  /** Every resource, data source and output. */
  public get blocks(): TerraformBlock[] {
    return [...this.model.blocks];
  }

  /** Every output block. */
  public get outputs(): TerraformBlock[] {
    return this.model.outputs;
  }

  /** The resources of a Terraform type (`temporalcloud_namespace`). */
  public resources(type: string): TerraformBlock[] {
    return this.model.resources(type);
  }

  /** The data sources of a Terraform type (`aws_caller_identity`). */
  public dataSources(type: string): TerraformBlock[] {
    return this.model.blocks.filter((b) => b.kind === "data" && b.type === type);
  }

  /** The block at a Terraform address (`temporalcloud_namespace.payments`), if any. */
  public get(address: string): TerraformBlock | undefined {
    return this.model.get(address);
  }

  /** The value at a dotted attribute path (`namespace_lifecycle.enable_delete_protection`); nested blocks may be an object or a one-element list. */
  public attribute(block: TerraformBlock, path: string): any {
    return attr(block, path);
  }

  /** Blocks (of `type`) a value references through `${...}` expressions, each once. @param type @default any type */
  public referenced(value: any, type?: string): TerraformBlock[] {
    return this.model.referenced(value, type);
  }

  /** Blocks (of `type`) whose attributes reference `target`. @param type @default any type */
  public referencing(target: TerraformBlock, type?: string): TerraformBlock[] {
    const block = this.resolve(target);
    return block ? this.model.referencing(block, type) : [];
  }

  /** The temporalcloud_namespace blocks a value points at (references or literal namespace ids). */
  public namespacesIn(value: any): TerraformBlock[] {
    return this.model.namespacesIn(value);
  }

  /** The name of a temporalcloud_namespace block (its address when the name is not a literal). */
  public namespaceName(namespace: TerraformBlock): string {
    const block = this.resolve(namespace);
    return block ? this.model.namespaceName(block) : namespace.address;
  }

  /** What is known about a namespace beyond its attributes (environment, critical, retention, key and certificate limits). */
  public contextOf(namespace: TerraformBlock): NamespaceContext {
    const block = this.resolve(namespace);
    return block ? this.model.contextOf(block) : {};
  }

  /** The environment of a namespace, when anything says. */
  public environmentOf(namespace: TerraformBlock): Environment | undefined {
    return this.contextOf(namespace).environment as Environment | undefined;
  }

  /** The namespaces a temporalcloud_service_account can reach. */
  public serviceAccountNamespaces(serviceAccount: TerraformBlock): TerraformBlock[] {
    const block = this.resolve(serviceAccount);
    return block ? this.model.serviceAccountNamespaces(block) : [];
  }

  /** The model's own block for a TerraformBlock (the same object, or one a rule copied: by stack and address). */
  private resolve(block: TerraformBlock): Block | undefined {
    if (this.own.has(block)) return block as Block;
    if (!this.byStackAndAddress) {
      this.byStackAndAddress = new Map(this.model.blocks.map((b) => [`${b.stack ?? ""}\u0000${b.address}`, b]));
    }
    return this.byStackAndAddress.get(`${block.stack ?? ""}\u0000${block.address}`);
  }

  /** @internal */
  public _resolve(block: TerraformBlock): Block | undefined {
    return this.resolve(block);
  }
}

/** The analysis model behind a view (the built-in rules read it). */
export function modelOf(stacks: SynthesizedStacks): TerraformModel {
  const model = MODELS.get(stacks);
  if (!model) throw new Error("not a SynthesizedStacks made by this library");
  return model;
}
