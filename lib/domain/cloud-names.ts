// Naming and value rules of AWS and Google Cloud that their Terraform providers or APIs enforce at plan or
// apply: IPv4 CIDR blocks, S3 and GCS bucket names, KMS aliases and key ARNs. Each check returns a message
// that echoes the value and says the fix, or undefined when the value is valid.
import { describeValue } from "./describe-value";

/** Rough shapes for editor hints (JSON Schema `pattern`); the functions below are the rules. */
export const EDITOR_PATTERNS = {
  ipv4Cidr: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(3[0-2]|[12]?\d)$/,
  s3Bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  gcsBucket: /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/,
  kmsAlias: /^alias\/[A-Za-z0-9/_-]+$/,
} as const;

/** `a.b.c.d/n` with every part in range, as [address as a 32-bit number, prefix]. */
function parseIpv4Cidr(value: string): { address: number; prefix: number } | string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!m) return "is not an IPv4 CIDR block; write address/prefix, e.g. 10.0.0.0/16";
  const octets = m.slice(1, 5).map(Number);
  const bad = octets.find((o) => o > 255);
  if (bad !== undefined) return `has the octet ${bad}, above 255; each of the four numbers must be 0-255 (e.g. 10.30.0.0/16)`;
  if (m.slice(1, 5).some((o) => o.length > 1 && o.startsWith("0"))) return "has an octet with a leading zero, which the AWS provider refuses; write the numbers without leading zeros";
  const prefix = Number(m[5]);
  if (prefix > 32) return `has the prefix /${prefix}; an IPv4 prefix is /0 to /32 (e.g. /16 for 65,536 addresses)`;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { address, prefix };
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/**
 * An IPv4 CIDR block as the AWS provider accepts it in security group rules: four octets 0-255, a prefix
 * 0-32, and the network address itself (no host bits set: 10.0.1.0/16 is refused, 10.0.0.0/16 is meant).
 */
export function ipv4CidrProblem(value: string): string | undefined {
  const parsed = parseIpv4Cidr(value);
  if (typeof parsed === "string") return `${describeValue(value)} ${parsed}`;
  const size = 2 ** (32 - parsed.prefix);
  const network = Math.floor(parsed.address / size) * size;
  if (network !== parsed.address) {
    return `${describeValue(value)} has host bits set, which AWS refuses; write the network address "${formatIpv4(network)}/${parsed.prefix}"`;
  }
  return undefined;
}

/** True for a string shaped like an IPv4 address (bucket names must not be). */
function looksLikeIpv4(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

const S3_RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const S3_RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** General-purpose S3 bucket naming rules (AWS "Bucket naming rules"). */
export function s3BucketNameProblem(name: string): string | undefined {
  const v = describeValue(name);
  if (name.length < 3 || name.length > 63) return `${v} is ${name.length} characters; S3 bucket names are 3 to 63 characters`;
  if (!/^[a-z0-9.-]+$/.test(name)) return `${v} is not a valid S3 bucket name; use only lowercase letters, digits, dots and hyphens`;
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return `${v} is not a valid S3 bucket name; it must start and end with a lowercase letter or digit`;
  if (name.includes("..")) return `${v} has two adjacent periods, which S3 refuses; use a single "." or a "-"`;
  if (looksLikeIpv4(name)) return `${v} is formatted as an IP address, which S3 refuses as a bucket name; use a name with letters`;
  const prefix = S3_RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `${v} starts with "${prefix}", a prefix S3 reserves; choose another name`;
  const suffix = S3_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `${v} ends with "${suffix}", a suffix S3 reserves; choose another name`;
  return undefined;
}

/** Cloud Storage bucket naming rules (Google "Bucket naming guidelines"), for names without dots. */
export function gcsBucketNameProblem(name: string): string | undefined {
  const v = describeValue(name);
  if (!/^[a-z0-9._-]+$/.test(name)) return `${v} is not a valid GCS bucket name; use only lowercase letters, digits, dashes, underscores and dots`;
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return `${v} is not a valid GCS bucket name; it must start and end with a lowercase letter or digit`;
  const parts = name.split(".");
  if (!name.includes(".") && (name.length < 3 || name.length > 63)) return `${v} is ${name.length} characters; GCS bucket names are 3 to 63 characters`;
  if (name.includes(".") && (name.length > 222 || parts.some((p) => p.length === 0 || p.length > 63))) {
    return `${v} is not a valid GCS bucket name; a dotted name is at most 222 characters with each dot-separated part 1 to 63 characters`;
  }
  if (looksLikeIpv4(name)) return `${v} is formatted as an IP address, which Cloud Storage refuses; use a name with letters`;
  if (name.startsWith("goog")) return `${v} starts with "goog", which Cloud Storage refuses; choose another name`;
  if (/g(o|0){2}g(l|1)e/.test(name)) return `${v} contains "google" (or a look-alike), which Cloud Storage refuses; choose another name`;
  return undefined;
}

/** An AWS KMS alias name: `alias/` then letters, digits, `/`, `_`, `-`; `alias/aws/` belongs to AWS-managed keys. */
export function kmsAliasProblem(alias: string): string | undefined {
  const v = describeValue(alias);
  if (!alias.startsWith("alias/")) return `${v} is not a KMS alias; it must start with alias/ (e.g. alias/temporal/payments/payloads)`;
  if (alias.length > 256) return `${v} is ${alias.length} characters; KMS alias names are at most 256 characters`;
  if (!/^alias\/[A-Za-z0-9/_-]+$/.test(alias)) return `${v} is not a valid KMS alias; after alias/ use only letters, digits, "/", "_" and "-"`;
  if (alias.startsWith("alias/aws/")) return `${v} uses the prefix alias/aws/, which AWS reserves for AWS-managed keys; choose e.g. alias/temporal/<namespace>/payloads`;
  return undefined;
}

/** The parts of an AWS KMS key ARN. */
export interface KmsKeyArnParts {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly keyId: string;
  /** Multi-Region keys have ids starting `mrk-`. */
  readonly multiRegion: boolean;
}

const KMS_KEY_ARN = /^arn:(aws|aws-us-gov|aws-cn):kms:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):key\/((?:mrk-[0-9a-f]{32})|(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$/;

export function parseKmsKeyArn(arn: string): KmsKeyArnParts | undefined {
  const m = KMS_KEY_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], region: m[2], accountId: m[3], keyId: m[4], multiRegion: m[4].startsWith("mrk-") };
}

