// Facts about the compliance rule pack that the config needs without depending on the rules themselves:
// the id format, the stable ids of this version, and how suppressions are written.

export const RULE_ID_PATTERN = /^TC-[A-Z]+-\d{3}$/;
export const MIN_REASON_LENGTH = 10;

/**
 * Ids of the rules in this version, in rule-table order. Ids are stable and never reused; a test checks
 * this list against the rule pack (lib/policy/rules).
 */
export const RULE_IDS: readonly string[] = [
  "TC-IAM-001", "TC-IAM-002", "TC-IAM-003", "TC-IAM-004",
  "TC-KEY-001", "TC-KEY-002", "TC-KEY-003", "TC-ENC-001", "TC-ENC-002",
  "TC-MTLS-001", "TC-MTLS-002", "TC-MTLS-003", "TC-MTLS-004", "TC-MTLS-005",
  "TC-NET-001", "TC-LIFE-001", "TC-LIFE-002", "TC-RET-001", "TC-RET-002", "TC-CODEC-001", "TC-HA-001", "TC-AUD-001",
  "TC-SEP-001", "TC-SEP-002", "TC-SEC-001", "TC-SEC-002", "TC-CTX-001", "TC-SCHEMA-001",
];

/** A `YYYY-MM-DD` date that exists. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
