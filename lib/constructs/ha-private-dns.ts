import { Construct } from "constructs";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Route53Zone } from "./peers/aws";
import { Route53Record } from "./peers/aws";
import { Route53ZoneAssociation } from "./peers/aws";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { DnsManagedZone } from "./peers/gcp";
import { DnsRecordSet } from "./peers/gcp";
import { findRegion, unknownRegionMessage, type CloudName } from "../domain/regions";
import { addProblems, throwIfUnbuildable } from "./errors";
import { isToken, tfString } from "./tokens";
import { createAnchorVpc } from "./private-link-endpoint";
import { networkUrl } from "./psc-endpoint";
import { registerHaDns, type PropProblem } from "./private-endpoint-common";

/** The zone Temporal's HA namespace endpoints CNAME into. */
export const HA_DNS_ZONE = "region.tmprl.cloud";
/** Temporal uses 15 s on the HA records so clients follow a failover within about 30 s. */
export const HA_RECORD_TTL = 15;

/** One replica region and the private endpoint that serves it. */
export interface HaRegionTarget {
  /** Temporal region code, e.g. `aws-us-east-1`. */
  readonly region: string;
  /** AWS: the VPC endpoint's DNS name. GCP: the PSC endpoint's IP address. */
  readonly target: string;
}

/** A worker VPC that gets the HA zone. */
export interface HaPrivateDnsVpc {
  readonly vpcId: string;
  /** AWS region of the VPC, e.g. `us-east-1`. */
  readonly awsRegion: string;
}

export interface HaPrivateDnsAwsProps {
  /** Worker VPCs that get the zone, with their AWS region (e.g. `us-west-2`). */
  readonly vpcs: HaPrivateDnsVpc[];
  /** Empty VPC to create the zone in before worker VPCs see it. @default a dedicated empty VPC in the first VPC's region */
  readonly anchorVpcId?: string;
  /** Provider for the zone (Route 53 is global). @default the stack's default AWS provider */
  readonly provider?: AwsProvider;
}

export interface HaPrivateDnsGcpProps {
  readonly project: string;
  /** Worker networks (names or self links) the private zone is visible to. */
  readonly networks: string[];
  /** @default the stack's default Google provider */
  readonly provider?: GoogleProvider;
}

export interface HaPrivateDnsProps {
  /** One entry per replica region with a private endpoint (all of the same cloud). */
  readonly regions: HaRegionTarget[];
  /** Route 53 private hosted zone for AWS worker VPCs (give exactly one of aws / gcp). @default none */
  readonly aws?: HaPrivateDnsAwsProps;
  /** Cloud DNS private zone for GCP worker networks (give exactly one of aws / gcp). @default none */
  readonly gcp?: HaPrivateDnsGcpProps;
}

/**
 * Private DNS for replicated (HA) namespaces: a private `region.tmprl.cloud` zone whose
 * `<cloud>-<region>.region.tmprl.cloud` records point at each replica region's private endpoint (TTL 15 s).
 * The public namespace endpoint CNAMEs to the active region's record, so failover keeps working;
 * the namespace endpoint itself is never overridden. One zone per set of worker VPCs / networks.
 */
export class HaPrivateDns extends Construct {
  public readonly awsZone?: Route53Zone;
  public readonly awsRecords: Readonly<Record<string, Route53Record>>;
  public readonly awsAssociations: Route53ZoneAssociation[];
  public readonly anchorVpc?: Vpc;
  public readonly gcpZone?: DnsManagedZone;
  public readonly gcpRecords: Readonly<Record<string, DnsRecordSet>>;

  constructor(scope: Construct, id: string, props: HaPrivateDnsProps) {
    super(scope, id);
    throwIfUnbuildable(this, (props.aws && props.gcp) || (!props.aws && !props.gcp) ? [["aws", "give exactly one of aws (Route 53) or gcp (Cloud DNS)"]] : []);
    addProblems(this, haPrivateDnsProblems(props));
    registerHaDns(this, props.regions.map((r) => r.region));
    const aws = props.aws && this.createAwsZone(props.aws, props.regions);
    const gcp = props.gcp && this.createGcpZone(props.gcp, props.regions);
    this.anchorVpc = aws?.anchorVpc;
    this.awsZone = aws?.zone;
    this.awsRecords = aws?.records ?? {};
    this.awsAssociations = aws?.associations ?? [];
    this.gcpZone = gcp?.zone;
    this.gcpRecords = gcp?.records ?? {};
  }

