import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { productionNamespaces } from "./helpers";

export const TC_HA_001 = builtInRule({
  id: "TC-HA-001",
  title: "Critical production namespace without high availability",
  severity: Severity.ERROR,
  control: "Business-critical production namespaces are replicated (HA: two regions)",
  fix: "Add a replica region to regions (same-region, multi-region or multi-cloud replication).",
  check(model) {
    return productionNamespaces(model).flatMap((ns) => {
      if (!model.contextOf(ns).critical) return [];
      const regions = ns.attributes.regions;
      if (typeof regions === "string" || (Array.isArray(regions) && regions.length >= 2)) return [];
      return [{ resource: ns, attribute: "regions", message: "critical production namespace has a single region", namespaces: [model.namespaceName(ns)] }];
    });
  },
});
