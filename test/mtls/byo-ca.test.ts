// Bring-your-own CA: real certificates made with openssl, checked by ImportedCaBundle and the config.
import { estateConfigOf } from "../../lib/config/estate-config";
import * as fs from "node:fs";
import * as path from "node:path";
import { X509Certificate } from "node:crypto";
import { Testing } from "cdktf";
import { ImportedCaBundle, inspectCaBundle, signatureAlgorithmOid } from "../../lib/constructs/imported-ca-bundle";
import { assertValidConstructs, constructProblems, ConstructValidationError } from "../../lib/constructs/errors";
import { ConfigError } from "../../lib/config/issues";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { constructStack, resolve, synthConfig } from "../helpers";
import { makeX509Fixtures, type X509Fixtures } from "./x509-fixtures";

let fx: X509Fixtures;
beforeAll(() => {
  fx = makeX509Fixtures();
});
afterAll(() => fs.rmSync(fx.dir, { recursive: true, force: true }));

const source = (file: string) => ({ source: path.basename(file), pem: fs.readFileSync(file, "utf8") });
const problemsOf = (file: string) => inspectCaBundle([source(file)], new Date()).problems;

describe("CA inspection with real certificates", () => {
  test("a valid ECDSA P-384 / SHA-384 CA and an RSA-2048 / SHA-256 CA pass with no warning", () => {
    const result = inspectCaBundle([source(fx.good), source(fx.goodRsa)], new Date());
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.certificates.map((c) => c.subject)).toEqual(["O=Test Corp, CN=good-ca", "O=Test Corp, CN=good-rsa-ca"]);
  });

  test("an expired CA is an error", () => {
    expect(problemsOf(fx.expired)).toEqual([
      ["expired-ca.pem", '"CN=expired-ca" expired on 2021-01-01T00:00:00.000Z; replace it with a valid CA and re-issue client certificates'],
    ]);
  });

  test("a non-CA certificate is an error", () => {
    expect(problemsOf(fx.nonCa)).toEqual([
      ["leaf-cert.pem", '"O=Test Corp, CN=leaf-cert" is not a CA certificate (basic constraints CA:FALSE); give the CA that issues your client certificates, not a client or server certificate'],
    ]);
  });

  test("a SHA-1 signature is an error", () => {
    expect(signatureAlgorithmOid(new X509Certificate(fs.readFileSync(fx.sha1)).raw)).toBe("1.2.840.113549.1.1.5");
    expect(problemsOf(fx.sha1)).toEqual([
      ["sha1-ca.pem", '"O=Test Corp, CN=sha1-ca" is signed with sha1WithRSAEncryption, which Temporal Cloud rejects; re-issue it with SHA-256 or stronger'],
    ]);
  });

  test("an RSA-1024 key is an error", () => {
    expect(problemsOf(fx.rsa1024)).toEqual([
      ["rsa1024-ca.pem", '"O=Test Corp, CN=rsa1024-ca" has a 1024-bit RSA key; use RSA 2048 bits or more (4096 recommended) or ECDSA P-384'],
    ]);
  });

  test("a CA expiring in 10 days is a warning, not an error", () => {
    const validTo = new Date(new X509Certificate(fs.readFileSync(fx.expiringIn10Days)).validTo).toISOString();
    const result = inspectCaBundle([source(fx.expiringIn10Days)], new Date());
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      `short-ca.pem: CA "O=Test Corp, CN=short-ca" expires on ${validTo} (in 10 days); add its successor to the bundle and re-issue client certificates now`,
    ]);
  });

  test("duplicate subjects, garbage and more than 16 CAs are refused", () => {
    const good = source(fx.good);
    expect(inspectCaBundle([good, { ...good, source: "copy.pem" }], new Date()).problems).toEqual([
      ["copy.pem", "has the same subject as good-ca.pem; Temporal Cloud needs a distinct subject for every CA in the bundle"],
    ]);
    expect(inspectCaBundle([{ source: "notes.txt", pem: "hello" }], new Date()).problems).toEqual([
      ["notes.txt", "holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the CA certificate in PEM form"],
    ]);
    const many = Array.from({ length: 17 }, (_, i) => ({ source: `ca-${i}.pem`, pem: good.pem }));
    expect(inspectCaBundle(many, new Date()).problems).toContainEqual(["bundle", "holds 17 certificates; Temporal Cloud accepts at most 16; remove CAs no client uses"]);
  });
});

describe("ImportedCaBundle construct", () => {
  test("throws every problem at once, naming the construct", () => {
    const { stack } = constructStack();
    let error: unknown;
    try {
      assertValidConstructs(new ImportedCaBundle(stack, "bundle", { sources: [source(fx.expired), source(fx.sha1), source(fx.rsa1024)] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructValidationError);
    expect((error as ConstructValidationError).problems).toHaveLength(3);
    // The construct's inspection holds the same problems, as `source: message` (what synth reports).
    const bundle = new ImportedCaBundle(stack, "again", { sources: [source(fx.expired), source(fx.sha1), source(fx.rsa1024)] });
    expect(bundle.inspection.problems).toEqual((error as ConstructValidationError).problems);
    expect((error as Error).message).toMatch(/^invalid construct props \(3 problems\):\n  - test\/bundle: /);
  });

  test("adds a CDKTF warning annotation for a CA expiring soon and bundles the PEM as base64", () => {
    const { stack } = constructStack();
    const bundle = new ImportedCaBundle(stack, "bundle", { sources: [source(fx.good), source(fx.expiringIn10Days)] });
    const warnings = bundle.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^short-ca\.pem: CA "O=Test Corp, CN=short-ca" expires on .* \(in 10 days\)/);
    const decoded = Buffer.from(bundle.bundleBase64, "base64").toString("utf8");
    expect(decoded.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(bundle.inspection.warnings).toEqual(warnings);
    expect(bundle.inspection.certificates.map((c) => c.subject)).toEqual([expect.any(String), "O=Test Corp, CN=short-ca"]);
    expect(bundle.inspection.certificates.map((c) => c.pem).join("")).toBe(decoded);
  });
});

describe("CA files in the config", () => {
  const withFile = (file: string) => ({
    namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { mtls: { caPemFiles: [file] } } }],
  });

  test("a weak CA file is refused by the config check, at the file's path", () => {
    expect(() => resolve(withFile(fx.sha1), fx.dir)).toThrow(ConfigError);
    try {
      resolve(withFile(fx.sha1), fx.dir);
    } catch (e) {
      expect((e as Error).message).toContain("namespaces[0].auth.mtls.caPemFiles[0]: sha1-ca.pem: \"O=Test Corp, CN=sha1-ca\" is signed with sha1WithRSAEncryption");
    }
  });

  test("a valid CA file becomes the namespace's accepted_client_ca, and an expiring one warns at synth", () => {
    const json = synthConfig(withFile(fx.good), fx.dir);
    const ns = Object.values(json.resource?.temporalcloud_namespace ?? {})[0] as { accepted_client_ca: string };
    expect(Buffer.from(ns.accepted_client_ca, "base64").toString("utf8")).toBe(fs.readFileSync(fx.good, "utf8").trim() + "\n");

    const app = Testing.app();
    const stack = new TemporalCloudStack(app, "warn", { config: estateConfigOf(resolve(withFile(fx.expiringIn10Days), fx.dir)) });
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === "@cdktf/warn");
    const caWarnings = warnings.map((w) => String(w.data)).filter((text) => text.includes(".pem"));
    expect(caWarnings).toEqual([expect.stringMatching(/short-ca\.pem: CA "O=Test Corp, CN=short-ca" expires on/)]);
  });
});
