// Pieces shared by PrivateLinkEndpoint and PscEndpoint: the namespaces an endpoint serves, the checks on
// them, and what workers must dial.
import { allRegions, findRegion, unknownRegionMessage, type CloudName, type TemporalRegion } from "../domain/regions";
import { Annotations, Aspects, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { isToken } from "./tokens";

/** Temporal's data-plane port; the only port the endpoints expose. */
export const TEMPORAL_GRPC_PORT = 7233;
/** TTL of the namespace-endpoint records (Temporal documents about 60 s). */
export const NAMESPACE_RECORD_TTL = 60;

/** A namespace that reaches Temporal Cloud through an endpoint. */
export interface PrivateEndpointNamespace {
  /** Namespace name. */
  readonly name: string;
  /** The namespace's region codes (two for HA); the endpoint's region must be one of them. */
  readonly regions: string[];
  /**
   * How the namespace's workers authenticate; decides the TLS server name without private DNS.
   * @default EndpointAuth.MTLS
   */
  readonly auth?: EndpointAuth;
  /**
   * The namespace endpoint host (`<namespace>.<account>.tmprl.cloud`).
   * @default built from the endpoint's accountId
   */
  readonly endpointHost?: string;
  /**
   * Private DNS for this namespace; overrides the endpoint's setting.
   * @default the endpoint's privateDns
   */
  readonly privateDns?: boolean;
}

/** How a namespace's workers authenticate through a private endpoint. */
export enum EndpointAuth {
  MTLS = "mtls",
  API_KEY = "apiKey",
}

/** What workers reach through an endpoint. */
export enum WorkerAddressKind {
  /** The VPC endpoint's DNS name (PrivateLink). */
  DNS_NAME = "dnsName",
  /** The PSC endpoint's IP address. */
  IP_ADDRESS = "ipAddress",
}

/** The address workers reach an endpoint at. */
export interface WorkerAddress {
  readonly kind: WorkerAddressKind;
  readonly value: string;
}

/** Address and TLS server name a worker of one namespace uses through one endpoint. */
export interface WorkerConnection {
  /** `host:7233` to dial. */
  readonly grpcAddress: string;
  /** TLS server name (SNI) to set; equal to the dialed host when private DNS is on. */
  readonly tlsServerName: string;
}

export type PropProblem = readonly [string, string];

/** A private endpoint into Temporal Cloud (AWS PrivateLink or GCP Private Service Connect). */
export interface IPrivateEndpoint {
  /** The Temporal region the endpoint serves. */
  readonly region: TemporalRegion;
  /** Short name of the service, e.g. `PrivateLink` or `PSC`. */
  readonly serviceName: string;
  /** What workers reach: the endpoint's DNS name (PrivateLink) or IP address (PSC). */
  readonly workerAddress: WorkerAddress;
  /** Id of the private connectivity rule namespaces attach, when the endpoint created one. */
  readonly connectivityRuleId?: string;
  /** Address and TLS server name a worker of `ns` uses through this endpoint. */
  workerConnection(ns: PrivateEndpointNamespace): WorkerConnection;
}

/** The catalogue region for an endpoint, or problems when it is unknown or of another cloud. */
export function endpointRegion(code: string, cloud: CloudName, problems: PropProblem[]): TemporalRegion | undefined {
  if (isToken(code)) {
    problems.push(["region", "is a token; give the region code itself (e.g. \"aws-us-east-1\"): it selects the endpoint service from the region catalogue at synth time"]);
    return undefined;
  }
  const region = findRegion(code);
  if (!region) {
    problems.push(["region", unknownRegionMessage(code)]);
    return undefined;
  }
  if (region.cloud !== cloud) {
    const kind = cloud === "aws" ? "an AWS PrivateLink" : "a GCP Private Service Connect";
    problems.push(["region", `"${code}" is on ${region.cloud.toUpperCase()}; ${kind} endpoint needs a ${cloud}-… region code`]);
    return undefined;
  }
  return region;
}

/** A catalogue region of `cloud` that stands in for an invalid one (already a validation problem) so the construct still builds. */
export function placeholderRegion(cloud: CloudName): TemporalRegion {
  return allRegions().find((r) => r.cloud === cloud && (r.privateLinkServiceName || r.pscServiceAttachment)) as TemporalRegion;
}

/** Every served namespace must have the endpoint's region among its regions (no cross-region endpoints). */
export function checkServedNamespaces(
  code: string,
  namespaces: readonly PrivateEndpointNamespace[],
  privateDns: boolean,
  accountId: string | undefined,
  problems: PropProblem[],
): void {
  namespaces.forEach((ns, i) => {
    // A token region list is Terraform's to know; the endpoint's own region is checked against literals only.
    if (!isToken(ns.regions) && !ns.regions.some(isToken) && !ns.regions.includes(code)) {
      problems.push([
        `namespaces[${i}]`,
        `namespace "${ns.name}" is in ${ns.regions.join(" + ")}, not in the endpoint's region "${code}"; ` +
          `cross-region private endpoints are not supported — create the endpoint in ${ns.regions.map((r) => `"${r}"`).join(" or ")}`,
      ]);
    }
    if (ns.endpointHost === undefined && !accountId && needsNamespaceHost(ns, privateDns)) {
      const why = (ns.privateDns ?? privateDns) ? "private DNS is named after it" : "mTLS workers use it as the TLS server name";
      problems.push([`namespaces[${i}]`, `the namespace endpoint of "${ns.name}" needs the Temporal Cloud account id (${why}); set accountId (or endpointHost)`]);
    }
  });
}

/** Whether the namespace endpoint host is used: for private DNS, or as the server name of single-region mTLS. */
export function needsNamespaceHost(ns: PrivateEndpointNamespace, privateDns: boolean): boolean {
  return (ns.privateDns ?? privateDns) || (!isReplicated(ns) && ns.auth !== "apiKey");
}

/** `<namespace>.<account>.tmprl.cloud` unless the namespace names its host. */
export function namespaceHost(ns: PrivateEndpointNamespace, accountId: string | undefined): string {
  return ns.endpointHost ?? `${ns.name}.${accountId}.tmprl.cloud`;
}

/** True for namespaces with a replica (two region entries). */
export function isReplicated(ns: PrivateEndpointNamespace): boolean {
  return ns.regions.length > 1;
}

/**
 * What a worker dials. With private DNS, the normal namespace endpoint (the private zones answer for it).
 * Without, the endpoint's own address plus a server-name override (Temporal's table: namespace endpoint for
 * mTLS, the regional API host for API keys, the region record for HA namespaces).
 */
export function workerConnection(
  ns: PrivateEndpointNamespace,
  region: TemporalRegion,
  endpointAddress: string,
  privateDns: boolean,
  accountId: string | undefined,
): WorkerConnection {
  if (ns.privateDns ?? privateDns) {
    const host = namespaceHost(ns, accountId);
    return { grpcAddress: `${host}:${TEMPORAL_GRPC_PORT}`, tlsServerName: host };
  }
  let serverName: string;
  if (isReplicated(ns) && region.regionDnsRecord) serverName = region.regionDnsRecord;
  else if (ns.auth === "apiKey") serverName = region.regionalEndpoint.replace(/:\d+$/, "");
  else serverName = namespaceHost(ns, accountId);
  return { grpcAddress: `${endpointAddress}:${TEMPORAL_GRPC_PORT}`, tlsServerName: serverName };
}

/** A name-safe key of a served namespace; a token name (known only to Terraform) falls back to its position. */
export function namespaceKey(ns: PrivateEndpointNamespace, index: number): string {
  return isToken(ns.name) ? `namespace-${index}` : slug(ns.name);
}

/** A resource-name-safe form of a string (lowercase letters, digits, hyphens). */
export function slug(value: string, max = 63): string {
  return value.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "").slice(0, max);
}

