// Building blocks shared by rules.
import { X509Certificate } from "node:crypto";
import type { PolicyModel } from "../types";
import { PROFILES } from "../../domain/environments";
import { isUnknown, referencesIn } from "../../analysis/references";
import type { PolicyResource } from "../types";

export const DAY_MS = 24 * 60 * 60 * 1000;

export function namespaces(model: PolicyModel): PolicyResource[] {
  return model.resources("temporalcloud_namespace");
}

export function productionNamespaces(model: PolicyModel): PolicyResource[] {
  return namespaces(model).filter((ns) => model.environmentOf(ns) === "production");
}

/** Value at a dotted path; nested single blocks may be synthesized as an object or a one-element list. */
export function attr(block: Pick<PolicyResource, "attributes">, path: string): unknown {
  let value: unknown = block.attributes;
  for (const key of path.split(".")) {
    if (Array.isArray(value)) value = value[0];
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Longest API-key lifetime for keys reaching `prod` namespaces: their context's limit, else the production profile's. */
export function productionKeyLimit(model: PolicyModel, prod: readonly PolicyResource[]): number {
  return Math.min(...prod.map((ns) => model.contextOf(ns).maxApiKeyDays ?? PROFILES.production.maxApiKeyRotationDays));
}

/** Namespaces reachable with an API key: through its owner service account. */
export function apiKeyNamespaces(model: PolicyModel, key: PolicyResource): PolicyResource[] {
  const owners = model.referenced(key.attributes.owner_id, "temporalcloud_service_account");
  return owners.flatMap((sa) => model.serviceAccountNamespaces(sa));
}

export interface CaCertificate {
  /** Stable identity: SHA-256 fingerprint, or the address of the Terraform resource producing it. */
  readonly identity: string;
  readonly subject: string;
  readonly issuer?: string;
  readonly notAfter?: Date;
  readonly isCa?: boolean;
  readonly signatureWeak?: boolean;
  readonly pemBytes?: number;
}

/** The CA certificates in an `accepted_client_ca` value: parsed when literal, followed to tls_* resources when a reference. */
export function caCertificates(model: PolicyModel, value: unknown): { certs: CaCertificate[]; bundleBytes?: number; unreadable?: string } {
  if (typeof value !== "string" || value.length === 0) return { certs: [] };
  if (isUnknown(value)) {
    const certs: CaCertificate[] = [];
    for (const ref of referencesIn(value)) {
      const block = model.get(ref.address);
      if (!block || !/^tls_(self_signed|locally_signed)_cert$/.test(block.type)) continue;
      const hours = Number(block.attributes.validity_period_hours);
      certs.push({
        identity: block.address,
        subject: block.address,
        // A generated certificate lives validity_period_hours from its creation (i.e. from now at the latest).
        notAfter: Number.isFinite(hours) ? new Date(model.now.getTime() + hours * 3600 * 1000) : undefined,
        isCa: block.attributes.is_ca_certificate === true,
      });
    }
    return { certs };
  }
  const pem = Buffer.from(value, "base64").toString("utf8");
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { certs: [], bundleBytes: Buffer.byteLength(pem), unreadable: "contains no PEM certificate" };
  const certs: CaCertificate[] = [];
  for (const text of blocks) {
    try {
      const cert = new X509Certificate(text);
      const sigAlg = signatureAlgorithmOf(cert);
      certs.push({
        identity: cert.fingerprint256,
        subject: cert.subject.replace(/\n/g, ", "),
        issuer: cert.issuer.replace(/\n/g, ", "),
        notAfter: new Date(cert.validTo),
        isCa: cert.ca,
        signatureWeak: sigAlg !== undefined && /sha1|md5/i.test(sigAlg),
        pemBytes: Buffer.byteLength(text),
      });
    } catch {
      return { certs, bundleBytes: Buffer.byteLength(pem), unreadable: "contains a certificate that cannot be parsed" };
    }
  }
  return { certs, bundleBytes: Buffer.byteLength(pem) };
}

// node's X509Certificate has no signature-algorithm getter: look for the weak algorithms' OIDs in the DER.
const WEAK_SIGNATURE_OIDS: Record<string, string> = {
  "2a864886f70d010105": "sha1WithRSAEncryption",
  "2a8648ce3d0401": "ecdsa-with-SHA1",
  "2a8648ce380403": "dsa-with-sha1",
  "2a864886f70d010104": "md5WithRSAEncryption",
};

function signatureAlgorithmOf(cert: X509Certificate): string | undefined {
  for (const [oid, name] of Object.entries(WEAK_SIGNATURE_OIDS)) {
    const encoded = Buffer.concat([Buffer.from([0x06, oid.length / 2]), Buffer.from(oid, "hex")]);
    if (cert.raw.indexOf(encoded) >= 0) return name;
  }
  return "sha256+";
}

/**
 * Lifetime of an API key from `expiry_time`, in days from `now`: a literal RFC 3339 time, or a reference to
 * time_offset / time_rotating (their offset/rotation settings), or `timeadd(..., "<n>h")`.
 * undefined when it cannot be known offline.
 */
export function expiryDays(model: PolicyModel, value: unknown): number | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  if (!isUnknown(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : (t - model.now.getTime()) / DAY_MS;
  }
  // timeadd(<base>, "<duration>"): the base's lifetime (time_rotating / time_offset, 0 for time_static or now) plus the duration.
  const timeadd = /timeadd\(([^,]+),\s*"([0-9hms.]+)"\)/.exec(value);
  if (timeadd) {
    const added = goDurationHours(timeadd[2]);
    if (added === undefined) return undefined;
    const base = /^\s*(timestamp\(\)|time_static\.)/.test(timeadd[1]) ? 0 : lifetimeOfReference(model, timeadd[1]);
    return base === undefined ? undefined : base + added / 24;
  }
  return lifetimeOfReference(model, value);
}

function lifetimeOfReference(model: PolicyModel, expression: string): number | undefined {
  for (const ref of referencesIn(`\${${expression.replace(/^\$\{|\}$/g, "")}}`)) {
    const block = model.get(ref.address);
    if (!block) continue;
    const a = block.attributes;
    if (block.type === "time_offset") return days(a.offset_days, a.offset_hours, a.offset_minutes, a.offset_months, a.offset_years);
    if (block.type === "time_rotating") return days(a.rotation_days, a.rotation_hours, a.rotation_minutes, a.rotation_months, a.rotation_years);
    if (block.type === "time_static") return 0;
  }
  return undefined;
}

/** Hours in a Go duration such as "2160h" or "1h30m". */
function goDurationHours(text: string): number | undefined {
  const parts = [...text.matchAll(/([0-9.]+)(h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) / (unit === "h" ? 1 : unit === "m" ? 60 : 3600), 0);
}

function days(d: unknown, h: unknown, m: unknown, months: unknown, years: unknown): number | undefined {
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  if ([d, h, m, months, years].every((v) => typeof v !== "number")) return undefined;
  return n(d) + n(h) / 24 + n(m) / 1440 + n(months) * 31 + n(years) * 366;
}

/** KMS key resource types whose destruction makes what they encrypted unreadable. */
export const KMS_KEY_TYPES = ["aws_kms_key", "aws_kms_replica_key", "google_kms_crypto_key"] as const;

/** The string map of a block's `tags` (AWS) or `labels` (GCP). */
export function tagsOrLabels(block: PolicyResource): Record<string, string> {
  const value = block.attributes.tags ?? block.attributes.labels;
  const out: Record<string, string> = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  }
  return out;
}

/** KMS keys tagged for namespace `name` (`temporal-namespace`), optionally only payload keys (`temporal-key-use`). */
export function namespaceKeys(model: PolicyModel, name: string, payloadOnly: boolean): PolicyResource[] {
  return KMS_KEY_TYPES.flatMap((type) => model.resources(type)).filter((key) => {
    const tags = tagsOrLabels(key);
    return tags["temporal-namespace"] === name && (!payloadOnly || tags["temporal-key-use"] === "payload-codec");
  });
}

/** The literal string values of a list attribute, or undefined when any entry is not a literal. */
export function literalStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || isUnknown(v))) return undefined;
  return value as string[];
}
