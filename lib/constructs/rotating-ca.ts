import { Construct, type IConstruct } from "constructs";
import type { ICaBundle } from "./references";
import { X509Certificate } from "node:crypto";
import { DataResource, Fn, Op, TerraformLocal, TerraformStack, Token, conditional } from "cdktf";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import type { Problem } from "../domain/problem";
import {
  CA_KEY_ALGORITHMS, MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES, MAX_GENERATED_CA_PEM_BYTES, ROTATING_CA_DEFAULTS,
  checkRotationSettings, type CaKeyAlgorithm, type RotationSettings,
} from "../domain/ca-rotation";
import { ROTATION_EPOCH_UNIX, rotationPhaseHours } from "../domain/api-key-rotation";
import { addProblems } from "./errors";
import { isToken, literalNumbers, tfString } from "./tokens";
import { attributeOf, interpolate, localOf } from "./expressions";
import { replaceTriggers } from "./replace-triggers";
import { generationExpression, rotationClock } from "./rotation-clock";
import { defaultTimeProvider, defaultTlsProvider } from "./default-providers";

export {
  MAX_BUNDLE_CERTIFICATES, MAX_BUNDLE_BYTES, MIN_OVERLAP_DAYS, CA_KEY_ALGORITHMS, MAX_GENERATED_CA_PEM_BYTES,
  ROTATING_CA_DEFAULTS, clientEarlyRenewalHours, checkRotationSettings, maxApplyCadenceDays,
  type CaKeyAlgorithm, type RotationSettings,
} from "../domain/ca-rotation";

/** Days before an additional CA expires at which plans start to warn (a `check` block). */
export const EXTRA_CA_WARNING_DAYS = 30;

export interface RotatingCaProps {
  /** Name used in the CA subjects, e.g. `shared-ca` (letters, digits, `-`, `.`, spaces; at most 38 characters). */
  readonly name: string;
  /**
   * Subject organization of the CA certificates.
   * @default "temporal-cloud-guardrails"
   */
  readonly organization?: string;
  /**
   * Lifetime of each CA certificate in days.
   * @default 400
   */
  readonly validityDays?: number;
  /**
   * Each of the two CA slots is regenerated this often (days); the slots are half a period apart, so a
   * new CA appears every rotateEveryDays / 2 days and the outgoing one stays accepted that long.
   * @default 365
   */
  readonly rotateEveryDays?: number;
  /**
   * Longest gap between two `terraform apply` runs (days); rotation only happens when an apply runs.
   * @default 7
   */
  readonly applyCadenceDays?: number;
  /**
   * Lifetime of client certificates issued from this CA (days); checked against the schedule. They are
   * re-issued at half-life (at least 2 × applyCadenceDays + 1 day before expiry) and with every new CA.
   * @default 90
   */
  readonly clientValidityDays?: number;
  /**
   * Key algorithm of the CA.
   * @default "ECDSA_P384"
   */
  readonly keyAlgorithm?: CaKeyAlgorithm;
  /**
   * Extra CA PEMs kept in the bundle (e.g. an enterprise CA during a migration); they count toward the
   * 16-certificate and 32 KB limits.
   * @default none
   */
  readonly additionalCaPems?: string[];
  /**
   * Hours into the generation grid at which this CA's generations start.
   * @default a stable hash of the construct path
   */
  readonly phaseHours?: number;
}

/** One of the two CA slots: the generation it holds, its key and self-signed certificate. */
export interface CaSlot {
  /** RFC 3339 start of the generation the slot holds (a plan-time expression). */
  readonly generationStart: string;
  /** `terraform_data` replaced whenever the slot's generation changes; it drives the key's replacement. */
  readonly generation: DataResource;
  readonly key: PrivateKey;
  readonly certificate: SelfSignedCert;
}

/** The CA that signs client certificates, as RotatingCa.currentFor gives it to one consumer. */
export interface CaSigningMaterial {
  /** PEM of the current CA certificate. */
  readonly certPem: string;
  /** PEM of the current CA private key (sensitive; stays in Terraform state). */
  readonly privateKeyPem: string;
}

/**
 * A CA regenerated on a fixed grid of generations without downtime, whenever and however irregularly
 * `terraform apply` runs. Uses the stack's `tls` and `time` providers (found by type; created once if
 * missing). A new generation starts every rotateEveryDays / 2 (from a per-construct phase); slot a holds the
 * newest even generation, slot b the newest odd one, both decided from the stack's rotation clock (the plan's
 * timestamp unless `var.rotation_clock` is set). The accepted bundle always holds both, the newest signs
 * client certificates, and the outgoing CA stays accepted until its slot is due again, half a period later.
 */
