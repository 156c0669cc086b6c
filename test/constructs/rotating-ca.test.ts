import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformOutput, Testing } from "cdktf";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { LocallySignedCert } from "@cdktf/provider-tls/lib/locally-signed-cert";
import { RotatingCa, MAX_GENERATED_CA_PEM_BYTES, maxApplyCadenceDays, ROTATING_CA_DEFAULTS, type RotatingCaProps } from "../../lib/constructs/rotating-ca";
import { ClientCertificate, clientCommonName, namespaceFilterCommonName } from "../../lib/constructs/client-certificate";
import { constructProblems } from "../../lib/constructs/errors";
import { constructStack, resourcesOf, tempDir } from "../helpers";
import { CaKeyAlgorithm } from "../../lib/domain/ca-rotation";

function build(props: Partial<RotatingCaProps> = {}) {
  const { stack, synth, synthString } = constructStack();
  const ca = new RotatingCa(stack, "ca", { name: "orders", ...props });
  return { stack, ca, synth, synthString };
}

function problemsOf(props: Partial<RotatingCaProps>): readonly string[] {
  return constructProblems(build(props).ca).map((p) => p.problem);
}

describe("RotatingCa defaults", () => {
  test("two ECDSA P-384 CA slots valid 400 days on a grid of 182.5-day generations, no time_rotating", () => {
    const { ca, synthString, synth } = build();
    const out = synthString();
    expect(out).toHaveResourceWithProperties(PrivateKey, { algorithm: "ECDSA", ecdsa_curve: "P384" });
    expect(out).toHaveResourceWithProperties(SelfSignedCert, { is_ca_certificate: true, validity_period_hours: 400 * 24, allowed_uses: ["cert_signing", "crl_signing", "digital_signature"] });
    const json = synth();
    expect(json.resource?.time_rotating).toBeUndefined();
    expect(Object.values(json.locals ?? {})).toEqual([
      `\${floor((provider::time::rfc3339_parse(local.rotation_clock).unix - ${1704067200 + ca.phaseHours * 3600}) / ${4380 * 3600})}`,
      `\${var.rotation_clock == "" ? plantimestamp() : var.rotation_clock}`,
    ]);
    expect(ca.overlapDays).toBe(182.5);
    expect(ca.settings).toEqual({ validityDays: 400, rotateEveryDays: 365, applyCadenceDays: 7, clientValidityDays: 90 });
  });

  test("each key is replaced (via terraform_data) with its slot's generation and each subject names the generation start", () => {
    const json = build().synth();
    const keys = json.resource?.tls_private_key ?? {};
    const certs = resourcesOf(json, "tls_self_signed_cert") as { subject: { common_name: string }[] }[];
    const generations = json.resource?.terraform_data ?? {};
    for (const [name, key] of Object.entries(keys)) {
      const letter = /key-(a|b)/.exec(name)?.[1];
      const [trigger] = (key.lifecycle as { replace_triggered_by: string[] }).replace_triggered_by;
      const generation = /^terraform_data\.([\w-]+)$/.exec(trigger)?.[1] as string;
      expect(generation).toMatch(new RegExp(`^ca_generation-${letter}_`));
      expect(generations[generation].triggers_replace).toEqual({ start: expect.stringMatching(/^\$\{timeadd\("2024-/) });
    }
    const subjects = certs.map((c) => c.subject[0].common_name);
    // Slot a: the newest even generation (g − g % 2); slot b: the newest odd one (g − 1 + g % 2).
    expect(subjects).toEqual([
      expect.stringMatching(/^orders CA a \$\{timeadd\("[^"]+", format\("%dh", \(\(local\.ca_generation_\w+ - \(local\.ca_generation_\w+ % 2\)\) \* 4380\)\)\)\}$/),
      expect.stringMatching(/^orders CA b \$\{timeadd\("[^"]+", format\("%dh", \(\(\(local\.ca_generation_\w+ - 1\) \+ \(local\.ca_generation_\w+ % 2\)\) \* 4380\)\)\)\}$/),
    ]);
  });

  test("the bundle is base64 of both slots' PEMs plus any additional CA", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    const { stack, ca, synth } = build({ additionalCaPems: [pem] });
    new TerraformOutput(stack, "bundle", { value: ca.bundleBase64 });
    expect(ca.maxBundleCertificates).toBe(3);
    expect(ca.maxBundleBytes).toBe(2 * MAX_GENERATED_CA_PEM_BYTES.ECDSA_P384 + pem.length + 1);
    const resolved = synth().output?.bundle.value as string;
    expect(resolved).toMatch(/^\$\{base64encode\("\$\{tls_self_signed_cert\.ca_cert-a_\w+\.cert_pem\}\$\{tls_self_signed_cert\.ca_cert-b_\w+\.cert_pem\}-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n"\)\}$/);
  });

  test("RSA 4096 is available", () => {
    expect(build({ keyAlgorithm: CaKeyAlgorithm.RSA_4096 }).synthString()).toHaveResourceWithProperties(PrivateKey, { algorithm: "RSA", rsa_bits: 4096 });
  });

  test("with the defaults, the declared cadence may be up to 17 days (CA validity 400 ≥ rotateEveryDays 365 + 2 × 17)", () => {
    expect(maxApplyCadenceDays(ROTATING_CA_DEFAULTS)).toBe(17);
  });
});

describe("RotatingCa rejects", () => {
  test("an overlap under 30 days once the tolerated apply gap (2 × cadence) is counted", () => {
    expect(problemsOf({ rotateEveryDays: 80, validityDays: 100, clientValidityDays: 30, applyCadenceDays: 7 })).toEqual([
      "rotateEveryDays: 80 gives an overlap of only 26 days between outgoing and incoming CA when applies may be 14 days apart (twice applyCadenceDays 7); use 88 or more so the overlap is at least 30 days",
    ]);
  });

  test("client certificates not longer than their re-issue window plus a day", () => {
    expect(problemsOf({ clientValidityDays: 15 })).toEqual([
      "clientValidityDays: 15 is not longer than the re-issue window of 15 days (twice applyCadenceDays plus a day of reload lag) plus a day, so the certificate would be re-issued on every apply or expire between two; use at least 16 days or apply more often",
    ]);
  });

  test("a CA validity shorter than a CA stays in the bundle", () => {
    expect(problemsOf({ validityDays: 370 })).toEqual([
      "validityDays: 370 is shorter than the 379 days a CA stays in the bundle (rotateEveryDays 365 plus 14 days of tolerated apply gap); use validityDays ≥ 379 or rotate more often",
    ]);
  });

  test("non-integer settings, bad names, unknown key algorithms", () => {
    expect(problemsOf({ validityDays: 0.5 })).toEqual(["validityDays: 0.5 is not a whole number of days ≥ 1"]);
    expect(problemsOf({ name: "orders/ca" })).toEqual(['name: "orders/ca" is not usable in a certificate subject; use letters, digits, spaces, "." and "-" (at most 38 characters)']);
    expect(problemsOf({ keyAlgorithm: "RSA_1024" as never })).toContain('keyAlgorithm: "RSA_1024" is not supported; use ECDSA_P384 or RSA_4096');
  });

  test("a bundle over 16 certificates or 32 KB", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    expect(problemsOf({ additionalCaPems: Array(15).fill(pem) })).toEqual(["additionalCaPems: makes the bundle 17 certificates; Temporal Cloud accepts at most 16; drop some"]);
    const big = `-----BEGIN CERTIFICATE-----\n${"A".repeat(31 * 1024)}\n-----END CERTIFICATE-----`;
    expect(problemsOf({ additionalCaPems: [big] })).toEqual([`additionalCaPems: makes the bundle up to ${2 * 1200 + big.length + 1} bytes; Temporal Cloud accepts at most 32768 bytes of PEM; drop some`]);
    expect(problemsOf({ additionalCaPems: ["not a pem"] })).toEqual(["additionalCaPems[0]: is not a PEM certificate known at synth time; pass the PEM text"]);
  });
});

describe("synth-time size bound", () => {
  test("real CA certificates with the longest allowed subject stay under the per-certificate bound", () => {
    const dir = tempDir();
    const subject = `/O=${"o".repeat(64)}/CN=${"n".repeat(38)} CA a 2026-11-25T04:57:31Z`;
    const sizes: Record<string, number> = {};
    for (const [algorithm, key] of [["ECDSA_P384", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"]], ["RSA_4096", ["-newkey", "rsa:4096"]]] as const) {
      const out = path.join(dir, `${algorithm}.pem`);
      execFileSync("openssl", ["req", "-x509", "-nodes", ...key, "-keyout", path.join(dir, `${algorithm}.key`), "-subj", subject, "-days", "365", "-sha384",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature", "-out", out], { stdio: "pipe" });
      sizes[algorithm] = fs.statSync(out).size;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    expect(sizes.ECDSA_P384).toBeLessThanOrEqual(MAX_GENERATED_CA_PEM_BYTES.ECDSA_P384);
    expect(sizes.RSA_4096).toBeLessThanOrEqual(MAX_GENERATED_CA_PEM_BYTES.RSA_4096);
  });
});

describe("ClientCertificate", () => {
  test("signs with the slot of the current generation's parity, client_auth + digital_signature, 90 days, re-issued at half-life", () => {
    const { stack, ca, synth } = build();
    new ClientCertificate(stack, "client", { ca, commonName: clientCommonName("orders-dev", "charger") });
    const json = synth();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(LocallySignedCert, { allowed_uses: ["client_auth", "digital_signature"], validity_period_hours: 2160, early_renewal_hours: 1080 });
    const cert = resourcesOf(json, "tls_locally_signed_cert")[0] as { ca_cert_pem: string; ca_private_key_pem: string };
    expect(cert.ca_cert_pem).toMatch(/^\$\{\(\(local\.ca_generation_\w+ % 2\) == 1\) \? tls_self_signed_cert\.ca_cert-b_\w+\.cert_pem : tls_self_signed_cert\.ca_cert-a_\w+\.cert_pem\}$/);
    expect(cert.ca_private_key_pem).toMatch(/tls_private_key\.ca_key-b_\w+\.private_key_pem : tls_private_key\.ca_key-a_\w+\.private_key_pem/);
    expect(resourcesOf(json, "tls_cert_request")[0]).toMatchObject({ subject: [{ common_name: "charger.orders-dev" }] });
    const clientKey = Object.entries(json.resource?.tls_private_key ?? {}).find(([name]) => name.startsWith("client_"))?.[1] as { lifecycle: { replace_triggered_by: string[] } };
    expect(clientKey.lifecycle.replace_triggered_by).toEqual([expect.stringMatching(/^terraform_data\.ca_generation-a_\w+$/), expect.stringMatching(/^terraform_data\.ca_generation-b_\w+$/)]);
  });

  test("with fast cadences the renewal window is never shorter than twice the cadence plus a day", () => {
    const { stack, ca, synth } = build({ applyCadenceDays: 20, clientValidityDays: 60, rotateEveryDays: 200, validityDays: 250 });
    new ClientCertificate(stack, "client", { ca, commonName: "w.orders-dev" });
    expect(resourcesOf(synth(), "tls_locally_signed_cert")[0].early_renewal_hours).toBe(41 * 24);
  });

  test("the namespace filter admits the namespace's client common names only", () => {
    const filter = namespaceFilterCommonName("orders-prod").slice(1);
    expect(clientCommonName("orders-prod", "charger").endsWith(filter)).toBe(true);
    expect(clientCommonName("orders-dev", "charger").endsWith(filter)).toBe(false);
  });

  test("rejects an unusable common name", () => {
    const { stack, ca } = build();
    expect(constructProblems(new ClientCertificate(stack, "client", { ca, commonName: "a b/c" })).map((p) => p.problem).join("\n")).toContain('commonName: "a b/c" is not a usable common name');
  });
});

describe("RotatingCa and the time provider", () => {
  test("a bare stack gets `time` declared, since the generation uses provider::time::rfc3339_parse", () => {
    const { synth } = build();
    const json = synth() as unknown as { terraform: { required_providers: Record<string, unknown> }; provider: Record<string, unknown[]>; locals: Record<string, string> };
    expect(Object.values(json.locals).some((v) => v.includes("provider::time::rfc3339_parse"))).toBe(true);
    expect(json.terraform.required_providers.time).toBeDefined();
    expect(json.provider.time).toHaveLength(1);
  });

  test("a user's own TimeProvider under another id is reused, not duplicated", () => {
    const { stack, synth } = constructStack();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TimeProvider } = require("@cdktf/provider-time/lib/provider") as typeof import("@cdktf/provider-time/lib/provider");
    new TimeProvider(stack, "time-provider", {});
    new RotatingCa(stack, "ca", { name: "orders" });
    const json = synth() as unknown as { provider: Record<string, unknown[]> };
    expect(json.provider.time).toHaveLength(1);
  });
});
