// Providers a construct needs but the user may already have declared (time, tls): found by provider type,
// never by construct id, so a user's `new TimeProvider(stack, "my-time")` is reused instead of duplicated.
import type { Construct } from "constructs";
import { TerraformProvider, TerraformStack } from "cdktf";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";

const found = new WeakMap<TerraformStack, Map<string, TerraformProvider>>();

/** The stack's default (unaliased) provider of `type`, e.g. "time"; `create` makes one when there is none. */
export function defaultProvider<T extends TerraformProvider>(scope: Construct, type: string, create: (stack: TerraformStack) => T): T {
  const stack = TerraformStack.of(scope);
  const byType = found.get(stack) ?? new Map<string, TerraformProvider>();
  found.set(stack, byType);
  let provider = byType.get(type);
  if (!provider) {
    // Searched once per stack and type; constructs created later reuse the answer.
    provider = stack.node.findAll().find((c): c is TerraformProvider =>
      TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === type && c.alias === undefined && TerraformStack.of(c) === stack);
    provider ??= create(stack);
    byType.set(type, provider);
  }
  return provider as T;
}

/** The stack's default `time` provider, created (id "time") only when the stack has none. */
export function defaultTimeProvider(scope: Construct): TimeProvider {
  return defaultProvider(scope, "time", (stack) => new TimeProvider(stack, uniqueId(stack, "time"), {}));
}

/** The stack's default `tls` provider, created (id "tls") only when the stack has none. */
export function defaultTlsProvider(scope: Construct): TlsProvider {
  return defaultProvider(scope, "tls", (stack) => new TlsProvider(stack, uniqueId(stack, "tls"), {}));
}

function uniqueId(stack: TerraformStack, base: string): string {
  let id = base;
  for (let i = 2; stack.node.tryFindChild(id); i++) id = `${base}-${i}`;
  return id;
}
