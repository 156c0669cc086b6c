import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { productionNamespaces } from "./helpers";

export const TC_NET_001 = builtInRule({
  id: "TC-NET-001",
  title: "Production namespace reachable from the public internet",
  severity: Severity.ERROR,
  control: "Production namespaces accept private connectivity only (PrivateLink / Private Service Connect)",
  fix: "Attach only private temporalcloud_connectivity_rule ids (connectivity_type = \"private\") to the namespace's connectivity_rule_ids.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of productionNamespaces(model)) {
      const ids = ns.attributes.connectivity_rule_ids;
      const name = [model.namespaceName(ns)];
      if (ids === undefined || (Array.isArray(ids) && ids.length === 0)) {
        out.push({ resource: ns, attribute: "connectivity_rule_ids", message: "production namespace has no connectivity rules, so it is reachable publicly", namespaces: name });
        continue;
      }
      const rules = model.referenced(ids, "temporalcloud_connectivity_rule");
      const publicRules = rules.filter((r) => r.attributes.connectivity_type === "public");
      for (const r of publicRules) {
        out.push({ resource: ns, attribute: "connectivity_rule_ids", message: `production namespace attaches public connectivity rule ${r.address}`, namespaces: name });
      }
      // Rule ids written as literals (rules managed elsewhere) cannot be inspected offline: trusted as private.
    }
    return out;
  },
});
