import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { attr, productionNamespaces } from "./helpers";

export const TC_LIFE_001 = builtInRule({
  id: "TC-LIFE-001",
  title: "Production namespace without delete protection",
  severity: Severity.ERROR,
  control: "Production namespaces have Temporal Cloud delete protection",
  fix: "Set namespace_lifecycle { enable_delete_protection = true } (SecureNamespace does this for production).",
  check(model) {
    return productionNamespaces(model).flatMap((ns) =>
      attr(ns, "namespace_lifecycle.enable_delete_protection") === true || typeof attr(ns, "namespace_lifecycle.enable_delete_protection") === "string"
        ? []
        : [{ resource: ns, attribute: "namespace_lifecycle.enable_delete_protection", message: "production namespace can be deleted: delete protection is off", namespaces: [model.namespaceName(ns)] }],
    );
  },
});
