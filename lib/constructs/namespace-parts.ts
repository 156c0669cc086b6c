// The parts a namespace gains after it exists, shared by SecureNamespace and an existing namespace
// (SecureNamespace.fromNamespaceId): search attributes and grants to other principals.
import type { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { NamespaceSearchAttribute } from "../providers/temporalcloud/namespace-search-attribute";
import { checkSearchAttributes, type SearchAttributeType } from "../domain/namespace-rules";
import type { Problem } from "../domain/problem";
import type { INamespaceGrantee, NamespacePermission, SearchAttributeOptions } from "./references";
import { isToken, tfString } from "./tokens";

/** The search attributes of one namespace: created in order, checked together at synth. */
export class SearchAttributeSet {
  readonly byName: Record<string, NamespaceSearchAttribute> = {};
  private readonly types: Record<string, string> = {};
  private readonly refusedImports: string[] = [];
  private count = 0;

  /** `importNamespaceId`: the namespace id known at plan time, for import blocks (undefined for a new namespace). */
  constructor(
    private readonly scope: Construct,
    private readonly namespaceId: string,
    private readonly provider: TemporalcloudProvider | undefined,
    private readonly dependsOn: () => ITerraformDependable[] | undefined,
    private readonly importNamespaceId: string | undefined,
  ) {}

  add(name: string, type: SearchAttributeType, options: SearchAttributeOptions = {}): NamespaceSearchAttribute {
    // A token name is Terraform's to know: its id comes from its position, never from the token text.
    const key = isToken(name) ? `${this.count}` : name;
    this.count++;
    if (!isToken(name)) this.types[name] = type;
    const attribute = new NamespaceSearchAttribute(this.scope, `search-attribute-${key}`, {
      provider: this.provider,
      namespaceId: tfString(this.namespaceId),
      name: tfString(name),
      type,
      dependsOn: this.dependsOn(),
    });
    if (options.importExisting) {
      // The provider's import id is `<namespace id>/<attribute name>`.
      if (this.importNamespaceId !== undefined) attribute.importFrom(`${tfString(this.importNamespaceId)}/${tfString(name)}`, this.provider);
      else this.refusedImports.push(isToken(name) ? `search attribute #${key}` : JSON.stringify(name));
    }
    this.byName[key] = attribute;
    return attribute;
  }

  problems(): Problem[] {
    return [
      ...checkSearchAttributes(this.types),
      ...this.refusedImports.map((what): Problem => ["searchAttributes", `${what} has importExisting, but this namespace is created by this app, so it has no attributes to import; drop importExisting, or adopt the namespace with importId`]),
    ];
  }
}

/** Grants across namespaces are read or write; admin on a namespace is given only to its own workers. */
export function grantProblems(grants: ReadonlyArray<{ permission: NamespacePermission }>): Problem[] {
  return grants.flatMap((g, i): Problem[] => g.permission === "read" || g.permission === "write" ? [] : [
    [`grantAccess[${i}]`, `${JSON.stringify(g.permission)} cannot be granted with grantAccess; use read or write (admin is given only by a worker's own permission, with a justification)`],
  ]);
}

/** Passes a grant to the grantee and keeps it for the namespace's own check. */
export function grant(grants: Array<{ permission: NamespacePermission }>, namespaceId: string, grantee: INamespaceGrantee, permission: NamespacePermission): void {
  grants.push({ permission });
  if (permission === "read" || permission === "write") grantee.addNamespaceAccess(namespaceId, permission);
}
