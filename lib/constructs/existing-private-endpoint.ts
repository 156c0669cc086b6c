// A private endpoint this app does not create (PrivateLinkEndpoint.fromEndpointAttributes,
// PscEndpoint.fromEndpointAttributes): what namespaces attach (its connectivity rule) and what workers dial.
import { Construct } from "constructs";
import { Cloud, type TemporalRegion } from "../domain/regions";
import { addProblems } from "./errors";
import {
  checkServedNamespaces, checkReplicaCoverage, endpointRegion, placeholderRegion, workerConnection,
  WorkerAddressKind, type IPrivateEndpoint, type PrivateEndpointNamespace, type PropProblem, type WorkerAddress, type WorkerConnection,
} from "./private-endpoint-common";

export interface ExistingPrivateEndpointAttributes {
  /** Temporal region code the endpoint serves, e.g. `aws-us-east-1` (a literal: it selects catalogue facts). */
  readonly region: string;
  /** AWS: the VPC endpoint's regional DNS name. GCP: the PSC endpoint's IP address. May be a token. */
  readonly address: string;
  /**
   * Id of the existing private connectivity rule of the endpoint, for namespaces to attach.
   * @default none (attach the rule some other way)
   */
  readonly connectivityRuleId?: string;
  /**
   * Whether private DNS answers for the namespace endpoints in the worker networks.
   * @default true
   */
  readonly privateDns?: boolean;
  /**
   * Temporal Cloud account id, to build namespace hosts for workers.
   * @default none (namespaces must give endpointHost where a host is needed)
   */
  readonly accountId?: string;
  /**
   * Namespaces whose workers use the endpoint; checked like those of a created endpoint (same region).
   * @default none
   */
  readonly namespaces?: PrivateEndpointNamespace[];
}

export class ExistingPrivateEndpoint extends Construct implements IPrivateEndpoint {
  public readonly region: TemporalRegion;
  public readonly serviceName: string;
  public readonly workerAddress: WorkerAddress;
  public readonly connectivityRuleId?: string;

  constructor(scope: Construct, id: string, cloud: Cloud, private readonly attrs: ExistingPrivateEndpointAttributes) {
    super(scope, id);
    const problems: PropProblem[] = [];
    const region = endpointRegion(attrs.region, cloud, problems);
    checkServedNamespaces(attrs.region, attrs.namespaces ?? [], attrs.privateDns ?? true, attrs.accountId, problems);
    checkReplicaCoverage(this, attrs.region, attrs.namespaces ?? [], attrs.privateDns ?? true);
    addProblems(this, problems);
    this.region = region ?? placeholderRegion(cloud);
    this.serviceName = cloud === Cloud.AWS ? "PrivateLink" : "PSC";
    this.workerAddress = { kind: cloud === Cloud.AWS ? WorkerAddressKind.DNS_NAME : WorkerAddressKind.IP_ADDRESS, value: attrs.address };
    this.connectivityRuleId = attrs.connectivityRuleId;
  }

  public workerConnection(ns: PrivateEndpointNamespace): WorkerConnection {
    return workerConnection(ns, this.region, this.attrs.address, this.attrs.privateDns ?? true, this.attrs.accountId);
  }
}
