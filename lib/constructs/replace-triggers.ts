import { Lazy, type TerraformResource } from "cdktf";

/**
 * `lifecycle.replace_triggered_by` entries for resources. cdktf renders a resource given there as its
 * `"${type.name}"` token, which Terraform's JSON syntax rejects ("Invalid expression"): each entry must be
 * a bare reference. Lazy, so a logical id overridden after this call is still the one written.
 */
export function replaceTriggers(...resources: TerraformResource[]): string[] {
  return resources.map((resource) => Lazy.stringValue({ produce: () => `${resource.terraformResourceType}.${resource.friendlyUniqueId}` }));
}
