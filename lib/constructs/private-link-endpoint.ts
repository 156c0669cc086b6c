import { Construct } from "constructs";
import { ExistingPrivateEndpoint, type ExistingPrivateEndpointAttributes } from "./existing-private-endpoint";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { TerraformIterator, Token } from "cdktf";
import { isToken, tfString, tfStringMap, tfStrings } from "./tokens";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "./peers/aws";
import { VpcEndpoint } from "./peers/aws";
import { SecurityGroup } from "./peers/aws";
import { VpcSecurityGroupIngressRule } from "./peers/aws";
import { Route53Zone } from "./peers/aws";
import { Route53Record } from "./peers/aws";
import { Route53ZoneAssociation } from "./peers/aws";
import { ConnectivityRule } from "../providers/temporalcloud/connectivity-rule";
import { Cloud, type TemporalRegion } from "../domain/regions";
import { addProblems } from "./errors";
import {
  checkServedNamespaces, checkReplicaCoverage,
  endpointRegion,
  isReplicated,
  namespaceHost,
  TEMPORAL_GRPC_PORT,
  workerConnection,
  type IPrivateEndpoint,
  namespaceKey,
  placeholderRegion,
  type PrivateEndpointNamespace,
  type PropProblem,
  type WorkerConnection,
  type WorkerAddress,
  WorkerAddressKind,
} from "./private-endpoint-common";

export interface PrivateLinkEndpointProps {
  /** Temporal region code of the endpoint, e.g. `aws-us-east-1`; the VPC must be in that AWS region. */
  readonly region: string;
  /** Existing VPC (by id) for the interface endpoint. */
  readonly vpcId: string;
  /** Existing subnets (by id) of that VPC, ideally one per availability zone. */
  readonly subnetIds: string[];
  /**
   * Worker CIDR blocks allowed to reach the endpoint on TCP 7233.
   * @default none (give this or allowedSecurityGroupIds)
   */
  readonly allowedCidrs?: string[];
  /**
   * Worker security groups allowed to reach the endpoint on TCP 7233.
   * @default none (give this or allowedCidrs)
   */
  readonly allowedSecurityGroupIds?: string[];
  /**
   * Namespaces served by this endpoint. Each must have the endpoint's region among its regions.
   * Single-region namespaces get a private zone for their namespace endpoint; replicated ones do not
   * (their DNS is the `region.tmprl.cloud` zone of HaPrivateDns).
   * @default none
   */
  readonly namespaces?: PrivateEndpointNamespace[];
  /**
   * Create Route 53 private hosted zones so workers dial the normal namespace endpoint.
   * false: workers dial the endpoint's DNS name and override the TLS server name (see workerConnection).
   * @default true
   */
  readonly privateDns?: boolean;
  /** Temporal Cloud account id; names the namespace endpoints. @default none (required for private DNS) */
  readonly accountId?: string;
  /**
   * More worker VPCs (same or peered) associated with the private zones.
   * @default none
   */
  readonly additionalVpcIds?: string[];
  /**
   * An existing VPC without workers in which the zones are created (AWS needs one VPC at zone creation);
   * worker VPCs are associated only after the records exist.
   * @default a dedicated empty VPC (no subnets, no cost)
   */
  readonly dnsAnchorVpcId?: string;
  /**
   * Create the private connectivity rule for this endpoint.
   * @default true
   */
  readonly connectivityRule?: boolean;
  /** AWS provider of the endpoint's region. @default the stack's default AWS provider */
  readonly awsProvider?: AwsProvider;
  /** temporalcloud provider for the connectivity rule. @default the stack's default temporalcloud provider */
  readonly temporalProvider?: TemporalcloudProvider;
  /** Tags on the AWS resources. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An AWS PrivateLink interface endpoint to a region's Temporal Cloud endpoint service, with its own
 * security group (TCP 7233 from the configured sources only), private DNS for the namespace endpoints,
 * and the private connectivity rule that lets namespaces accept traffic from it.
 * One endpoint serves every namespace in its region: the endpoint service is regional.
 */
export class PrivateLinkEndpoint extends Construct implements IPrivateEndpoint {
  /**
   * An endpoint that exists outside this app, by its region, VPC endpoint DNS name and connectivity rule id: it can
   * be used wherever an IPrivateEndpoint is taken (namespaces attach its rule, workers get its connection).
   */
  public static fromEndpointAttributes(scope: Construct, id: string, attrs: ExistingPrivateEndpointAttributes): IPrivateEndpoint {
    return new ExistingPrivateEndpoint(scope, id, Cloud.AWS, attrs);
  }

