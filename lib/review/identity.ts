// What a resource is in Temporal Cloud or the cloud, independent of the stack (and state) holding it.
import { isUnknown } from "../analysis/references";
import type { ResourceEntry } from "./model";

/** Attributes that name a resource in its service, by type; a resource type not listed is known by its address. */
const IDENTITY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  temporalcloud_namespace: ["name"],
  temporalcloud_service_account: ["name"],
  temporalcloud_apikey: ["display_name"],
  temporalcloud_user: ["email"],
  temporalcloud_user_group: ["name"],
  temporalcloud_custom_role: ["name"],
  temporalcloud_nexus_endpoint: ["name"],
  temporalcloud_account_audit_log_sink: ["sink_name"],
  temporalcloud_metrics_endpoint: [],
  aws_secretsmanager_secret: ["name"],
  google_secret_manager_secret: ["secret_id"],
  google_compute_forwarding_rule: ["name", "region"],
  google_compute_address: ["name", "region"],
};

/**
 * What a resource is, independent of the stack holding it: its type and naming attributes when they are
 * literal, else its address (cdktf derives logical ids from the construct path inside the stack, so a
 * construct that moves to another stack keeps its address).
 */
export function resourceIdentity(entry: Pick<ResourceEntry, "type" | "address" | "attributes">): string {
  const names = IDENTITY_ATTRIBUTES[entry.type];
  const values = names?.map((n) => entry.attributes[n]);
  if (names && values!.every((v) => typeof v === "string" && !isUnknown(v))) return `${entry.type} ${values!.join(" ")}`;
  return `${entry.type} @${entry.address}`;
}
