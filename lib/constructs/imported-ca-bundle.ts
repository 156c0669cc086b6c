import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { addProblems } from "./errors";
import { inspectCaBundle, type CaPemSource, type InspectedCaCertificate } from "../domain/certificates";
import type { ICaBundle } from "./references";

export { inspectCaBundle, signatureAlgorithmOid, type CaPemSource, type CaInspection, type InspectedCaCertificate } from "../domain/certificates";

/** What ImportedCaBundle found in its sources. */
export interface CaBundleInspection {
  /** Problems that block the bundle, each as `source: message`; synth reports them under the construct's path. */
  readonly problems: string[];
  /** CAs expiring within `expiryWarningDays` (each also a warning annotation). */
  readonly warnings: string[];
  /** The certificates, in bundle order. */
  readonly certificates: InspectedCaCertificate[];
}

export interface ImportedCaBundleProps {
  /** CA PEMs (e.g. read from files), each with a label used in messages. */
  readonly sources: CaPemSource[];
  /**
   * Time the expiry checks are made against.
   * @default the time of synthesis
   */
  readonly now?: Date;
  /**
   * Warn when a CA expires within this many days.
   * @default 30
   */
  readonly expiryWarningDays?: number;
}

/**
 * A bring-your-own CA bundle (e.g. an enterprise CA), validated at synth time: blocking problems throw,
 * and a CA expiring soon adds a warning annotation.
 */
export class ImportedCaBundle extends Construct implements ICaBundle {
  /**
   * A CA bundle that is kept elsewhere (a Terraform variable, another stack's output, a secret read by a data
   * source), as the base64 of its PEMs. Nothing is checked at synth: the value is usually a token.
   */
  public static fromBundleBase64(bundleBase64: string): ICaBundle {
    return { bundleBase64 };
  }

  /** Base64 of the concatenated PEMs: the value for `accepted_client_ca`. */
  public readonly bundleBase64: string;
  public readonly inspection: CaBundleInspection;

  constructor(scope: Construct, id: string, props: ImportedCaBundleProps) {
    super(scope, id);
    const found = inspectCaBundle(props.sources, props.now ?? new Date(), props.expiryWarningDays ?? 30);
    addProblems(this, found.problems);
    for (const warning of found.warnings) Annotations.of(this).addWarning(warning);
    this.inspection = { problems: found.problems.map(([where, message]) => `${where}: ${message}`), warnings: found.warnings, certificates: found.certificates };
    this.bundleBase64 = Buffer.from(found.certificates.map((c) => c.pem).join(""), "utf8").toString("base64");
  }
}
