// Temporal Cloud's namespace rules as plain functions, shared by config validation and SecureNamespace.
// Each returns problems as [relative path, message] pairs; an empty list means valid.
import type { Problem } from "./problem";
import {
  MAX_CERTIFICATE_FILTERS, MAX_SEARCH_ATTRIBUTE_NAME_LENGTH, MAX_TAGS, SEARCH_ATTRIBUTE_LIMITS, TEMPORAL_MAX_RETENTION_DAYS,
  TEMPORAL_MIN_RETENTION_DAYS,
} from "./limits";

import { describeValue } from "./describe-value";

export type { Problem } from "./problem";
export { MAX_CERTIFICATE_FILTERS, MAX_TAGS } from "./limits";

export const NAMESPACE_NAME_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
/** Type of a custom search attribute (the provider's lowercase names). */
export enum SearchAttributeType {
  BOOL = "bool",
  DATETIME = "datetime",
  DOUBLE = "double",
  INT = "int",
  KEYWORD = "keyword",
  KEYWORD_LIST = "keyword_list",
  TEXT = "text",
}
/** A search attribute type as the config writes it. */
export type SearchAttributeTypeName = `${SearchAttributeType}`;
export const SEARCH_ATTRIBUTE_TYPES = ["bool", "datetime", "double", "int", "keyword", "keyword_list", "text"] as const satisfies readonly SearchAttributeTypeName[];

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

/**
 * Names Temporal reserves: its system and predefined search attributes and internal fields (temporalio/temporal
 * common/searchattribute), plus everything starting with "Temporal".
 */
export const RESERVED_SEARCH_ATTRIBUTE_NAMES: readonly string[] = [
  "NamespaceId", "WorkflowId", "RunId", "WorkflowType", "StartTime", "ExecutionTime", "CloseTime", "ExecutionStatus",
  "TaskQueue", "HistoryLength", "ExecutionDuration", "StateTransitionCount", "HistorySizeBytes", "ParentWorkflowId",
  "ParentRunId", "RootWorkflowId", "RootRunId", "BinaryChecksums", "BuildIds", "BatcherNamespace", "BatcherUser",
  "Memo", "MemoEncoding", "VisibilityTaskKey",
];
export const RESERVED_SEARCH_ATTRIBUTE_PREFIX = "Temporal";

/** Characters Temporal Cloud allows in a custom search attribute name. */
const SEARCH_ATTRIBUTE_NAME = /^[A-Za-z0-9.,:_\-/@ ]+$/;

/** Spellings the provider's case-insensitive type parser knows but refuses on create (strict mode). */
const REFUSED_ON_CREATE = new Set(["keywordlist", "keyword-list"]);

/** Why `type` is not a search attribute type this library writes, with the spelling to use. */
export function searchAttributeTypeMessage(type: unknown): string {
  const text = typeof type === "string" ? type : "";
  const lower = text.toLowerCase();
  if (REFUSED_ON_CREATE.has(lower)) {
    return `${describeValue(type)} is refused by the temporalcloud provider when it creates the attribute (it accepts only keyword_list there); write keyword_list`;
  }
  if ((SEARCH_ATTRIBUTE_TYPES as readonly string[]).includes(lower)) {
    return `${describeValue(type)} is not written as the config expects; write it in lowercase: ${lower}`;
  }
  return `${describeValue(type)} is not a search attribute type; use one of ${SEARCH_ATTRIBUTE_TYPES.join(", ")}`;
}

/** Problems with one custom search attribute name. */
export function searchAttributeNameProblem(name: string): string | undefined {
  const v = describeValue(name);
  if (name.length === 0) return "is an empty name; give the attribute a name such as CustomerId";
  if (name.length > MAX_SEARCH_ATTRIBUTE_NAME_LENGTH) {
    return `${v} is ${name.length} characters; Temporal Cloud allows at most ${MAX_SEARCH_ATTRIBUTE_NAME_LENGTH} in a search attribute name — shorten it`;
  }
  if (!SEARCH_ATTRIBUTE_NAME.test(name)) {
    return `${v} is not a valid search attribute name; Temporal Cloud allows letters, digits, spaces and . , : - _ / @ (e.g. CustomerId)`;
  }
  if (RESERVED_SEARCH_ATTRIBUTE_NAMES.includes(name)) {
    return `${v} is a built-in search attribute that Temporal reserves; it already exists on every namespace — use it as is, or name yours differently (e.g. Custom${name})`;
  }
  if (name.startsWith(RESERVED_SEARCH_ATTRIBUTE_PREFIX)) {
    return `${v} starts with "${RESERVED_SEARCH_ATTRIBUTE_PREFIX}", a prefix Temporal reserves for its own search attributes; choose a name without it`;
  }
  return undefined;
}

/** Name rules and per-type counts; attributes of an unknown type count nowhere (checkSearchAttributes reports them). */
export function checkSearchAttributeNamesAndCounts(attributes: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  const byType = new Map<SearchAttributeTypeName, string[]>();
  for (const [name, type] of Object.entries(attributes)) {
    const nameProblem = searchAttributeNameProblem(name);
    if (nameProblem) problems.push([`searchAttributes.${name}`, nameProblem]);
    if (isSearchAttributeType(type)) byType.set(type, [...(byType.get(type) ?? []), name]);
  }
  for (const [type, names] of byType) {
    const limit = SEARCH_ATTRIBUTE_LIMITS[type];
    if (names.length > limit) {
      const hint = type === "text" ? " or use keyword for exact-match values" : "";
      problems.push(["searchAttributes", `has ${names.length} ${type} attributes (${names.join(", ")}); Temporal Cloud allows at most ${limit} ${type} search attributes per namespace — remove ${names.length - limit}${hint}`]);
    }
  }
  return problems;
}

export function isSearchAttributeType(type: unknown): type is SearchAttributeTypeName {
  return typeof type === "string" && (SEARCH_ATTRIBUTE_TYPES as readonly string[]).includes(type);
}

export function checkSearchAttributes(attributes: Readonly<Record<string, string>>): Problem[] {
  const problems = checkSearchAttributeNamesAndCounts(attributes);
  for (const [name, type] of Object.entries(attributes)) {
    if (!isSearchAttributeType(type)) problems.push([`searchAttributes.${name}`, searchAttributeTypeMessage(type)]);
  }
  return problems;
}
