import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { CertRequest } from "@cdktf/provider-tls/lib/cert-request";
import { LocallySignedCert } from "@cdktf/provider-tls/lib/locally-signed-cert";
import type { Problem } from "../domain/problem";
import { addProblems } from "./errors";
import { isToken, tfString } from "./tokens";
import { defaultTlsProvider } from "./default-providers";
import { clientEarlyRenewalHours } from "../domain/ca-rotation";
import type { RotatingCa } from "./rotating-ca";
import { replaceTriggers } from "./replace-triggers";

export { clientCommonName, namespaceFilterCommonName } from "../domain/certificates";

export interface ClientCertificateProps {
  /** The CA that signs the certificate; its newest generation is used, and validity is checked against its schedule. */
  readonly ca: RotatingCa;
  /** Subject common name, e.g. `clientCommonName("payments-prod", "charger")`. */
  readonly commonName: string;
  /**
   * Subject organization.
   * @default "temporal-cloud-guardrails"
   */
  readonly organization?: string;
  /**
   * Resources to create first, e.g. the namespace whose bundle must accept the new CA before a worker
   * uses a certificate from it.
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A worker's client certificate: its own key, a CSR, and a certificate signed by the CA's newest
 * generation with `client_auth` and `digital_signature`. It is re-issued when the signing CA changes
 * (the CA PEM forces a replacement; the key is replaced too) and at half-life (never later than twice the
 * apply cadence plus a day before it expires). Uses the stack's `tls` provider (found by type; created
 * once if missing).
 */
export class ClientCertificate extends Construct {
  public readonly key: PrivateKey;
  public readonly request: CertRequest;
  public readonly certificate: LocallySignedCert;
  public readonly validityDays: number;

  constructor(scope: Construct, id: string, props: ClientCertificateProps) {
    super(scope, id);
    defaultTlsProvider(this);
    const problems: Problem[] = [];
    if (!isToken(props.commonName) && !/^[A-Za-z0-9*][A-Za-z0-9.*-]{0,63}$/.test(props.commonName)) {
      problems.push(["commonName", `${JSON.stringify(props.commonName)} is not a usable common name; use letters, digits, "." and "-" (e.g. charger.payments-prod)`]);
    }
    addProblems(this, problems);
    // Validity and cadence come from the CA, whose constructor already proved them safe together.
    this.validityDays = props.ca.settings.clientValidityDays;
    // A new key with every CA generation, so a leaked client key dies with the CA it was signed by.
    this.key = new PrivateKey(this, "key", {
      algorithm: "ECDSA",
      ecdsaCurve: "P384",
      lifecycle: { replaceTriggeredBy: replaceTriggers(props.ca.slotA.generation, props.ca.slotB.generation) },
    });
    this.request = new CertRequest(this, "request", {
      privateKeyPem: this.key.privateKeyPem,
      subject: [{ commonName: tfString(props.commonName), organization: tfString(props.organization ?? "temporal-cloud-guardrails") }],
    });
    const current = props.ca.currentFor(this);
    this.certificate = new LocallySignedCert(this, "certificate", {
      certRequestPem: this.request.certRequestPem,
      caCertPem: current.certPem,
      caPrivateKeyPem: current.privateKeyPem,
      validityPeriodHours: this.validityDays * 24,
      earlyRenewalHours: clientEarlyRenewalHours(props.ca.settings),
      allowedUses: ["client_auth", "digital_signature"],
      dependsOn: props.dependsOn,
    });
  }

  /** Certificate PEM (public). */
  public get certPem(): string {
    return this.certificate.certPem;
  }

  /** Private key PEM (sensitive: store it in a secrets manager, never in an output). */
  public get privateKeyPem(): string {
    return this.key.privateKeyPem;
  }
}
