import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { apiKeyNamespaces, expiryDays } from "./helpers";

export const TC_KEY_003 = builtInRule({
  id: "TC-KEY-003",
  title: "API key lifetime cannot be verified offline",
  severity: Severity.INFO,
  control: "API keys of production identities expire within 90 days",
  fix: "Derive expiry_time from a time_rotating or time_offset resource (or a literal time) so the lifetime can be checked before apply.",
  check(model) {
    return model.resources("temporalcloud_apikey").flatMap((key) => {
      const value = key.attributes.expiry_time;
      if (typeof value !== "string" || value === "" || expiryDays(model, value) !== undefined) return [];
      return [{ resource: key, attribute: "expiry_time", message: `expiry_time ${value} is only known at apply; its lifetime was not checked`, namespaces: apiKeyNamespaces(model, key).map((ns) => model.namespaceName(ns)) }];
    });
  },
});
