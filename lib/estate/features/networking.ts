// Private endpoints (PrivateLink / PSC) shared per region and network, their connectivity rules attached to
// the namespaces they serve, the account's one public rule when asked for, HA private DNS, and worker outputs.
import { endpointAuthOf } from "../enum-values";
import { Annotations, TerraformOutput } from "cdktf";
import type { AssemblyContext, Feature } from "../assembly-context";
import { findRegion } from "../../domain/regions";
import type { ResolvedNamespace } from "../../config/resolve";
import { ConnectivityRule } from "../../providers/temporalcloud/connectivity-rule";
import { PrivateLinkEndpoint } from "../../constructs/private-link-endpoint";
import { PscEndpoint } from "../../constructs/psc-endpoint";
import { HaPrivateDns } from "../../constructs/ha-private-dns";
import { slug, type IPrivateEndpoint, type PrivateEndpointNamespace } from "../../constructs/private-endpoint-common";
import { PolicySuppressions } from "../../policy/suppressions";

interface Built {
  /** Endpoints serving each namespace, by namespace name. */
  readonly byNamespace: Map<string, IPrivateEndpoint[]>;
  readonly publicRule?: ConnectivityRule;
}

const built = new WeakMap<AssemblyContext, Built>();

function served(ns: ResolvedNamespace): PrivateEndpointNamespace {
  return {
    name: ns.name,
    regions: [...ns.replicatedRegions],
    auth: endpointAuthOf(ns.authKind === "apiKey" ? "apiKey" : "mtls"),
    privateDns: ns.connectivity.privateDns,
  };
}

function uniqueNamespaces(uses: readonly { namespace: ResolvedNamespace }[]): ResolvedNamespace[] {
  return [...new Map(uses.map((u) => [u.namespace.name, u.namespace])).values()];
}

const isHaWithDns = (ns: ResolvedNamespace) => ns.replicatedRegions.length > 1 && ns.connectivity.privateDns;

