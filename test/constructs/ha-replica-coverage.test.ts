// An HA namespace served by a private endpoint in one region only, or without HA private DNS, gets a warning
// at synth naming the uncovered region; a stack with endpoints in both regions and HaPrivateDns gets none.
import { Testing, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PrivateLinkEndpoint, type PrivateLinkEndpointProps } from "../../lib/constructs/private-link-endpoint";
import { HaPrivateDns } from "../../lib/constructs/ha-private-dns";
import { constructStack } from "../helpers";

const HA = { name: "billing", regions: ["aws-us-east-1", "aws-us-west-2"] };

function endpoint(stack: TerraformStack, region: string, awsRegion: string, extra: Partial<PrivateLinkEndpointProps> = {}): PrivateLinkEndpoint {
  return new PrivateLinkEndpoint(stack, `pl-${region}`, {
    region, vpcId: `vpc-${awsRegion}`, subnetIds: ["subnet-0a"], allowedCidrs: ["10.0.0.0/16"], accountId: "a1b2c",
    namespaces: [HA], awsProvider: new AwsProvider(stack, `aws-${awsRegion}`, { region: awsRegion, alias: awsRegion }), ...extra,
  });
}

/** Warnings on the constructs after synth (the check runs when the stack is complete). */
function warnings(stack: TerraformStack, ...constructs: IConstruct[]): string[] {
  Testing.synth(stack);
  return constructs.flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
}

describe("HA namespaces behind private endpoints", () => {
  test("an endpoint in the primary region only: the replica region and the missing HA DNS are named", () => {
    const { stack } = constructStack();
    const east = endpoint(stack, "aws-us-east-1", "us-east-1");
    const found = warnings(stack, east);
    expect(found).toEqual([
      expect.stringMatching(/^namespace "billing" is replicated to aws-us-west-2, but no private endpoint in this stack serves it there: .*add a private endpoint in aws-us-west-2 serving "billing"/),
      expect.stringMatching(/^namespace "billing" is replicated and gets no private DNS from this endpoint .*add HaPrivateDns with a record for aws-us-east-1 and aws-us-west-2/),
    ]);
  });

  test("endpoints in both regions plus HaPrivateDns (created after them): no warning", () => {
    const { stack } = constructStack();
    const east = endpoint(stack, "aws-us-east-1", "us-east-1");
    const west = endpoint(stack, "aws-us-west-2", "us-west-2");
    new HaPrivateDns(stack, "ha-dns", {
      regions: [{ region: "aws-us-east-1", target: east.dnsName }, { region: "aws-us-west-2", target: west.dnsName }],
      aws: { vpcs: [{ vpcId: "vpc-us-east-1", awsRegion: "us-east-1" }] },
    });
    expect(warnings(stack, east, west)).toEqual([]);
  });

  test("both regions without private DNS: no warning (workers dial the endpoints with the region server name)", () => {
    const { stack } = constructStack();
    const east = endpoint(stack, "aws-us-east-1", "us-east-1", { privateDns: false });
    const west = endpoint(stack, "aws-us-west-2", "us-west-2", { privateDns: false });
    expect(warnings(stack, east, west)).toEqual([]);
  });

  test("an existing endpoint in the replica region counts", () => {
    const { stack } = constructStack();
    const east = endpoint(stack, "aws-us-east-1", "us-east-1", { privateDns: false });
    PrivateLinkEndpoint.fromEndpointAttributes(stack, "west", { region: "aws-us-west-2", address: "vpce-1.us-west-2.vpce.amazonaws.com", privateDns: false, accountId: "a1b2c", namespaces: [HA] });
    expect(warnings(stack, east)).toEqual([]);
  });

  test("a single-region namespace gets no warning", () => {
    const { stack } = constructStack();
    const east = endpoint(stack, "aws-us-east-1", "us-east-1", { namespaces: [{ name: "orders", regions: ["aws-us-east-1"] }] });
    expect(warnings(stack, east)).toEqual([]);
  });
});
