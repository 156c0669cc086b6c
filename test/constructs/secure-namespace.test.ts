import { Testing, TerraformStack } from "cdktf";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { Namespace } from "../../lib/providers/temporalcloud/namespace";
import { assertValidConstructs, ConstructValidationError } from "../../lib/constructs/errors";
import { constructStack, resourcesOf, problemsOf } from "../helpers";
import { Environment } from "../../lib/domain/environments";
import { SearchAttributeType } from "../../lib/domain/namespace-rules";

const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64");

describe("SecureNamespace", () => {
  test("production defaults: delete protection, prevent_destroy, 14-day retention", () => {
    const { stack, synthString } = constructStack();
    new SecureNamespace(stack, "ns", { name: "payments-prod", regions: ["aws-us-east-1"], apiKeyAuth: true });
    const out = synthString();
    expect(out).toHaveResourceWithProperties(Namespace, {
      name: "payments-prod",
      regions: ["aws-us-east-1"],
      retention_days: 14,
      api_key_auth: true,
      namespace_lifecycle: { enable_delete_protection: true },
      lifecycle: { prevent_destroy: true },
    });
  });

  test("development profile leaves delete protection off and 30-day retention", () => {
    const { stack, synth } = constructStack();
    new SecureNamespace(stack, "ns", { name: "sandbox", environment: Environment.DEVELOPMENT, regions: ["gcp-us-central1"], apiKeyAuth: true });
    const [ns] = resourcesOf(synth(), "temporalcloud_namespace");
    expect(ns.retention_days).toBe(30);
    expect(ns.namespace_lifecycle).toEqual({ enable_delete_protection: false });
    expect(ns.lifecycle).toBeUndefined();
  });

  test("mTLS bundle, filters, codec server, tags and search attributes", () => {
    const { stack, synth } = constructStack();
    const ns = new SecureNamespace(stack, "ns", {
      name: "orders",
      environment: Environment.STAGING,
      regions: ["aws-eu-west-1"],
      acceptedClientCa: CA,
      certificateFilters: [{ commonName: "orders" }, { organization: "Example", organizationalUnit: "orders-*" }],
      codecServer: { endpoint: "https://codec.example.com" },
      tags: { team: "orders" },
      searchAttributes: { CustomerId: SearchAttributeType.KEYWORD },
    });
    const json = synth();
    const [res] = resourcesOf(json, "temporalcloud_namespace");
    expect(res.accepted_client_ca).toBe(CA);
    expect(res.certificate_filters).toEqual([{ common_name: "orders" }, { organization: "Example", organizational_unit: "orders-*" }]);
    expect(res.codec_server).toEqual({ endpoint: "https://codec.example.com", pass_access_token: true, include_cross_origin_credentials: false });
    expect(resourcesOf(json, "temporalcloud_namespace_tags")[0]).toMatchObject({ tags: { team: "orders" } });
    expect(resourcesOf(json, "temporalcloud_namespace_search_attribute")[0]).toMatchObject({ name: "CustomerId", type: "keyword" });
    expect(ns.namespaceName).toBe("orders");
    expect(ns.namespaceId).toMatch(/\$\{TfToken/);
  });

  test("rejects every bad prop at once, naming each", () => {
    const { stack } = constructStack();
    let error: unknown;
    try {
      assertValidConstructs(new SecureNamespace(stack, "ns", {
        name: "Bad_Name",
        regions: ["aws-us-east-9"],
        retentionDays: 120,
        certificateFilters: [{}, { commonName: "a*b" }],
        codecServer: { endpoint: "http://codec.example.com" },
      }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConstructValidationError);
    const problems = (error as ConstructValidationError).problems.join("\n");
    expect(problems).toContain('name: "Bad_Name" is not a valid namespace name');
    expect(problems).toContain('regions[0]: "aws-us-east-9" is not a Temporal Cloud region; did you mean "aws-us-east-1"');
    expect(problems).toContain("retentionDays: 120 is above the Temporal Cloud maximum of 90");
    expect(problems).toContain("auth: no authentication method");
    expect(problems).toContain("certificateFilters[0]: has no fields");
    expect(problems).toContain('certificateFilters[1].commonName: "a*b" has "*" in the middle');
    expect(problems).toContain('codecServer.endpoint: "http://codec.example.com" is not an https:// URL');
  });

  test("rejects a CA bundle that is not base64", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(problemsOf(() => new SecureNamespace(stack, "ns", { name: "ab", regions: ["aws-us-east-1"], acceptedClientCa: "-----BEGIN" }))).toMatch(/acceptedClientCa: is not base64/);
  });
});

describe("SecureNamespace certificate filters", () => {
  test("filters without an mTLS CA are refused (the provider would drop them and fail the apply)", () => {
    const { stack } = constructStack();
    expect(problemsOf(() => new SecureNamespace(stack, "ns", { name: "orders-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true, certificateFilters: [{ commonName: "orders-dev" }] }))).toMatch(
      /certificateFilters.*need acceptedClientCa/,
    );
  });
});