export class RotatingCa extends Construct implements ICaBundle {
  public readonly slotA: CaSlot;
  public readonly slotB: CaSlot;
  /** Base64 of the concatenated PEMs: the value for `accepted_client_ca`. */
  public readonly bundleBase64: string;
  /** PEM of the newest CA, which signs client certificates. */
  public readonly currentCaCertPem: string;
  /** Private key PEM of the newest CA (sensitive; stays in Terraform state). */
  public readonly currentCaPrivateKeyPem: string;
  public readonly settings: RotationSettings;
  public readonly keyAlgorithm: CaKeyAlgorithm;
  /** Days the outgoing CA stays accepted after the incoming one appears, with applies on time. */
  public readonly overlapDays: number;
  /** Hours into the generation grid at which this CA's generations start. */
  public readonly phaseHours: number;
  /** The local holding the current CA generation number. */
  public readonly generation: TerraformLocal;
  /** Most CA certificates the bundle can hold, and its largest PEM size, both checked at synth time. */
  public readonly maxBundleCertificates: number;
  public readonly maxBundleBytes: number;

  constructor(scope: Construct, id: string, props: RotatingCaProps) {
    super(scope, id);
    defaultTlsProvider(this);
    defaultTimeProvider(this); // also declares `time` for provider::time::rfc3339_parse
    this.settings = {
      validityDays: props.validityDays ?? ROTATING_CA_DEFAULTS.validityDays,
      rotateEveryDays: props.rotateEveryDays ?? ROTATING_CA_DEFAULTS.rotateEveryDays,
      applyCadenceDays: props.applyCadenceDays ?? ROTATING_CA_DEFAULTS.applyCadenceDays,
      clientValidityDays: props.clientValidityDays ?? ROTATING_CA_DEFAULTS.clientValidityDays,
    };
    this.keyAlgorithm = props.keyAlgorithm ?? ROTATING_CA_DEFAULTS.keyAlgorithm;
    this.overlapDays = this.settings.rotateEveryDays / 2;
    const extra = props.additionalCaPems ?? [];
    this.maxBundleCertificates = 2 + extra.reduce((n, pem) => n + countPemCertificates(pem), 0);
    this.maxBundleBytes = 2 * (MAX_GENERATED_CA_PEM_BYTES[this.keyAlgorithm] ?? 0) + extra.reduce((n, pem) => n + Buffer.byteLength(normalizePem(pem)), 0);

    const timing = ["validityDays", "rotateEveryDays", "applyCadenceDays", "clientValidityDays", "phaseHours"];
    const tokenTiming = literalNumbers(props, timing, "the rotation schedule is computed and checked at synth time");
    const problems = tokenTiming.length > 0 ? tokenTiming : checkRotationSettings(this.settings);
    if (tokenTiming.length === 0 && props.phaseHours !== undefined && (!Number.isInteger(props.phaseHours) || props.phaseHours < 0)) {
      problems.push(["phaseHours", `${props.phaseHours} is not a whole number of hours ≥ 0`]);
    }
    // A common name holds at most 64 characters: name + " CA a " + a 20-character timestamp.
    if (!isToken(props.name) && !/^[A-Za-z0-9][A-Za-z0-9 .-]{0,37}$/.test(props.name)) {
      problems.push(["name", `${JSON.stringify(props.name)} is not usable in a certificate subject; use letters, digits, spaces, "." and "-" (at most 38 characters)`]);
    }
    if (!(CA_KEY_ALGORITHMS as readonly string[]).includes(this.keyAlgorithm)) {
      problems.push(["keyAlgorithm", `${JSON.stringify(this.keyAlgorithm)} is not supported; use ${CA_KEY_ALGORITHMS.join(" or ")}`]);
    }
    extra.forEach((pem, i) => {
      if (Token.isUnresolved(pem) || countPemCertificates(pem) === 0) problems.push([`additionalCaPems[${i}]`, "is not a PEM certificate known at synth time; pass the PEM text"]);
    });
    if (this.maxBundleCertificates > MAX_BUNDLE_CERTIFICATES) {
      problems.push(["additionalCaPems", `makes the bundle ${this.maxBundleCertificates} certificates; Temporal Cloud accepts at most ${MAX_BUNDLE_CERTIFICATES}; drop some`]);
    }
    if (this.maxBundleBytes > MAX_BUNDLE_BYTES) {
      problems.push(["additionalCaPems", `makes the bundle up to ${this.maxBundleBytes} bytes; Temporal Cloud accepts at most ${MAX_BUNDLE_BYTES} bytes of PEM; drop some`]);
    }
    addProblems(this, problems);

    const organization = tfString(props.organization ?? "temporal-cloud-guardrails");
    const period = this.settings.rotateEveryDays * 12;
    this.phaseHours = (props.phaseHours ?? rotationPhaseHours(this.node.path, period)) % period;
    const epochUnix = ROTATION_EPOCH_UNIX + this.phaseHours * 3600;
    const epoch = new Date(epochUnix * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    this.generation = new TerraformLocal(this, "generation", generationExpression(this, epochUnix, period));
    const g = this.generation.asNumber;
    const parity = Op.mod(g, 2);
    const start = (generation: unknown) => Fn.timeadd(epoch, Fn.format("%dh", [Op.mul(generation, period)]));
    // Slot a holds the newest even generation (g − g % 2), slot b the newest odd one (g − 1 + g % 2).
    const slotA = this.slot("a", tfString(props.name), organization, start(Op.sub(g, parity)));
    const slotB = this.slot("b", tfString(props.name), organization, start(Op.add(Op.sub(g, 1), parity)));
    this.slotA = slotA;
    this.slotB = slotB;

    this.warnBeforeExtraCaExpiry(extra);
    const extraPem = extra.map(normalizePem).join("");
    this.bundleBase64 = Fn.base64encode(`${slotA.certificate.certPem}${slotB.certificate.certPem}${extraPem}`);
    // The slot of the current generation's parity signs client certificates: deterministic on the first
    // apply (no creation-time comparison) and the newest CA after every rotation.
    const bIsCurrent = Op.eq(parity, 1);
    this.currentCaCertPem = Token.asString(conditional(bIsCurrent, slotB.certificate.certPem, slotA.certificate.certPem));
    this.currentCaPrivateKeyPem = Token.asString(conditional(bIsCurrent, slotB.key.privateKeyPem, slotA.key.privateKeyPem));
  }

  /**
   * currentCaCertPem and currentCaPrivateKeyPem for a consumer in `scope`: written as finished text when it is
   * in this CA's stack (every client certificate reads them, and the tokens cost most of synth time at scale),
   * the tokens otherwise (cdktf turns them into cross-stack references).
   */
  public currentFor(scope: IConstruct): CaSigningMaterial {
    if (TerraformStack.of(scope) !== TerraformStack.of(this)) return { certPem: this.currentCaCertPem, privateKeyPem: this.currentCaPrivateKeyPem };
    const pick = (b: string, a: string) => interpolate(`((${localOf(this.generation)} % 2) == 1) ? ${b} : ${a}`);
    return {
      certPem: pick(attributeOf(this.slotB.certificate, "cert_pem"), attributeOf(this.slotA.certificate, "cert_pem")),
      privateKeyPem: pick(attributeOf(this.slotB.key, "private_key_pem"), attributeOf(this.slotA.key, "private_key_pem")),
    };
  }

  /**
   * A `check` per additional CA: plans warn EXTRA_CA_WARNING_DAYS before it expires. Nothing rotates it, and
   * Temporal Cloud refuses a bundle holding an expired CA, which would block every later CA rotation.
   */
  private warnBeforeExtraCaExpiry(extra: readonly string[]): void {
    const stack = TerraformStack.of(this);
    extra.forEach((pem, i) => {
      if (Token.isUnresolved(pem)) return;
      (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).forEach((block, j) => {
        let cert: X509Certificate;
        try {
          cert = new X509Certificate(block);
        } catch {
          return; // reported by the bundle checks
        }
        const notAfter = new Date(cert.validTo).toISOString().replace(/\.\d{3}Z$/, "Z");
        const subject = cert.subject.replace(/\n/g, ", ");
        stack.addOverride(`check.additional_ca_expiry_${this.node.addr.slice(0, 12)}_${i}_${j}`, {
          assert: [{
            condition: `\${timecmp(timeadd(${rotationClock(this)}, "${EXTRA_CA_WARNING_DAYS * 24}h"), "${notAfter}") < 0}`,
            error_message: tfString(`${this.node.path}: additionalCaPems[${i}] (${subject}) expires at ${notAfter}, within ${EXTRA_CA_WARNING_DAYS} days; replace or remove it before then: Temporal Cloud refuses a bundle holding an expired CA, and every later CA rotation would fail.`),
          }],
        });
      });
    });
  }

  private slot(letter: "a" | "b", name: string, organization: string, generationStart: string): CaSlot {
    const generation = new DataResource(this, `generation-${letter}`, { triggersReplace: { start: generationStart } });
    const key = new PrivateKey(this, `key-${letter}`, {
      ...(this.keyAlgorithm === "RSA_4096" ? { algorithm: "RSA", rsaBits: 4096 } : { algorithm: "ECDSA", ecdsaCurve: "P384" }),
      lifecycle: { replaceTriggeredBy: replaceTriggers(generation) },
    });
    const certificate = new SelfSignedCert(this, `cert-${letter}`, {
      privateKeyPem: key.privateKeyPem,
      isCaCertificate: true,
      setSubjectKeyId: true,
      // The generation start in the subject keeps subjects distinct per generation, as Temporal requires.
      subject: [{ commonName: `${name} CA ${letter} ${generationStart}`, organization }],
      validityPeriodHours: this.settings.validityDays * 24,
      allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
    });
    return { generationStart, generation, key, certificate };
  }
}

function countPemCertificates(pem: string): number {
  return (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}

function normalizePem(pem: string): string {
  return pem.trim() + "\n";
}
