// Temporal Cloud's documented limits, in one place.

export const TEMPORAL_MAX_RETENTION_DAYS = 90;
export const TEMPORAL_MIN_RETENTION_DAYS = 1;
/** Temporal Cloud's maximum API-key lifetime (2 years). */
export const TEMPORAL_MAX_API_KEY_DAYS = 730;
export const MAX_CERTIFICATE_FILTERS = 25;
export const MAX_TAGS = 10;
/** Temporal Cloud accepts at most this many CA certificates per namespace bundle. */
export const MAX_BUNDLE_CERTIFICATES = 16;
/** ...and at most this many bytes of PEM (measured before base64). */
export const MAX_BUNDLE_BYTES = 32 * 1024;
/** Temporal Cloud's default limit of private connectivity rules per namespace. */
export const MAX_PRIVATE_RULES_PER_NAMESPACE = 5;
/** Temporal Cloud's default limit of private connectivity rules per account. */
export const MAX_PRIVATE_RULES_PER_ACCOUNT = 50;
/** AWS KMS's longest (and default here) key deletion window. */
export const MAX_KMS_DELETION_WINDOW_DAYS = 30;
/** Temporal Cloud's custom search attributes per type and namespace (docs/evaluate/cloud/limits.mdx). */
export const SEARCH_ATTRIBUTE_LIMITS = {
  bool: 20,
  datetime: 20,
  double: 20,
  int: 20,
  keyword: 40,
  keyword_list: 5,
  text: 5,
} as const;
/** Longest custom search attribute name Temporal Cloud accepts. */
export const MAX_SEARCH_ATTRIBUTE_NAME_LENGTH = 64;
/**
 * Temporal Cloud's default namespaces per account: raised automatically as namespaces are created, and by
 * support for large estates; a config far above it needs that conversation first.
 */
export const DEFAULT_NAMESPACES_PER_ACCOUNT = 10;
