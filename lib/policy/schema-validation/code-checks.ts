// The provider's checks written in Go (validators.json `code_check` entries, and plan modifiers that refuse
// values) that one configuration already decides. Each implementation is keyed by the provider's error
// title and applied only where the catalogue lists that entry, so the catalogue stays the source of truth.
// Checks that need the live account or the prior state are listed in NEEDS_STATE with the reason.
import { findRegion, nearestRegionCodes } from "../../domain/regions";
import type { ValidatorRule } from "./schema-types";

type Json = Record<string, unknown>;
export type Report = (path: string, message: string, severity?: "error" | "warning") => void;
type Check = (body: Json, report: Report, rule: ValidatorRule) => void;

const isRef = (v: unknown) => typeof v === "string" && v.includes("${");
/** Set in the configuration (a reference counts: its value comes at apply). */
const isSet = (v: unknown) => v !== undefined && v !== null;
/** A value known now (not a reference, not null). */
const known = (v: unknown): v is string | number | boolean => isSet(v) && !isRef(v) && typeof v !== "object";
const asObject = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Go's time.RFC3339 layout: date, "T", time, optional fraction, and Z or an offset.
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const SERVICE_ACCOUNT_EMAIL = /^(\S+)@(\S+).iam.gserviceaccount.com$/;

function privateConnectivityRule(body: Json, report: Report): void {
  const type = body.connectivity_type;
  if (!known(type) || String(type) !== "private") return;
  if (body.enable_stable_ips === true || body.enable_stable_ips === "true") {
    report("enable_stable_ips", "enable_stable_ips can only be true when connectivity_type is 'public'; remove it from the private rule");
  }
  if (!isSet(body.connection_id)) report("connection_id", "Connection ID is required for a private connectivity rule; give the VPC endpoint id (vpce-…) or the PSC connection id");
  if (!isSet(body.region)) report("region", "Region is required for a private connectivity rule; give the Temporal region of the endpoint, e.g. aws-us-east-1");
  else if (known(body.region) && String(body.region).startsWith("gcp") && !isSet(body.gcp_project_id)) {
    report("gcp_project_id", `GCP Project ID is required for a private rule in ${JSON.stringify(body.region)}; give the project that holds the PSC endpoint`);
  }
}

function namespaceAuthentication(body: Json, report: Report): void {
  if (isSet(body.accepted_client_ca)) return;
  const apiKey = body.api_key_auth;
  if (isRef(apiKey) || apiKey === true || apiKey === "true") return;
  report("", "Namespace not configured with authentication: set api_key_auth = true or accepted_client_ca (a base64 PEM CA bundle)");
}

function base64Ca(field: string): Check {
  return (body, report) => {
    const value = body[field];
    if (typeof value !== "string" || isRef(value) || value === "") return;
    if (!STANDARD_BASE64.test(value.replace(/\s+/g, ""))) report(field, `is not valid standard base64 (Invalid (base64 encoded) ${field}); use base64encode(<PEM bundle>)`);
  };
}

function capacityOnCreate(body: Json, report: Report): void {
  const mode = asObject(body.capacity)?.mode;
  if (!known(mode) || String(mode) === "on_demand") return;
  report("capacity.mode", `${JSON.stringify(mode)}: Temporal Cloud refuses capacity other than "on_demand" when a namespace is created (Invalid capacity mode for namespace creation); create it with mode = "on_demand" and switch afterwards — fine if the namespace already exists`, "warning");
}

function capacityMode(body: Json, report: Report, rule: ValidatorRule): void {
  const mode = asObject(body.capacity)?.mode;
  const values = rule.values ?? [];
  if (known(mode) && !values.includes(String(mode))) report("capacity.mode", `${JSON.stringify(mode)} is not a capacity mode (Invalid capacity mode); use one of ${values.join(", ")} (exact spelling)`);
}

function capacityValue(body: Json, report: Report): void {
  const capacity = asObject(body.capacity);
  if (!capacity || !known(capacity.mode) || capacity.mode !== "provisioned" || isRef(capacity.value)) return;
  const value = Number(capacity.value);
  if (!isSet(capacity.value) || !(value > 0)) report("capacity.value", "must be set and above 0 when capacity.mode is \"provisioned\" (Invalid capacity value)");
}

function serviceAccountAccess(body: Json, report: Report): void {
  if (isSet(body.account_access) || isSet(body.namespace_scoped_access)) return;
  report("", "Missing access configuration: set account_access (with namespace_accesses) or namespace_scoped_access; a service account without access can do nothing");
}

function expiryTime(body: Json, report: Report): void {
  const value = body.expiry_time;
  if (typeof value === "string" && !isRef(value) && !RFC3339.test(value)) report("expiry_time", `${JSON.stringify(value)} is not an RFC 3339 time (Invalid ExpiryTime); write e.g. 2027-11-01T00:00:00Z`);
}

function oneOfValues(field: string, title: string): Check {
  return (body, report, rule) => {
    const value = body[field];
    if (!known(value)) return;
    const values = rule.values ?? [];
    const ok = rule.case_insensitive ? values.some((v) => v.toLowerCase() === String(value).toLowerCase()) : values.includes(String(value));
    if (!ok) report(field, `${JSON.stringify(value)} is refused by the provider (${title}); use one of ${values.join(", ")}`);
  };
}

