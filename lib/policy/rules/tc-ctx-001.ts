import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { namespaces } from "./helpers";

export const TC_CTX_001 = builtInRule({
  id: "TC-CTX-001",
  title: "Namespace environment unknown",
  severity: Severity.INFO,
  control: "Environment-specific controls (production rules) can only apply to namespaces whose environment is known",
  fix: "Build the namespace with SecureNamespace, tag it environment=<production|staging|development>, or end its name with -prod/-staging/-dev.",
  check(model) {
    // One hint per stack, not one per namespace: plain Terraform input rarely says any environment.
    const unknown = namespaces(model).filter((ns) => !model.environmentOf(ns));
    if (unknown.length === 0) return [];
    const names = unknown.map((ns) => model.namespaceName(ns));
    const listed = names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
    return [{
      resource: unknown.length === 1 ? unknown[0] : undefined,
      message: `environment of ${unknown.length} namespace(s) is unknown (${listed}): production rules were not applied to them`,
      namespaces: names,
    }];
  },
});
