import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { PolicyResource } from "../types";
import type { PolicyModel } from "../types";

const SECRET_VALUE_ATTRIBUTES: Record<string, string> = {
  aws_secretsmanager_secret_version: "secret_id",
  google_secret_manager_secret_version: "secret",
  aws_ssm_parameter: "name",
};

/** For every API key, the distinct secret containers holding its token (one pass over the secret versions). */
function secretsByKey(model: PolicyModel): Map<PolicyResource, Set<string>> {
  const byKey = new Map<PolicyResource, Set<string>>();
  for (const [type, containerAttr] of Object.entries(SECRET_VALUE_ATTRIBUTES)) {
    for (const version of model.resources(type)) {
      const container = JSON.stringify(version.attributes[containerAttr] ?? version.address);
      for (const key of model.referenced(version.attributes, "temporalcloud_apikey")) {
        const secrets = byKey.get(key) ?? new Set<string>();
        secrets.add(container);
        byKey.set(key, secrets);
      }
    }
  }
  return byKey;
}

export const TC_IAM_003 = builtInRule({
  id: "TC-IAM-003",
  title: "Service account shared by several workers",
  severity: Severity.WARNING,
  control: "Least privilege: one service account per worker",
  fix: "Create one service account (and its own API key) per worker and namespace, so each can be revoked alone.",
  check(model) {
    const byKey = secretsByKey(model);
    return model.resources("temporalcloud_service_account").flatMap((sa) => {
      const reach = model.serviceAccountNamespaces(sa);
      const keys = model.referencing(sa, "temporalcloud_apikey");
      const secrets = new Set(keys.flatMap((k) => [...(byKey.get(k) ?? [])]));
      const names = reach.map((ns) => model.namespaceName(ns));
      const envs = new Set(reach.map((ns) => model.environmentOf(ns)));
      // Production and non-production together is TC-SEP-001's (error) finding.
      if (envs.has("production") && [...envs].some((e) => e !== undefined && e !== "production")) return [];
      if (reach.length > 1) {
        return [{ resource: sa, attribute: "namespace_accesses", message: `service account reaches ${reach.length} namespaces (${names.join(", ")}), so several workers share it`, namespaces: names }];
      }
      if (secrets.size > 1) {
        return [{ resource: sa, message: `API keys of this service account are stored in ${secrets.size} different secrets, so several workers share it`, namespaces: names }];
      }
      return [];
    });
  },
});
