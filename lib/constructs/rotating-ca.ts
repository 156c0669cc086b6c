import { Construct } from "constructs";
import { DataResource, Fn, Op, Token, conditional } from "cdktf";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { Rotating } from "@cdktf/provider-time/lib/rotating";
import type { Problem } from "../domain/problem";
import {
  CA_KEY_ALGORITHMS, MAX_BUNDLE_BYTES, MAX_BUNDLE_CERTIFICATES, MAX_GENERATED_CA_PEM_BYTES, ROTATING_CA_DEFAULTS,
  checkRotationSettings, type CaKeyAlgorithm, type RotationSettings,
} from "../domain/ca-rotation";
import { addProblems } from "./errors";
import { isToken, literalNumbers, tfString } from "./tokens";
import { replaceTriggers } from "./replace-triggers";
import { defaultTimeProvider, defaultTlsProvider } from "./default-providers";

export {
  MAX_BUNDLE_CERTIFICATES, MAX_BUNDLE_BYTES, MIN_OVERLAP_DAYS, CA_KEY_ALGORITHMS, MAX_GENERATED_CA_PEM_BYTES,
  ROTATING_CA_DEFAULTS, clientEarlyRenewalHours, checkRotationSettings, maxApplyCadenceDays,
  type CaKeyAlgorithm, type RotationSettings,
} from "../domain/ca-rotation";

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
   * @default 365
   */
  readonly validityDays?: number;
  /**
   * Each of the two CA slots is regenerated this often (days); the slots are half a period apart, so a
   * new CA appears every rotateEveryDays / 2 days and the outgoing one stays accepted that long.
   * @default 180
   */
  readonly rotateEveryDays?: number;
  /**
   * Longest gap between two `terraform apply` runs (days); rotation only happens when an apply runs.
   * @default 7
   */
  readonly applyCadenceDays?: number;
  /**
   * Lifetime of client certificates issued from this CA (days); checked against the schedule.
   * @default 30
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
  readonly additionalCaPems?: readonly string[];
}

/** One of the two CA slots: its rotation timer, key and self-signed certificate. */
export interface CaSlot {
  readonly rotation: Rotating;
  /** `terraform_data` replaced whenever the rotation time changes; it drives the key's replacement. */
  readonly generation: DataResource;
  readonly key: PrivateKey;
  readonly certificate: SelfSignedCert;
}

/**
 * A CA regenerated on a schedule without downtime. Uses the stack's `tls` and `time` providers (found by type; created once if missing). Two slots (a, b) each hold a CA; slot b rotates half a
 * period after slot a. The accepted bundle always holds both, so when one slot gets a new CA (the
 * incoming one, which signs client certificates from then on) the other (outgoing) CA stays accepted for
 * the overlap: half a rotation period. Rotation happens when an apply runs after the slot's time is up.
 */
export class RotatingCa extends Construct {
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
  /** Days the outgoing CA stays accepted after the incoming one appears. */
  public readonly overlapDays: number;
  /** Most CA certificates the bundle can hold, and its largest PEM size, both checked at synth time. */
  public readonly maxBundleCertificates: number;
  public readonly maxBundleBytes: number;

  constructor(scope: Construct, id: string, props: RotatingCaProps) {
    super(scope, id);
    defaultTlsProvider(this);
    defaultTimeProvider(this);
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

    const timing = ["validityDays", "rotateEveryDays", "applyCadenceDays", "clientValidityDays"];
    const tokenTiming = literalNumbers(props, timing, "the rotation schedule is computed and checked at synth time");
    const problems = tokenTiming.length > 0 ? tokenTiming : checkRotationSettings(this.settings);
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
    const periodHours = this.settings.rotateEveryDays * 24;
    const slotA = this.slot("a", tfString(props.name), organization);
    // Slot b starts half a period after slot a. Its base time is read only when it is (re)created, so it
    // follows slot a's latest rotation instead of forcing a replacement whenever slot a rotates.
    const slotB = this.slot("b", tfString(props.name), organization, Fn.timeadd(slotA.rotation.rfc3339, `${periodHours / 2}h`));
    this.slotA = slotA;
    this.slotB = slotB;

    const extraPem = extra.map(normalizePem).join("");
    this.bundleBase64 = Fn.base64encode(`${slotA.certificate.certPem}${slotB.certificate.certPem}${extraPem}`);
    // The slot that rotates later signs client certificates: after a rotation that is the new CA, and on
    // the first apply (both created together) it is slot b, so slot a's first rotation never removes a
    // CA that signed live certificates. Creation timestamps would be a race on the first apply.
    const aRotatesLater = Op.eq(Fn.timecmp(slotA.rotation.rotationRfc3339, slotB.rotation.rotationRfc3339), 1);
    this.currentCaCertPem = Token.asString(conditional(aRotatesLater, slotA.certificate.certPem, slotB.certificate.certPem));
    this.currentCaPrivateKeyPem = Token.asString(conditional(aRotatesLater, slotA.key.privateKeyPem, slotB.key.privateKeyPem));
  }

  private slot(letter: "a" | "b", name: string, organization: string, baseTime?: string): CaSlot {
    const rotation = new Rotating(this, `rotation-${letter}`, {
      rotationDays: this.settings.rotateEveryDays,
      rfc3339: baseTime,
      lifecycle: baseTime ? { ignoreChanges: ["rfc3339"] } : undefined,
    });
    // A due time_rotating is dropped from state and planned as a create, which does not reliably count
    // as a change for replace_triggered_by; a terraform_data keyed on its rotation time is replaced.
    const generation = new DataResource(this, `generation-${letter}`, { triggersReplace: { rotation: rotation.rotationRfc3339 } });
    const key = new PrivateKey(this, `key-${letter}`, {
      ...(this.keyAlgorithm === "RSA_4096" ? { algorithm: "RSA", rsaBits: 4096 } : { algorithm: "ECDSA", ecdsaCurve: "P384" }),
      lifecycle: { replaceTriggeredBy: replaceTriggers(generation) },
    });
    const certificate = new SelfSignedCert(this, `cert-${letter}`, {
      privateKeyPem: key.privateKeyPem,
      isCaCertificate: true,
      setSubjectKeyId: true,
      // The rotation time in the subject keeps subjects distinct per generation, as Temporal requires.
      subject: [{ commonName: `${name} CA ${letter} ${rotation.rfc3339}`, organization }],
      validityPeriodHours: this.settings.validityDays * 24,
      allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
    });
    return { rotation, generation, key, certificate };
  }
}

function countPemCertificates(pem: string): number {
  return (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}

function normalizePem(pem: string): string {
  return pem.trim() + "\n";
}
