// Every example config users copy must validate and synthesize; the full JSON of each example is
// snapshot-tested here, once, so reviewers see any change to what an example deploys.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig, readConfigDocument } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { EXAMPLES_DIR, resourcesOf, synthConfig, synthStacks, tempDir, type SynthJson } from "../helpers";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

describe.each(examples)("examples/%s", (file) => {
  const stacks = synthStacks(readConfigDocument(path.join(EXAMPLES_DIR, file)), EXAMPLES_DIR);
  const jsons: SynthJson[] = Object.values(stacks);
  // One snapshot per example: the stack's JSON, or a split estate's stacks by name.
  const json = jsons.length === 1 ? jsons[0] : undefined;

  test("synthesizes to the snapshot", () => {
    expect(json ?? stacks).toMatchSnapshot();
  });

  test("pins the temporalcloud provider", () => {
    for (const one of jsons) expect(one.terraform?.required_providers).toMatchObject({ temporalcloud: { source: "temporalio/temporalcloud", version: "1.5.0" } });
  });

  test("every namespace gets its environment's delete protection and prevent_destroy (production: both, always)", () => {
    const estate = loadConfig(path.join(EXAMPLES_DIR, file));
    const built = jsons.flatMap((one) => resourcesOf(one, "temporalcloud_namespace"));
    expect(built.map((ns) => ns.name).sort()).toEqual(estate.namespaces.map((ns) => ns.name).sort());
    for (const ns of estate.namespaces) {
      const resource = built.find((r) => r.name === ns.name) as { namespace_lifecycle?: { enable_delete_protection?: boolean }; lifecycle?: { prevent_destroy?: boolean } };
      const written = { deleteProtection: resource.namespace_lifecycle?.enable_delete_protection ?? false, preventDestroy: resource.lifecycle?.prevent_destroy ?? false };
      expect({ name: ns.name, ...written }).toEqual({ name: ns.name, deleteProtection: ns.deleteProtection, preventDestroy: ns.preventDestroy });
      if (ns.environment === "production") expect(written).toEqual({ deleteProtection: true, preventDestroy: true });
      else if (ns.profileOverrideReason === undefined) expect(written).toEqual({ deleteProtection: ns.profile.deleteProtection, preventDestroy: ns.profile.preventDestroy });
    }
  });
});

describe("examples/production-estate.yaml, the flagship", () => {
  const file = path.join(EXAMPLES_DIR, "production-estate.yaml");
  const json = synthConfig(readConfigDocument(file));
  const byName = Object.fromEntries(resourcesOf(json, "temporalcloud_namespace").map((n) => [n.name as string, n]));
  const ref = (type: string) => new RegExp(`^\\$\\{${type}\\.[\\w-]+\\.id\\}$`);

  test("passes every compliance rule without a single suppression", () => {
    const result = synthesizeEstate({ config: loadConfig(file), outdir: path.join(tempDir(), "cdktf.out") });
    expect(result.blocked).toBe(false);
    expect(result.compliance.findings).toEqual([]);
    expect(result.compliance.suppressed).toEqual([]);
  });

  test("payments-prod: critical, replicated to a second region, mTLS on the rotating CA, filtered, codec server", () => {
    expect(byName["payments-prod"]).toMatchObject({
      regions: ["aws-us-east-1", "aws-us-west-2"],
      retention_days: 14,
      api_key_auth: false,
      certificate_filters: [{ common_name: "*.payments-prod" }],
      codec_server: { endpoint: "https://codec.payments.example.com", pass_access_token: true },
    });
    expect(byName["payments-prod"].accepted_client_ca).toMatch(/^\$\{base64encode\("\$\{tls_self_signed_cert\.ca-payments-ca_cert-a_\w+\.cert_pem\}\$\{tls_self_signed_cert\.ca-payments-ca_cert-b_\w+\.cert_pem\}"\)\}$/);
    const requests = resourcesOf(json, "tls_cert_request") as { subject: { common_name: string }[] }[];
    expect(requests.map((r) => r.subject[0].common_name)).toEqual(["payment-processor.payments-prod"]);
  });

  test("every production namespace is private: only private connectivity rules, one per PrivateLink endpoint", () => {
    const rules = Object.entries(json.resource?.temporalcloud_connectivity_rule ?? {});
    expect(rules.map(([, r]) => r.connectivity_type)).toEqual(["private", "private"]);
    expect(byName["payments-prod"].connectivity_rule_ids).toEqual([expect.stringMatching(ref("temporalcloud_connectivity_rule")), expect.stringMatching(ref("temporalcloud_connectivity_rule"))]);
    // ledger-prod shares payments-prod's us-east-1 endpoint (same VPC), so it attaches one of the same rules.
    expect(byName["ledger-prod"].connectivity_rule_ids).toEqual([expect.stringMatching(ref("temporalcloud_connectivity_rule"))]);
    expect(byName["payments-prod"].connectivity_rule_ids).toContain((byName["ledger-prod"].connectivity_rule_ids as string[])[0]);
    expect(byName["payments-staging"].connectivity_rule_ids).toBeUndefined();
  });

  test("ledger-prod: rotating API keys per worker in Secrets Manager, its own payload key, history exported for 7 years", () => {
    expect(byName["ledger-prod"]).toMatchObject({ retention_days: 30, api_key_auth: true, codec_server: { endpoint: "https://codec.ledger.example.com" } });
    const accounts = resourcesOf(json, "temporalcloud_service_account");
    expect(accounts.map((a) => [a.name, (a.namespace_scoped_access as { permission: string }).permission]).sort()).toEqual([
      ["ledger-prod-ledger-reporter", "read"], ["ledger-prod-ledger-writer", "write"], ["payments-staging-payment-processor", "write"],
    ]);
    expect(resourcesOf(json, "temporalcloud_apikey")).toHaveLength(6); // two blue/green slots per worker
    expect(resourcesOf(json, "aws_secretsmanager_secret").map((s) => s.name).sort()).toEqual([
      "temporal/ledger-prod/ledger-reporter/api-key", "temporal/ledger-prod/ledger-writer/api-key",
      "temporal/payments-prod/payment-processor/mtls", "temporal/payments-staging/payment-processor/api-key",
    ]);
    expect(resourcesOf(json, "aws_kms_alias").map((a) => a.name)).toEqual(["alias/temporal/ledger-prod/payloads"]);
    expect(resourcesOf(json, "temporalcloud_namespace_export_sink")).toEqual([expect.objectContaining({
      enabled: true,
      namespace: expect.stringMatching(/^\$\{temporalcloud_namespace\.ns-ledger-prod_namespace_\w+\.id\}$/),
      s3: expect.objectContaining({ kms_arn: expect.stringMatching(/^\$\{aws_kms_key\./) }),
    })]);
    expect(resourcesOf(json, "aws_s3_bucket").map((b) => b.bucket)).toEqual(["example-ledger-prod-workflow-history"]);
  });

  test("staging keeps its own delete protection without prevent_destroy; audit log and state backend are set", () => {
    expect(byName["payments-staging"]).toMatchObject({ namespace_lifecycle: { enable_delete_protection: true } });
    expect(byName["payments-staging"].lifecycle).toBeUndefined();
    expect(resourcesOf(json, "temporalcloud_account_audit_log_sink")).toEqual([expect.objectContaining({ enabled: true })]);
    expect(json.terraform?.backend).toMatchObject({ s3: { encrypt: true, kms_key_id: "alias/temporal-terraform-state" } });
  });
});