export const networkingFeature: Feature = {
  beforeNamespaces(ctx) {
    const plan = ctx._resolved.connectivity;
    const placement = ctx._resolved.placement;
    const accountId = ctx._resolved.accountId;
    const byNamespace = new Map<string, IPrivateEndpoint[]>();
    const attach = (ns: ResolvedNamespace, endpoint: IPrivateEndpoint) => {
      byNamespace.set(ns.name, [...(byNamespace.get(ns.name) ?? []), endpoint]);
      if (endpoint.connectivityRuleId) ctx.inputsFor(ns.name).connectivityRuleIds.push(endpoint.connectivityRuleId);
    };

    const haAws: { endpoint: PrivateLinkEndpoint; anchor?: string }[] = [];
    for (const p of plan.aws) {
      const awsRegion = findRegion(p.region)?.region ?? p.region;
      const namespaces = uniqueNamespaces(p.uses);
      const part = ctx.part(placement.awsEndpoints.get(p.key) ?? ctx._resolved.stacks.shared);
      const endpoint = new PrivateLinkEndpoint(part.scope, slug(`privatelink-${p.region}-${p.vpcId}`), {
        region: p.region,
        vpcId: p.vpcId,
        subnetIds: [...p.subnetIds],
        allowedCidrs: [...p.allowedCidrs],
        allowedSecurityGroupIds: [...p.allowedSecurityGroupIds],
        additionalVpcIds: [...p.additionalVpcIds],
        dnsAnchorVpcId: p.dnsAnchorVpcId,
        namespaces: namespaces.map(served),
        accountId,
        awsProvider: part.aws(awsRegion),
        temporalProvider: part.temporalProvider,
        tags: { "managed-by": "temporal-cloud-guardrails" },
      });
      namespaces.forEach((ns) => attach(ns, endpoint));
      if (namespaces.some(isHaWithDns)) haAws.push({ endpoint, anchor: p.dnsAnchorVpcId });
    }

    const haGcp: { endpoint: PscEndpoint; project: string; network: string }[] = [];
    for (const p of plan.gcp) {
      const gcpRegion = findRegion(p.region)?.region ?? p.region;
      const namespaces = uniqueNamespaces(p.uses);
      const part = ctx.part(placement.gcpEndpoints.get(p.key) ?? ctx._resolved.stacks.shared);
      const endpoint = new PscEndpoint(part.scope, slug(`psc-${p.region}-${p.project}-${p.network.split("/").pop()}`), {
        region: p.region,
        project: p.project,
        network: p.network,
        subnetwork: p.subnetwork,
        firewall: p.firewall,
        namespaces: namespaces.map(served),
        accountId,
        googleProvider: part.google(p.project, gcpRegion),
        temporalProvider: part.temporalProvider,
        labels: { "managed-by": "temporal-cloud-guardrails" },
      });
      namespaces.forEach((ns) => attach(ns, endpoint));
      if (namespaces.some(isHaWithDns)) haGcp.push({ endpoint, project: p.project, network: p.network });
    }

    // One zone per cloud: a VPC can hold only one private zone named region.tmprl.cloud.
    if (haAws.length > 0) {
      const first = haAws[0].endpoint;
      const part = ctx.part(placement.haDnsAws);
      new HaPrivateDns(part.scope, "ha-dns-aws", {
        regions: haAws.map(({ endpoint }) => ({ region: endpoint.region.cloudApiCode, target: endpoint.dnsName })),
        aws: {
          // A VPC listed by two endpoints (peered regions) is associated once.
          vpcs: [...new Map(haAws.flatMap(({ endpoint }) => endpoint.workerVpcIds.map((vpcId) => [vpcId, { vpcId, awsRegion: endpoint.region.region }] as const))).values()],
          anchorVpcId: haAws[0].anchor ?? first.anchorVpcId,
          provider: part.aws(first.region.region),
        },
      });
    }
    if (haGcp.length > 0) {
      const part = ctx.part(placement.haDnsGcp);
      new HaPrivateDns(part.scope, "ha-dns-gcp", {
        regions: haGcp.map(({ endpoint }) => ({ region: endpoint.region.cloudApiCode, target: endpoint.ipAddress })),
        gcp: {
          project: haGcp[0].project,
          networks: [...new Set(haGcp.map(({ endpoint }) => endpoint.networkUrl))],
          provider: part.google(haGcp[0].project),
        },
      });
    }

    // Only one public rule is allowed per account, so every namespace that asks shares this one.
    let publicRule: ConnectivityRule | undefined;
    for (const ns of ctx._resolved.namespaces) {
      if (!ns.connectivity.publicAccess) continue;
      const part = ctx.part(placement.publicRule);
      publicRule ??= new ConnectivityRule(part.scope, "public-connectivity-rule", { provider: part.temporalProvider, connectivityType: "public" });
      ctx.inputsFor(ns.name).connectivityRuleIds.push(publicRule.id);
    }
    built.set(ctx, { byNamespace, publicRule });
  },

  afterNamespaces(ctx) {
    const state = built.get(ctx);
    if (!state) return;
    for (const ns of ctx._resolved.namespaces) {
      const endpoints = state.byNamespace.get(ns.name) ?? [];
      const isPublic = ns.connectivity.publicAccess;
      const justification = ns.connectivity.publicAccessJustification;
      // The config accepted public access in a private-only environment because of this justification,
      // so the rule that forbids it (TC-NET-001) reports the finding as suppressed, with the same reason.
      if (isPublic && ns.profile.privateOnly && justification) {
        PolicySuppressions.addResourceSuppressions(ctx.namespace(ns.name), [
          { rule: "TC-NET-001", reason: justification, origin: `config: namespaces[${ns.index}].connectivity.publicAccessJustification` },
        ]);
      }
      if (endpoints.length === 0) {
        ctx.addSummaryFact(ns.name, "Network", "public internet");
        if (ns.profile.privateOnly) {
          Annotations.of(ctx.namespace(ns.name)).addWarning(`${ns.environment} namespace "${ns.name}" has no private endpoint and is reachable from the public internet; add connectivity.aws or connectivity.gcp`);
        }
        continue;
      }
      const kinds = endpoints.map((e) => `${e.serviceName} ${e.region.cloudApiCode}`);
      ctx.addSummaryFact(ns.name, "Network", `private (${kinds.join(", ")})${isPublic ? " + public" : ""}`);
      const entry = served(ns);
      new TerraformOutput(ctx.partOf(ns.name).stack, `ns-${slug(ns.name)}-private-endpoints`, {
        description: `How workers of namespace ${ns.name} connect through private endpoints (one entry per endpoint region)`,
        value: endpoints.map((e) => {
          const connection = e.workerConnection(entry);
          return {
            region: e.region.cloudApiCode,
            [e.workerAddress.kind === "dnsName" ? "endpoint_dns_name" : "endpoint_ip"]: e.workerAddress.value,
            grpc_address: connection.grpcAddress,
            tls_server_name: connection.tlsServerName,
          };
        }),
      });
    }
  },
};
