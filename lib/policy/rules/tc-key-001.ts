import type { Rule } from "../types";
import { apiKeyNamespaces, expiryDays, productionKeyLimit } from "./helpers";

export const TC_KEY_001: Rule = {
  id: "TC-KEY-001",
  title: "Production API key lives longer than the production limit",
  severity: "error",
  control: "API keys of production identities expire within the production profile's limit (90 days by default)",
  fix: "Set expiry_time within the production limit (e.g. from a time_rotating resource with rotation_days <= 90) and rotate before it.",
  check(model) {
    return model.resources("temporalcloud_apikey").flatMap((key) => {
      const prod = apiKeyNamespaces(model, key).filter((ns) => model.environmentOf(ns) === "production");
      if (prod.length === 0) return [];
      const days = expiryDays(model, key.attributes.expiry_time);
      // The limit is the production profile's (or what the config decided for these namespaces).
      const limit = productionKeyLimit(model, prod);
      if (days === undefined || days <= 0 || days <= limit + 1) return [];
      return [{
        resource: key,
        attribute: "expiry_time",
        message: `API key for production namespace(s) ${prod.map((ns) => model.namespaceName(ns)).join(", ")} expires in ${Math.round(days)} days (limit ${limit})`,
        namespaces: prod.map((ns) => model.namespaceName(ns)),
      }];
    });
  },
};
