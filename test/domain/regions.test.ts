import { allRegions, editDistance, findRegion, getRegion, nearestRegionCodes } from "../../lib/domain/regions";

describe("region catalogue", () => {
  test("holds the documented AWS and GCP regions with their private endpoints", () => {
    const regions = allRegions();
    expect(regions.filter((r) => r.cloud === "aws")).toHaveLength(14);
    expect(regions.filter((r) => r.cloud === "gcp")).toHaveLength(6);
    for (const r of regions.filter((r) => r.cloud === "aws")) expect(r.privateLinkServiceName).toMatch(new RegExp(`^com\\.amazonaws\\.vpce\\.${r.region}\\.vpce-svc-[0-9a-f]+$`));
    for (const r of regions.filter((r) => r.cloud === "gcp")) expect(r.pscServiceAttachment).toMatch(new RegExp(`^projects/[^/]+/regions/${r.region}/serviceAttachments/`));
  });

  test("a fact a region lacks (null in regions.json) is an absent property, as jsii carries it", () => {
    const aws = getRegion("aws-us-east-1");
    const gcp = getRegion("gcp-us-central1");
    expect("pscServiceAttachment" in aws).toBe(false);
    expect("privateLinkServiceName" in gcp).toBe(false);
    for (const r of allRegions()) expect(Object.values(r)).not.toContain(null);
    expect(Object.keys(aws)).toEqual(expect.arrayContaining(["cloudApiCode", "regionDnsRecord", "privateLinkServiceName", "multiCloudReplicaRegions"]));
  });

  test("looks up by Cloud API code", () => {
    expect(getRegion("aws-us-east-1").regionDnsRecord).toBe("aws-us-east-1.region.tmprl.cloud");
    expect(findRegion("aws-us-east-9")).toBeUndefined();
    expect(() => getRegion("aws-us-east-9")).toThrow(/did you mean "aws-us-east-1"/);
  });

  test("suggests the nearest codes for typos and missing prefixes", () => {
    expect(nearestRegionCodes("aws-eu-west1")[0]).toBe("aws-eu-west-1");
    expect(nearestRegionCodes("us-central1")[0]).toBe("gcp-us-central1");
    expect(editDistance("kitten", "sitting")).toBe(3);
    // Far longer than any candidate: the length gap, without the n·m table (a 100 KB region value stays fast).
    expect(editDistance("x".repeat(100_000), "aws-us-east-1")).toBe(100_000 - 13);
    expect(nearestRegionCodes("x".repeat(100_000))).toHaveLength(3);
  });

  test("replica lists only name catalogue regions", () => {
    for (const r of allRegions()) {
      for (const replica of [...r.multiRegionReplicaRegions, ...r.multiCloudReplicaRegions]) expect(findRegion(replica)).toBeDefined();
    }
  });
});
