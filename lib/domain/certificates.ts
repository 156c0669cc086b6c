// CA certificates checked the way Temporal Cloud checks them (X.509 parsing with node:crypto), and the
// certificate names the estate gives clients. Shared by config checks and the mTLS / metrics constructs.
import { X509Certificate } from "node:crypto";
import type { Problem } from "./problem";
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES } from "./limits";

const DAY_MS = 24 * 3600 * 1000;

/** Signature algorithms Temporal Cloud accepts: RSA (PKCS#1 v1.5 or PSS) or ECDSA with SHA-256 or stronger. */
const ACCEPTED_SIGNATURES: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.10": "RSASSA-PSS",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
};
const WEAK_SIGNATURES: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.2": "md2WithRSAEncryption",
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10040.4.3": "dsa-with-SHA1",
};

/** One CA PEM source: a file name (for messages) and its text, which may hold several certificates. */
export interface CaPemSource {
  readonly source: string;
  readonly pem: string;
}

/** One certificate of an inspected bundle. */
export interface InspectedCaCertificate {
  /** The source's label, with `(certificate n)` when the source holds several. */
  readonly label: string;
  /** The normalized PEM block. */
  readonly pem: string;
  /** Subject, e.g. `O=Acme, CN=workers-ca`. */
  readonly subject: string;
  readonly validTo: Date;
}

/** What an inspection found: problems that block the bundle, and warnings. */
export interface CaInspection {
  readonly problems: Problem[];
  readonly warnings: string[];
  /** Normalized PEM blocks, in order. */
  readonly certificates: InspectedCaCertificate[];
}

/** Parsed certificates by PEM block: one CA file is read by every namespace and every validation run. */
const PARSED = new Map<string, X509Certificate>();
const MAX_PARSED = 256;

/** `new X509Certificate(block)`, parsed once per distinct block (X509Certificate is immutable). */
function parseCertificate(block: string): X509Certificate {
  const cached = PARSED.get(block);
  if (cached) return cached;
  const cert = new X509Certificate(block);
  if (PARSED.size >= MAX_PARSED) PARSED.clear();
  PARSED.set(block, cert);
  return cert;
}

/**
 * Checks CA certificates the way Temporal Cloud will (and a little stricter): each must parse, be a CA,
 * not be expired, use RSA ≥ 2048 or ECDSA, be signed with SHA-256 or stronger, have a distinct subject,
 * and be a root or issued by another certificate in the bundle; the bundle fits 16 certificates / 32 KB.
 */
export function inspectCaBundle(sources: readonly CaPemSource[], now: Date, expiryWarningDays = 30): CaInspection {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const certificates: InspectedCaCertificate[] = [];
  const parsed: { label: string; cert: X509Certificate }[] = [];
  for (const { source, pem } of sources) {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) {
      problems.push([source, "holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the CA certificate in PEM form"]);
      continue;
    }
    blocks.forEach((block, i) => {
      const label = blocks.length > 1 ? `${source} (certificate ${i + 1})` : source;
      let cert: X509Certificate;
      try {
        cert = parseCertificate(block);
      } catch (e) {
        problems.push([label, `is not a valid X.509 certificate (${(e as Error).message}); give a PEM-encoded CA certificate`]);
        return;
      }
      const subject = cert.subject.replace(/\n/g, ", ");
      const validTo = new Date(cert.validTo);
      certificates.push({ label, pem: block + "\n", subject, validTo });
      parsed.push({ label, cert });
      problems.push(...checkCertificate(label, cert, subject, validTo, now));
      const daysLeft = (validTo.getTime() - now.getTime()) / DAY_MS;
      if (daysLeft >= 0 && daysLeft < expiryWarningDays) {
        warnings.push(`${label}: CA "${subject}" expires on ${validTo.toISOString()} (in ${Math.ceil(daysLeft)} days); add its successor to the bundle and re-issue client certificates now`);
      }
    });
  }
  const seen = new Map<string, string>();
  for (const { label, cert } of parsed) {
    const key = cert.subject.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) problems.push([label, `has the same subject as ${first}; Temporal Cloud needs a distinct subject for every CA in the bundle`]);
    else seen.set(key, label);
    if (!cert.ca) continue; // already refused; a chain check would only repeat it
    const selfIssued = cert.checkIssued(cert);
    const issuerInBundle = parsed.some((other) => other.cert !== cert && cert.checkIssued(other.cert) && cert.verify(other.cert.publicKey));
    if (!selfIssued && !issuerInBundle) {
      problems.push([label, `was issued by "${cert.issuer.replace(/\n/g, ", ")}", which is not in the bundle; add the issuing CA, since every certificate must be a root or issued by another one in the bundle`]);
    }
  }
  const bytes = certificates.reduce((n, c) => n + Buffer.byteLength(c.pem), 0);
  if (certificates.length > MAX_BUNDLE_CERTIFICATES) {
    problems.push(["bundle", `holds ${certificates.length} certificates; Temporal Cloud accepts at most ${MAX_BUNDLE_CERTIFICATES}; remove CAs no client uses`]);
  }
  if (bytes > MAX_BUNDLE_BYTES) {
    problems.push(["bundle", `is ${bytes} bytes of PEM; Temporal Cloud accepts at most ${MAX_BUNDLE_BYTES}; remove CAs no client uses`]);
  }
  return { problems, warnings, certificates };
}

