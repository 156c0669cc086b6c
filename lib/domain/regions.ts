// Temporal Cloud region facts, from lib/domain/regions.json (copied from the documentation's region pages).
import catalogJson from "./regions.json";

/** The cloud a Temporal Cloud region runs on. */
export enum Cloud {
  AWS = "aws",
  GCP = "gcp",
  AZURE = "azure",
}
/** A cloud as the region catalogue and the config write it. */
export type CloudName = `${Cloud}`;

/** One Temporal Cloud region as the catalogue records it. */
export interface TemporalRegion {
  /** Cloud API code used in `temporalcloud_namespace.regions`, e.g. `aws-us-east-1`. */
  readonly cloudApiCode: string;
  readonly cloud: Cloud;
  /** The cloud provider's own region name, e.g. `us-east-1`. */
  readonly region: string;
  readonly displayName: string;
  /** Regional gRPC endpoint, `host:port`. */
  readonly regionalEndpoint: string;
  /** HA / private-DNS record, e.g. `aws-us-east-1.region.tmprl.cloud`. */
  readonly regionDnsRecord?: string;
  /** AWS PrivateLink endpoint service name (AWS regions only). */
  readonly privateLinkServiceName?: string;
  /** GCP Private Service Connect service attachment (GCP regions only). */
  readonly pscServiceAttachment?: string;
  readonly sameRegionReplication: boolean;
  readonly multiRegionReplicaRegions: string[];
  readonly multiCloudReplicaRegions: string[];
}

/** A region as regions.json writes it: a fact the region lacks is `null` there. */
type CatalogRegion = { readonly [K in keyof TemporalRegion]-?: TemporalRegion[K] | null };

/** The catalogue entry without its `null` facts (jsii has no null: an absent fact is an absent property). */
function fromCatalog(entry: CatalogRegion): TemporalRegion {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null)) as unknown as TemporalRegion;
}

const REGIONS: readonly TemporalRegion[] = (catalogJson as { regions: CatalogRegion[] }).regions.map(fromCatalog);
const BY_CODE = new Map(REGIONS.map((r) => [r.cloudApiCode, r]));

/** Every region in the catalogue. */
export function allRegions(): readonly TemporalRegion[] {
  return REGIONS;
}

/** The region with this Cloud API code, or undefined. */
export function findRegion(code: string): TemporalRegion | undefined {
  return BY_CODE.get(code);
}

/** The region with this Cloud API code; throws with suggestions when unknown. */
export function getRegion(code: string): TemporalRegion {
  const region = BY_CODE.get(code);
  if (!region) throw new Error(unknownRegionMessage(code));
  return region;
}

/** "is not a Temporal Cloud region; did you mean …" text used by config validation and constructs. */
export function unknownRegionMessage(code: string): string {
  const near = nearestRegionCodes(code);
  return `"${code}" is not a Temporal Cloud region; did you mean ${near.map((c) => `"${c}"`).join(", ")}? ` +
    `Region codes carry the cloud prefix, e.g. "aws-us-east-1" or "gcp-us-central1".`;
}

/** The catalogue codes closest to `code` by edit distance (a missing cloud prefix is tried too). */
export function nearestRegionCodes(code: string, count = 3): string[] {
  const wanted = code.trim().toLowerCase();
  const scored = REGIONS.map((r) => {
    const candidates = [r.cloudApiCode, r.region];
    const distance = Math.min(...candidates.map((c) => editDistance(wanted, c)));
    return { code: r.cloudApiCode, distance };
  });
  scored.sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code));
  return scored.slice(0, count).map((s) => s.code);
}

/**
 * Levenshtein distance; region codes are short, so the O(n·m) table is fine. Strings whose lengths differ by
 * more than 64 are never near misses: their length difference (a lower bound) is returned without the table,
 * so a 100 KB value is not compared character by character with every candidate.
 */
export function editDistance(a: string, b: string): number {
  const gap = Math.abs(a.length - b.length);
  if (gap > 64) return gap;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
