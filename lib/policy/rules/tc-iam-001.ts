import { Severity } from "../types";
import { builtInRule } from "./built-in";

const ADMIN_ROLES = ["owner", "admin"];

export const TC_IAM_001 = builtInRule({
  id: "TC-IAM-001",
  title: "Machine identity with account admin access",
  severity: Severity.ERROR,
  control: "Least privilege: no account-level Owner/Global Admin role for machine identities (service accounts)",
  fix: "Give the service account namespace_scoped_access (or namespace_accesses) with read or write; keep admin roles for named humans.",
  check(model) {
    return model.resources("temporalcloud_service_account").flatMap((sa) => {
      const role = sa.attributes.account_access;
      return typeof role === "string" && ADMIN_ROLES.includes(role.toLowerCase())
        ? [{ resource: sa, attribute: "account_access", message: `service account has account role "${role}", which administers every namespace and user` }]
        : [];
    });
  },
});
