// Private-networking checks: endpoint regions, shared endpoints, account id for private DNS, public access.
import { findRegion } from "../../domain/regions";
import { MAX_PRIVATE_RULES_PER_ACCOUNT, MAX_PRIVATE_RULES_PER_NAMESPACE } from "../../domain/limits";
import type { CrossCheck } from "../cross-checks";

export { MAX_PRIVATE_RULES_PER_ACCOUNT, MAX_PRIVATE_RULES_PER_NAMESPACE } from "../../domain/limits";

const endpointRegionsMatch: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const regions = ns.replicatedRegions;
    if (regions.length === 0) continue;
    const check = (cloud: "aws" | "gcp", region: string | undefined, path: string) => {
      const code = region ?? regions[0];
      const where = region === undefined ? `${path}` : `${path}.region`;
      const info = findRegion(code);
      if (info && info.cloud !== cloud) {
        const label = cloud === "aws" ? "aws (PrivateLink)" : "gcp (Private Service Connect)";
        issues.add(where, region === undefined
          ? `the namespace's region "${code}" is on ${info.cloud.toUpperCase()}, but this is an ${label} endpoint; use connectivity.${info.cloud}, or set region to the namespace's ${cloud} replica`
          : `"${code}" is on ${info.cloud.toUpperCase()}; an ${label} endpoint needs a ${cloud}-… region`);
        return;
      }
      if (!regions.includes(code)) {
        issues.add(where, `"${code}" is not a region of namespace "${ns.name}" (${regions.join(", ")}); private endpoints must be in the namespace's own region — cross-region PrivateLink / PSC is not supported — use ${regions.map((r) => `"${r}"`).join(" or ")}`);
      }
    };
    for (const { entry, path } of ns.connectivity.aws) check("aws", entry.region, path);
    for (const { entry, path } of ns.connectivity.gcp) check("gcp", entry.region, path);
  }
};

const sharedEndpointsAgree: CrossCheck = (config, issues) => {
  for (const [path, message] of config.connectivity.conflicts) issues.add(path, message);
};

const accountIdForPrivateEndpoints: CrossCheck = (config, issues) => {
  if (config.accountId) return;
  for (const ns of config.namespaces) {
    const c = ns.connectivity;
    if (c.aws.length === 0 && c.gcp.length === 0) continue;
    // Without private DNS only single-region mTLS workers need the namespace endpoint (as TLS server name).
    if (!c.privateDns && (ns.authKind === "apiKey" || ns.replicatedRegions.length > 1)) continue;
    const why = !c.privateDns
      ? "workers need it as the TLS server name when they dial the endpoint directly"
      : "the private DNS zones are named after the namespace endpoint <namespace>.<account>.tmprl.cloud";
    issues.add(`namespaces[${ns.index}].connectivity`, `uses private endpoints but account.id is not set; ${why} — add account: { id: <your Temporal Cloud account id> }`);
  }
};

const publicAccessNeedsReason: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const c = ns.connectivity;
    if (!c.publicAccess || !ns.profile.privateOnly || c.publicAccessJustification) continue;
    issues.add(`namespaces[${ns.index}].connectivity.publicAccess`, `true opens the ${ns.environment} namespace "${ns.name}" to the public internet, but ${ns.environment} is private-only; remove it, or add publicAccessJustification explaining why`);
  }
};

/** A private-only replicated namespace needs an endpoint in every replica region, or a failover cuts workers off. */
const replicasHavePrivatePath: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const regions = [...new Set(ns.replicatedRegions)];
    const c = ns.connectivity;
    if (regions.length < 2 || !c.configured || c.publicAccess) continue;
    const covered = new Set([
      ...c.aws.map(({ entry }) => entry.region ?? regions[0]),
      ...c.gcp.map(({ entry }) => entry.region ?? regions[0]),
    ]);
    if (covered.size === 0) continue;
    const missing = regions.filter((r) => !covered.has(r));
    if (missing.length > 0) {
      issues.add(`namespaces[${ns.index}].connectivity`, `has no private endpoint in replica region ${missing.map((r) => `"${r}"`).join(", ")}; after a failover workers would have no private path (the connectivity rules block public access) — add a connectivity.${findRegion(missing[0])?.cloud ?? "aws"} entry with region: ${missing[0]}, or set publicAccess: true with a justification`);
    }
  }
};

const privateRuleLimit: CrossCheck = (config, issues) => {
  const plan = config.connectivity;
  const total = plan.aws.length + plan.gcp.length;
  if (total > MAX_PRIVATE_RULES_PER_ACCOUNT) {
    issues.add("namespaces", `need ${total} private endpoints, each with its own private connectivity rule; Temporal Cloud allows ${MAX_PRIVATE_RULES_PER_ACCOUNT} per account by default — share endpoints or ask support to raise the limit`);
  }
  const count = new Map<string, number>();
  for (const endpoint of [...plan.aws, ...plan.gcp]) {
    for (const name of new Set(endpoint.uses.map((u) => u.namespace.name))) count.set(name, (count.get(name) ?? 0) + 1);
  }
  for (const ns of config.namespaces) {
    const n = count.get(ns.name) ?? 0;
    if (n > MAX_PRIVATE_RULES_PER_NAMESPACE) {
      issues.add(`namespaces[${ns.index}].connectivity`, `needs ${n} private connectivity rules; Temporal Cloud allows ${MAX_PRIVATE_RULES_PER_NAMESPACE} per namespace by default — share endpoints (same region and VPC) or ask support to raise the limit`);
    }
  }
};

/** HA private DNS has one record per region: two endpoints in one region serving HA namespaces would compete. */
const oneHaEndpointPerRegion: CrossCheck = (config, issues) => {
  const plan = config.connectivity;
  const seen = new Map<string, string>();
  for (const endpoint of [...plan.aws, ...plan.gcp]) {
    const ha = endpoint.uses.filter((u) => u.namespace.replicatedRegions.length > 1 && u.namespace.connectivity.privateDns);
    if (ha.length === 0) continue;
    const first = seen.get(endpoint.region);
    if (first) {
      issues.add(ha[0].path, `is a second private endpoint in "${endpoint.region}" serving an HA namespace (the first is ${first}); the private region.tmprl.cloud zone holds one record per region — let HA namespaces in a region share one VPC endpoint`);
    } else seen.set(endpoint.region, ha[0].path);
  }
};

/** The endpoint's security group opens TCP 7233 only to the listed sources: with none, no worker can connect. */
const privateLinkHasWorkerSource: CrossCheck = (config, issues) => {
  for (const endpoint of config.connectivity.aws) {
    if (endpoint.allowedCidrs.length > 0 || endpoint.allowedSecurityGroupIds.length > 0) continue;
    const shared = endpoint.uses.length > 1 ? ` (nor in the ${endpoint.uses.length - 1} other entr${endpoint.uses.length > 2 ? "ies" : "y"} sharing this endpoint)` : "";
    issues.add(endpoint.uses[0].path, `allows no worker source${shared}: the endpoint's security group would open TCP 7233 to nothing, so no worker in ${endpoint.vpcId} could connect — add allowedCidrs: [<worker subnet CIDR>] or allowedSecurityGroupIds: [sg-…]`);
  }
};

export const NETWORKING_CHECKS: CrossCheck[] = [
  privateLinkHasWorkerSource,
  endpointRegionsMatch,
  sharedEndpointsAgree,
  accountIdForPrivateEndpoints,
  publicAccessNeedsReason,
  replicasHavePrivatePath,
  privateRuleLimit,
  oneHaEndpointPerRegion,
];
