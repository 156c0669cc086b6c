import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { referencesIn } from "../../analysis/references";

/** Where a credential may be written: secret stores (and an SSM parameter only as SecureString). */
const SECRET_STORES = new Set([
  "aws_secretsmanager_secret_version",
  "google_secret_manager_secret_version",
  "azurerm_key_vault_secret",
  "vault_generic_secret",
  "vault_kv_secret_v2",
  "kubernetes_secret",
  "kubernetes_secret_v1",
]);

export const TC_SEC_002 = builtInRule({
  id: "TC-SEC-002",
  title: "API-key token written outside a secrets manager",
  severity: Severity.ERROR,
  control: "API keys are kept secret: stored in a secrets manager, never in plain configuration or files",
  fix: "Write the token only into a secrets manager (WorkerSecret: AWS Secrets Manager or GCP Secret Manager, readable by the worker only).",
  check(model) {
    const out: RuleFinding[] = [];
    for (const block of model.blocks) {
      if (block.kind !== "resource" || SECRET_STORES.has(block.type)) continue;
      if (block.type === "aws_ssm_parameter" && block.attributes.type === "SecureString") continue;
      for (const ref of referencesIn(block.attributes)) {
        if (ref.type === "temporalcloud_apikey" && (ref.attribute === "token" || ref.attribute === "")) {
          out.push({ resource: block, message: `${block.type} receives ${ref.address}.token, which is not a secrets manager` });
        }
      }
    }
    return out;
  },
});
