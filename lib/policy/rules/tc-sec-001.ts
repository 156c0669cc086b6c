import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { referencesIn, visitStrings } from "../../analysis/references";

/** Sensitive attributes by resource type (provider schemas mark them `sensitive`). */
export const SENSITIVE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  temporalcloud_apikey: ["token"],
  tls_private_key: ["private_key_pem", "private_key_openssh", "private_key_pem_pkcs8"],
  random_password: ["result"],
  aws_iam_access_key: ["secret", "ses_smtp_password_v4"],
  google_service_account_key: ["private_key"],
  aws_secretsmanager_secret_version: ["secret_string", "secret_binary"],
  google_secret_manager_secret_version: ["secret_data"],
};

const PRIVATE_KEY_TEXT = /-----BEGIN [A-Z ]*PRIVATE KEY-----|tmprl_[A-Za-z0-9]{20,}/;

export const TC_SEC_001 = builtInRule({
  id: "TC-SEC-001",
  title: "Secret in a plain output",
  severity: Severity.ERROR,
  control: "No secret (API-key token, private key) in a plain Terraform output",
  fix: "Store the secret in a secrets manager (WorkerSecret) and output its ARN/id; if an output is unavoidable, mark it sensitive = true.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const output of model.outputs) {
      if (output.attributes.sensitive === true) continue;
      const value = output.attributes.value;
      const leaks = referencesIn(value).filter((r) => {
        const attrs = SENSITIVE_ATTRIBUTES[r.type];
        const whole = r.attribute === "" && attrs !== undefined; // the whole resource object includes its secrets
        return whole || (attrs?.some((a) => r.attribute === a || r.attribute.startsWith(`${a}.`)) ?? false);
      });
      for (const leak of leaks) {
        out.push({ resource: output, attribute: "value", message: `output exposes ${leak.address}${leak.attribute ? `.${leak.attribute}` : ""} without sensitive = true` });
      }
      let literal = false;
      visitStrings(value, (s) => { if (PRIVATE_KEY_TEXT.test(s)) literal = true; });
      if (literal) out.push({ resource: output, attribute: "value", message: "output contains a literal private key or API-key token" });
    }
    return out;
  },
});
