import type { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";

/**
 * The stack's `time` provider, created once if the stack has none. Found by type, not id, so a user's own
 * `new TimeProvider(stack, "anything")` is reused instead of duplicated. Rotation needs it declared even
 * without time_* resources: `provider::time::rfc3339_parse` is a provider function.
 */
export function stackTimeProvider(scope: Construct): TimeProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.children.find((child): child is TimeProvider => child instanceof TimeProvider);
  return existing ?? new TimeProvider(stack, "time", {});
}