  public readonly serviceName: string = "PrivateLink";
  public readonly region: TemporalRegion;
  public readonly vpcEndpoint: VpcEndpoint;
  public readonly securityGroup: SecurityGroup;
  public readonly ingressRules: VpcSecurityGroupIngressRule[];
  /** The empty VPC the zones are created in, when the construct made one. */
  public readonly anchorVpc?: Vpc;
  /** Id of the VPC the zones were created in (given or created), when private DNS is on. */
  public readonly anchorVpcId?: string;
  /** Private zones by namespace name (single-region namespaces only). */
  public readonly zones: Readonly<Record<string, Route53Zone>>;
  public readonly records: Readonly<Record<string, Route53Record>>;
  public readonly associations: Route53ZoneAssociation[];
  public readonly connectivityRule?: ConnectivityRule;
  /** The endpoint's regional DNS name (`vpce-….vpce.amazonaws.com`), the target of private DNS records. */
  public readonly dnsName: string;
  /** Worker VPCs that get the private zones. */
  public readonly workerVpcIds: string[];
  private readonly props: PrivateLinkEndpointProps;

  constructor(scope: Construct, id: string, props: PrivateLinkEndpointProps) {
    super(scope, id);
    this.props = props;
    const problems: PropProblem[] = [];
    const region = endpointRegion(props.region, "aws", problems);
    const namespaces = props.namespaces ?? [];
    const privateDns = props.privateDns ?? true;
    problems.push(...privateLinkProblems(props, region));
    checkServedNamespaces(props.region, namespaces, privateDns, props.accountId, problems);
    checkReplicaCoverage(this, props.region, namespaces, privateDns);
    addProblems(this, problems);
    this.region = region ?? placeholderRegion("aws");
    const provider = props.awsProvider;
    const vpcId = tfString(props.vpcId);
    const base = `temporal-cloud-${this.region.region}`;

    this.securityGroup = new SecurityGroup(this, "security-group", {
      provider,
      region: this.region.region,
      name: `${base}-privatelink`,
      description: `Temporal Cloud PrivateLink endpoint: TCP ${TEMPORAL_GRPC_PORT} from workers only`,
      vpcId,
      tags: this.tags(`${base}-privatelink`),
    });
    this.ingressRules = this.createIngressRules();
    this.vpcEndpoint = new VpcEndpoint(this, "endpoint", {
      provider,
      // Pinned so a provider of another region cannot create a (non-working) cross-region endpoint.
      region: this.region.region,
      vpcId,
      serviceName: this.region.privateLinkServiceName as string,
      vpcEndpointType: "Interface",
      subnetIds: tfStrings(props.subnetIds),
      securityGroupIds: [this.securityGroup.id],
      // Temporal's services ship no private DNS name; our own zones (below) take that role.
      privateDnsEnabled: false,
      tags: this.tags(`${base}-privatelink`),
    });
    this.dnsName = this.vpcEndpoint.dnsEntry.get(0).dnsName;
    this.workerVpcIds = [vpcId, ...(tfStrings(props.additionalVpcIds) ?? [])];

    const zoned = namespaces.filter((ns) => (ns.privateDns ?? privateDns) && !isReplicated(ns));
    if (zoned.length > 0) {
      if (props.dnsAnchorVpcId) this.anchorVpcId = tfString(props.dnsAnchorVpcId);
      else {
        this.anchorVpc = createAnchorVpc(this, "dns-anchor-vpc", provider, this.region.region, this.tags(`${base}-dns-anchor`));
        this.anchorVpcId = this.anchorVpc.id;
      }
    }
    const dns = this.createPrivateZones(zoned);
    this.zones = dns.zones;
    this.records = dns.records;
    this.associations = dns.associations;

    if (props.connectivityRule ?? true) {
      this.connectivityRule = new ConnectivityRule(this, "connectivity-rule", {
        provider: props.temporalProvider,
        connectivityType: "private",
        connectionId: this.vpcEndpoint.id,
        region: this.region.cloudApiCode,
      });
    }
  }

  /** The user's tags plus a Name; `name` is Terraform-ready already (built from catalogue values or escaped). */
  private tags(name: string): Record<string, string> {
    return { ...(tfStringMap(this.props.tags) ?? {}), Name: name };
  }

  /** Standalone rules (not inline) so each allowed source is its own, reviewable resource; no egress rule: an interface endpoint only answers connections. */
  private createIngressRules(): VpcSecurityGroupIngressRule[] {
    const ingress = (id: string, source: { cidrIpv4?: string; referencedSecurityGroupId?: string; forEach?: TerraformIterator }) =>
      new VpcSecurityGroupIngressRule(this, id, {
        provider: this.props.awsProvider,
        region: this.region.region,
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: TEMPORAL_GRPC_PORT,
        toPort: TEMPORAL_GRPC_PORT,
        description: "Temporal workers (gRPC)",
        ...source,
      });
    return [
      ...sourceRules(this.props.allowedCidrs, "ingress-cidr", (id, cidr, forEach) => ingress(id, { cidrIpv4: cidr, forEach })),
      ...sourceRules(this.props.allowedSecurityGroupIds, "ingress-sg", (id, sg, forEach) => ingress(id, { referencedSecurityGroupId: sg, forEach })),
    ];
  }

