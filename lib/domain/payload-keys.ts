// Where a namespace's payload key must be usable so encrypted history survives a failover: the guidance's
// "encryption keys non-functional across regions" / "DR region key sync mandatory for failover". An AWS KMS
// key lives in one region unless it is a multi-Region key with a replica in each other region; a Cloud KMS
// key lives in its key ring's location, which may be a multi-region location covering several regions.
import { findRegion } from "./regions";

/** The AWS region names of a namespace's regions that are on AWS, in order, without repeats. */
export function awsRegionsOf(temporalRegions: readonly string[]): string[] {
  return unique(temporalRegions.map((code) => findRegion(code)).filter((r) => r?.cloud === "aws").map((r) => r!.region));
}

/** The GCP region names of a namespace's regions that are on GCP. */
export function gcpRegionsOf(temporalRegions: readonly string[]): string[] {
  return unique(temporalRegions.map((code) => findRegion(code)).filter((r) => r?.cloud === "gcp").map((r) => r!.region));
}

/** Regions (AWS names) that need a replica of an AWS payload key held in `keyRegion`. */
export function awsKeyReplicaRegions(keyRegion: string, temporalRegions: readonly string[]): string[] {
  return awsRegionsOf(temporalRegions).filter((r) => r !== keyRegion);
}

/** Cloud KMS multi-region locations and the region-name prefixes they span. */
const GCP_MULTI_REGION_LOCATIONS: Readonly<Record<string, readonly string[]>> = {
  global: [""],
  us: ["us-"],
  europe: ["europe-"],
  asia: ["asia-"],
};

/** True when a key ring in `location` serves `region` (the location is the region, or a multi-region spanning it). */
export function gcpKmsLocationCovers(location: string, region: string): boolean {
  if (location === region) return true;
  const prefixes = GCP_MULTI_REGION_LOCATIONS[location];
  return prefixes !== undefined && prefixes.some((p) => region.startsWith(p));
}

/** A Cloud KMS location that serves every one of `regions`, for the fix in messages. */
export function gcpKmsLocationFor(regions: readonly string[]): string {
  const multi = Object.keys(GCP_MULTI_REGION_LOCATIONS).find((loc) => loc !== "global" && regions.every((r) => gcpKmsLocationCovers(loc, r)));
  return multi ?? "global";
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
