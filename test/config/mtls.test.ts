// mTLS config: certificateAuthorities, auth.mtls forms, checks, and the mtls example end to end.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ConfigError, type ConfigIssue } from "../../lib/config/issues";
import { synthesizeEstate } from "../../lib/estate/synth";
import { EXAMPLES_DIR, resolve, resourcesOf, synthConfig, tempDir } from "../helpers";

const example = () => parse(fs.readFileSync(path.join(EXAMPLES_DIR, "mtls-estate.yaml"), "utf8")) as Record<string, any>;

function issuesOf(raw: unknown): ConfigIssue[] {
  try {
    resolve(raw);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.issues];
    throw e;
  }
  return [];
}

const ns = (name: string, environment: string, mtls: unknown, extra: Record<string, unknown> = {}) => ({
  name, environment, regions: ["aws-us-east-1"], auth: { mtls }, ...extra,
});

describe("examples/mtls-estate.yaml", () => {
  const json = synthConfig(example());

  test("each environment has its own rotating CA; the shared production CA gets a per-namespace filter", () => {
    const namespaces = resourcesOf(json, "temporalcloud_namespace") as { name: string; accepted_client_ca: string; certificate_filters?: unknown }[];
    const byName = Object.fromEntries(namespaces.map((n) => [n.name, n]));
    expect(Object.keys(byName).sort()).toEqual(["billing-prod", "orders-dev", "orders-prod"]);
    const bundleOf = (ca: string) => new RegExp(`^\\$\\{base64encode\\("\\$\\{tls_self_signed_cert\\.ca-${ca}_cert-a_\\w+\\.cert_pem\\}\\$\\{tls_self_signed_cert\\.ca-${ca}_cert-b_\\w+\\.cert_pem\\}"\\)\\}$`);
    for (const name of ["orders-prod", "billing-prod"]) {
      expect(byName[name].accepted_client_ca).toMatch(bundleOf("prod-ca"));
      expect(byName[name].certificate_filters).toEqual([{ common_name: `*.${name}` }]);
    }
    expect(byName["orders-prod"].accepted_client_ca).toBe(byName["billing-prod"].accepted_client_ca);
    // Development trusts only its own CA (no TC-SEP-002), and needs no filter as nobody shares it.
    expect(byName["orders-dev"].accepted_client_ca).toMatch(bundleOf("dev-ca"));
    expect(byName["orders-dev"].certificate_filters).toBeUndefined();
  });

  test("each mTLS worker gets a client certificate in Secrets Manager readable only by its role", () => {
    const requests = resourcesOf(json, "tls_cert_request") as { subject: { common_name: string }[] }[];
    expect(requests.map((r) => r.subject[0].common_name).sort()).toEqual(["billing.billing-prod", "fulfillment.orders-dev", "fulfillment.orders-prod"]);
    const secrets = resourcesOf(json, "aws_secretsmanager_secret") as { name: string }[];
    expect(secrets.map((s) => s.name).sort()).toEqual(["temporal/billing-prod/billing/mtls", "temporal/orders-dev/fulfillment/mtls", "temporal/orders-prod/fulfillment/mtls"]);
    const policies = JSON.stringify(resourcesOf(json, "aws_secretsmanager_secret_policy"));
    expect(policies).toContain("arn:aws:iam::222222222222:role/billing-prod-billing");
    const versions = resourcesOf(json, "aws_secretsmanager_secret_version") as { secret_string: string }[];
    for (const v of versions) expect(v.secret_string).toMatch(/^\$\{jsonencode\(\{"certificate_pem" = tls_locally_signed_cert\.\S+\.cert_pem, "private_key_pem" = tls_private_key\.\S+\.private_key_pem\}\)\}$/);
    // No private key reaches an output.
    expect(JSON.stringify(json.output ?? {})).not.toMatch(/private_key_pem/);
  });

  test("synthesizes through a real App (provider validation on) with the tls and time providers", () => {
    const outdir = tempDir();
    const result = synthesizeEstate({ config: resolve(example()), outdir });
    const written = JSON.parse(fs.readFileSync(result.stackFile, "utf8"));
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(Object.keys(written.terraform.required_providers).sort()).toEqual(["aws", "temporalcloud", "time", "tls"]);
  });

  test("snapshot", () => {
    expect(json).toMatchSnapshot();
  });
});

