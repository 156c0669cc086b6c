// Temporal Cloud's namespace rules as plain functions, shared by config validation and SecureNamespace.
// Each returns problems as [relative path, message] pairs; an empty list means valid.
import type { Problem } from "./problem";
import { MAX_CERTIFICATE_FILTERS, MAX_TAGS, TEMPORAL_MAX_RETENTION_DAYS, TEMPORAL_MIN_RETENTION_DAYS } from "./limits";

import { describeValue } from "./describe-value";

export type { Problem } from "./problem";
export { MAX_CERTIFICATE_FILTERS, MAX_TAGS } from "./limits";

export const NAMESPACE_NAME_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
export const SEARCH_ATTRIBUTE_TYPES = ["bool", "datetime", "double", "int", "keyword", "keyword_list", "text"] as const;
export type SearchAttributeType = (typeof SEARCH_ATTRIBUTE_TYPES)[number];

/** Fields of a certificate filter; every set field must match the client certificate. */
export interface CertificateFilterSpec {
  readonly commonName?: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  readonly subjectAlternativeName?: string;
}

export interface CodecServerSpec {
  readonly endpoint: string;
  readonly passAccessToken?: boolean;
  readonly includeCrossOriginCredentials?: boolean;
  readonly customErrorMessage?: string;
  readonly customErrorLink?: string;
}

export function checkNamespaceName(name: string): Problem[] {
  if (name.length < 2 || name.length > 64) {
    return [["name", `${describeValue(name)} is ${name.length} characters; namespace names must be 2 to 64 characters`]];
  }
  if (!NAMESPACE_NAME_PATTERN.test(name)) {
    return [["name", `${describeValue(name)} is not a valid namespace name; use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (e.g. "payments-prod")`]];
  }
  return [];
}

export function checkRetentionDays(days: number): Problem[] {
  if (!Number.isInteger(days)) return [["retentionDays", `${days} is not a whole number of days; use an integer from 1 to 90`]];
  if (days > TEMPORAL_MAX_RETENTION_DAYS) return [["retentionDays", `${days} is above the Temporal Cloud maximum of ${TEMPORAL_MAX_RETENTION_DAYS}; use ${TEMPORAL_MAX_RETENTION_DAYS} or less and configure an export sink to keep history longer`]];
  if (days < TEMPORAL_MIN_RETENTION_DAYS) return [["retentionDays", `${days} is below the Temporal Cloud minimum of ${TEMPORAL_MIN_RETENTION_DAYS}; use a value from ${TEMPORAL_MIN_RETENTION_DAYS} to ${TEMPORAL_MAX_RETENTION_DAYS}`]];
  return [];
}

export function checkCertificateFilters(filters: readonly CertificateFilterSpec[]): Problem[] {
  const problems: Problem[] = [];
  if (filters.length === 0) {
    problems.push(["certificateFilters", "is an empty list, which Temporal Cloud rejects; omit certificateFilters or add at least one filter"]);
  }
  if (filters.length > MAX_CERTIFICATE_FILTERS) {
    problems.push(["certificateFilters", `has ${filters.length} filters; Temporal Cloud allows at most ${MAX_CERTIFICATE_FILTERS} per namespace`]);
  }
  filters.forEach((filter, i) => {
    const fields = Object.entries(filter).filter(([, v]) => v !== undefined);
    if (fields.length === 0) {
      problems.push([`certificateFilters[${i}]`, "has no fields; set at least one of commonName, organization, organizationalUnit, subjectAlternativeName"]);
    }
    for (const [field, value] of fields) {
      const problem = checkFilterValue(String(value));
      if (problem) problems.push([`certificateFilters[${i}].${field}`, problem]);
    }
  });
  return problems;
}

/** A filter value may carry one `*`, only at its start or its end, and is never just `*`. */
export function checkFilterValue(value: string): string | undefined {
  if (value.length === 0) return `is empty; give a value or leave the field out`;
  if (value === "*") return `"*" alone matches everything; name the value, optionally with one leading or trailing "*"`;
  const stars = [...value].filter((c) => c === "*").length;
  const inner = value.slice(1, -1).includes("*");
  if (inner || stars > 1) {
    return `"${value}" has "*" in the middle or at both ends; Temporal Cloud allows one "*" only at the start or the end`;
  }
  return undefined;
}

export function checkCodecServer(codec: CodecServerSpec): Problem[] {
  const problems: Problem[] = [];
  if (!/^https:\/\/[^\s/]+/.test(codec.endpoint)) {
    problems.push(["codecServer.endpoint", `"${codec.endpoint}" is not an https:// URL; the codec server must use HTTPS so payloads and access tokens are encrypted in transit`]);
  }
  if (codec.customErrorLink !== undefined && !/^https:\/\//.test(codec.customErrorLink)) {
    problems.push(["codecServer.customErrorLink", `"${codec.customErrorLink}" is not an https:// URL`]);
  }
  return problems;
}

export function checkTags(tags: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) problems.push(["tags", `has ${entries.length} tags; Temporal Cloud allows at most ${MAX_TAGS} per namespace`]);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 63) problems.push([`tags.${key}`, `key "${key}" must be 1 to 63 characters`]);
    if (value.length < 1 || value.length > 63) problems.push([`tags.${key}`, `value "${value}" must be 1 to 63 characters`]);
  }
  return problems;
}

export function checkSearchAttributes(attributes: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, type] of Object.entries(attributes)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      problems.push([`searchAttributes.${name}`, `"${name}" is not a valid search attribute name; use letters, digits and underscores, starting with a letter`]);
    }
    if (!(SEARCH_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
      problems.push([`searchAttributes.${name}`, `type "${type}" is not one of ${SEARCH_ATTRIBUTE_TYPES.join(", ")}`]);
    }
  }
  return problems;
}
