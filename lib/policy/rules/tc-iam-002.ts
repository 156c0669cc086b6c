import type { Rule } from "../types";

export const TC_IAM_002: Rule = {
  id: "TC-IAM-002",
  title: "Service account not namespace-scoped",
  severity: "warning",
  control: "Least privilege: workers use namespace-scoped service accounts",
  fix: "Replace account_access / namespace_accesses with namespace_scoped_access { namespace_id, permission } for a worker's service account.",
  check(model) {
    return model.resources("temporalcloud_service_account").flatMap((sa) => {
      if (sa.attributes.namespace_scoped_access !== undefined) return [];
      const role = typeof sa.attributes.account_access === "string" ? sa.attributes.account_access : "none";
      // A metrics reader: metricsread exists only as an account role and grants no namespace access.
      if (role === "metricsread" && !hasNamespaceAccess(sa.attributes.namespace_accesses)) return [];
      return [{
        resource: sa,
        attribute: "namespace_scoped_access",
        message: `service account is account-level (account_access "${role}") instead of scoped to one namespace`,
        namespaces: model.serviceAccountNamespaces(sa).map((ns) => model.namespaceName(ns)),
      }];
    });
  },
};

function hasNamespaceAccess(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}
