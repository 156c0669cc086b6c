import { Token, type IResolvable, type TerraformResource } from "cdktf";

/**
 * A bare `type.name` reference, resolved at synth so a logical id overridden later is still the one
 * written. A plain resolvable rather than `Lazy`: cdktf captures a full stack trace for every `Lazy`, and
 * a large estate has one of these per rotating credential.
 */
class BareReference implements IResolvable {
  public readonly creationStack: string[] = [];
  constructor(private readonly resource: TerraformResource) {}
  resolve(): string {
    return `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}`;
  }
  toString(): string {
    return Token.asString(this);
  }
}

/**
 * `lifecycle.replace_triggered_by` entries for resources. cdktf renders a resource given there as its
 * `"${type.name}"` token, which Terraform's JSON syntax rejects ("Invalid expression"): each entry must be
 * a bare reference.
 */
export function replaceTriggers(...resources: TerraformResource[]): string[] {
  return resources.map((resource) => Token.asString(new BareReference(resource)));
}
