import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { PolicyModel, PolicyResource, RuleFinding } from "../types";
import { literalStrings, namespaceKeys, namespaces } from "./helpers";
import { awsRegionsOf, gcpKmsLocationCovers, gcpRegionsOf } from "../../domain/payload-keys";
import { findRegion } from "../../domain/regions";

/**
 * A replicated namespace's payload key must be usable in every region the namespace can fail over to:
 * otherwise the workers there cannot decrypt history after a failover ("encryption keys non-functional
 * across regions"). AWS: a multi-Region key with an aws_kms_replica_key per other region; GCP: a key ring in
 * a location that serves every region.
 */
export const TC_ENC_001 = builtInRule({
  id: "TC-ENC-001",
  title: "HA namespace's payload key is not usable in every replica region",
  severity: Severity.ERROR,
  control: "Encryption keys of a replicated namespace are available in every region it fails over to",
  fix: "AWS: make the key multi-Region (multi_region = true) and add an aws_kms_replica_key in each other region of the namespace (PayloadEncryptionKey aws.replicas; the estate does this for HA namespaces). GCP: put the key ring in a location covering every region (e.g. us, europe, global). A replica on another cloud needs a key in that cloud.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of namespaces(model)) {
      const regions = literalStrings(ns.attributes.regions);
      if (!regions || regions.length < 2) continue;
      const name = model.namespaceName(ns);
      for (const key of namespaceKeys(model, name, true)) {
        const problem = key.type === "google_kms_crypto_key" ? gcpKeyProblem(model, key, regions) : key.type === "aws_kms_key" ? awsKeyProblem(model, key, regions) : undefined;
        if (problem) out.push({ resource: key, attribute: problem.attribute, message: `payload key of HA namespace ${name}: ${problem.message}`, namespaces: [name] });
      }
    }
    return out;
  },
});

function otherCloud(regions: readonly string[], cloud: "aws" | "gcp"): string[] {
  return regions.filter((code) => findRegion(code) !== undefined && findRegion(code)?.cloud !== cloud);
}

function awsKeyProblem(model: PolicyModel, key: PolicyResource, regions: readonly string[]): { attribute?: string; message: string } | undefined {
  const foreign = otherCloud(regions, "aws");
  if (foreign.length > 0) return { message: `is an AWS KMS key, but the namespace fails over to ${foreign.join(", ")} on another cloud, where it is not usable when AWS is not` };
  const needed = awsRegionsOf(regions);
  if (needed.length < 2) return undefined;
  if (key.attributes.multi_region !== true) {
    return { attribute: "multi_region", message: `is a single-Region key, usable only in its own region; the namespace also runs in ${needed.join(" and ")}` };
  }
  const replicas = model.referencing(key, "aws_kms_replica_key");
  const own = typeof key.attributes.region === "string" ? key.attributes.region : undefined;
  const covered = new Set([own, ...replicas.map((r) => (typeof r.attributes.region === "string" ? r.attributes.region : undefined))].filter((r): r is string => r !== undefined));
  // Without literal regions, count: one key plus a replica per other region.
  const missing = own === undefined ? (replicas.length + 1 >= needed.length ? [] : needed) : needed.filter((r) => !covered.has(r));
  if (missing.length === 0) return undefined;
  return { message: `has no replica key (aws_kms_replica_key) in ${missing.join(", ")}` };
}

function gcpKeyProblem(model: PolicyModel, key: PolicyResource, regions: readonly string[]): { attribute?: string; message: string } | undefined {
  const foreign = otherCloud(regions, "gcp");
  if (foreign.length > 0) return { message: `is a Cloud KMS key, but the namespace fails over to ${foreign.join(", ")} on another cloud, where it is not usable when Google Cloud is not` };
  const ring = model.referenced(key.attributes.key_ring, "google_kms_key_ring")[0];
  const location = ring?.attributes.location;
  if (typeof location !== "string") return undefined; // not decidable offline
  const uncovered = gcpRegionsOf(regions).filter((r) => !gcpKmsLocationCovers(location, r));
  if (uncovered.length === 0) return undefined;
  return { attribute: "key_ring", message: `lives in key ring location ${location}, which does not serve ${uncovered.join(", ")}` };
}
