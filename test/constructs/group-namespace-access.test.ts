import { GroupAccess } from "../../lib/providers/temporalcloud/group-access";
import { Group } from "../../lib/providers/temporalcloud/group";
import { DataTemporalcloudScimGroup } from "../../lib/providers/temporalcloud/data-temporalcloud-scim-group";
import { GroupNamespaceAccess, AccountRole } from "../../lib/constructs/group-namespace-access";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { constructStack, problemsOf } from "../helpers";
import { NamespacePermission } from "../../lib/constructs/references";

describe("GroupNamespaceAccess", () => {
  test("SCIM group: looked up by its IdP id, account role none by default", () => {
    const { stack, synthString } = constructStack();
    new GroupNamespaceAccess(stack, "devs", { name: "developers", scimIdpId: "00g1", namespaceAccesses: [{ namespaceId: "dev.a", permission: NamespacePermission.WRITE }, { namespaceId: "prod.a", permission: NamespacePermission.READ }] });
    const out = synthString();
    expect(out).toHaveDataSourceWithProperties(DataTemporalcloudScimGroup, { idp_id: "00g1" });
    expect(out).not.toHaveResource(Group);
    expect(out).toHaveResourceWithProperties(GroupAccess, {
      account_access: "none",
      namespace_accesses: [{ namespace_id: "dev.a", permission: NamespacePermission.WRITE }, { namespace_id: "prod.a", permission: NamespacePermission.READ }],
    });
  });

  test("Temporal-managed group: created by name, with custom roles", () => {
    const { stack, synthString } = constructStack();
    new GroupNamespaceAccess(stack, "oncall", { name: "oncall", accountRole: AccountRole.READ, customRoleIds: ["role-1"] });
    const out = synthString();
    expect(out).toHaveResourceWithProperties(Group, { name: "oncall" });
    expect(out).toHaveResourceWithProperties(GroupAccess, { account_access: "read", account_access_custom_roles: ["role-1"] });
  });

  test.each<[string, ConstructorParameters<typeof GroupNamespaceAccess>[2], RegExp]>([
    ["account admin without justification", { name: "ops", accountRole: AccountRole.ADMIN }, /accountRole: admin makes group "ops" administrator/],
    ["account admin with namespace grants", { name: "ops", accountRole: AccountRole.ADMIN, justification: "break-glass operators", namespaceAccesses: [{ namespaceId: "a", permission: NamespacePermission.READ }] }, /cannot be combined with the admin account role/],
    ["namespace admin without justification", { name: "ops", namespaceAccesses: [{ namespaceId: "a", permission: NamespacePermission.ADMIN }] }, /namespaceAccesses\[0\]\.permission: admin on a namespace/],
    ["more than 10 custom roles", { name: "ops", customRoleIds: Array.from({ length: 11 }, (_, i) => `r${i}`) }, /at most 10 custom roles per principal/],
  ])("rejects %s", (_case, props, message) => {
    const { stack } = constructStack();
    expect(problemsOf(() => new GroupNamespaceAccess(stack, "g", props))).toMatch(message);
  });
});

describe("GroupNamespaceAccess as a grantee", () => {
  test("namespace.grantAccess(group) gives the JSON of namespaceAccesses", () => {
    const viaProps = constructStack();
    new GroupNamespaceAccess(viaProps.stack, "devs", { name: "developers", namespaceAccesses: [{ namespaceId: "dev.a", permission: NamespacePermission.WRITE }, { namespaceId: "prod.a", permission: NamespacePermission.READ }] });
    const viaMethod = constructStack();
    const group = new GroupNamespaceAccess(viaMethod.stack, "devs", { name: "developers", namespaceAccesses: [{ namespaceId: "dev.a", permission: NamespacePermission.WRITE }] });
    SecureNamespace.fromNamespaceId(viaMethod.stack, "prod", "prod.a").grantAccess(group, NamespacePermission.READ);
    const strip = (json: string) => JSON.parse(json, (k, v) => (k === "//" ? undefined : v)).resource;
    expect(strip(viaMethod.synthString())).toEqual(strip(viaProps.synthString()));
  });

  test("a grant to a group with the admin account role is reported like the prop", () => {
    const { stack } = constructStack();
    const group = new GroupNamespaceAccess(stack, "ops", { name: "ops", accountRole: AccountRole.ADMIN, justification: "break-glass operators" });
    SecureNamespace.fromNamespaceId(stack, "prod", "prod.a").grantAccess(group, NamespacePermission.READ);
    expect(problemsOf(() => group)).toMatch(/namespaceAccesses: cannot be combined with the admin account role/);
  });
});