function checkCertificate(label: string, cert: X509Certificate, subject: string, validTo: Date, now: Date): Problem[] {
  const problems: Problem[] = [];
  if (!cert.ca) {
    problems.push([label, `"${subject}" is not a CA certificate (basic constraints CA:FALSE); give the CA that issues your client certificates, not a client or server certificate`]);
  }
  if (validTo.getTime() <= now.getTime()) {
    problems.push([label, `"${subject}" expired on ${validTo.toISOString()}; replace it with a valid CA and re-issue client certificates`]);
  }
  const keyType = cert.publicKey.asymmetricKeyType;
  const bits = cert.publicKey.asymmetricKeyDetails?.modulusLength;
  if (keyType === "rsa" || keyType === "rsa-pss") {
    if (bits !== undefined && bits < 2048) problems.push([label, `"${subject}" has a ${bits}-bit RSA key; use RSA 2048 bits or more (4096 recommended) or ECDSA P-384`]);
  } else if (keyType !== "ec") {
    problems.push([label, `"${subject}" has a ${keyType} key; Temporal Cloud accepts RSA or ECDSA CAs`]);
  }
  const oid = signatureAlgorithmOid(cert.raw);
  if (oid && WEAK_SIGNATURES[oid]) {
    problems.push([label, `"${subject}" is signed with ${WEAK_SIGNATURES[oid]}, which Temporal Cloud rejects; re-issue it with SHA-256 or stronger`]);
  } else if (!oid || !ACCEPTED_SIGNATURES[oid]) {
    problems.push([label, `"${subject}" is signed with an unsupported algorithm (${oid ?? "unreadable"}); use RSA or ECDSA with SHA-256 or stronger`]);
  }
  return problems;
}

/** Reads Certificate.signatureAlgorithm (the second element of the outer DER sequence) as a dotted OID. */
export function signatureAlgorithmOid(der: Buffer): string | undefined {
  const outer = readTlv(der, 0);
  if (!outer) return undefined;
  const tbs = readTlv(der, outer.contentStart);
  if (!tbs) return undefined;
  const algorithm = readTlv(der, tbs.end);
  if (!algorithm || algorithm.tag !== 0x30) return undefined;
  const oid = readTlv(der, algorithm.contentStart);
  if (!oid || oid.tag !== 0x06) return undefined;
  return decodeOid(der.subarray(oid.contentStart, oid.end));
}

function readTlv(buf: Buffer, offset: number): { tag: number; contentStart: number; end: number } | undefined {
  if (offset + 2 > buf.length) return undefined;
  const tag = buf[offset];
  let length = buf[offset + 1];
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[offset + 2 + i];
    contentStart += count;
  }
  const end = contentStart + length;
  return end <= buf.length ? { tag, contentStart, end } : undefined;
}

function decodeOid(bytes: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join(".");
}

/** Every certificate in the bundle must parse, be a CA and be unexpired. */
export function checkCaPem(path: string, pem: string, now: Date): Array<[string, string]> {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return [[path, "contains no PEM certificate (-----BEGIN CERTIFICATE-----)"]];
  const problems: Array<[string, string]> = [];
  blocks.forEach((block, i) => {
    let cert: X509Certificate;
    try {
      cert = parseCertificate(block);
    } catch {
      problems.push([`${path}[${i}]`, "is not a parseable X.509 certificate"]);
      return;
    }
    if (!cert.ca) problems.push([`${path}[${i}]`, `${cert.subject.replace(/\n/g, ", ")} is not a CA certificate (basicConstraints CA:TRUE); give the CA that signs the scrapers' client certificates`]);
    if (new Date(cert.validTo) <= now) problems.push([`${path}[${i}]`, `expired on ${cert.validTo}; metrics clients would be rejected`]);
  });
  return problems;
}

/** Common name of a worker's client certificate: `<worker>.<namespace>`. */
export function clientCommonName(namespace: string, worker: string): string {
  return `${worker}.${namespace}`;
}

/** Certificate filter common name that admits exactly the clients of one namespace: `*.<namespace>`. */
export function namespaceFilterCommonName(namespace: string): string {
  return `*.${namespace}`;
}
