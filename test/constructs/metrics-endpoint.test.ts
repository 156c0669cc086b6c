import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformVariable, Testing } from "cdktf";
import { MetricsEndpoint, checkCaPem } from "../../lib/constructs/metrics-endpoint";
import { MetricsEndpoint as MetricsEndpointResource } from "../../lib/providers/temporalcloud/metrics-endpoint";
import { ServiceAccount } from "../../lib/providers/temporalcloud/service-account";
import { constructStack, EXAMPLES_DIR, resourcesOf, problemsOf } from "../helpers";

const CA_PEM = fs.readFileSync(path.join(EXAMPLES_DIR, "certs/metrics-ca.pem"), "utf8");

describe("MetricsEndpoint", () => {
  test("accepts the CA PEM (base64 encoded) and creates a metricsread service account", () => {
    const { stack, synthString } = constructStack();
    new MetricsEndpoint(stack, "metrics", { caPem: CA_PEM });
    const out = synthString();
    expect(out).toHaveResourceWithProperties(MetricsEndpointResource, { accepted_client_ca: Buffer.from(CA_PEM).toString("base64") });
    expect(out).toHaveResourceWithProperties(ServiceAccount, { name: "metrics-reader", account_access: "metricsread" });
  });

  test("takes a base64 bundle (or token) directly and can skip the service account", () => {
    const { stack, synth } = constructStack();
    const ca = new TerraformVariable(stack, "metrics_ca", { type: "string" });
    new MetricsEndpoint(stack, "metrics", { acceptedClientCa: ca.stringValue, createReaderServiceAccount: false });
    const json = synth();
    expect(resourcesOf(json, "temporalcloud_metrics_endpoint")[0].accepted_client_ca).toBe("${var.metrics_ca}");
    expect(resourcesOf(json, "temporalcloud_service_account")).toHaveLength(0);
  });

  test("rejects a non-CA, an expired CA, no certificate, and both inputs at once", () => {
    const { stack } = constructStack();
    expect(problemsOf(() => new MetricsEndpoint(stack, "a", { caPem: "hello" }))).toMatch(/contains no PEM certificate/);
    expect(problemsOf(() => new MetricsEndpoint(stack, "b", { caPem: CA_PEM, now: new Date("2100-01-01") }))).toMatch(/expired on/);
    expect(problemsOf(() => new MetricsEndpoint(stack, "c", { caPem: CA_PEM, acceptedClientCa: "x" }))).toMatch(/exactly one of caPem/);
    // cdktf's validation phase reports the problems of every construct at once, each under its path.
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/a\] caPem: [^\n]*contains no PEM certificate[\s\S]*\[test\/b\] caPem\[0\]: [^\n]*expired on/);
  });

  test("checkCaPem flags a leaf certificate", () => {
    // A self-signed leaf (CA:FALSE) made for this test with openssl.
    const leaf = fs.readFileSync(path.join(__dirname, "fixtures/leaf-cert.pem"), "utf8");
    expect(checkCaPem("ca", leaf, new Date("2030-01-01"))[0][1]).toMatch(/is not a CA certificate/);
    expect(checkCaPem("ca", CA_PEM, new Date("2030-01-01"))).toEqual([]);
  });
});
