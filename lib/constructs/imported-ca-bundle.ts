import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { addProblems } from "./errors";
import { inspectCaBundle, type CaInspection, type CaPemSource } from "../domain/certificates";
import type { ICaBundle } from "./references";

export { inspectCaBundle, signatureAlgorithmOid, type CaPemSource, type CaInspection } from "../domain/certificates";

export interface ImportedCaBundleProps {
  /** CA PEMs (e.g. read from files), each with a label used in messages. */
  readonly sources: readonly CaPemSource[];
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
  public readonly inspection: CaInspection;

  constructor(scope: Construct, id: string, props: ImportedCaBundleProps) {
    super(scope, id);
    this.inspection = inspectCaBundle(props.sources, props.now ?? new Date(), props.expiryWarningDays ?? 30);
    addProblems(this, this.inspection.problems);
    for (const warning of this.inspection.warnings) Annotations.of(this).addWarning(warning);
    this.bundleBase64 = Buffer.from(this.inspection.certificates.map((c) => c.pem).join(""), "utf8").toString("base64");
  }
}
