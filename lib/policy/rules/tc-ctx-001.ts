import type { Rule } from "../types";
import { namespaces } from "./helpers";

export const TC_CTX_001: Rule = {
  id: "TC-CTX-001",
  title: "Namespace environment unknown",
  severity: "info",
  control: "Environment-specific controls (production rules) can only apply to namespaces whose environment is known",
  fix: "Build the namespace with SecureNamespace, tag it environment=<production|staging|development>, or end its name with -prod/-staging/-dev.",
  check(model) {
    return namespaces(model).flatMap((ns) =>
      model.environmentOf(ns) ? [] : [{ resource: ns, message: "environment is unknown: production rules were not applied to this namespace", namespaces: [model.namespaceName(ns)] }],
    );
  },
};
