// HA checks: replica pairs against the region catalogue, and critical production namespaces must be replicated.
import type { CrossCheck } from "../cross-checks";
import { checkReplicaPair, validReplicas } from "../../domain/replication";

const replicaPairsValid: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const ha = ns.ha;
    const primary = ns.primaryRegion;
    if (!ha || primary === undefined) continue;
    for (const [path, message] of checkReplicaPair(primary, ha.mode, ha.replica)) {
      issues.add(path === "regions[0]" ? `namespaces[${ns.index}].regions` : `namespaces[${ns.index}].ha.${path}`, message);
    }
  }
};

const criticalProductionHasHa: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    if (!ns.critical || ns.environment !== "production" || ns.ha) continue;
    const primary = ns.primaryRegion;
    const multiRegion = primary ? validReplicas(primary, "multi-region") : [];
    const multiCloud = primary ? validReplicas(primary, "multi-cloud") : [];
    const hint = multiRegion.length > 0
      ? `add ha: { mode: multi-region, replica: ${multiRegion[0]} } (multi-region replicas of ${primary}: ${multiRegion.join(", ")})`
      : multiCloud.length > 0
        ? `add ha: { mode: multi-cloud, replica: ${multiCloud[0]} } (${primary} has no multi-region partner; multi-cloud replicas: ${multiCloud.join(", ")})`
        : `${primary} has no replication partner; move the namespace to a region that has one`;
    issues.add(`namespaces[${ns.index}].ha`, `is missing: "${ns.name}" is a critical production namespace, which must be replicated for the 99.99% SLA; ${hint}`);
  }
};

/** Namespaces with both mTLS and API keys (a pre-release option) cannot be replicated, wherever the auth was written. */
const haNeedsOneAuthMethod: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    if (ns.ha && ns.authKind === "both") {
      issues.add(`namespaces[${ns.index}].ha`, `"${ns.name}" enables both mTLS and API keys, which Temporal Cloud does not support for HA namespaces; keep one authentication method`);
    }
  }
};

export const HA_CHECKS: CrossCheck[] = [replicaPairsValid, criticalProductionHasHa, haNeedsOneAuthMethod];