  /** The Route 53 zone (born in an anchor VPC), one CNAME per region, then the worker VPC associations. */
  private createAwsZone(aws: NonNullable<HaPrivateDnsProps["aws"]>, regions: HaPrivateDnsProps["regions"]) {
    const anchorRegion = tfString(aws.vpcs[0]?.awsRegion ?? "");
    let anchorVpcId = tfString(aws.anchorVpcId);
    let anchorVpc: Vpc | undefined;
    if (!anchorVpcId) {
      anchorVpc = createAnchorVpc(this, "dns-anchor-vpc", aws.provider, anchorRegion, { Name: "temporal-cloud-ha-dns-anchor" });
      anchorVpcId = anchorVpc.id;
    }
    const zone = new Route53Zone(this, "zone", {
      provider: aws.provider,
      name: HA_DNS_ZONE,
      comment: "Temporal Cloud HA: per-region records to the PrivateLink endpoints",
      vpc: [{ vpcId: anchorVpcId, vpcRegion: anchorRegion }],
      lifecycle: { ignoreChanges: ["vpc"] },
    });
    const records: Record<string, Route53Record> = {};
    for (const r of uniqueRegions(regions)) {
      records[r.region] = new Route53Record(this, `record-${r.region}`, {
        provider: aws.provider,
        zoneId: zone.zoneId,
        name: findRegion(r.region)?.regionDnsRecord as string,
        type: "CNAME",
        ttl: HA_RECORD_TTL,
        records: [tfString(r.target)],
      });
    }
    // Worker VPCs see the zone only once every regional record exists.
    const associations = aws.vpcs.map((vpc, i) => new Route53ZoneAssociation(this, `vpc-${i}`, {
      provider: aws.provider,
      zoneId: zone.zoneId,
      vpcId: tfString(vpc.vpcId),
      vpcRegion: tfString(vpc.awsRegion),
      dependsOn: Object.values(records),
    }));
    return { anchorVpc, zone, records, associations };
  }

  /** The Cloud DNS private zone on the worker networks, one A record per region. */
  private createGcpZone(gcp: NonNullable<HaPrivateDnsProps["gcp"]>, regions: HaPrivateDnsProps["regions"]) {
    const zone = new DnsManagedZone(this, "zone", {
      provider: gcp.provider,
      project: tfString(gcp.project),
      name: "temporal-cloud-ha-region",
      dnsName: `${HA_DNS_ZONE}.`,
      visibility: "private",
      description: "Temporal Cloud HA: per-region records to the Private Service Connect endpoints",
      privateVisibilityConfig: { networks: gcp.networks.map((n) => ({ networkUrl: networkUrl(gcp.project, n) })) },
    });
    const records: Record<string, DnsRecordSet> = {};
    for (const r of uniqueRegions(regions)) {
      records[r.region] = new DnsRecordSet(this, `record-${r.region}`, {
        provider: gcp.provider,
        project: tfString(gcp.project),
        managedZone: zone.name,
        name: `${findRegion(r.region)?.regionDnsRecord}.`,
        // PSC answers A records only (no AAAA).
        type: "A",
        ttl: HA_RECORD_TTL,
        rrdatas: [tfString(r.target)],
      });
    }
    return { zone, records };
  }
}

/** Exactly one cloud, known regions of that cloud listed once, and somewhere to attach the zone. */
function haPrivateDnsProblems(props: HaPrivateDnsProps): PropProblem[] {
  const cloud: CloudName | undefined = props.aws ? "aws" : props.gcp ? "gcp" : undefined;
  const problems: PropProblem[] = [];
  if (props.regions.length === 0) problems.push(["regions", "is empty; give each replica region with its private endpoint"]);
  const seen = new Set<string>();
  props.regions.forEach((r, i) => {
    const region = isToken(r.region) ? undefined : findRegion(r.region);
    if (isToken(r.region)) problems.push([`regions[${i}].region`, "is a token; give the region code itself: it names the region.tmprl.cloud record at synth time"]);
    else if (!region) problems.push([`regions[${i}].region`, unknownRegionMessage(r.region)]);
    else if (cloud && region.cloud !== cloud) problems.push([`regions[${i}].region`, `"${r.region}" is not on ${cloud.toUpperCase()}; this zone only serves ${cloud.toUpperCase()} endpoints (multi-cloud HA needs one zone per cloud)`]);
    if (seen.has(r.region)) problems.push([`regions[${i}].region`, `"${r.region}" is listed twice; one record per region`]);
    seen.add(r.region);
  });
  if (props.aws && !isToken(props.aws.vpcs) && props.aws.vpcs.length === 0) problems.push(["aws.vpcs", "is empty; give the worker VPCs"]);
  if (props.gcp && !isToken(props.gcp.networks) && props.gcp.networks.length === 0) problems.push(["gcp.networks", "is empty; give the worker networks"]);
  return problems;
}

/** One target per region: a repeated region is a validation problem and gets no second record. */
function uniqueRegions(regions: readonly HaRegionTarget[]): HaRegionTarget[] {
  return regions.filter((r, i) => regions.findIndex((o) => o.region === r.region) === i);
}
