// The e2e cloud suite recreates the workers' existing network in moto (test/e2e/moto-network.ts); this
// checks which ids it finds and how it rewrites a stack, without moto.
import { existingNetworkIds, withIds } from "../e2e/moto-network";

const stack = {
  provider: { aws: [{ region: "us-east-1" }, { alias: "west", region: "us-west-2" }] },
  resource: {
    aws_security_group: { "sg-in-vpc-0e1f2a3b4c5d6e7f8": { vpc_id: "vpc-0e1f2a3b4c5d6e7f8", name: "endpoint vpc-0e1f2a3b4c5d6e7f8" } },
    aws_vpc_endpoint: { west: { provider: "aws.west", vpc_id: "vpc-0f9e8d7c6b5a49382", subnet_ids: ["subnet-03f3a3b3c3d3e3f33"], security_group_ids: ["${aws_security_group.x.id}"] } },
    aws_vpc_security_group_ingress_rule: { r: { region: "us-west-2", referenced_security_group_id: "sg-0fedcba9876543210" } },
    temporalcloud_namespace: { n: { name: "vpc-0123456789abcdef0" } },
  },
};

describe("the workers' existing network for moto", () => {
  test("finds every literal VPC, subnet and group id of aws resources, in the region the resource runs in", () => {
    expect(existingNetworkIds(stack)).toEqual([
      { id: "sg-0fedcba9876543210", kind: "sg", region: "us-west-2" },
      { id: "subnet-03f3a3b3c3d3e3f33", kind: "subnet", region: "us-west-2", vpc: "vpc-0f9e8d7c6b5a49382" },
      { id: "vpc-0e1f2a3b4c5d6e7f8", kind: "vpc", region: "us-east-1" },
      { id: "vpc-0f9e8d7c6b5a49382", kind: "vpc", region: "us-west-2" },
    ]);
  });

  test("replaces whole string values only: resource names and longer strings keep the config's id", () => {
    const out = withIds(stack, new Map([["vpc-0e1f2a3b4c5d6e7f8", "vpc-moto1"]]));
    const sg = out.resource.aws_security_group["sg-in-vpc-0e1f2a3b4c5d6e7f8"];
    expect(sg.vpc_id).toBe("vpc-moto1");
    expect(sg.name).toBe("endpoint vpc-0e1f2a3b4c5d6e7f8");
    expect(out.resource.aws_vpc_endpoint.west.vpc_id).toBe("vpc-0f9e8d7c6b5a49382");
  });
});

describe("what moto can apply of a stack", () => {
  test("leaves out the gap types and everything that refers to them, directly or through depends_on", () => {
    const { motoApplicable } = require("../e2e/aws") as typeof import("../e2e/aws");
    const json = {
      resource: {
        aws_route53_zone: { z: { name: "a.tmprl.cloud" } },
        aws_route53_zone_association: { a: { zone_id: "${aws_route53_zone.z.zone_id}" } },
        aws_route53_record: { r: { zone_id: "${aws_route53_zone.z.zone_id}" } },
        terraform_data: { after: { input: "${aws_route53_zone_association.a.id}" }, later: { depends_on: ["terraform_data.after"] } },
      },
    };
    expect(motoApplicable(json)).toEqual({
      targets: ["aws_route53_record.r", "aws_route53_zone.z"],
      excluded: ["aws_route53_zone_association.a", "terraform_data.after", "terraform_data.later"],
    });
  });
});

describe("moto gaps by block", () => {
  test("a group-sourced rule with a description is a gap; a CIDR rule is not", () => {
    const { motoGapsOf } = require("../e2e/aws") as typeof import("../e2e/aws");
    const rule = (extra: object) => ({ resource: { aws_vpc_security_group_ingress_rule: { r: { from_port: 7233, description: "workers", ...extra } } } });
    expect(motoGapsOf(rule({ cidr_ipv4: "10.0.0.0/16" }))).toEqual([]);
    expect(motoGapsOf(rule({ referenced_security_group_id: "sg-0123456789abcdef0" }))).toEqual([expect.stringMatching(/^aws_vpc_security_group_ingress_rule: moto drops the description/)]);
  });

  test("a VPC named with vpc_region is created in that region, not the resource's", () => {
    const json = { provider: { aws: [{ region: "us-east-1" }] }, resource: { aws_route53_zone_association: { a: { vpc_id: "vpc-0f9e8d7c6b5a49382", vpc_region: "us-west-2" } } } };
    expect(existingNetworkIds(json)).toEqual([{ id: "vpc-0f9e8d7c6b5a49382", kind: "vpc", region: "us-west-2" }]);
  });
});