describe("mTLS config forms and checks", () => {
  const generatedCa = { name: "shared-ca", generated: {} };

  test("auth.mtls takes exactly one of caPemFiles or ca; a CA exactly one of generated or pemFiles", () => {
    const issues = issuesOf({
      certificateAuthorities: [{ name: "both", generated: {}, pemFiles: ["certs/dev-ca.pem"] }],
      namespaces: [ns("orders-dev", "development", {})],
    });
    expect(issues).toEqual(expect.arrayContaining([
      { path: "certificateAuthorities[0]", message: "must set exactly one of generated (a rotating CA made by Terraform) or pemFiles (your own CA)" },
      { path: "namespaces[0].auth.mtls", message: "must set exactly one of caPemFiles (your own CA files) or ca (the name of a CA in certificateAuthorities)" },
    ]));
  });

  test("a namespace on a named CA passes the auth check, also through defaults.auth, and its workers default to mtls", () => {
    const config = resolve({
      certificateAuthorities: [generatedCa],
      defaults: { auth: { mtls: { ca: "shared-ca" } } },
      namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], workers: [{ name: "w", certificate: { issue: false } }] }],
    });
    expect(config.namespaces[0].mtls).toEqual({ ca: "shared-ca" });
    expect(config.namespaces[0].workers[0].auth).toBe("mtls");
  });

  test("an unknown CA name is refused with the known names", () => {
    expect(issuesOf({ certificateAuthorities: [generatedCa], namespaces: [ns("orders-dev", "development", { ca: "other-ca" })] })).toEqual([
      { path: "namespaces[0].auth.mtls.ca", message: '"other-ca" is not a CA in certificateAuthorities (known: shared-ca); add it there or fix the name' },
    ]);
  });

  test("a CA shared by production and non-production without filters is refused", () => {
    const raw = {
      certificateAuthorities: [{ ...generatedCa, namespaceFilters: false }],
      namespaces: [ns("orders-dev", "development", { ca: "shared-ca" }), ns("orders-prod", "production", { ca: "shared-ca" }, { certificateFilters: [{ commonName: "*.orders-prod" }] })],
    };
    expect(issuesOf(raw)).toEqual([
      {
        path: "namespaces[0].certificateFilters",
        message: 'are missing while certificateAuthorities "shared-ca" is shared by production (orders-prod) and non-production (orders-dev) namespaces, so a orders-dev client certificate would also open orders-prod; add certificateFilters (e.g. commonName: "*.orders-dev"), turn on namespaceFilters for the CA, or use separate CAs',
      },
    ]);
    // With namespaceFilters on (the default) the filters are added and the config passes.
    expect(issuesOf({ ...raw, certificateAuthorities: [generatedCa] })).toEqual([]);
  });

  test("the same CA file in production and development namespaces without filters is refused", () => {
    const issues = issuesOf({
      namespaces: [ns("orders-dev", "development", { caPemFiles: ["certs/dev-ca.pem"] }), ns("orders-prod", "production", { caPemFiles: ["certs/dev-ca.pem"] })],
    });
    expect(issues.map((i) => i.path)).toEqual(["namespaces[0].certificateFilters", "namespaces[1].certificateFilters"]);
    expect(issues[0].message).toContain("CA file dev-ca.pem is shared by production (orders-prod) and non-production (orders-dev)");
  });

  test("the rotation schedule is checked against defaults.applyCadenceDays", () => {
    expect(issuesOf({ defaults: { applyCadenceDays: 40 }, certificateAuthorities: [generatedCa], namespaces: [ns("orders-dev", "development", { ca: "shared-ca" })] })).toEqual([
      { path: "certificateAuthorities[0].generated.clientValidityDays", message: "30 is not longer than the re-issue window of 41 days (apply cadence + 1), so the certificate could expire between two applies; use at least 42 days or apply more often" },
    ]);
  });

  test("mTLS workers on a generated CA need a secrets manager and a reader; own CA files cannot issue", () => {
    const issues = issuesOf({
      certificateAuthorities: [generatedCa],
      namespaces: [
        ns("orders-dev", "development", { ca: "shared-ca" }, { workers: [{ name: "w", auth: "mtls" }] }),
        ns("orders-stg", "staging", { ca: "shared-ca" }, { secretsManager: { aws: { region: "us-east-1" } }, workers: [{ name: "w", auth: "mtls" }] }),
        ns("files-dev", "development", { caPemFiles: ["certs/dev-ca.pem"] }, { workers: [{ name: "w", auth: "mtls", certificate: { issue: true } }] }),
      ],
    });
    expect(issues).toEqual([
      { path: "namespaces[0].secretsManager", message: "is not set (nor defaults.secretsManager), so w's client certificate has nowhere to go; set secretsManager: { aws: { region } } or { gcp: { project } }" },
      { path: "namespaces[1].workers[0].identity.awsRoleArn", message: "is required: only this identity may read the worker's client key; give the IAM role ARN the worker runs as" },
      { path: "namespaces[2].workers[0].certificate.issue", message: "is true but namespace files-dev uses its own CA files, whose private key this tool does not hold; issue the certificate from your CA, or use a generated CA (certificateAuthorities[].generated)" },
    ]);
  });

  test("GCP Secret Manager works for client certificates too", () => {
    const json = synthConfig({
      certificateAuthorities: [generatedCa],
      namespaces: [ns("orders-dev", "development", { ca: "shared-ca" }, {
        secretsManager: { gcp: { project: "acme-prod" } },
        workers: [{ name: "w", auth: "mtls", identity: { gcpServiceAccountEmail: "w@acme-prod.iam.gserviceaccount.com" } }],
      })],
    });
    expect(resourcesOf(json, "google_secret_manager_secret_iam_member")).toEqual([expect.objectContaining({ member: "serviceAccount:w@acme-prod.iam.gserviceaccount.com" })]);
    // One namespace on the CA: no filter is added.
    expect(resourcesOf(json, "temporalcloud_namespace")[0].certificate_filters).toBeUndefined();
  });
});
