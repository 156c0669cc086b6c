import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { PROFILES } from "../../domain/environments";
import { apiKeyNamespaces, expiryDays, productionKeyLimit } from "./helpers";

/** The production profile's longest API-key lifetime. */
export const PRODUCTION_MAX_KEY_DAYS = PROFILES.production.maxApiKeyRotationDays;

export const TC_KEY_001 = builtInRule({
  id: "TC-KEY-001",
  title: `Production API key lives longer than ${PRODUCTION_MAX_KEY_DAYS} days`,
  severity: Severity.ERROR,
  control: `API keys of production identities expire within ${PRODUCTION_MAX_KEY_DAYS} days`,
  fix: `Set expiry_time at most ${PRODUCTION_MAX_KEY_DAYS} days ahead (e.g. from a time_rotating resource with rotation_days <= ${PRODUCTION_MAX_KEY_DAYS}) and rotate before it.`,
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
});
