// Snapshots of the private-networking and HA examples, plus the properties each example exists to show.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { EXAMPLES_DIR, resourcesOf, synthConfig, type SynthJson } from "../helpers";

function synthExample(file: string): SynthJson {
  return synthConfig(parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8")));
}

const ruleRef = (json: SynthJson, type: "private" | "public") =>
  Object.entries(json.resource?.temporalcloud_connectivity_rule ?? {}).filter(([, r]) => r.connectivity_type === type).map(([name]) => `\${temporalcloud_connectivity_rule.${name}.id}`);

describe("networking and HA examples", () => {
  test("aws-privatelink.yaml: one shared endpoint, zones per namespace, public rule only for staging", () => {
    const json = synthExample("aws-privatelink.yaml");
    expect(resourcesOf(json, "aws_vpc_endpoint")).toHaveLength(1);
    const [privateRule] = ruleRef(json, "private");
    const [publicRule] = ruleRef(json, "public");
    const byName = Object.fromEntries(resourcesOf(json, "temporalcloud_namespace").map((n) => [n.name, n.connectivity_rule_ids]));
    expect(byName["payments-prod"]).toEqual([privateRule]);
    expect(byName["payments-staging"]).toEqual([privateRule, publicRule]);
    expect(resourcesOf(json, "aws_route53_zone").map((z) => z.name).sort()).toEqual(["payments-prod.a1b2c.tmprl.cloud", "payments-staging.a1b2c.tmprl.cloud"]);
  });

  test("gcp-psc.yaml: PSC endpoint, DNS, firewall, private rule attached, no public rule", () => {
    const json = synthExample("gcp-psc.yaml");
    expect(resourcesOf(json, "google_compute_forwarding_rule")).toHaveLength(1);
    expect(resourcesOf(json, "google_dns_record_set")).toHaveLength(1);
    expect(resourcesOf(json, "google_compute_firewall")).toHaveLength(1);
    expect(ruleRef(json, "public")).toEqual([]);
    expect(resourcesOf(json, "temporalcloud_namespace")[0].connectivity_rule_ids).toEqual(ruleRef(json, "private"));
  });

  test("ha-multi-region.yaml: replicated namespace, PrivateLink in both regions, HA DNS records", () => {
    const json = synthExample("ha-multi-region.yaml");
    const [ns] = resourcesOf(json, "temporalcloud_namespace");
    expect(ns.regions).toEqual(["aws-us-east-1", "aws-us-west-2"]);
    expect(resourcesOf(json, "aws_vpc_endpoint").map((e) => e.region).sort()).toEqual(["us-east-1", "us-west-2"]);
    expect(ns.connectivity_rule_ids).toEqual(ruleRef(json, "private"));
    expect((ns.connectivity_rule_ids as string[]).length).toBe(2);
    expect(resourcesOf(json, "aws_route53_zone").map((z) => z.name)).toEqual(["region.tmprl.cloud"]);
    expect(resourcesOf(json, "aws_route53_record").map((r) => r.name).sort()).toEqual(["aws-us-east-1.region.tmprl.cloud", "aws-us-west-2.region.tmprl.cloud"]);
  });

  test("ha-multi-cloud.yaml: AWS + GCP replicas, endpoints and DNS on both sides", () => {
    const json = synthExample("ha-multi-cloud.yaml");
    const [ns] = resourcesOf(json, "temporalcloud_namespace");
    expect(ns.regions).toEqual(["aws-us-east-1", "gcp-us-central1"]);
    expect(resourcesOf(json, "temporalcloud_connectivity_rule").map((r) => r.region).sort()).toEqual(["aws-us-east-1", "gcp-us-central1"]);
    expect(resourcesOf(json, "aws_route53_record").map((r) => r.name)).toEqual(["aws-us-east-1.region.tmprl.cloud"]);
    expect(resourcesOf(json, "google_dns_record_set").map((r) => r.name)).toEqual(["gcp-us-central1.region.tmprl.cloud."]);
  });
});
