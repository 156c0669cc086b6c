import { Severity } from "../types";
import { builtInRule } from "./built-in";

export const TC_SEP_001 = builtInRule({
  id: "TC-SEP-001",
  title: "Credential spans production and non-production",
  severity: Severity.ERROR,
  control: "Separate credentials between production and non-production",
  fix: "Use separate service accounts (and API keys) for production and non-production namespaces.",
  check(model) {
    return model.resources("temporalcloud_service_account").flatMap((sa) => {
      const reach = model.serviceAccountNamespaces(sa);
      const prod = reach.filter((ns) => model.environmentOf(ns) === "production");
      const other = reach.filter((ns) => { const e = model.environmentOf(ns); return e !== undefined && e !== "production"; });
      if (prod.length === 0 || other.length === 0) return [];
      const names = reach.map((ns) => model.namespaceName(ns));
      return [{ resource: sa, attribute: "namespace_accesses", message: `service account reaches production (${prod.map((n) => model.namespaceName(n)).join(", ")}) and non-production (${other.map((n) => model.namespaceName(n)).join(", ")}) namespaces`, namespaces: names }];
    });
  },
});
