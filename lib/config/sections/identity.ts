// Human access by group, custom roles and the incident switch (identity issue).
import { z } from "zod";
import { identifier, justification } from "./common";

export const NAMESPACE_PERMISSIONS = ["read", "write", "admin"] as const;
/** Account roles a group may get. `owner` cannot be granted through Terraform; `admin` needs a justification. */
export const GROUP_ACCOUNT_ROLES = ["none", "read", "developer", "admin"] as const;

const namespacePermission = z.enum(NAMESPACE_PERMISSIONS);

export const customRoleSchema = z.strictObject({
  name: identifier.describe("Custom role name; referenced from access.groups[].customRoles."),
  description: z.string().optional(),
  permissions: z.array(z.strictObject({
    actions: z.array(z.string().min(1)).min(1, { error: "lists no action; give at least one action" }),
    resourceType: z.string().min(1).describe("Resource type the actions apply to, e.g. namespace"),
    resourceIds: z.array(z.string().min(1)).optional().describe("Resource ids; omit and set allowAll: true for every resource of the type"),
    allowAll: z.boolean().optional().describe("@default false"),
  })).min(1, { error: "lists no permission; give at least one" }).max(20, { error: "has more than 20 permissions; Temporal Cloud allows at most 20 per custom role" }),
});

export const groupAccessSchema = z.strictObject({
  name: z.string().min(1).describe("Group name (Temporal-managed groups are created with this name; for SCIM groups it is only a label)."),
  scimIdpId: z.string().min(1).optional()
    .describe("Identity-provider group id of a SCIM-provisioned group (looked up with data.temporalcloud_scim_group). Omit to create a Temporal-managed group."),
  accountRole: z.enum(GROUP_ACCOUNT_ROLES).optional()
    .describe("Account-level role of the group (owner cannot be granted through Terraform; admin needs a justification). @default none"),
  justification: justification.optional().describe("Required when the group gets the admin account role or admin on a namespace."),
  customRoles: z.array(identifier).optional().describe("Names of access.customRoles to add to the account role."),
  environments: z.strictObject({
    development: namespacePermission.optional(),
    staging: namespacePermission.optional(),
    production: namespacePermission.optional(),
  }).optional().describe("Permission on every namespace of each environment, e.g. { development: write, production: read }. @default no access"),
  namespaces: z.record(z.string(), namespacePermission).optional()
    .describe("Per-namespace permissions by namespace name; override the environment mapping."),
});

export const accessSchema = z.strictObject({
  customRoles: z.array(customRoleSchema).max(25, { error: "has more than 25 custom roles; Temporal Cloud allows at most 25 per account" }).optional(),
  groups: z.array(groupAccessSchema).optional(),
}).optional().describe("Human access: groups (SCIM or Temporal-managed) mapped to namespace permissions per environment, and custom roles.");

export const incidentSchema = z.strictObject({
  revokeApiKeys: z.union([z.boolean(), z.array(z.string().min(1)).min(1, { error: "is an empty list; use false, true or the names of the namespaces whose keys to disable" })])
    .describe("Emergency switch: true disables every API key this estate manages on the next deploy (nothing is deleted); a list of namespace names disables only those namespaces' keys. Flip back to restore. @default false"),
  reason: z.string().optional().describe("Why the switch is on (kept in the config history for the incident record)."),
}).optional().describe("Incident response switches.");

export type AccessConfig = z.infer<typeof accessSchema>;
export type GroupAccessConfig = z.infer<typeof groupAccessSchema>;
export type CustomRoleConfig = z.infer<typeof customRoleSchema>;
export type IncidentConfig = z.infer<typeof incidentSchema>;
