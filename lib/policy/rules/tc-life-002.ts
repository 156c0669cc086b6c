import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { attr, productionNamespaces } from "./helpers";

export const TC_LIFE_002 = builtInRule({
  id: "TC-LIFE-002",
  title: "Production namespace without prevent_destroy",
  severity: Severity.ERROR,
  control: "Production namespaces carry Terraform lifecycle.prevent_destroy",
  fix: "Set lifecycle { prevent_destroy = true } on the namespace resource (SecureNamespace does this for production).",
  check(model) {
    return productionNamespaces(model).flatMap((ns) =>
      attr(ns, "lifecycle.prevent_destroy") === true
        ? []
        : [{ resource: ns, attribute: "lifecycle.prevent_destroy", message: "production namespace can be destroyed by a plan: prevent_destroy is not set", namespaces: [model.namespaceName(ns)] }],
    );
  },
});