  /** One private zone per single-region namespace, answering its endpoint host with the VPC endpoint. */
  private createPrivateZones(zoned: readonly PrivateEndpointNamespace[]) {
    const provider = this.props.awsProvider;
    const zones: Record<string, Route53Zone> = {};
    const records: Record<string, Route53Record> = {};
    const associations: Route53ZoneAssociation[] = [];
    zoned.forEach((ns, index) => {
      const host = tfString(namespaceHost(ns, this.props.accountId));
      const key = namespaceKey(ns, index);
      // An empty private zone answers NXDOMAIN for every name under it, so the zone is born in the anchor
      // VPC and worker VPCs are associated only after the record exists.
      const zone = new Route53Zone(this, `zone-${key}`, {
        provider,
        name: host,
        comment: tfString(`Temporal Cloud namespace endpoint of ${ns.name} through PrivateLink`),
        vpc: [{ vpcId: this.anchorVpcId as string, vpcRegion: this.region.region }],
        forceDestroy: false,
        lifecycle: { ignoreChanges: ["vpc"] },
        tags: this.tags(host),
      });
      // Route 53 forbids a CNAME at a zone apex; an alias A record to the endpoint resolves the same way.
      const record = new Route53Record(this, `record-${key}`, {
        provider,
        zoneId: zone.zoneId,
        name: host,
        type: "A",
        alias: {
          name: this.dnsName,
          zoneId: this.vpcEndpoint.dnsEntry.get(0).hostedZoneId,
          evaluateTargetHealth: false,
        },
      });
      this.workerVpcIds.forEach((vpcId, i) => {
        associations.push(new Route53ZoneAssociation(this, `zone-${key}-vpc-${i}`, {
          provider,
          zoneId: zone.zoneId,
          vpcId,
          vpcRegion: this.region.region,
          dependsOn: [record],
        }));
      });
      zones[ns.name] = zone;
      records[ns.name] = record;
    });
    return { zones, records, associations };
  }

  /** Id of the private connectivity rule to attach to served namespaces. */
  public get connectivityRuleId(): string | undefined {
    return this.connectivityRule?.id;
  }

  /** The endpoint's DNS name, which workers reach. */
  public get workerAddress(): WorkerAddress {
    return { kind: WorkerAddressKind.DNS_NAME, value: this.dnsName };
  }

  /** What workers of `ns` dial through this endpoint. */
  public workerConnection(ns: PrivateEndpointNamespace): WorkerConnection {
    return workerConnection(ns, this.region, this.dnsName, this.props.privateDns ?? true, this.props.accountId);
  }
}

/** One rule per source; a token list (known only to Terraform) becomes one `for_each` rule over its elements. */
function sourceRules<T>(
  sources: readonly string[] | undefined,
  prefix: string,
  make: (id: string, source: string, forEach?: TerraformIterator) => T,
): T[] {
  if (sources === undefined) return [];
  if (isToken(sources)) {
    const each = TerraformIterator.fromList(sources as string[]);
    return [make(prefix, Token.asString(each.value), each)];
  }
  return sources.map((s, i) => make(`${prefix}-${i}`, tfString(s)));
}

/** An empty VPC used only to create private zones before any worker VPC sees them. */
export function createAnchorVpc(scope: Construct, id: string, provider: AwsProvider | undefined, awsRegion: string, tags: Record<string, string>): Vpc {
  return new Vpc(scope, id, {
    provider,
    region: awsRegion,
    cidrBlock: "10.255.255.240/28",
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags,
  });
}

/** Problems with the endpoint's own props (the served namespaces are checked separately). */
function privateLinkProblems(props: PrivateLinkEndpointProps, region: TemporalRegion | undefined): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!isToken(props.subnetIds) && props.subnetIds.length === 0) problems.push(["subnetIds", "is empty; give at least one subnet of the VPC (one per availability zone is recommended)"]);
  const noSources = !isToken(props.allowedCidrs) && !isToken(props.allowedSecurityGroupIds)
    && (props.allowedCidrs ?? []).length === 0 && (props.allowedSecurityGroupIds ?? []).length === 0;
  if (noSources) {
    problems.push(["allowedCidrs", "no worker source is allowed; give allowedCidrs or allowedSecurityGroupIds (the security group opens TCP 7233 to nothing else)"]);
  }
  if (region && !region.privateLinkServiceName) problems.push(["region", `"${props.region}" has no PrivateLink endpoint service in the catalogue`]);
  return problems;
}
