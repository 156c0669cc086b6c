import { reviewDirectories } from "../../lib/review";
import { main } from "../../lib/cli/main";
import { estate, namespace, nsRef, ref, writeOut, type Resources } from "./fixtures";

function review(base: Resources, head: Resources, options = {}) {
  return reviewDirectories(writeOut({ estate: base }), writeOut({ estate: head }), options);
}

function kinds(result: ReturnType<typeof review>): string[] {
  return result.findings.map((f) => f.kind);
}

describe("review: security-relevant namespace changes", () => {
  test("regions of an existing production namespace: forced replacement, blocking, exit 1", () => {
    const result = review(estate([namespace("payments")]), estate([namespace("payments", { regions: ["aws-us-east-1", "aws-us-west-2"] })]));
    expect(kinds(result)).toEqual(["forced-replacement"]);
    expect(result.blocking).toHaveLength(1);
    expect(result.exitCode).toBe(1);
    expect(result.markdown).toContain("🛑 **Forced replacement** (stack `estate` · namespace `payments` (production)): namespace `payments`: regions [aws-us-east-1] → [aws-us-east-1, aws-us-west-2]");
    expect(result.markdown).toContain("[!CAUTION]");
  });

  test("the override flag keeps the finding but exits 0", () => {
    const result = review(estate([namespace("payments")]), estate([namespace("payments", { regions: ["aws-us-west-2"] })]), { allowReplacement: true });
    expect(result.blocking).toHaveLength(1);
    expect(result.exitCode).toBe(0);
    expect(result.markdown).toContain("accepted with --allow-replacement");
  });

  test("regions change of a development namespace is reported but does not block", () => {
    const result = review(estate([namespace("sandbox", {}, "development")]), estate([namespace("sandbox", { regions: ["aws-eu-west-1"] }, "development")]));
    expect(kinds(result)).toEqual(["forced-replacement"]);
    expect(result.exitCode).toBe(0);
  });

  test("region order alone (the provider ignores it after a failover) is not a replacement", () => {
    const two = { regions: ["aws-us-east-1", "aws-us-west-2"] };
    const result = review(estate([namespace("payments", two)]), estate([namespace("payments", { regions: ["aws-us-west-2", "aws-us-east-1"] })]));
    expect(kinds(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test("production-ness without the marker: prevent_destroy, or --production-pattern", () => {
    const bare = (regions: string[], extra = {}) => namespace("orders-prod", { regions, ...extra }, null);
    const withLifecycle = review(estate([bare(["aws-us-east-1"], { lifecycle: { prevent_destroy: true } })]), estate([bare(["aws-us-west-2"], { lifecycle: { prevent_destroy: true } })]));
    expect(withLifecycle.exitCode).toBe(1);
    const plain = review(estate([bare(["aws-us-east-1"])]), estate([bare(["aws-us-west-2"])]));
    expect(plain.exitCode).toBe(0);
    const byName = review(estate([bare(["aws-us-east-1"])]), estate([bare(["aws-us-west-2"])]), { productionNamePattern: /-prod$/ });
    expect(byName.exitCode).toBe(1);
  });

  test("removing a production namespace blocks; adding one does not", () => {
    const removed = review(estate([namespace("payments"), namespace("ledger")]), estate([namespace("ledger")]));
    expect(kinds(removed)).toEqual(["namespace-destroyed"]);
    expect(removed.exitCode).toBe(1);
    const added = review(estate([namespace("ledger")]), estate([namespace("ledger"), namespace("payments")]));
    expect(kinds(added)).toEqual([]);
    expect(added.markdown).toContain("➕ added `temporalcloud_namespace.ns-payments_namespace`");
  });

  test.each([
    ["api key auth disabled", { api_key_auth: false, accepted_client_ca: "QUJD" }, "auth-changed", "API-key authentication disabled"],
    ["mTLS enabled", { accepted_client_ca: "QUJD" }, "auth-changed", "mTLS enabled"],
    ["retention lowered", { retention_days: 7 }, "retention-lowered", "retention 30 → 7 days"],
    ["delete protection off", { namespace_lifecycle: { enable_delete_protection: false } }, "delete-protection-off", "delete protection turned off"],
    ["prevent_destroy removed", { lifecycle: undefined }, "prevent-destroy-removed", "lifecycle.prevent_destroy removed"],
  ])("%s", (_label, change, kind, text) => {
    const result = review(estate([namespace("payments")]), estate([namespace("payments", change)]));
    expect(kinds(result)).toContain(kind);
    expect(result.markdown).toContain(text);
    expect(result.exitCode).toBe(0);
  });

  test("retention raised is not a finding", () => {
    const result = review(estate([namespace("payments")]), estate([namespace("payments", { retention_days: 60 })]));
    expect(kinds(result)).toEqual([]);
    expect(result.markdown).toContain("✏️ changed `temporalcloud_namespace.ns-payments_namespace`: `retention_days`");
  });

  test("CA bundle changed and certificate filters removed", () => {
    const base = namespace("payments", { accepted_client_ca: "QUJD", certificate_filters: [{ common_name: "payments" }] });
    const head = namespace("payments", { accepted_client_ca: "REVG", certificate_filters: [] });
    const result = review(estate([base]), estate([head]));
    expect(kinds(result).sort()).toEqual(["ca-bundle-changed", "certificate-filters-changed"]);
    expect(result.markdown).toContain("certificate filters changed (1 → 0); with no filters left, any certificate from the accepted CAs is allowed");
  });

  test("all connectivity rules detached: public access added", () => {
    const rule = { temporalcloud_connectivity_rule: { private: { connectivity_type: "private", connection_id: "vpce-1", region: "aws-us-east-1" } } };
    const base = estate([namespace("payments", { connectivity_rule_ids: [ref("temporalcloud_connectivity_rule", "private")] })], rule);
    const head = estate([namespace("payments")], rule);
    const result = review(base, head);
    expect(kinds(result)).toEqual(["public-access-added"]);
    expect(result.markdown).toContain("reachable over the public internet");
  });
});

describe("review: other resource types", () => {
  test("new public connectivity rule attached to a namespace", () => {
    const base = estate([namespace("payments")]);
    const head = estate([namespace("payments", { connectivity_rule_ids: [ref("temporalcloud_connectivity_rule", "public")] })], {
      temporalcloud_connectivity_rule: { public: { connectivity_type: "public" } },
    });
    const result = review(base, head);
    expect(kinds(result)).toContain("public-access-added");
    expect(result.markdown).toContain("public connectivity rule `temporalcloud_connectivity_rule.public` added, attached to `payments`");
  });

  test("an existing public connectivity rule attached to another namespace", () => {
    const rules = { temporalcloud_connectivity_rule: { public: { connectivity_type: "public" } } };
    const attached = { connectivity_rule_ids: [ref("temporalcloud_connectivity_rule", "public")] };
    const base = estate([namespace("web", attached), namespace("payments")], rules);
    const head = estate([namespace("web", attached), namespace("payments", attached)], rules);
    const result = review(base, head);
    expect(kinds(result)).toEqual(["public-access-added"]);
    expect(result.findings[0].namespace).toBe("payments");
    expect(result.markdown).toContain("namespace `payments`: public connectivity rule `temporalcloud_connectivity_rule.public` attached");
  });

  test("service account permission raised, grouped under its namespace", () => {
    const sa = (permission: string) => ({ temporalcloud_service_account: { worker: { name: "payments-worker", account_access: "read", namespace_accesses: [{ namespace_id: nsRef("payments"), permission }] } } });
    const result = review(estate([namespace("payments")], sa("write")), estate([namespace("payments")], sa("admin")));
    expect(kinds(result)).toEqual(["permission-raised"]);
    expect(result.findings[0].namespace).toBe("payments");
    expect(result.markdown).toContain("service account `payments-worker`: `write` → `admin` on namespace `payments`");
    expect(result.markdown).toContain("**Namespace `payments`**\n\n- ✏️ changed `temporalcloud_service_account.worker`: `namespace_accesses`");
  });

  test("account role raised; permission lowered is not a finding", () => {
    const sa = (role: string, permission: string) => ({ temporalcloud_service_account: { ops: { name: "ops", account_access: role, namespace_accesses: [{ namespace_id: nsRef("payments"), permission }] } } });
    const raised = review(estate([namespace("payments")], sa("read", "write")), estate([namespace("payments")], sa("developer", "write")));
    expect(raised.markdown).toContain("service account `ops`: account role `read` → `developer`");
    const lowered = review(estate([namespace("payments")], sa("developer", "write")), estate([namespace("payments")], sa("read", "read")));
    expect(kinds(lowered)).toEqual([]);
  });

  test("API key expiry extended (literal date) and via a longer rotation", () => {
    const key = (expiry: string) => ({ temporalcloud_apikey: { k: { display_name: "payments-key", owner_type: "service-account", owner_id: "sa-1", expiry_time: expiry } } });
    const literal = review(estate([namespace("payments")], key("2026-01-01T00:00:00Z")), estate([namespace("payments")], key("2026-12-27T00:00:00Z")));
    expect(literal.markdown).toContain("API key `payments-key`: expiry 2026-01-01T00:00:00Z → 2026-12-27T00:00:00Z (+360 days)");
    const rotating = (days: number): Resources => ({
      time_rotating: { r: { rotation_days: days } },
      temporalcloud_apikey: { k: { display_name: "payments-key", owner_type: "service-account", owner_id: "sa-1", expiry_time: ref("time_rotating", "r", "rotation_rfc3339") } },
    });
    const viaRotation = review(estate([namespace("payments")], rotating(30)), estate([namespace("payments")], rotating(90)));
    expect(kinds(viaRotation)).toEqual(["api-key-expiry-extended"]);
    expect(viaRotation.markdown).toContain("period 30 days → 90 days");
    const shorter = review(estate([namespace("payments")], rotating(90)), estate([namespace("payments")], rotating(30)));
    expect(kinds(shorter)).toEqual([]);
  });

  test("blocking findings come first in the list", () => {
    const base = estate([namespace("a"), namespace("b")]);
    const head = estate([namespace("a", { retention_days: 7 }), namespace("b", { regions: ["aws-us-west-2"] })]);
    const result = review(base, head);
    expect(kinds(result)).toEqual(["forced-replacement", "retention-lowered"]);
    const text = result.markdown;
    expect(text.indexOf("Forced replacement")).toBeLessThan(text.indexOf("Retention lowered"));
  });

  test("no changes: says so and exits 0", () => {
    const result = review(estate([namespace("a")]), estate([namespace("a")]));
    expect(result.markdown).toContain("No resource changes.");
    expect(result.markdown).toContain("### Security-relevant changes (0)\n\nNone.");
    expect(result.exitCode).toBe(0);
  });
});

describe("review: Mermaid estate diagram", () => {
  test("draws namespaces, replicas, service accounts, keys, rules, endpoints and CAs, marking changes", () => {
    const head = estate([namespace("payments", { regions: ["aws-us-east-1", "aws-us-west-2"], accepted_client_ca: "${base64encode(tls_self_signed_cert.ca.cert_pem)}", connectivity_rule_ids: [ref("temporalcloud_connectivity_rule", "pl")] })], {
      tls_self_signed_cert: { ca: { is_ca_certificate: true, subject: [{ common_name: "Payments CA" }] } },
      temporalcloud_connectivity_rule: { pl: { connectivity_type: "private", connection_id: ref("aws_vpc_endpoint", "vpce"), region: "aws-us-east-1" } },
      aws_vpc_endpoint: { vpce: { vpc_id: "vpc-1", service_name: "com.amazonaws.vpce.us-east-1.vpce-svc-1" } },
      temporalcloud_service_account: { sa: { name: "payments-worker", namespace_accesses: [{ namespace_id: nsRef("payments"), permission: "write" }] } },
      temporalcloud_apikey: { key: { display_name: "payments-key", owner_type: "service-account", owner_id: ref("temporalcloud_service_account", "sa"), expiry_time: "2027-01-01T00:00:00Z" } },
    });
    const base = estate([namespace("payments", { regions: ["aws-us-east-1", "aws-us-west-2"], accepted_client_ca: "${base64encode(tls_self_signed_cert.ca.cert_pem)}", connectivity_rule_ids: [ref("temporalcloud_connectivity_rule", "pl")] })], {
      tls_self_signed_cert: { ca: { is_ca_certificate: true, subject: [{ common_name: "Payments CA" }] } },
      temporalcloud_connectivity_rule: { pl: { connectivity_type: "private", connection_id: ref("aws_vpc_endpoint", "vpce"), region: "aws-us-east-1" } },
      aws_vpc_endpoint: { vpce: { vpc_id: "vpc-1", service_name: "com.amazonaws.vpce.us-east-1.vpce-svc-1" } },
      temporalcloud_service_account: { old: { name: "legacy", namespace_accesses: [{ namespace_id: nsRef("payments"), permission: "read" }] } },
    });
    const md = review(base, head).markdown;
    const diagram = md.slice(md.indexOf("```mermaid"));
    const ns = "s0_temporalcloud_namespace_ns_payments_namespace";
    expect(diagram).toContain(`${ns}["namespace<br/>payments<br/>aws-us-east-1"]`);
    expect(diagram).toContain(`${ns} --> ${ns}_replica_aws_us_west_2`);
    expect(diagram).toContain(`${ns} --> s0_tls_self_signed_cert_ca`);
    expect(diagram).toContain(`s0_tls_self_signed_cert_ca{{"CA<br/>Payments CA"}}`);
    expect(diagram).toContain(`${ns} --> s0_temporalcloud_connectivity_rule_pl`);
    expect(diagram).toContain("s0_temporalcloud_connectivity_rule_pl --> s0_aws_vpc_endpoint_vpce");
    expect(diagram).toContain(`s0_temporalcloud_service_account_sa(["service account<br/>payments-worker"]):::added`);
    expect(diagram).toContain(`s0_temporalcloud_apikey_key --> s0_temporalcloud_service_account_sa`);
    expect(diagram).toContain(`s0_temporalcloud_service_account_old(["service account<br/>legacy"]):::removed`);
    expect(diagram).toContain("classDef removed");
  });

  test("a large estate draws only changed namespaces and says how many are left out", () => {
    const many = Array.from({ length: 200 }, (_, i) => namespace(`ns-${String(i).padStart(3, "0")}`));
    const changed = many.map((ns, i) => (i === 7 ? { ...ns, retention_days: 60 } : ns));
    const md = review(estate(many), estate(changed)).markdown;
    expect(md).toContain('s0_temporalcloud_namespace_ns_ns_007_namespace["namespace<br/>ns-007<br/>aws-us-east-1"]:::changed');
    expect(md).not.toContain("ns_ns_008_namespace");
    expect(md).toContain("199 namespace(s) are not drawn");
  });

  test("a literal CA bundle becomes one node shared by namespaces with the same bundle", () => {
    const doc = estate([namespace("a", { accepted_client_ca: "QUJD" }), namespace("b", { accepted_client_ca: "QUJD" })]);
    const md = review(doc, doc).markdown;
    const bundles = md.match(/ca_bundle_[0-9a-f]{8}\{\{/g) ?? [];
    expect(bundles).toHaveLength(1);
    expect(md.match(/--> s0_ca_bundle_/g)).toHaveLength(2);
  });
});

describe("review command", () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
  }

  test("exit 1 on a production replacement, 0 with --allow-replacement; --out writes the comment", async () => {
    const base = writeOut({ estate: estate([namespace("payments")]) });
    const head = writeOut({ estate: estate([namespace("payments", { regions: ["aws-us-west-2"] })]) });
    const first = capture();
    expect(await main(["review", base, head], first.io)).toBe(1);
    expect(first.out.join("")).toContain("Forced replacement");
    expect(first.err.join("")).toContain("--allow-replacement");
    const second = capture();
    const file = `${head}/review.md`;
    expect(await main(["review", base, head, "--allow-replacement", "--out", file], second.io)).toBe(0);
    expect(require("node:fs").readFileSync(file, "utf8")).toContain("## Temporal Cloud plan review");
  });

  test("usage errors: wrong argument count, missing folder, bad pattern", async () => {
    const dir = writeOut({ estate: estate([namespace("a")]) });
    const one = capture();
    expect(await main(["review", dir], one.io)).toBe(2);
    expect(one.err.join("")).toContain("exactly two arguments");
    const missing = capture();
    expect(await main(["review", dir, "/nonexistent/cdktf.out"], missing.io)).toBe(2);
    expect(missing.err.join("")).toContain("/nonexistent/cdktf.out does not exist");
    const pattern = capture();
    expect(await main(["review", dir, dir, "--production-pattern", "("], pattern.io)).toBe(2);
    expect(pattern.err.join("")).toContain("is not a valid regular expression");
  });
});
