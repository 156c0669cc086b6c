import { safeParseConfig } from "../../lib/config/parse";
import { estateConfigOf } from "../../lib/config/estate-config";
import { planConnectivity } from "../../lib/config/connectivity-plan";
import { Testing } from "cdktf";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { EXAMPLES_DIR, minimalConfig, resolve, resourcesOf, synthConfig } from "../helpers";

const AWS = { vpcId: "vpc-0a1", subnetIds: ["subnet-0a"], allowedCidrs: ["10.0.0.0/16"] };
const GCP = { project: "acme", network: "workers", subnetwork: "workers-us-central1" };
const ACCOUNT = { account: { id: "a1b2c" } };

function issues(raw: unknown): string[] {
  const result = safeParseConfig(raw, { baseDir: EXAMPLES_DIR });
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

const ns = (name: string, extra: Record<string, unknown>) => ({ name, environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true }, ...extra });

describe("connectivity config", () => {
  test("valid AWS and GCP sections are accepted", () => {
    expect(issues(minimalConfig(ACCOUNT, { connectivity: { aws: AWS } }))).toEqual([]);
    expect(issues(minimalConfig(ACCOUNT, { regions: ["gcp-us-central1"], connectivity: { gcp: GCP } }))).toEqual([]);
  });

  test("endpoint region must be the namespace's region", () => {
    expect(issues(minimalConfig(ACCOUNT, { connectivity: { aws: { ...AWS, region: "aws-us-west-2" } } }))).toEqual([
      expect.stringMatching(/^namespaces\[0\]\.connectivity\.aws\.region: "aws-us-west-2" is not a region of namespace "orders-dev" \(aws-us-east-1\); .*cross-region PrivateLink \/ PSC is not supported.*"aws-us-east-1"/),
    ]);
  });

  test("unknown endpoint region suggests the nearest codes", () => {
    expect(issues(minimalConfig(ACCOUNT, { connectivity: { aws: { ...AWS, region: "aws-us-est-1" } } })).join("\n"))
      .toContain('namespaces[0].connectivity.aws.region: "aws-us-est-1" is not a Temporal Cloud region; did you mean "aws-us-east-1"');
  });

  test("a gcp endpoint for an AWS namespace is rejected", () => {
    expect(issues(minimalConfig(ACCOUNT, { connectivity: { gcp: GCP } })).join("\n"))
      .toContain('namespaces[0].connectivity.gcp: the namespace\'s region "aws-us-east-1" is on AWS, but this is an gcp (Private Service Connect) endpoint');
  });

  test("GCP without project and AWS with empty subnets fail with the fix", () => {
    const { project: _project, ...noProject } = GCP;
    expect(issues(minimalConfig(ACCOUNT, { regions: ["gcp-us-central1"], connectivity: { gcp: noProject } })))
      .toEqual(["namespaces[0].connectivity.gcp.project: is required; give the GCP project that holds the PSC endpoint (it also goes into the connectivity rule)"]);
    expect(issues(minimalConfig(ACCOUNT, { connectivity: { aws: { ...AWS, subnetIds: [] } } })))
      .toEqual(["namespaces[0].connectivity.aws.subnetIds: is empty; list at least one subnet (one per availability zone is recommended)"]);
  });

  test("production public access needs a justification; staging does not", () => {
    const prod = { name: "pay-prod", environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true }, connectivity: { aws: AWS, publicAccess: true } };
    expect(issues({ ...ACCOUNT, namespaces: [prod] })).toEqual([
      expect.stringMatching(/^namespaces\[0\]\.connectivity\.publicAccess: true opens the production namespace "pay-prod" to the public internet.*add publicAccessJustification/),
    ]);
    expect(issues({ ...ACCOUNT, namespaces: [{ ...prod, connectivity: { ...prod.connectivity, publicAccessJustification: "partner batch jobs run outside our VPCs until Q3" } }] })).toEqual([]);
    expect(issues({ ...ACCOUNT, namespaces: [{ ...prod, environment: "staging" }] })).toEqual([]);
  });

  test("private endpoints need account.id, unless no name of the namespace endpoint is used", () => {
    expect(issues(minimalConfig({}, { connectivity: { aws: AWS } })).join("\n")).toContain("namespaces[0].connectivity: uses private endpoints but account.id is not set");
    // API-key workers without private DNS use the regional host as TLS server name.
    expect(issues(minimalConfig({}, { connectivity: { aws: AWS, privateDns: false } }))).toEqual([]);
    // mTLS workers without private DNS use the namespace endpoint as TLS server name.
    const mtls = { auth: { mtls: { caPemFiles: ["certs/dev-ca.pem"] } }, connectivity: { aws: AWS, privateDns: false } };
    expect(issues(minimalConfig({}, mtls)).join("\n")).toContain("workers need it as the TLS server name");
  });

  test("namespaces in the same region and VPC share one endpoint; sources are merged", () => {
    const config = resolve({ ...ACCOUNT, namespaces: [ns("ns-a", { connectivity: { aws: AWS } }), ns("ns-b", { connectivity: { aws: { ...AWS, allowedCidrs: ["10.1.0.0/16"] } } })] });
    const plan = planConnectivity(config.namespaces);
    expect(plan.aws).toHaveLength(1);
    expect(plan.aws[0].allowedCidrs).toEqual(["10.0.0.0/16", "10.1.0.0/16"]);
    const json = synthConfig({ ...ACCOUNT, namespaces: [ns("ns-a", { connectivity: { aws: AWS } }), ns("ns-b", { connectivity: { aws: AWS } })] });
    expect(resourcesOf(json, "aws_vpc_endpoint")).toHaveLength(1);
    const rules = Object.keys(json.resource?.temporalcloud_connectivity_rule ?? {});
    expect(rules).toHaveLength(1);
    for (const namespace of resourcesOf(json, "temporalcloud_namespace")) {
      expect(namespace.connectivity_rule_ids).toEqual([`\${temporalcloud_connectivity_rule.${rules[0]}.id}`]);
    }
    // One private zone per namespace endpoint.
    expect(resourcesOf(json, "aws_route53_zone").map((z) => z.name).sort()).toEqual(["ns-a.a1b2c.tmprl.cloud", "ns-b.a1b2c.tmprl.cloud"]);
  });

  test("a shared endpoint with different subnets is a conflict", () => {
    expect(issues({ ...ACCOUNT, namespaces: [ns("ns-a", { connectivity: { aws: AWS } }), ns("ns-b", { connectivity: { aws: { ...AWS, subnetIds: ["subnet-0b"] } } })] }).join("\n"))
      .toContain("namespaces[1].connectivity.aws.subnetIds: differ from namespaces[0].connectivity.aws.subnetIds");
  });

  test("only one public rule, shared by every namespace that asks for public access", () => {
    const json = synthConfig({ ...ACCOUNT, namespaces: [ns("ns-a", { connectivity: { aws: AWS, publicAccess: true } }), ns("ns-b", { connectivity: { publicAccess: true } }), ns("ns-c", {})] });
    const publicRules = Object.entries(json.resource?.temporalcloud_connectivity_rule ?? {}).filter(([, r]) => r.connectivity_type === "public");
    expect(publicRules).toHaveLength(1);
    const ref = `\${temporalcloud_connectivity_rule.${publicRules[0][0]}.id}`;
    const byName = Object.fromEntries(resourcesOf(json, "temporalcloud_namespace").map((n) => [n.name, n.connectivity_rule_ids as string[] | undefined]));
    expect(byName["ns-a"]).toContain(ref);
    expect(byName["ns-b"]).toEqual([ref]);
    expect(byName["ns-c"]).toBeUndefined();
  });

  test("no public rule unless asked for", () => {
    const json = synthConfig({ ...ACCOUNT, namespaces: [ns("ns-a", { connectivity: { aws: AWS } })] });
    expect(resourcesOf(json, "temporalcloud_connectivity_rule").map((r) => r.connectivity_type)).toEqual(["private"]);
  });

  test("worker outputs: endpoint DNS name, gRPC address and TLS server name", () => {
    const json = synthConfig({ ...ACCOUNT, namespaces: [ns("ns-a", { connectivity: { aws: AWS, privateDns: false } })] });
    const [entry] = json.output?.["ns-ns-a-private-endpoints"].value as Record<string, string>[];
    expect(entry.region).toBe("aws-us-east-1");
    expect(entry.endpoint_dns_name).toMatch(/aws_vpc_endpoint\..*\.dns_entry\[0\]\.dns_name/);
    expect(entry.grpc_address).toMatch(/dns_name\}:7233$/);
    expect(entry.tls_server_name).toBe("us-east-1.aws.api.temporal.io");
    expect(resourcesOf(json, "aws_route53_zone")).toHaveLength(0);
  });

  test("a production namespace without a private endpoint is flagged in the summary and with a warning", () => {
    const stack = new TemporalCloudStack(Testing.app(), "t", {
      config: estateConfigOf(resolve({ ...ACCOUNT, namespaces: [{ name: "open-prod", environment: "production", regions: ["aws-us-east-1"], auth: { apiKey: true } }, ns("ns-private", { connectivity: { aws: AWS } })] })),
    });
    const network = (name: string) => stack.context.summaryFacts(name).find((f) => f.column === "Network")?.value;
    expect(network("open-prod")).toBe("public internet");
    expect(network("ns-private")).toBe("private (PrivateLink aws-us-east-1)");
    const warnings = stack.namespaces["open-prod"].node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings.join("\n")).toContain('production namespace "open-prod" has no private endpoint');
    expect(stack.namespaces["ns-private"].node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
  });

  test("two endpoints in one region serving HA namespaces are rejected (one record per region)", () => {
    const ha = { mode: "multi-region", replica: "aws-us-west-2" };
    const west = { ...AWS, vpcId: "vpc-0f0", region: "aws-us-west-2" };
    const raw = {
      ...ACCOUNT,
      namespaces: [
        ns("ns-a", { ha, connectivity: { aws: [AWS, west] } }),
        ns("ns-b", { ha, connectivity: { aws: [{ ...AWS, vpcId: "vpc-0b0" }, west] } }),
      ],
    };
    expect(issues(raw).join("\n")).toContain('namespaces[1].connectivity.aws[0]: is a second private endpoint in "aws-us-east-1" serving an HA namespace');
  });
});
