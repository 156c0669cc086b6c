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
      return [{
        resource: sa,
        attribute: "namespace_scoped_access",
        message: `service account is account-level (account_access "${role}") instead of scoped to one namespace`,
        namespaces: model.serviceAccountNamespaces(sa).map((ns) => model.namespaceName(ns)),
      }];
    });
  },
};
