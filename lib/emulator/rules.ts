// The Cloud Operations API's input rules, written from Temporal Cloud's documented limits
// (docs/testing.md#emulator lists them). Each check returns problem strings; handlers reject all at once.
import { X509Certificate } from "node:crypto";
import { findRegion } from "../domain/regions";
import type { Spec } from "./store";

export const LIMITS = {
  nameMin: 2,
  nameMax: 64,
  retentionMin: 1,
  retentionMax: 90,
  caCertificates: 16,
  caBundleBytes: 32 * 1024,
  certificateFilters: 25,
  tags: 10,
  tagLength: 63,
  keysPerServiceAccount: 20,
  keysPerUser: 10,
  keyLifetimeMs: 2 * 366 * 86_400_000, // two years, leap day included
  privateRulesPerNamespace: 5,
} as const;

/** Custom search attributes allowed per type. */
export const SEARCH_ATTRIBUTE_LIMITS: Record<string, number> = {
  SEARCH_ATTRIBUTE_TYPE_TEXT: 5,
  SEARCH_ATTRIBUTE_TYPE_KEYWORD: 40,
  SEARCH_ATTRIBUTE_TYPE_KEYWORD_LIST: 5,
  SEARCH_ATTRIBUTE_TYPE_INT: 20,
  SEARCH_ATTRIBUTE_TYPE_DOUBLE: 20,
  SEARCH_ATTRIBUTE_TYPE_BOOL: 20,
  SEARCH_ATTRIBUTE_TYPE_DATETIME: 20,
};

// DER-encoded OIDs of signature algorithms Temporal Cloud refuses (SHA-1 and MD5 based).
const WEAK_SIGNATURES: ReadonlyArray<readonly [string, Buffer]> = [
  ["sha1WithRSAEncryption", Buffer.from("06092a864886f70d010105", "hex")],
  ["md5WithRSAEncryption", Buffer.from("06092a864886f70d010104", "hex")],
  ["ecdsa-with-SHA1", Buffer.from("06072a8648ce3d0401", "hex")],
];

const NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

export function checkNamespaceName(name: unknown): string[] {
  const value = typeof name === "string" ? name : "";
  if (value.length < LIMITS.nameMin || value.length > LIMITS.nameMax) {
    return [`namespace name "${value}" must be ${LIMITS.nameMin} to ${LIMITS.nameMax} characters`];
  }
  if (!NAME.test(value)) {
    return [`namespace name "${value}" must start with a lowercase letter, contain only lowercase letters, digits and hyphens, and end with a letter or digit`];
  }
  return [];
}

export function checkRetention(days: unknown): string[] {
  const value = Number(days ?? 0);
  if (!Number.isInteger(value) || value < LIMITS.retentionMin || value > LIMITS.retentionMax) {
    return [`retention_days ${value} is outside ${LIMITS.retentionMin}-${LIMITS.retentionMax}`];
  }
  return [];
}

/** Regions must be in the catalogue; a second region must be a documented replication partner of the first. */
export function checkRegions(regions: readonly string[] | undefined): string[] {
  const list = regions ?? [];
  if (list.length === 0) return ["at least one region is required"];
  if (list.length > 2) return [`${list.length} regions given; a namespace has one region and at most one replica`];
  const unknown = list.filter((r) => !findRegion(r));
  if (unknown.length > 0) return unknown.map((r) => `region "${r}" is not a Temporal Cloud region`);
  if (list.length === 2) {
    const [primary, replica] = list.map((r) => findRegion(r)!);
    const partners = [...primary.multiRegionReplicaRegions, ...primary.multiCloudReplicaRegions];
    const sameRegionOk = primary.cloudApiCode === replica.cloudApiCode && primary.sameRegionReplication;
    if (!sameRegionOk && !partners.includes(replica.cloudApiCode)) {
      return [`region "${replica.cloudApiCode}" cannot replicate "${primary.cloudApiCode}"`];
    }
  }
  return [];
}

