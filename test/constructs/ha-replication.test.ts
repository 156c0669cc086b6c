import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { HaReplication } from "../../lib/constructs/ha-replication";
import { HaPrivateDns } from "../../lib/constructs/ha-private-dns";
import { constructStack, problemsOf, resourcesOf } from "../helpers";
import { Environment } from "../../lib/domain/environments";
import { HaMode } from "../../lib/domain/replication";

function warnings(construct: HaReplication): string[] {
  return construct.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

describe("HaReplication", () => {
  test("multi-region: regions are [primary, replica], no warning", () => {
    const { stack } = constructStack();
    const ha = new HaReplication(stack, "ha", { namespaceName: "billing", primaryRegion: "aws-us-east-1", mode: HaMode.MULTI_REGION, replicaRegion: "aws-us-west-2" });
    expect(ha.regions).toEqual(["aws-us-east-1", "aws-us-west-2"]);
    expect([ha.primaryRegion, ha.replicaRegion]).toEqual(["aws-us-east-1", "aws-us-west-2"]);
    expect(ha.availability).toEqual({ sla: "99.99%", rpo: "< 1 min", rto: "20 min", costMultiplier: "2× actions + storage" });
    expect(Object.isFrozen(ha.availability)).toBe(true);
    expect(warnings(ha)).toEqual([]);
  });

  test("same-region: the code twice, and a warning on production only", () => {
    const { stack } = constructStack();
    const prod = new HaReplication(stack, "prod", { namespaceName: "billing", primaryRegion: "aws-us-west-2", mode: HaMode.SAME_REGION });
    expect(prod.regions).toEqual(["aws-us-west-2", "aws-us-west-2"]);
    expect(prod.replicaRegion).toBe("aws-us-west-2");
    expect(warnings(prod).join("\n")).toContain("same-region replication in production");
    expect(warnings(prod).join("\n")).toContain("aws-ca-central-1, aws-us-east-1, aws-us-east-2");
    const dev = new HaReplication(stack, "dev", { namespaceName: "sandbox", primaryRegion: "aws-us-west-2", mode: HaMode.SAME_REGION, environment: Environment.DEVELOPMENT });
    expect(warnings(dev)).toEqual([]);
  });

  test("invalid pairs fail listing the valid replicas", () => {
    const { stack } = constructStack();
    expect(problemsOf(() => new HaReplication(stack, "a", { namespaceName: "x", primaryRegion: "aws-eu-west-1", mode: HaMode.MULTI_REGION, replicaRegion: "aws-us-east-1" })))
      .toContain('replicaRegion: "aws-us-east-1" is not a multi-region replica of "aws-eu-west-1"; valid multi-region replicas for "aws-eu-west-1" are "aws-eu-central-1", "aws-eu-west-2"');
    expect(problemsOf(() => new HaReplication(stack, "b", { namespaceName: "x", primaryRegion: "gcp-us-central1", mode: HaMode.SAME_REGION })))
      .toContain("mode: same-region replication is not available in \"gcp-us-central1\"");
    expect(problemsOf(() => new HaReplication(stack, "c", { namespaceName: "x", primaryRegion: "aws-us-east-1", mode: HaMode.MULTI_CLOUD })))
      .toContain("replicaRegion: is required for multi-cloud replication");
  });
});

describe("HaPrivateDns", () => {
  test("AWS: region.tmprl.cloud zone, one CNAME per replica region (TTL 15 s), VPCs associated after all records", () => {
    const { stack, synth } = constructStack();
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new HaPrivateDns(stack, "ha-dns", {
      regions: [
        { region: "aws-us-east-1", target: "vpce-1.us-east-1.vpce.amazonaws.com" },
        { region: "aws-us-west-2", target: "vpce-2.us-west-2.vpce.amazonaws.com" },
      ],
      aws: { vpcs: [{ vpcId: "vpc-e", awsRegion: "us-east-1" }, { vpcId: "vpc-w", awsRegion: "us-west-2" }] },
    });
    const json = synth();
    const [zone] = resourcesOf(json, "aws_route53_zone");
    expect(zone.name).toBe("region.tmprl.cloud");
    const records = json.resource?.aws_route53_record ?? {};
    expect(Object.values(records).map((r) => [r.name, r.type, r.ttl, r.records]).sort()).toEqual([
      ["aws-us-east-1.region.tmprl.cloud", "CNAME", 15, ["vpce-1.us-east-1.vpce.amazonaws.com"]],
      ["aws-us-west-2.region.tmprl.cloud", "CNAME", 15, ["vpce-2.us-west-2.vpce.amazonaws.com"]],
    ]);
    const associations = resourcesOf(json, "aws_route53_zone_association");
    expect(associations.map((a) => [a.vpc_id, a.vpc_region])).toEqual([["vpc-e", "us-east-1"], ["vpc-w", "us-west-2"]]);
    const recordRefs = Object.keys(records).map((name) => `aws_route53_record.${name}`).sort();
    for (const a of associations) expect([...(a.depends_on as string[])].sort()).toEqual(recordRefs);
    // The namespace endpoint is never overridden: no record outside region.tmprl.cloud.
    for (const r of Object.values(records)) expect(String(r.name)).toMatch(/\.region\.tmprl\.cloud$/);
  });

  test("GCP: private zone with A records to the PSC IPs", () => {
    const { stack, synth } = constructStack();
    new HaPrivateDns(stack, "ha-dns", {
      regions: [{ region: "gcp-us-central1", target: "10.0.0.5" }, { region: "gcp-us-east4", target: "10.1.0.5" }],
      gcp: { project: "acme", networks: ["workers"] },
    });
    const json = synth();
    expect(resourcesOf(json, "google_dns_managed_zone")[0]).toMatchObject({ dns_name: "region.tmprl.cloud.", visibility: "private" });
    expect(resourcesOf(json, "google_dns_record_set").map((r) => [r.name, r.type, r.ttl, r.rrdatas])).toEqual([
      ["gcp-us-central1.region.tmprl.cloud.", "A", 15, ["10.0.0.5"]],
      ["gcp-us-east4.region.tmprl.cloud.", "A", 15, ["10.1.0.5"]],
    ]);
  });

  test("rejects regions of the other cloud and duplicates", () => {
    const { stack } = constructStack();
    const problems = problemsOf(() => new HaPrivateDns(stack, "x", {
      regions: [{ region: "gcp-us-central1", target: "a" }, { region: "aws-us-east-1", target: "b" }, { region: "aws-us-east-1", target: "c" }],
      aws: { vpcs: [{ vpcId: "vpc-1", awsRegion: "us-east-1" }] },
    }));
    expect(problems).toContain('regions[0].region: "gcp-us-central1" is not on AWS');
    expect(problems).toContain('regions[2].region: "aws-us-east-1" is listed twice');
  });
});
