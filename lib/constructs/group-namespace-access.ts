import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { Group } from "../providers/temporalcloud/group";
import { GroupAccess } from "../providers/temporalcloud/group-access";
import { DataTemporalcloudScimGroup } from "../providers/temporalcloud/data-temporalcloud-scim-group";
import type { Problem } from "../domain/namespace-rules";
import { addDeferredProblems } from "./errors";
import type { INamespaceGrantee, NamespacePermission } from "./references";

/** A group's role on the account (`owner` is never given to a group). */
export enum AccountRole {
  NONE = "none",
  READ = "read",
  DEVELOPER = "developer",
  ADMIN = "admin",
}
import { tfString } from "./tokens";

export interface GroupNamespaceGrant {
  readonly namespaceId: string;
  readonly permission: NamespacePermission;
}

export interface GroupNamespaceAccessProps {
  /** Group name: created with this name when `scimIdpId` is not given. */
  readonly name: string;
  /** Identity-provider id of a SCIM group, looked up with `data.temporalcloud_scim_group`. @default a Temporal-managed group */
  readonly scimIdpId?: string;
  /**
   * Account role. `admin` needs a justification and cannot carry namespace grants (it already covers all).
   * @default AccountRole.NONE
   */
  readonly accountRole?: AccountRole;
  /** Namespace permissions. @default none */
  readonly namespaceAccesses?: GroupNamespaceGrant[];
  /** Custom role ids added to the account role. @default none */
  readonly customRoleIds?: string[];
  /** Why the group needs admin (account role or namespace permission). @default none */
  readonly justification?: string;
  /** temporalcloud provider. @default the stack's default temporalcloud provider */
  readonly provider?: TemporalcloudProvider;
}

/** Human access by group: a SCIM group (looked up) or a Temporal-managed group, with its permissions. */
export class GroupNamespaceAccess extends Construct implements INamespaceGrantee {
  public readonly scimGroup?: DataTemporalcloudScimGroup;
  public readonly managedGroup?: Group;
  public readonly access: GroupAccess;
  /** The group id access is granted to. */
  public readonly groupId: string;
  private readonly grants: GroupNamespaceGrant[];

  constructor(scope: Construct, id: string, props: GroupNamespaceAccessProps) {
    super(scope, id);
    this.grants = [...(props.namespaceAccesses ?? [])];
    // Checked at synth, so grants added with namespace.grantAccess(group, …) are checked like the props.
    addDeferredProblems(this, () => groupProblems(props, this.grants));

    if (props.scimIdpId) {
      this.scimGroup = new DataTemporalcloudScimGroup(this, "scim-group", { provider: props.provider, idpId: tfString(props.scimIdpId) });
      this.groupId = this.scimGroup.id;
    } else {
      this.managedGroup = new Group(this, "group", { provider: props.provider, name: tfString(props.name) });
      this.groupId = this.managedGroup.id;
    }
    this.access = new GroupAccess(this, "access", {
      provider: props.provider,
      id: this.groupId,
      accountAccess: props.accountRole ?? "none",
      namespaceAccesses: this.grants.length > 0 ? namespaceAccesses(this.grants) : undefined,
      accountAccessCustomRoles: props.customRoleIds && props.customRoleIds.length > 0 ? [...props.customRoleIds] : undefined,
    });
  }

  /** The group id (INamespaceGrantee). */
  public get principalId(): string {
    return this.groupId;
  }

  /** Adds a namespace permission to the group (called by `ISecureNamespace.grantAccess`). */
  public addNamespaceAccess(namespaceId: string, permission: NamespacePermission): void {
    this.grants.push({ namespaceId, permission });
    this.access.putNamespaceAccesses(namespaceAccesses(this.grants));
  }
}

function namespaceAccesses(grants: readonly GroupNamespaceGrant[]) {
  return grants.map((g) => ({ namespaceId: tfString(g.namespaceId), permission: g.permission }));
}

function groupProblems(props: GroupNamespaceAccessProps, grants: readonly GroupNamespaceGrant[]): Problem[] {
  const accountRole = props.accountRole ?? "none";
  const problems: Problem[] = [];
  const justified = (props.justification ?? "").trim().length >= 10;
  if (accountRole === "admin" && !justified) {
    problems.push(["accountRole", `admin makes group "${props.name}" administrator of the whole account; use developer or read, or add a justification (at least 10 characters)`]);
  }
  if (accountRole === "admin" && grants.length > 0) {
    problems.push(["namespaceAccesses", "cannot be combined with the admin account role, which already covers every namespace; remove them"]);
  }
  grants.forEach((g, i) => {
    if (g.permission === "admin" && !justified) {
      problems.push([`namespaceAccesses[${i}].permission`, `admin on a namespace for group "${props.name}" needs a justification (at least 10 characters); use write or read otherwise`]);
    }
  });
  if (props.customRoleIds && props.customRoleIds.length > 10) {
    problems.push(["customRoleIds", `has ${props.customRoleIds.length} roles; Temporal Cloud allows at most 10 custom roles per principal`]);
  }
  return problems;
}