/** The accepted client CA bundle: PEM, ≤ 32 KB, ≤ 16 certificates, each a CA, chained inside the bundle. */
export function checkCaBundle(base64: string | undefined, now: number): string[] {
  if (!base64) return ["mtls_auth is enabled but accepted_client_ca is empty"];
  const pem = Buffer.from(base64, "base64");
  if (pem.length > LIMITS.caBundleBytes) return [`accepted_client_ca is ${pem.length} bytes; the limit is ${LIMITS.caBundleBytes} bytes`];
  const blocks = pem.toString("utf8").match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return ["accepted_client_ca holds no PEM certificate"];
  if (blocks.length > LIMITS.caCertificates) return [`accepted_client_ca holds ${blocks.length} certificates; the limit is ${LIMITS.caCertificates}`];
  const problems: string[] = [];
  const certs: X509Certificate[] = [];
  blocks.forEach((block, i) => {
    try {
      certs.push(new X509Certificate(block));
    } catch (err) {
      problems.push(`accepted_client_ca certificate ${i + 1} does not parse: ${(err as Error).message}`);
    }
  });
  certs.forEach((cert, i) => {
    const label = `accepted_client_ca certificate ${i + 1} (${cert.subject.replace(/\n/g, ", ")})`;
    if (!cert.ca) problems.push(`${label} is not a CA certificate (basic constraints CA:true is required)`);
    const weak = WEAK_SIGNATURES.find(([, oid]) => cert.raw.includes(oid));
    if (weak) problems.push(`${label} is signed with ${weak[0]}; use RSA or ECDSA with SHA-256 or stronger`);
    if (Date.parse(cert.validTo) <= now) problems.push(`${label} expired on ${cert.validTo}`);
    const issuer = certs.find((other) => cert.checkIssued(other) && cert.verify(other.publicKey));
    if (!issuer) problems.push(`${label} is neither self-signed nor issued by another certificate in the bundle`);
  });
  return problems;
}

export function checkCertificateFilters(filters: readonly Spec[] | undefined): string[] {
  const list = filters ?? [];
  const problems: string[] = [];
  if (list.length > LIMITS.certificateFilters) problems.push(`${list.length} certificate filters; the limit is ${LIMITS.certificateFilters}`);
  list.forEach((f, i) => {
    const values = ["commonName", "organization", "organizationalUnit", "subjectAlternativeName"].map((k) => [k, f[k]] as const).filter(([, v]) => v);
    if (values.length === 0) problems.push(`certificate filter ${i + 1} sets no field`);
    for (const [k, v] of values) {
      const value = String(v);
      const stars = value.split("*").length - 1;
      if (value === "*" || stars > 1 || value.slice(1, -1).includes("*")) {
        problems.push(`certificate filter ${i + 1} ${k} "${value}": one "*" is allowed, only at the start or the end`);
      }
    }
  });
  return problems;
}

export function checkCodecServer(codec: Spec | undefined): string[] {
  const endpoint = codec?.endpoint;
  if (!endpoint) return [];
  return /^https:\/\/\S+$/.test(endpoint) ? [] : [`codec server endpoint "${endpoint}" must be an https:// URL`];
}

export function checkTags(tags: Record<string, string>): string[] {
  const entries = Object.entries(tags);
  const problems: string[] = [];
  if (entries.length > LIMITS.tags) problems.push(`${entries.length} tags; the limit is ${LIMITS.tags} per namespace`);
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > LIMITS.tagLength) problems.push(`tag key "${k}" must be 1 to ${LIMITS.tagLength} characters`);
    if (v.length < 1 || v.length > LIMITS.tagLength) problems.push(`tag "${k}" value must be 1 to ${LIMITS.tagLength} characters`);
  }
  return problems;
}

/** New search attributes: valid names and types, per-type limits; existing ones cannot change type or go away. */
export function checkSearchAttributes(next: Record<string, string>, current: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, type] of Object.entries(next)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) problems.push(`search attribute name "${name}" must be letters, digits and underscores, starting with a letter`);
    if (!(type in SEARCH_ATTRIBUTE_LIMITS)) problems.push(`search attribute "${name}" has no valid type (${String(type)})`);
    if (current[name] && current[name] !== type) problems.push(`search attribute "${name}" is ${current[name]}; its type cannot change`);
  }
  for (const name of Object.keys(current)) {
    if (!(name in next)) problems.push(`search attribute "${name}" cannot be removed`);
  }
  const counts = new Map<string, number>();
  for (const type of Object.values(next)) counts.set(type, (counts.get(type) ?? 0) + 1);
  for (const [type, count] of counts) {
    const limit = SEARCH_ATTRIBUTE_LIMITS[type];
    if (limit !== undefined && count > limit) problems.push(`${count} search attributes of type ${type}; the limit is ${limit}`);
  }
  return problems;
}
