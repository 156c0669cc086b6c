import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { PolicyModel, PolicyResource, RuleFinding } from "../types";
import { attr, namespaceKeys, namespaces } from "./helpers";

/** Crypto key version states in which the version's key material is gone or about to go. */
const DESTROYING = new Set(["DESTROYED", "DESTROY_SCHEDULED"]);

/**
 * A KMS key (or key version) that encrypted a namespace's payloads or exports must not be destroyed while
 * that history or those exports are kept: without it they cannot be decrypted again. Kept means the
 * namespace is protected (prevent_destroy) or its records must outlive retention (exported).
 */
export const TC_ENC_002 = builtInRule({
  id: "TC-ENC-002",
  title: "Encryption key can be destroyed while the data it encrypted is kept",
  severity: Severity.ERROR,
  control: "Keys (and key versions) that encrypted workflow history or exports are not destroyed while that data is kept",
  fix: "Set lifecycle { prevent_destroy = true } on the KMS key (and its replicas / key ring), and never set a google_kms_crypto_key_version of it to DESTROYED or DESTROY_SCHEDULED while history or exports encrypted with it are kept.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of namespaces(model)) {
      const name = model.namespaceName(ns);
      const kept = keptReason(model, ns);
      if (!kept) continue;
      for (const key of new Set([...namespaceKeys(model, name, false), ...exportKeys(model, ns)])) {
        if (attr(key, "lifecycle.prevent_destroy") !== true) {
          out.push({ resource: key, attribute: "lifecycle.prevent_destroy", message: `a plan can destroy this key of namespace ${name} (no prevent_destroy) while ${kept}`, namespaces: [name] });
        }
        if (key.type !== "google_kms_crypto_key") continue;
        for (const version of model.referencing(key, "google_kms_crypto_key_version")) {
          const state = version.attributes.state;
          if (typeof state === "string" && DESTROYING.has(state.toUpperCase())) {
            out.push({ resource: version, attribute: "state", message: `sets a version of namespace ${name}'s key to ${state} while ${kept}`, namespaces: [name] });
          }
        }
      }
    }
    return out;
  },
});

/** Why the namespace's encrypted data is kept, or undefined when nothing says it is. */
function keptReason(model: PolicyModel, ns: PolicyResource): string | undefined {
  const retention = typeof ns.attributes.retention_days === "number" ? ns.attributes.retention_days : undefined;
  const records = model.contextOf(ns).recordsRetentionDays;
  if (records !== undefined && (retention === undefined || records > retention)) return `its records must be kept ${records} days (exported beyond retention)`;
  if (attr(ns, "lifecycle.prevent_destroy") === true) return `the namespace and its history are protected (prevent_destroy)`;
  return undefined;
}

/**
 * KMS keys that encrypt the namespace's exports, found through its export sinks: the S3 sink's kms_arn, and
 * the default key of the GCS bucket a sink writes to. They need not carry the namespace's tags.
 */
function exportKeys(model: PolicyModel, ns: PolicyResource): PolicyResource[] {
  const sinks = model.resources("temporalcloud_namespace_export_sink").filter((s) => model.namespacesIn(s.attributes.namespace).includes(ns));
  return sinks.flatMap((sink) => [
    ...model.referenced(attr(sink, "s3.kms_arn"), "aws_kms_key"),
    ...model.referenced(attr(sink, "gcs.bucket_name"), "google_storage_bucket")
      .flatMap((bucket) => model.referenced(attr(bucket, "encryption.default_kms_key_name"), "google_kms_crypto_key")),
  ]);
}
