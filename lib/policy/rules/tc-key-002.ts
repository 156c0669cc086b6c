import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { TEMPORAL_MAX_API_KEY_DAYS } from "../../domain/limits";
import { apiKeyNamespaces, expiryDays } from "./helpers";

export const TC_KEY_002 = builtInRule({
  id: "TC-KEY-002",
  title: "API key expiry past or beyond the allowed lifetime",
  severity: Severity.ERROR,
  control: "Every API key has an expiry within its environment's limit (Temporal maximum: 2 years); production keys: TC-KEY-001",
  fix: "Set expiry_time to a future RFC 3339 time within the environment's maximum (staging 180 days, production 90, others 730).",
  check(model) {
    return model.resources("temporalcloud_apikey").flatMap((key) => {
      const value = key.attributes.expiry_time;
      // A missing or empty expiry_time is refused by the provider schema: TC-SCHEMA-001 reports it.
      if (value === undefined || value === null || value === "") return [];
      const days = expiryDays(model, value);
      if (days === undefined) return [];
      if (days <= 0) return [{ resource: key, attribute: "expiry_time", message: `API key expiry ${String(value)} is in the past` }];
      const namespaces = apiKeyNamespaces(model, key);
      // The lifetime of production keys is TC-KEY-001's finding; one mistake, one finding.
      const others = namespaces.filter((ns) => model.environmentOf(ns) !== "production");
      if (namespaces.length > 0 && others.length === 0) return [];
      const limits = others.map((ns) => model.contextOf(ns).maxApiKeyDays ?? TEMPORAL_MAX_API_KEY_DAYS);
      const limit = Math.min(TEMPORAL_MAX_API_KEY_DAYS, ...limits);
      if (days <= limit + 1) return [];
      return [{
        resource: key,
        attribute: "expiry_time",
        message: `API key expires in ${Math.round(days)} days, above the allowed ${limit}`,
        namespaces: namespaces.map((ns) => model.namespaceName(ns)),
      }];
    });
  },
});