/** What a stack's private endpoints and HA zones cover, for the replica check at synth. */
interface Coverage {
  /** Namespace names served per endpoint region code. */
  readonly served: Map<string, Set<string>>;
  /** Region codes with a record in an HA private zone (HaPrivateDns). */
  readonly haDnsRegions: Set<string>;
}

const coverageByStack = new WeakMap<TerraformStack, Coverage>();

function coverageOf(scope: IConstruct): Coverage {
  const stack = TerraformStack.of(scope);
  let coverage = coverageByStack.get(stack);
  if (!coverage) {
    coverage = { served: new Map(), haDnsRegions: new Set() };
    coverageByStack.set(stack, coverage);
  }
  return coverage;
}

/** Records the region records an HaPrivateDns zone of this stack holds. */
export function registerHaDns(scope: IConstruct, regionCodes: readonly string[]): void {
  for (const code of regionCodes) if (!isToken(code)) coverageOf(scope).haDnsRegions.add(code);
}

/**
 * Records what `endpoint` serves and, at synth (when every construct of the stack exists), warns for each
 * replicated namespace it serves that no endpoint of the stack serves in the replica region, or that has
 * private DNS without an HA zone: after a failover its workers would leave the private path.
 */
export function checkReplicaCoverage(endpoint: IConstruct, code: string, namespaces: readonly PrivateEndpointNamespace[], privateDns: boolean): void {
  if (isToken(code)) return;
  const coverage = coverageOf(endpoint);
  const names = coverage.served.get(code) ?? new Set<string>();
  coverage.served.set(code, names);
  const literal = namespaces.filter((ns) => !isToken(ns.name) && !isToken(ns.regions) && !ns.regions.some(isToken));
  for (const ns of literal) names.add(ns.name);
  const replicated = literal.filter(isReplicated);
  if (replicated.length === 0) return;
  Aspects.of(endpoint).add({
    visit(node) {
      if (node !== endpoint) return;
      for (const ns of replicated) {
        for (const other of ns.regions.filter((r) => r !== code)) {
          if (coverage.served.get(other)?.has(ns.name)) continue;
          Annotations.of(endpoint).addWarning(
            `namespace "${ns.name}" is replicated to ${other}, but no private endpoint in this stack serves it there: ` +
              `after a failover its workers cannot reach it privately; add a private endpoint in ${other} serving "${ns.name}" (and HaPrivateDns for both regions)`,
          );
        }
        if ((ns.privateDns ?? privateDns) && !ns.regions.every((r) => coverage.haDnsRegions.has(r))) {
          Annotations.of(endpoint).addWarning(
            `namespace "${ns.name}" is replicated and gets no private DNS from this endpoint (its endpoint CNAMEs to the active region's record in ${"region.tmprl.cloud"}); ` +
              `add HaPrivateDns with a record for ${ns.regions.join(" and ")}, or workers resolve the public addresses`,
          );
        }
      }
    },
  });
}
