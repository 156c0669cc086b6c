import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { Token } from "cdktf";
import { MetricsEndpoint as MetricsEndpointResource } from "../providers/temporalcloud/metrics-endpoint";
import { ServiceAccount } from "../providers/temporalcloud/service-account";
import { addProblems, throwIfUnbuildable } from "./errors";
import { isToken, tfString } from "./tokens";
import { checkCaPem } from "../domain/certificates";

export interface MetricsEndpointProps {
  /**
   * PEM text of the CA certificate(s) accepted for metrics clients. Give this or `acceptedClientCa`.
   * @default none
   */
  readonly caPem?: string;
  /**
   * Base64 of the PEM bundle (the form the resource takes); may be a token, e.g. from a rotating CA construct.
   * @default base64 of `caPem`
   */
  readonly acceptedClientCa?: string;
  /**
   * Create a service account with `account_access = "metricsread"` for API-key metrics scraping.
   * @default true
   */
  readonly createReaderServiceAccount?: boolean;
  /**
   * Name of the metrics-reader service account.
   * @default "metrics-reader"
   */
  readonly readerServiceAccountName?: string;
  /** temporalcloud provider. @default the stack's default temporalcloud provider */
  readonly provider?: TemporalcloudProvider;
  /** Clock for the expiry check (tests). @default now */
  readonly now?: Date;
}

/**
 * Temporal Cloud's account metrics endpoint (`temporalcloud_metrics_endpoint`), accepting scrapers whose client
 * certificates chain to the given CA, plus a least-privilege metrics-reader service account.
 */
export class MetricsEndpoint extends Construct {
  public readonly endpoint: MetricsEndpointResource;
  public readonly readerServiceAccount?: ServiceAccount;

  constructor(scope: Construct, id: string, props: MetricsEndpointProps) {
    super(scope, id);
    throwIfUnbuildable(this, (props.caPem === undefined) === (props.acceptedClientCa === undefined) ? validateMetricsEndpoint(props) : []);
    addProblems(this, validateMetricsEndpoint(props));
    const ca = tfString(props.acceptedClientCa) ?? Buffer.from(props.caPem as string, "utf8").toString("base64");
    this.endpoint = new MetricsEndpointResource(this, "endpoint", { provider: props.provider, acceptedClientCa: ca });
    if (props.createReaderServiceAccount ?? true) {
      this.readerServiceAccount = new ServiceAccount(this, "reader", {
        provider: props.provider,
        name: tfString(props.readerServiceAccountName ?? "metrics-reader"),
        description: "Reads Temporal Cloud metrics only (managed by temporal-cloud-guardrails)",
        accountAccess: "metricsread",
      });
    }
  }

  /** The endpoint's URI, known after apply. */
  public get uri(): string {
    return this.endpoint.uri;
  }
}

/** Problems with metrics-endpoint props, as [prop path, message]. */
export function validateMetricsEndpoint(props: MetricsEndpointProps): Array<[string, string]> {
  if ((props.caPem === undefined) === (props.acceptedClientCa === undefined)) {
    return [["caPem/acceptedClientCa", "give exactly one of caPem (PEM text) or acceptedClientCa (base64 PEM bundle)"]];
  }
  if (props.caPem !== undefined && isToken(props.caPem)) return [["caPem", "is a token; give the PEM text (it is parsed and checked at synth time), or pass a token as acceptedClientCa (base64)"]];
  if (props.caPem !== undefined) return checkCaPem("caPem", props.caPem, props.now ?? new Date());
  if (!Token.isUnresolved(props.acceptedClientCa)) {
    return checkCaPem("acceptedClientCa", Buffer.from(props.acceptedClientCa as string, "base64").toString("utf8"), props.now ?? new Date());
  }
  return [];
}

export { checkCaPem } from "../domain/certificates";
