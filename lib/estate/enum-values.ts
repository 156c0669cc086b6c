// The config (YAML/JSON) writes enum values as strings; construct props take the enums, whose values are
// exactly those strings (the parameter types are the enums' template-literal types), so each maps by value.
import type { AccountRole } from "../constructs/group-namespace-access";
import type { EndpointAuth } from "../constructs/private-endpoint-common";
import type { NamespacePermission } from "../constructs/references";

export const permissionOf = (value: `${NamespacePermission}`): NamespacePermission => value as NamespacePermission;
export const accountRoleOf = (value: `${AccountRole}`): AccountRole => value as AccountRole;
export const endpointAuthOf = (value: `${EndpointAuth}`): EndpointAuth => value as EndpointAuth;
