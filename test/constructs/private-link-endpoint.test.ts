import { TerraformOutput } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { allRegions } from "../../lib/domain/regions";
import { PrivateLinkEndpoint, type PrivateLinkEndpointProps } from "../../lib/constructs/private-link-endpoint";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { ConnectivityRule } from "../../lib/providers/temporalcloud/connectivity-rule";
import { constructStack, problemsOf, resourcesOf } from "../helpers";
import { EndpointAuth } from "../../lib/constructs/private-endpoint-common";

const BASE: PrivateLinkEndpointProps = {
  region: "aws-us-east-1",
  vpcId: "vpc-0a1",
  subnetIds: ["subnet-0a", "subnet-0b"],
  allowedCidrs: ["10.0.0.0/16"],
  allowedSecurityGroupIds: ["sg-0abc"],
  accountId: "a1b2c",
  namespaces: [{ name: "payments", regions: ["aws-us-east-1"] }],
};

function build(props: Partial<PrivateLinkEndpointProps> = {}) {
  const { stack, synth, synthString } = constructStack();
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const endpoint = new PrivateLinkEndpoint(stack, "pl", { ...BASE, ...props });
  return { stack, endpoint, synth, synthString };
}

describe("PrivateLinkEndpoint", () => {
  test.each(allRegions().filter((r) => r.cloud === "aws").map((r) => [r.cloudApiCode, r.region, r.privateLinkServiceName]))(
    "%s: interface endpoint to the catalogue service, pinned to %s, private DNS off",
    (code, awsRegion, service) => {
      const { synthString } = build({ region: code as string, namespaces: [{ name: "payments", regions: [code as string] }] });
      expect(synthString()).toHaveResourceWithProperties(VpcEndpoint, {
        service_name: service,
        vpc_endpoint_type: "Interface",
        vpc_id: "vpc-0a1",
        subnet_ids: ["subnet-0a", "subnet-0b"],
        private_dns_enabled: false,
        region: awsRegion,
      });
    },
  );

  test("security group opens TCP 7233 only, only to the configured CIDRs and security groups", () => {
    const { synth } = build();
    const json = synth();
    const rules = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect(rule).toMatchObject({ ip_protocol: "tcp", from_port: 7233, to_port: 7233 });
    expect(rules.map((r) => r.cidr_ipv4 ?? r.referenced_security_group_id).sort()).toEqual(["10.0.0.0/16", "sg-0abc"]);
    const [sg] = resourcesOf(json, "aws_security_group");
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(resourcesOf(json, "aws_vpc_security_group_egress_rule")).toHaveLength(0);
    const [endpoint] = resourcesOf(json, "aws_vpc_endpoint");
    expect(endpoint.security_group_ids).toEqual([expect.stringContaining("aws_security_group.")]);
  });

  test("private zone for the namespace endpoint; worker VPCs associated only after the record exists", () => {
    const { synth } = build({ additionalVpcIds: ["vpc-0b2"] });
    const json = synth();
    const zones = json.resource?.aws_route53_zone ?? {};
    const [[zoneId, zone]] = Object.entries(zones);
    expect(zone.name).toBe("payments.a1b2c.tmprl.cloud");
    // Created in the empty anchor VPC, never in a worker VPC.
    const [anchorId] = Object.keys(json.resource?.aws_vpc ?? {});
    expect(zone.vpc).toEqual([{ vpc_id: `\${aws_vpc.${anchorId}.id}`, vpc_region: "us-east-1" }]);
    expect(zone.lifecycle).toEqual({ ignore_changes: ["vpc"] });
    const [[recordId, record]] = Object.entries(json.resource?.aws_route53_record ?? {});
    expect(record).toMatchObject({ name: "payments.a1b2c.tmprl.cloud", type: "A", zone_id: `\${aws_route53_zone.${zoneId}.zone_id}` });
    expect(record.alias).toEqual({
      name: expect.stringMatching(/aws_vpc_endpoint\..*\.dns_entry\[0\]\.dns_name/),
      zone_id: expect.stringMatching(/aws_vpc_endpoint\..*\.dns_entry\[0\]\.hosted_zone_id/),
      evaluate_target_health: false,
    });
    const associations = resourcesOf(json, "aws_route53_zone_association");
    expect(associations.map((a) => a.vpc_id).sort()).toEqual(["vpc-0a1", "vpc-0b2"]);
    for (const a of associations) expect(a.depends_on).toEqual([`aws_route53_record.${recordId}`]);
  });

  test("replicated namespaces get no namespace-endpoint zone (their DNS is region.tmprl.cloud)", () => {
    const { synth } = build({ namespaces: [{ name: "billing", regions: ["aws-us-east-1", "aws-us-west-2"] }] });
    const json = synth();
    expect(resourcesOf(json, "aws_route53_zone")).toHaveLength(0);
    expect(resourcesOf(json, "aws_vpc")).toHaveLength(0);
  });

  test("a given anchor VPC is used instead of creating one", () => {
    const { synth } = build({ dnsAnchorVpcId: "vpc-0anchor" });
    const json = synth();
    expect(resourcesOf(json, "aws_vpc")).toHaveLength(0);
    expect(resourcesOf(json, "aws_route53_zone")[0].vpc).toEqual([{ vpc_id: "vpc-0anchor", vpc_region: "us-east-1" }]);
  });

  test("private DNS off: no zones; workers dial the endpoint with the right TLS server name", () => {
    const { synth, endpoint, stack } = build({ privateDns: false });
    const mtls = endpoint.workerConnection({ name: "payments", regions: ["aws-us-east-1"] });
    new TerraformOutput(stack, "address", { value: mtls.grpcAddress });
    const json = synth();
    expect(resourcesOf(json, "aws_route53_zone")).toHaveLength(0);
    expect(json.output?.address.value).toMatch(/^\$\{aws_vpc_endpoint\..*\.dns_entry\[0\]\.dns_name\}:7233$/);
    expect(mtls.tlsServerName).toBe("payments.a1b2c.tmprl.cloud");
    expect(endpoint.workerConnection({ name: "payments", regions: ["aws-us-east-1"], auth: EndpointAuth.API_KEY }).tlsServerName).toBe("us-east-1.aws.api.temporal.io");
    expect(endpoint.workerConnection({ name: "b", regions: ["aws-us-east-1", "aws-us-west-2"] }).tlsServerName).toBe("aws-us-east-1.region.tmprl.cloud");
  });

  test("with private DNS workers dial the namespace endpoint", () => {
    const { endpoint } = build();
    expect(endpoint.workerConnection({ name: "payments", regions: ["aws-us-east-1"] })).toEqual({
      grpcAddress: "payments.a1b2c.tmprl.cloud:7233",
      tlsServerName: "payments.a1b2c.tmprl.cloud",
    });
  });

  test("private connectivity rule: VPC endpoint id and Temporal region, attachable to a namespace", () => {
    const { stack, endpoint, synthString } = build();
    new SecureNamespace(stack, "ns", { name: "payments", regions: ["aws-us-east-1"], apiKeyAuth: true, connectivityRuleIds: [endpoint.connectivityRuleId as string] });
    const out = synthString();
    expect(out).toHaveResourceWithProperties(ConnectivityRule, {
      connectivity_type: "private",
      connection_id: expect.stringMatching(/^\$\{aws_vpc_endpoint\..*\.id\}$/),
      region: "aws-us-east-1",
    });
    const json = JSON.parse(out);
    const [ruleName] = Object.keys(json.resource.temporalcloud_connectivity_rule);
    const [ns] = Object.values(json.resource.temporalcloud_namespace) as Record<string, unknown>[];
    expect(ns.connectivity_rule_ids).toEqual([`\${temporalcloud_connectivity_rule.${ruleName}.id}`]);
  });

  test("rejects a namespace in another region, unknown or non-AWS regions, empty subnets and no sources, all at once", () => {
    const problems = problemsOf(() => build({
      region: "aws-us-east-1",
      subnetIds: [],
      allowedCidrs: [],
      allowedSecurityGroupIds: [],
      namespaces: [{ name: "eu", regions: ["aws-eu-west-1"] }],
    }));
    expect(problems).toContain('namespaces[0]: namespace "eu" is in aws-eu-west-1, not in the endpoint\'s region "aws-us-east-1"');
    expect(problems).toContain("subnetIds: is empty");
    expect(problems).toContain("allowedCidrs: no worker source is allowed");
    expect(problemsOf(() => build({ region: "aws-us-east-7", namespaces: [] }))).toContain('region: "aws-us-east-7" is not a Temporal Cloud region; did you mean "aws-us-east-1"');
    expect(problemsOf(() => build({ region: "gcp-us-central1", namespaces: [] }))).toContain('region: "gcp-us-central1" is on GCP');
  });

  test("private DNS without account id is an error naming the namespace", () => {
    expect(problemsOf(() => build({ accountId: undefined }))).toContain('namespaces[0]: the namespace endpoint of "payments" needs the Temporal Cloud account id (private DNS is named after it)');
    expect(problemsOf(() => build({ accountId: undefined, privateDns: false }))).toContain("(mTLS workers use it as the TLS server name)");
    const { endpoint } = build({ accountId: undefined, privateDns: false, namespaces: [{ name: "payments", regions: ["aws-us-east-1"], auth: EndpointAuth.API_KEY }] });
    expect(endpoint.workerConnection({ name: "payments", regions: ["aws-us-east-1"], auth: EndpointAuth.API_KEY }).tlsServerName).toBe("us-east-1.aws.api.temporal.io");
  });

  test("no Route 53 record is a CNAME at a zone apex", () => {
    const { synthString } = build();
    expect(synthString()).not.toHaveResourceWithProperties(Route53Record, { type: "CNAME", name: "payments.a1b2c.tmprl.cloud" });
  });
});
