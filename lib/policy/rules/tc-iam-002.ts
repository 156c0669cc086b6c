import { Severity } from "../types";
import { builtInRule } from "./built-in";

/** Account roles that reach no namespace data by themselves: read-only visibility, metrics. */
const READ_ONLY_ROLES = ["read", "metricsread"];
/** Roles TC-IAM-001 reports. */
const ADMIN_ROLES = ["owner", "admin"];

export const TC_IAM_002 = builtInRule({
  id: "TC-IAM-002",
  title: "Service account not namespace-scoped",
  severity: Severity.WARNING,
  control: "Least privilege: workers use namespace-scoped service accounts",
  fix: "Replace account_access / namespace_accesses with namespace_scoped_access { namespace_id, permission } for a worker's service account.",
  check(model) {
    return model.resources("temporalcloud_service_account").flatMap((sa) => {
      if (sa.attributes.namespace_scoped_access !== undefined) return [];
      const role = typeof sa.attributes.account_access === "string" ? sa.attributes.account_access.toLowerCase() : "none";
      // Admin accounts are TC-IAM-001's finding; one reaching several namespaces is TC-IAM-003's or TC-SEP-001's.
      if (ADMIN_ROLES.includes(role)) return [];
      const reach = model.serviceAccountNamespaces(sa);
      if (reach.length > 1) return [];
      // A read-only or metrics account (auditing, dashboards) is not a worker identity to scope.
      if (READ_ONLY_ROLES.includes(role) && !hasNamespaceAccess(sa.attributes.namespace_accesses)) return [];
      return [{
        resource: sa,
        attribute: "namespace_scoped_access",
        message: `service account is account-level (account_access "${role}") instead of scoped to one namespace`,
        namespaces: reach.map((ns) => model.namespaceName(ns)),
      }];
    });
  },
});

function hasNamespaceAccess(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}
