// A whole estate from one configuration, in as many stacks as the config asks for: one stack (the same
// as a TemporalCloudStack), or a split estate whose stacks reference each other through cdktf's
// cross-stack references (outputs read back with terraform_remote_state, each stack its own state).
import type { App } from "cdktf";
import { resolvedConfigOf } from "../config/estate-config";
import { DEFAULT_ESTATE_NAME } from "../config/stack-plan";
import type { SecureNamespace } from "../constructs/secure-namespace";
import { AssemblyContext, EstatePart } from "./assembly-context";
import { assembleEstate, EstateStack, estateStackRole, TemporalCloudStack, type TemporalCloudStackProps } from "./temporal-cloud-stack";

export interface TemporalCloudEstateProps extends TemporalCloudStackProps {
  /** Name of the one stack of an unsplit estate (a split estate's names come from the config). @default config.name ?? "temporal-cloud" */
  readonly stackName?: string;
}

export class TemporalCloudEstate {
  /** The stacks in apply order (a split estate: shared, the namespace stacks, access). */
  public readonly stacks: EstateStack[];
  /** What the estate's features built with (summary facts, parts, providers). */
  public readonly context: AssemblyContext;

  constructor(app: App, props: TemporalCloudEstateProps) {
    const config = resolvedConfigOf(props.config);
    if (!config.stacks.split) {
      const stack = new TemporalCloudStack(app, props.stackName ?? config.name ?? DEFAULT_ESTATE_NAME, props);
      this.stacks = [stack];
      this.context = stack.context;
      return;
    }
    const stacks = config.stacks.stacks.map((s) => new EstateStack(app, s.name, { accountId: config.accountId, role: estateStackRole(s.role) }));
    const parts = new Map(stacks.map((stack) => [stack.node.id, new EstatePart(stack, stack.temporalProvider)]));
    const shared = stacks.find((s) => s.node.id === config.stacks.shared) as EstateStack;
    this.context = AssemblyContext._create(shared, props.config, shared.temporalProvider, props.policy, parts);
    assembleEstate(this.context, new Map(stacks.map((stack) => [parts.get(stack.node.id) as EstatePart, stack])), props.features);
    this.stacks = stacks;
  }

  /** The stack named `name`. */
  stack(name: string): EstateStack {
    const found = this.stacks.find((s) => s.node.id === name);
    if (!found) throw new Error(`the estate has no stack "${name}" (stacks: ${this.stacks.map((s) => s.node.id).join(", ")})`);
    return found;
  }

  /** Every namespace construct by namespace name, whichever stack holds it. */
  get namespaces(): { [name: string]: SecureNamespace } {
    return Object.assign({}, ...this.stacks.map((s) => s.namespaces)) as { [name: string]: SecureNamespace };
  }
}
