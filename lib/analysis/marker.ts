// The guardrails metadata a stack writes into its JSON under "//" (Terraform ignores "//" keys), the way
// cdk-nag writes its metadata into a CloudFormation template: on a namespace block the decided context
// (environment, critical, retention policy, key lifetime, records to keep, CA horizon, client-certificate
// lifetime), on any block or on the stack the suppressions that apply there. Whoever reads the JSON later
// (validate --rules, review) sees the same facts the synth saw.
import type { RetentionPolicy } from "../domain/environments";
import { isEnvironment } from "./environment";
import type { NamespaceContext } from "./model";

/** Key under "//" that holds the guardrails metadata. */
export const GUARDRAILS_KEY = "temporal_cloud_guardrails";

/** What the marker may say about a namespace (all optional; written by the estate or a CompliancePolicy). */
export interface NamespaceMarker {
  readonly environment?: string;
  readonly critical?: boolean;
  readonly retention?: { readonly minDays?: number; readonly maxDays?: number; readonly defaultDays?: number; readonly keepDays?: number };
  readonly maxApiKeyDays?: number;
  readonly recordsRetentionDays?: number;
  readonly caExpiryHorizonDays?: number;
  readonly maxClientCertificateDays?: number;
}

export interface GuardrailsMetadata extends NamespaceMarker {
  /** Suppressions as written (validated when read by the rule pack). */
  readonly suppressions?: readonly unknown[];
}

/** The guardrails metadata inside a "//" comment object, if any. */
export function metadataIn(comment: unknown): GuardrailsMetadata | undefined {
  if (!comment || typeof comment !== "object") return undefined;
  const value = (comment as Record<string, unknown>)[GUARDRAILS_KEY];
  return value && typeof value === "object" && !Array.isArray(value) ? (value as GuardrailsMetadata) : undefined;
}

const positive = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined);

/** The namespace context a marker carries; fields that are missing or malformed are left out. */
export function contextFromMarker(marker: NamespaceMarker | undefined): Partial<NamespaceContext> {
  if (!marker) return {};
  const out: { -readonly [K in keyof NamespaceContext]?: NamespaceContext[K] } = {};
  if (isEnvironment(marker.environment)) out.environment = marker.environment;
  if (typeof marker.critical === "boolean") out.critical = marker.critical;
  const r = marker.retention;
  const min = positive(r?.minDays);
  const max = positive(r?.maxDays);
  if (min !== undefined && max !== undefined) {
    const retention: RetentionPolicy = { defaultDays: positive(r?.defaultDays) ?? min, minDays: min, maxDays: max, keepDays: positive(r?.keepDays) };
    out.retention = retention;
  }
  if (positive(marker.maxApiKeyDays) !== undefined) out.maxApiKeyDays = positive(marker.maxApiKeyDays);
  if (positive(marker.recordsRetentionDays) !== undefined) out.recordsRetentionDays = positive(marker.recordsRetentionDays);
  if (positive(marker.caExpiryHorizonDays) !== undefined) out.caExpiryHorizonDays = positive(marker.caExpiryHorizonDays);
  if (positive(marker.maxClientCertificateDays) !== undefined) out.maxClientCertificateDays = positive(marker.maxClientCertificateDays);
  return out;
}

/** The marker that records `context` (what contextFromMarker reads back). */
export function markerFor(context: NamespaceContext): NamespaceMarker {
  const marker: Record<string, unknown> = {};
  if (context.environment) marker.environment = context.environment;
  if (context.critical !== undefined) marker.critical = context.critical;
  if (context.retention) marker.retention = { minDays: context.retention.minDays, maxDays: context.retention.maxDays, defaultDays: context.retention.defaultDays };
  if (context.maxApiKeyDays !== undefined) marker.maxApiKeyDays = context.maxApiKeyDays;
  if (context.recordsRetentionDays !== undefined) marker.recordsRetentionDays = context.recordsRetentionDays;
  if (context.caExpiryHorizonDays !== undefined) marker.caExpiryHorizonDays = context.caExpiryHorizonDays;
  if (context.maxClientCertificateDays !== undefined) marker.maxClientCertificateDays = context.maxClientCertificateDays;
  return marker as NamespaceMarker;
}