function customRoleResources(body: Json, report: Report): void {
  const permissions = Array.isArray(body.permissions) ? body.permissions : [];
  permissions.forEach((permission, i) => {
    const resources = asObject(asObject(permission)?.resources);
    if (!resources || isRef(resources.allow_all) || isRef(resources.resource_ids)) return;
    const ids = Array.isArray(resources.resource_ids) ? resources.resource_ids : [];
    const allowAll = resources.allow_all === true || resources.allow_all === "true";
    const at = `permissions[${i}].resources`;
    if (allowAll && ids.length > 0) report(`${at}.resource_ids`, "must be empty when allow_all is true (Invalid permission resources configuration); drop the ids or allow_all");
    if (!allowAll && ids.length === 0) report(`${at}.resource_ids`, "needs at least one resource id when allow_all is not true (Invalid permission resources configuration)");
  });
}

function gcpServiceAccount(block: string): Check {
  return (body, report) => {
    const gcp = asObject(body[block]);
    if (!gcp) return;
    const email = gcp.service_account_email;
    if (isSet(gcp.service_account_id) && isSet(gcp.gcp_project_id)) return;
    if (isRef(email) || (typeof email === "string" && SERVICE_ACCOUNT_EMAIL.test(email))) return;
    report(block, "Missing Service Account Configuration: give service_account_id and gcp_project_id, or a service_account_email <name>@<project>.iam.gserviceaccount.com");
  };
}

function regionsInCatalogue(body: Json, report: Report): void {
  const regions = Array.isArray(body.regions) ? body.regions : [];
  regions.forEach((region, i) => {
    if (typeof region !== "string" || isRef(region) || !/^(aws|gcp|azure)-[a-z0-9-]+$/.test(region) || findRegion(region)) return;
    report(`regions[${i}]`, `${JSON.stringify(region)} is not a Temporal Cloud region (Invalid Region at plan); did you mean ${nearestRegionCodes(region).map((c) => JSON.stringify(c)).join(", ")}?`);
  });
}

function groupMembersNotEmpty(body: Json, report: Report): void {
  if (Array.isArray(body.users) && body.users.length === 0) {
    report("users", "is an empty set; the provider stores no members as null and Terraform fails the apply with an inconsistent result — list at least one user id, or remove the resource");
  }
}

/** resource type → provider error title (or plan modifier name) → implementation. */
export const CODE_CHECKS: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  temporalcloud_connectivity_rule: { "Invalid attribute for private connectivity rule": privateConnectivityRule },
  temporalcloud_namespace: {
    "Namespace not configured with authentication": namespaceAuthentication,
    "Invalid (base64 encoded) accepted_client_ca": base64Ca("accepted_client_ca"),
    "Invalid capacity mode for namespace creation": capacityOnCreate,
    "Invalid capacity mode": capacityMode,
    "Invalid capacity value": capacityValue,
    "Invalid Region": regionsInCatalogue,
  },
  temporalcloud_metrics_endpoint: { "Invalid (base64 encoded) accepted_client_ca": base64Ca("accepted_client_ca") },
  temporalcloud_service_account: { "Missing access configuration": serviceAccountAccess },
  temporalcloud_apikey: { "Invalid ExpiryTime": expiryTime, "invalid owner type": oneOfValues("owner_type", "invalid owner type") },
  temporalcloud_custom_role: { "Invalid permission resources configuration": customRoleResources },
  temporalcloud_account_audit_log_sink: { "Missing Service Account Configuration": gcpServiceAccount("pubsub") },
  temporalcloud_namespace_export_sink: { "Missing Service Account Configuration": gcpServiceAccount("gcs") },
  temporalcloud_namespace_search_attribute: { searchAttrTypePlanModifier: oneOfValues("type", "Invalid search attribute type, on create") },
  temporalcloud_group_members: { "Empty member set": groupMembersNotEmpty },
};

/** Catalogue entries no single configuration can decide, with why. */
export const NEEDS_STATE: Readonly<Record<string, string>> = {
  "Invalid sink configuration": "both sinks set: already refused at plan by the exactly_one_of validator",
  "Metrics endpoint already configured.": "needs the live account (an endpoint configured outside this config)",
  "Namespace regions cannot be changed": "needs the prior state (a change of regions)",
  "capacity cannot be removed once set": "needs the prior state (capacity removed from config)",
  "fairness cannot be removed once set": "needs the prior state (fairness removed from config)",
  [`a user whose role is owner is never deleted: dropped from state with warning "Delete Ignored"`]: "a warning at delete time, not a configuration error",
};

/** The key a catalogue entry is implemented under: its error title, or its plan modifier's name. */
export function codeCheckKey(rule: ValidatorRule): string | undefined {
  if (rule.category === "code_check") return rule.error ?? rule.errors?.[0] ?? rule.rule;
  if (rule.kind === "provider_defined" && rule.values) return rule.name;
  return undefined;
}

/** Applies every code check the catalogue lists for `type` to one block body. */
export function applyCodeChecks(type: string, body: Json, validators: Record<string, ValidatorRule[]>, report: Report): void {
  const implemented = CODE_CHECKS[type] ?? {};
  const done = new Set<string>();
  for (const rules of Object.values(validators)) {
    for (const rule of rules) {
      const key = codeCheckKey(rule);
      if (!key || done.has(key) || !implemented[key]) continue;
      done.add(key);
      implemented[key](body, report, rule);
    }
  }
}
