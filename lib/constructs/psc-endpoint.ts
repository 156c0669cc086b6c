import { Construct } from "constructs";
import { ExistingPrivateEndpoint, type ExistingPrivateEndpointAttributes } from "./existing-private-endpoint";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { Fn, Token, conditional } from "cdktf";
import { fnString, isToken, tfString, tfStringMap, tfStrings } from "./tokens";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ComputeAddress } from "./peers/gcp";
import { ComputeForwardingRule } from "./peers/gcp";
import { ComputeFirewall } from "./peers/gcp";
import { DnsManagedZone } from "./peers/gcp";
import { DnsRecordSet } from "./peers/gcp";
import { ConnectivityRule } from "../providers/temporalcloud/connectivity-rule";
import { Cloud, type TemporalRegion } from "../domain/regions";
import { addProblems } from "./errors";
import {
  checkServedNamespaces, checkReplicaCoverage,
  endpointRegion,
  isReplicated,
  NAMESPACE_RECORD_TTL,
  namespaceHost,
  slug,
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

export interface PscFirewallProps {
  /** Network tags of the worker VMs the egress rule applies to. @default every VM in the network */
  readonly targetTags?: string[];
  /** Service accounts of the worker VMs the egress rule applies to. @default every VM in the network */
  readonly targetServiceAccounts?: string[];
}

export interface PscEndpointProps {
  /** Temporal region code of the endpoint, e.g. `gcp-us-central1`. */
  readonly region: string;
  /** GCP project that holds the endpoint (also sent in the connectivity rule). */
  readonly project: string;
  /** VPC network of the workers: a name, or a self link / `projects/<p>/global/networks/<n>` path. */
  readonly network: string;
  /** Subnetwork in the endpoint's region for the endpoint's internal IP. */
  readonly subnetwork: string;
  /**
   * Namespaces served by this endpoint; each must have the endpoint's region among its regions.
   * Single-region namespaces get a Cloud DNS private zone for their namespace endpoint.
   * @default none
   */
  readonly namespaces?: PrivateEndpointNamespace[];
  /**
   * Create Cloud DNS private zones so workers dial the normal namespace endpoint.
   * @default true
   */
  readonly privateDns?: boolean;
  /** Temporal Cloud account id; names the namespace endpoints. @default none (required for private DNS) */
  readonly accountId?: string;
  /**
   * Add an egress firewall rule allowing TCP 7233 to the endpoint (for networks that deny egress).
   * @default no rule
   */
  readonly firewall?: PscFirewallProps;
  /**
   * Create the private connectivity rule (for PSC it is also Temporal's approval of the endpoint).
   * @default true
   */
  readonly connectivityRule?: boolean;
  /** Google provider. @default the stack's default Google provider */
  readonly googleProvider?: GoogleProvider;
  /** temporalcloud provider for the connectivity rule. @default the stack's default temporalcloud provider */
  readonly temporalProvider?: TemporalcloudProvider;
  /** Labels on the Google resources that take labels. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A GCP Private Service Connect endpoint to a region's Temporal Cloud service attachment: an internal
 * address, a forwarding rule, Cloud DNS private zones for the namespace endpoints, and the private
 * connectivity rule (without it the endpoint stays Pending). One endpoint serves every namespace in its region.
 */
export class PscEndpoint extends Construct implements IPrivateEndpoint {
  /**
   * An endpoint that exists outside this app, by its region, PSC endpoint IP address and connectivity rule id: it can
   * be used wherever an IPrivateEndpoint is taken (namespaces attach its rule, workers get its connection).
   */
  public static fromEndpointAttributes(scope: Construct, id: string, attrs: ExistingPrivateEndpointAttributes): IPrivateEndpoint {
    return new ExistingPrivateEndpoint(scope, id, Cloud.GCP, attrs);
  }

  public readonly serviceName: string = "PSC";
  public readonly region: TemporalRegion;
  public readonly address: ComputeAddress;
  public readonly forwardingRule: ComputeForwardingRule;
  public readonly firewall?: ComputeFirewall;
  /** Private zones by namespace name (single-region namespaces only). */
  public readonly zones: Readonly<Record<string, DnsManagedZone>>;
  public readonly records: Readonly<Record<string, DnsRecordSet>>;
  public readonly connectivityRule?: ConnectivityRule;
  /** The endpoint's internal IP address. */
  public readonly ipAddress: string;
  /** Full network URL, as Cloud DNS wants it. */
  public readonly networkUrl: string;
  private readonly props: PscEndpointProps;

  constructor(scope: Construct, id: string, props: PscEndpointProps) {
    super(scope, id);
    this.props = props;
    const problems: PropProblem[] = [];
    const region = endpointRegion(props.region, "gcp", problems);
    problems.push(...pscProblems(props, region));
    const namespaces = props.namespaces ?? [];
    const privateDns = props.privateDns ?? true;
    checkServedNamespaces(props.region, namespaces, privateDns, props.accountId, problems);
    checkReplicaCoverage(this, props.region, namespaces, privateDns);
    addProblems(this, problems);
    this.region = region ?? placeholderRegion("gcp");
    const provider = props.googleProvider;
    const gcpRegion = this.region.region;
    // Names are unique per project and region; the network is part of it so two networks can each have one.
    // A token network has no name yet: the construct's stable address stands in for it.
    const networkName = isToken(props.network) ? `n${this.node.addr.slice(-10)}` : (props.network.split("/").pop() as string);
    const name = slug(`temporal-${gcpRegion}-${networkName}-psc`, 56);
    const project = tfString(props.project);
    const network = tfString(props.network);
    const labels = tfStringMap(props.labels);
    this.networkUrl = networkUrl(props.project, props.network);

    this.address = new ComputeAddress(this, "address", {
      provider,
      project,
      region: gcpRegion,
      name,
      subnetwork: tfString(props.subnetwork),
      addressType: "INTERNAL",
      description: "Temporal Cloud Private Service Connect endpoint",
      labels,
    });
    this.ipAddress = this.address.address;
    this.forwardingRule = new ComputeForwardingRule(this, "forwarding-rule", {
      provider,
      project,
      region: gcpRegion,
      name,
      network,
      ipAddress: this.address.id,
      target: this.region.pscServiceAttachment as string,
      // PSC consumer endpoints take an empty scheme.
      loadBalancingScheme: "",
      description: "Temporal Cloud Private Service Connect endpoint",
    });

    if (props.firewall) this.firewall = this.createEgressFirewall(name, props.firewall);

    const dns = this.createPrivateZones(namespaces.filter((n) => (n.privateDns ?? privateDns) && !isReplicated(n)), { project, networkName, labels });
    this.zones = dns.zones;
    this.records = dns.records;

    if (props.connectivityRule ?? true) {
      this.connectivityRule = new ConnectivityRule(this, "connectivity-rule", {
        provider: props.temporalProvider,
        connectivityType: "private",
        // The numeric PSC connection id, not the endpoint's name or IP.
        connectionId: this.forwardingRule.pscConnectionId,
        region: this.region.cloudApiCode,
        gcpProjectId: project,
      });
    }
  }

  /** Egress from the workers to the endpoint, TCP 7233 only (for networks that deny egress by default). */
  private createEgressFirewall(name: string, firewall: NonNullable<PscEndpointProps["firewall"]>): ComputeFirewall {
    const props = this.props;
    return new ComputeFirewall(this, "firewall", {
      provider: props.googleProvider,
      project: tfString(props.project),
      name: `${name}-egress`,
      network: tfString(props.network),
      direction: "EGRESS",
      priority: 1000,
      destinationRanges: [`${this.ipAddress}/32`],
      allow: [{ protocol: "tcp", ports: [String(TEMPORAL_GRPC_PORT)] }],
      targetTags: tfStrings(firewall.targetTags),
      targetServiceAccounts: tfStrings(firewall.targetServiceAccounts),
      description: `Workers to the Temporal Cloud PSC endpoint, TCP ${TEMPORAL_GRPC_PORT} only`,
    });
  }

  /** One private zone per single-region namespace, answering its endpoint host with the endpoint's IP. */
  private createPrivateZones(zoned: readonly PrivateEndpointNamespace[], names: { project: string; networkName: string; labels?: Record<string, string> }) {
    const { project, networkName, labels } = names;
    const props = this.props;
    const provider = props.googleProvider;
    const zones: Record<string, DnsManagedZone> = {};
    const records: Record<string, DnsRecordSet> = {};
    zoned.forEach((ns, index) => {
      const host = tfString(namespaceHost(ns, props.accountId));
      const key = namespaceKey(ns, index);
      const zone = new DnsManagedZone(this, `zone-${key}`, {
        provider,
        project,
        name: slug(`temporal-${key}-${networkName}`),
        dnsName: `${host}.`,
        visibility: "private",
        description: tfString(`Temporal Cloud namespace endpoint of ${ns.name} through Private Service Connect`),
        privateVisibilityConfig: { networks: [{ networkUrl: this.networkUrl }] },
        labels,
      });
      records[ns.name] = new DnsRecordSet(this, `record-${key}`, {
        provider,
        project,
        managedZone: zone.name,
        name: `${host}.`,
        type: "A",
        ttl: NAMESPACE_RECORD_TTL,
        rrdatas: [this.ipAddress],
      });
      zones[ns.name] = zone;
    });
    return { zones, records };
  }

  /** Id of the private connectivity rule to attach to served namespaces. */
  public get connectivityRuleId(): string | undefined {
    return this.connectivityRule?.id;
  }

  /** The endpoint's IP address, which workers reach. */
  public get workerAddress(): WorkerAddress {
    return { kind: WorkerAddressKind.IP_ADDRESS, value: this.ipAddress };
  }

  /** What workers of `ns` dial through this endpoint. */
  public workerConnection(ns: PrivateEndpointNamespace): WorkerConnection {
    return workerConnection(ns, this.region, this.ipAddress, this.props.privateDns ?? true, this.props.accountId);
  }
}

/** Cloud DNS needs the full network URL; a bare name is taken as a network of `project`. */
export function networkUrl(project: string, network: string): string {
  if (isToken(network)) {
    // Decided by Terraform when the network is only known there: a URL, a path, or a bare name.
    const base = "https://www.googleapis.com/compute/v1/";
    return Token.asString(conditional(Fn.startswith(network, "https://"), network,
      conditional(Fn.strcontains(network, "/"), `${base}${Fn.trimprefix(network, "/")}`, `${base}projects/${fnString(project)}/global/networks/${network}`)));
  }
  if (network.startsWith("https://")) return network;
  const path = network.includes("/") ? network.replace(/^\/+/, "") : `projects/${project}/global/networks/${network}`;
  return tfString(`https://www.googleapis.com/compute/v1/${path}`);
}

/** Problems with the endpoint's own props (the served namespaces are checked separately). */
function pscProblems(props: PscEndpointProps, region: TemporalRegion | undefined): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!isToken(props.project) && !props.project) problems.push(["project", "is required; give the GCP project that holds the PSC endpoint (the connectivity rule needs it)"]);
  if (!isToken(props.network) && !props.network) problems.push(["network", "is required; give the workers' VPC network"]);
  if (!isToken(props.subnetwork) && !props.subnetwork) problems.push(["subnetwork", "is required; give a subnetwork in the endpoint's region"]);
  if (region && !region.pscServiceAttachment) problems.push(["region", `"${props.region}" has no Private Service Connect service attachment in the catalogue`]);
  return problems;
}