/** A KMS key ARN (not an alias, not a bare key id): arn:aws:kms:<region>:<account>:key/<key id>. */
export function kmsKeyArnProblem(arn: string): string | undefined {
  if (parseKmsKeyArn(arn)) return undefined;
  const v = describeValue(arn);
  if (/^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(arn)) return `${v} is an alias ARN; give the key ARN arn:aws:kms:<region>:<account>:key/<key id> (aliases can be re-pointed to another key)`;
  return `${v} is not a KMS key ARN; write arn:aws:kms:<region>:<12-digit account>:key/<key id> (a UUID, or mrk-… for a multi-Region key)`;
}

/** A Cloud KMS crypto key name: projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>. */
export function parseGcpKmsKeyName(name: string): { project: string; location: string; keyRing: string; key: string } | undefined {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+)$/.exec(name);
  return m ? { project: m[1], location: m[2], keyRing: m[3], key: m[4] } : undefined;
}

export function gcpKmsKeyNameProblem(name: string): string | undefined {
  if (parseGcpKmsKeyName(name)) return undefined;
  return `${describeValue(name)} is not a Cloud KMS key name; write projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>`;
}

/**
 * An IAM role name as Temporal's sinks take it in `role_name` (the name, not the ARN: temporalcloud provider
 * PR #414; the 1.5.0 docs example passes an ARN). Unresolved references (`${...}`) are not judged.
 */
export function iamRoleNameProblem(name: string): string | undefined {
  if (name.includes("${")) return undefined;
  const arn = /^arn:[^:]*:iam::\d*:role\/(?:.*\/)?([^/]+)$/.exec(name);
  if (arn) return `${describeValue(name)} is a role ARN, but role_name takes the role's name; write "${arn[1]}"`;
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) return `${describeValue(name)} is not an IAM role name; use 1 to 64 letters, digits and + = , . @ _ - (the name, not the ARN)`;
  return undefined;
}

/**
 * The prefix of AWS Secrets Manager secret names: the AWS provider refuses names with characters other than
 * letters, digits and / _ + = . @ - at plan, and names longer than 512 characters.
 */
export function secretNamePrefixProblem(prefix: string): string | undefined {
  const bad = [...new Set(prefix.replace(/[A-Za-z0-9/_+=.@-]/g, ""))];
  if (bad.length > 0) {
    return `${describeValue(prefix)} has ${bad.map((c) => JSON.stringify(c)).join(", ")}, which AWS Secrets Manager refuses in secret names; use only letters, digits and / _ + = . @ - (e.g. "temporal/")`;
  }
  if (prefix.length > 400) return `${describeValue(prefix)} is ${prefix.length} characters; with the namespace and worker names after it a secret name would pass AWS's limit of 512 — shorten it`;
  return undefined;
}
