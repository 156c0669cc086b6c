// cdktf invokes aspects from each stack downwards and never looks at the App, so an aspect added with
// `Aspects.of(app)` is silently never run. Aspects that mark themselves with APP_SCOPE_ASPECT (the
// compliance policy) are forwarded to the stacks that hold constructs of this library.
import { Aspects, TerraformStack, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";

/** Marks an aspect that must also run on the stacks of the app (or scope) it was added to. */
export const APP_SCOPE_ASPECT = Symbol.for("temporal-cloud-guardrails.app-scope-aspect");

const forwarded = new WeakSet<TerraformStack>();

/** The marked aspects added to scopes above `stack` (its App and any construct between). */
export function appScopeAspects(stack: TerraformStack): IAspect[] {
  const out: IAspect[] = [];
  for (let c: IConstruct | undefined = stack.node.scope; c; c = c.node.scope) {
    for (const a of Aspects.of(c).all) if ((a as unknown as Record<symbol, unknown>)[APP_SCOPE_ASPECT] === true) out.push(a);
  }
  return out;
}

/** Makes the marked aspects of the scopes above `stack` visit `stack` at synthesis (once per stack). */
export function forwardAppScopeAspects(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (forwarded.has(stack)) return;
  forwarded.add(stack);
  Aspects.of(stack).add({
    visit(node) {
      if (node !== stack) return;
      const own = Aspects.of(stack).all;
      for (const aspect of appScopeAspects(stack)) if (!own.includes(aspect)) aspect.visit(stack);
    },
  });
}
