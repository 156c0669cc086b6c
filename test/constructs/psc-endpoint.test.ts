import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ComputeForwardingRule } from "@cdktf/provider-google/lib/compute-forwarding-rule";
import { allRegions } from "../../lib/domain/regions";
import { PscEndpoint, networkUrl, type PscEndpointProps } from "../../lib/constructs/psc-endpoint";
import { ConnectivityRule } from "../../lib/providers/temporalcloud/connectivity-rule";
import { constructStack, problemsOf, resourcesOf } from "../helpers";

const BASE: PscEndpointProps = {
  region: "gcp-us-central1",
  project: "acme-prod",
  network: "workers",
  subnetwork: "workers-us-central1",
  accountId: "a1b2c",
  namespaces: [{ name: "orders", regions: ["gcp-us-central1"] }],
};

function build(props: Partial<PscEndpointProps> = {}) {
  const { stack, synth, synthString } = constructStack();
  new GoogleProvider(stack, "google", { project: "acme-prod" });
  const endpoint = new PscEndpoint(stack, "psc", { ...BASE, ...props });
  return { stack, endpoint, synth, synthString };
}

describe("PscEndpoint", () => {
  test.each(allRegions().filter((r) => r.cloud === "gcp").map((r) => [r.cloudApiCode, r.region, r.pscServiceAttachment]))(
    "%s: internal address and forwarding rule to the catalogue attachment in %s",
    (code, gcpRegion, attachment) => {
      const { synth, synthString } = build({ region: code as string, namespaces: [{ name: "orders", regions: [code as string] }] });
      expect(synthString()).toHaveResourceWithProperties(ComputeForwardingRule, {
        target: attachment,
        region: gcpRegion,
        network: "workers",
        load_balancing_scheme: "",
      });
      const [address] = resourcesOf(synth(), "google_compute_address");
      expect(address).toMatchObject({ address_type: "INTERNAL", subnetwork: "workers-us-central1", region: gcpRegion });
    },
  );

  test("forwarding rule uses the reserved internal address", () => {
    const json = build().synth();
    const [addressName] = Object.keys(json.resource?.google_compute_address ?? {});
    expect(resourcesOf(json, "google_compute_forwarding_rule")[0].ip_address).toBe(`\${google_compute_address.${addressName}.id}`);
  });

  test("Cloud DNS private zone bound to the network with an A record to the PSC IP", () => {
    const json = build().synth();
    const [[zoneName, zone]] = Object.entries(json.resource?.google_dns_managed_zone ?? {});
    expect(zone).toMatchObject({
      dns_name: "orders.a1b2c.tmprl.cloud.",
      visibility: "private",
      private_visibility_config: { networks: [{ network_url: "https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/workers" }] },
    });
    const [record] = resourcesOf(json, "google_dns_record_set");
    expect(record).toMatchObject({ name: "orders.a1b2c.tmprl.cloud.", type: "A", ttl: 60, managed_zone: `\${google_dns_managed_zone.${zoneName}.name}` });
    expect(record.rrdatas).toEqual([expect.stringMatching(/google_compute_address\..*\.address/)]);
  });

  test("private connectivity rule: PSC connection id, project and Temporal region", () => {
    const { synthString } = build();
    expect(synthString()).toHaveResourceWithProperties(ConnectivityRule, {
      connectivity_type: "private",
      connection_id: expect.stringMatching(/google_compute_forwarding_rule\..*\.psc_connection_id/),
      gcp_project_id: "acme-prod",
      region: "gcp-us-central1",
    });
  });

  test("firewall only when asked: egress TCP 7233 to the endpoint IP for the tagged workers", () => {
    expect(resourcesOf(build().synth(), "google_compute_firewall")).toHaveLength(0);
    const [rule] = resourcesOf(build({ firewall: { targetTags: ["temporal-worker"] } }).synth(), "google_compute_firewall");
    expect(rule).toMatchObject({ direction: "EGRESS", allow: [{ protocol: "tcp", ports: ["7233"] }], target_tags: ["temporal-worker"] });
    expect(rule.destination_ranges).toEqual([expect.stringMatching(/google_compute_address\..*\.address\}\/32$/)]);
  });

  test("errors: GCP without project, AWS region, namespace of another region", () => {
    const problems = problemsOf(() => build({ project: "", namespaces: [{ name: "orders", regions: ["gcp-us-east4"] }] }));
    expect(problems).toContain("project: is required");
    expect(problems).toContain('namespace "orders" is in gcp-us-east4, not in the endpoint\'s region "gcp-us-central1"');
    expect(problemsOf(() => build({ region: "aws-us-east-1", namespaces: [] }))).toContain('region: "aws-us-east-1" is on AWS');
    expect(problemsOf(() => build({ region: "gcp-us-central2", namespaces: [] }))).toContain("is not a Temporal Cloud region");
  });

  test("network URLs: names, paths and self links", () => {
    expect(networkUrl("p", "net")).toBe("https://www.googleapis.com/compute/v1/projects/p/global/networks/net");
    expect(networkUrl("p", "projects/host/global/networks/shared")).toBe("https://www.googleapis.com/compute/v1/projects/host/global/networks/shared");
    expect(networkUrl("p", "https://www.googleapis.com/compute/v1/projects/x/global/networks/y")).toBe("https://www.googleapis.com/compute/v1/projects/x/global/networks/y");
  });
});
