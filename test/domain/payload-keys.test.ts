import { awsKeyReplicaRegions, gcpKmsLocationCovers, gcpKmsLocationFor } from "../../lib/domain/payload-keys";
import { minimalConfig, resolve } from "../helpers";

describe("where a payload key must be usable", () => {
  test("AWS: a replica in every other AWS region of the namespace, none for other clouds", () => {
    expect(awsKeyReplicaRegions("us-east-1", ["aws-us-east-1", "aws-us-west-2"])).toEqual(["us-west-2"]);
    expect(awsKeyReplicaRegions("eu-west-1", ["aws-us-east-1", "aws-us-west-2"])).toEqual(["us-east-1", "us-west-2"]);
    expect(awsKeyReplicaRegions("us-east-1", ["aws-us-east-1"])).toEqual([]);
    expect(awsKeyReplicaRegions("us-east-1", ["aws-us-east-1", "gcp-us-central1"])).toEqual([]);
  });

  test("GCP: a location serves its own region, and multi-regions serve their continent", () => {
    expect(gcpKmsLocationCovers("us-central1", "us-central1")).toBe(true);
    expect(gcpKmsLocationCovers("us-central1", "us-east4")).toBe(false);
    expect(gcpKmsLocationCovers("us", "us-east4")).toBe(true);
    expect(gcpKmsLocationCovers("europe", "us-east4")).toBe(false);
    expect(gcpKmsLocationCovers("global", "asia-south1")).toBe(true);
    expect(gcpKmsLocationFor(["us-central1", "us-east4"])).toBe("us");
    expect(gcpKmsLocationFor(["us-central1", "europe-west3"])).toBe("global");
  });

  test("resolve decides the replica regions of an HA namespace's AWS key once", () => {
    const identity = { awsRoleArn: "arn:aws:iam::111122223333:role/codec" };
    const ha = resolve(minimalConfig({}, { ha: { mode: "multi-region", replica: "aws-us-west-2" }, encryption: { aws: { region: "us-east-1" }, codecServerIdentity: identity } }));
    expect(ha.namespaces[0].payloadKeyReplicaRegions).toEqual(["us-west-2"]);
    const single = resolve(minimalConfig({}, { encryption: { aws: { region: "us-east-1" }, codecServerIdentity: identity } }));
    expect(single.namespaces[0].payloadKeyReplicaRegions).toEqual([]);
  });
});
