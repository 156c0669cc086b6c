// Groups the namespaces' connectivity sections into shared endpoints: one PrivateLink endpoint per
// (region, VPC) and one PSC endpoint per (region, project, network), because Temporal's endpoint services
// are regional and serve every namespace. Decided once in resolve; the config checks and the networking
// feature read the plan from the Estate.
import type { ResolvedNamespace } from "./resolve";
import type { GcpEndpointConfig } from "./types";

/** Where one endpoint entry came from in the config. */
export interface EndpointUse {
  readonly namespace: ResolvedNamespace;
  /** Config path of the entry, e.g. `namespaces[1].connectivity.aws[0]`. */
  readonly path: string;
  /** Region code the entry resolves to. */
  readonly region: string;
}

export interface AwsEndpointPlan {
  readonly key: string;
  readonly region: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly allowedCidrs: readonly string[];
  readonly allowedSecurityGroupIds: readonly string[];
  readonly additionalVpcIds: readonly string[];
  readonly dnsAnchorVpcId?: string;
  readonly uses: readonly EndpointUse[];
}

export interface GcpEndpointPlan {
  readonly key: string;
  readonly region: string;
  readonly project: string;
  readonly network: string;
  readonly subnetwork: string;
  readonly firewall?: GcpEndpointConfig["firewall"];
  readonly uses: readonly EndpointUse[];
}

export interface ConnectivityPlan {
  readonly aws: readonly AwsEndpointPlan[];
  readonly gcp: readonly GcpEndpointPlan[];
  /** Same-key entries that disagree (path, message). */
  readonly conflicts: readonly (readonly [string, string])[];
}

export function planConnectivity(namespaces: readonly ResolvedNamespace[]): ConnectivityPlan {
  const aws = new Map<string, AwsEndpointPlan & { uses: EndpointUse[] }>();
  const gcp = new Map<string, GcpEndpointPlan & { uses: EndpointUse[] }>();
  const conflicts: [string, string][] = [];
  const union = (a: readonly string[], b: readonly string[] | undefined) => [...new Set([...a, ...(b ?? [])])];
  for (const ns of namespaces) {
    const primary = ns.primaryRegion ?? "";
    for (const { entry, path } of ns.connectivity.aws) {
      const region = entry.region ?? primary;
      const key = `${region}|${entry.vpcId}`;
      const use = { namespace: ns, path, region };
      const found = aws.get(key);
      if (!found) {
        aws.set(key, {
          key, region, vpcId: entry.vpcId, subnetIds: [...entry.subnetIds],
          allowedCidrs: [...(entry.allowedCidrs ?? [])], allowedSecurityGroupIds: [...(entry.allowedSecurityGroupIds ?? [])],
          additionalVpcIds: [...(entry.additionalVpcIds ?? [])], dnsAnchorVpcId: entry.dnsAnchorVpcId, uses: [use],
        });
        continue;
      }
      const first = found.uses[0].path;
      if (!sameSet(found.subnetIds, entry.subnetIds)) {
        conflicts.push([`${path}.subnetIds`, `differ from ${first}.subnetIds, which configures the same shared endpoint (${region}, ${entry.vpcId}); list the same subnets in both or omit them in one namespace's copy`]);
      }
      if (entry.dnsAnchorVpcId && found.dnsAnchorVpcId && entry.dnsAnchorVpcId !== found.dnsAnchorVpcId) {
        conflicts.push([`${path}.dnsAnchorVpcId`, `"${entry.dnsAnchorVpcId}" differs from ${first}.dnsAnchorVpcId ("${found.dnsAnchorVpcId}") for the same shared endpoint; use one anchor VPC`]);
      }
      aws.set(key, {
        ...found,
        allowedCidrs: union(found.allowedCidrs, entry.allowedCidrs),
        allowedSecurityGroupIds: union(found.allowedSecurityGroupIds, entry.allowedSecurityGroupIds),
        additionalVpcIds: union(found.additionalVpcIds, entry.additionalVpcIds),
        dnsAnchorVpcId: found.dnsAnchorVpcId ?? entry.dnsAnchorVpcId,
        uses: [...found.uses, use],
      });
    }
    for (const { entry, path } of ns.connectivity.gcp) {
      const region = entry.region ?? primary;
      const key = `${region}|${entry.project}|${entry.network}`;
      const use = { namespace: ns, path, region };
      const found = gcp.get(key);
      if (!found) {
        gcp.set(key, { key, region, project: entry.project, network: entry.network, subnetwork: entry.subnetwork, firewall: entry.firewall, uses: [use] });
        continue;
      }
      if (found.subnetwork !== entry.subnetwork) {
        conflicts.push([`${path}.subnetwork`, `"${entry.subnetwork}" differs from ${found.uses[0].path}.subnetwork ("${found.subnetwork}"), which configures the same shared endpoint (${region}, ${entry.project}, ${entry.network}); use the same subnetwork`]);
      }
      found.uses.push(use);
    }
  }
  return { aws: [...aws.values()], gcp: [...gcp.values()], conflicts };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}
